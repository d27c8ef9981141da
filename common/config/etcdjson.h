#pragma once

#include "configissue.h"
#include "serviceconfig.h"

#include <QByteArray>
#include <QString>

namespace skydns::config {

// applyEtcdJson is the etcd loader (spec 1.1-1.2): the JSON object stored at /<prefix>/config is
// laid over config as Go's json.Unmarshal lays it over SkyDNS's flag values. Every key present
// replaces the value (and marks its source "etcd"); absent keys keep theirs; an array replaces the
// list, null clears it. Keys match case-insensitively; "ndot" and "ndots" are both accepted;
// read_timeout is integer nanoseconds (a Go duration string such as "2s" is accepted as well).
// A value of the wrong type or out of range is an error naming the key and the value; invalid JSON
// is an error; an unknown key is a warning. Flag/env-only settings (path-prefix, machines, ...)
// given here are warnings and ignored, as in SkyDNS. configKey names the etcd key in messages
// ("/skydns/config").
LoadResult applyEtcdJson(ServiceConfig &config, SourceMap &sources, const QByteArray &json,
                         const QString &configKey = QStringLiteral("/skydns/config"));

// etcdConfigKey is where the configuration lives for a path prefix: "/" + prefix + "/config".
QString etcdConfigKey(const std::string &pathPrefix);

} // namespace skydns::config
