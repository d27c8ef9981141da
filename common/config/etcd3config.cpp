#include "config/etcd3config.h"

#include "backend/etcd3client.h"
#include "config/etcdoptions.h"

namespace skydns::config {

std::optional<QByteArray> readEtcd3Config(const ServiceConfig &config, const std::string &key, bool *unreachable,
                                          QString *error)
{
    backend::Etcd3Client client(etcdOptions(config));
    const backend::Etcd3Result result = client.range(key);
    *unreachable = !result.ok();
    if (!result.ok()) {
        *error = QString::fromStdString(result.message);
        return std::nullopt;
    }
    if (result.kvs.empty())
        return std::nullopt;
    return QByteArray::fromStdString(result.kvs.front().value);
}

} // namespace skydns::config
