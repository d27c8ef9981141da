#include "config/etcdoptions.h"

namespace skydns::config {

backend::EtcdOptions etcdOptions(const ServiceConfig &config)
{
    backend::EtcdOptions options;
    options.machines = config.machines;
    options.caCert = config.caCert;
    options.tlsCert = config.tlsPem;
    options.tlsKey = config.tlsKey;
    options.username = config.username;
    options.password = config.password;
    options.discover = config.discover;
    return options;
}

} // namespace skydns::config
