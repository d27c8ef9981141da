#pragma once

#include "backend/etcdclient.h"
#include "config/serviceconfig.h"

namespace skydns::config {

// etcdOptions is how the service reaches etcd according to config: -machines, the TLS files,
// basic auth and -discover (spec 1.3-1.4, 2.5). Timeouts keep EtcdOptions' defaults.
backend::EtcdOptions etcdOptions(const ServiceConfig &config);

} // namespace skydns::config
