#pragma once

#include <QList>
#include <QLoggingCategory>
#include <QString>

#include <map>
#include <string>

namespace skydns::config {

// lcConfig is the logging category of the configuration module ("skydns.config").
Q_DECLARE_LOGGING_CATEGORY(lcConfig)

// ConfigSource says where an effective configuration value came from (spec 1.1): the built-in
// default, an environment variable, a command-line flag, the JSON of /<prefix>/config in etcd, or
// /etc/resolv.conf (nameservers only).
enum class ConfigSource { Default, Environment, Flag, Etcd, ResolvConf };

// sourceName is the lower-case word for a source: "default", "env", "flag", "etcd", "resolv.conf".
QString sourceName(ConfigSource source);

// SourceMap maps a setting's key (see settings.h, e.g. "dns_addr", "machines") to the source of its
// effective value. A key that is absent came from the default.
using SourceMap = std::map<std::string, ConfigSource>;

// sourceOf looks key up in sources, Default when absent.
ConfigSource sourceOf(const SourceMap &sources, const std::string &key);

// ConfigIssue is one problem found by a loader: the key as the user wrote it ("-addr",
// "SKYDNS_NDOTS", "dns_addr in /skydns/config"), the offending value, and what is wrong with it.
struct ConfigIssue
{
    QString key;
    QString value;
    QString message;
    bool showValue = true; // false when there is no value to show ("-bogus: flag provided but not defined")

    // toString renders the issue for people: `-addr "nonsense": missing port in address`.
    QString toString() const;
};

// LoadResult collects what a loader found. Errors stop start-up (bad config names its key and
// value); warnings are logged and the value in question is ignored. Loaders never throw.
struct LoadResult
{
    QList<ConfigIssue> errors;
    QList<ConfigIssue> warnings;

    // ok is true when there are no errors.
    bool ok() const { return errors.isEmpty(); }
    // append adds other's errors and warnings to this one.
    void append(const LoadResult &other);
    // errorText joins every error, one per line.
    QString errorText() const;
};

} // namespace skydns::config
