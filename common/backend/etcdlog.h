#pragma once

#include <QLoggingCategory>

namespace skydns::backend {

// lcEtcd is the logging category of the etcd client ("skydns.etcd"), defined in etcdclient.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcEtcd)

} // namespace skydns::backend
