#include "etcd/kvstorefactory.h"

#include "etcd/etcdv2kvstore.h"
#include "etcd/etcdv3kvstore.h"

namespace skydns::console {

KvStore *createKvStore(const KvStoreOptions &options, QObject *parent)
{
    backend::EtcdOptions etcd;
    etcd.machines.clear();
    for (const QString &machine : options.machines) {
        const QString trimmed = machine.trimmed();
        if (!trimmed.isEmpty())
            etcd.machines.push_back(trimmed.toStdString());
    }
    etcd.caCert = options.caFile.toStdString();
    etcd.tlsCert = options.certFile.toStdString();
    etcd.tlsKey = options.keyFile.toStdString();
    etcd.username = options.username.toStdString();
    etcd.password = options.password.toStdString();
    etcd.requestTimeout = std::chrono::milliseconds(qMax(options.requestTimeoutMs, 100));
    etcd.connectTimeout = std::chrono::milliseconds(qMax(options.connectTimeoutMs, 100));
    if (options.api == KvStoreOptions::Api::V3)
        return new EtcdV3KvStore(std::move(etcd), parent);
    return new EtcdV2KvStore(std::move(etcd), parent);
}

} // namespace skydns::console
