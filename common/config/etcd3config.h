#pragma once

#include "config/serviceconfig.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <string>

namespace skydns::config {

// readEtcd3Config reads /<prefix>/config with the etcd v3 API (-etcd3: SkyDNS's etcd3 mode keeps it
// as a plain v3 key) from the etcd that config names (machines, TLS, user and password). It returns
// the JSON when the key exists; otherwise nullopt, with *unreachable false when the key is missing
// and true (and *error saying why) when etcd could not be read.
std::optional<QByteArray> readEtcd3Config(const ServiceConfig &config, const std::string &key, bool *unreachable,
                                          QString *error);

} // namespace skydns::config
