#pragma once

#include "serviceconfig.h"

#include <QString>
#include <QStringList>

#include <variant>
#include <vector>

namespace skydns::config {

// SettingKind is how a setting's value is written on the command line and in JSON.
enum class SettingKind { String, Bool, Int, UInt16, UInt32, Duration, List };

// SettingField points at the ServiceConfig member a setting fills.
using SettingField = std::variant<std::string ServiceConfig::*, bool ServiceConfig::*, int ServiceConfig::*,
                                  std::uint16_t ServiceConfig::*, std::uint32_t ServiceConfig::*,
                                  std::chrono::milliseconds ServiceConfig::*,
                                  std::vector<std::string> ServiceConfig::*>;

// Setting describes one configuration value: its key (the JSON key of /<prefix>/config where it has
// one, else the flag name with '_'), where it may be set (JSON key, flag, environment variable; null
// where it may not) and how the help shows it. The table of all settings is the single source for
// the flag parser, the environment loader, the etcd JSON overlay, --help, source tracking and diffs.
struct Setting
{
    const char *key;
    const char *jsonKey;     // key in /<prefix>/config, or nullptr (flag/env only)
    const char *flag;        // flag name without '-', or nullptr (JSON/env only)
    const char *env;         // environment variable, or nullptr
    SettingKind kind;
    const char *defaultText; // default as the help prints it ("" = none)
    const char *description;
    SettingField field;
    bool secret = false;     // shown as "***" (passwords)
};

// settings lists every setting in the order the effective configuration is printed.
const std::vector<Setting> &settings();

// findSettingByKey finds a setting by its key ("dns_addr"), or nullptr.
const Setting *findSettingByKey(const QString &key);
// findSettingByFlag finds a setting by flag name ("addr"), or nullptr.
const Setting *findSettingByFlag(const QString &flag);
// findSettingByJsonKey finds a setting by a /<prefix>/config key, matched case-insensitively as Go's
// encoding/json does; "ndots" is accepted as well as SkyDNS's "ndot" (README spelling).
const Setting *findSettingByJsonKey(const QString &jsonKey);

// settingValueText renders the setting's value in config for people: strings as they are, booleans
// "true"/"false", durations in Go syntax ("2s"), lists comma-separated. Secrets become "***" unless
// revealSecrets (an empty secret stays empty).
QString settingValueText(const Setting &setting, const ServiceConfig &config, bool revealSecrets = false);

// settingEquals compares the setting's value in two configurations.
bool settingEquals(const Setting &setting, const ServiceConfig &a, const ServiceConfig &b);

// environmentVariables lists every environment variable the service reads (spec 1.4), in help order.
QStringList environmentVariables();

// flagNames lists every flag the service accepts, without '-', sorted as Go's flag package prints them
// (including "version", which is not a setting).
QStringList flagNames();

} // namespace skydns::config
