#include "etcdjson.h"

#include "goparse.h"
#include "settings.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace skydns::config {

namespace {

using Json = nlohmann::ordered_json; // keeps document order, so the last of two spellings wins as in Go

// jsonText shows a JSON value in a message: strings without their quotes (the message quotes the
// value), everything else as JSON.
QString jsonText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

// storeInteger puts an integer JSON value into an integer member, refusing what Go's
// json.Unmarshal refuses: non-integer literals (1.5, 1e3), strings, and values out of the range of
// the Go field type (uint16 priority, uint32 ttl, ...).
template<typename T>
QString storeInteger(T &member, const Json &value)
{
    if (value.is_number_unsigned()) {
        const auto n = value.get<std::uint64_t>();
        if (n > std::uint64_t(std::numeric_limits<T>::max()))
            return QStringLiteral("out of range for this key");
        member = T(n);
        return {};
    }
    if (value.is_number_integer()) {
        const auto n = value.get<std::int64_t>();
        if (n < std::int64_t(std::numeric_limits<T>::min()) || n > std::int64_t(std::numeric_limits<T>::max()))
            return QStringLiteral("out of range for this key");
        member = T(n);
        return {};
    }
    return QStringLiteral("must be an integer");
}

// store applies one JSON value to one setting; returns the reason on failure.
QString store(const Setting &setting, ServiceConfig &config, const Json &value)
{
    return std::visit(
        [&](auto field) -> QString {
            auto &member = config.*field;
            using T = std::decay_t<decltype(member)>;
            if constexpr (std::is_same_v<T, std::string>) {
                if (!value.is_string())
                    return QStringLiteral("must be a string");
                member = value.get<std::string>();
            } else if constexpr (std::is_same_v<T, bool>) {
                if (!value.is_boolean())
                    return QStringLiteral("must be true or false");
                member = value.get<bool>();
            } else if constexpr (std::is_same_v<T, std::chrono::milliseconds>) {
                if (value.is_string()) { // ours: "2s" is easier to write than 2000000000
                    QString why;
                    const auto d = parseGoDuration(QString::fromStdString(value.get<std::string>()), &why);
                    if (!d)
                        return why;
                    member = toConfigMilliseconds(*d);
                    return {};
                }
                std::int64_t ns = 0;
                const QString why = storeInteger(ns, value);
                if (!why.isEmpty())
                    return QStringLiteral("must be an integer number of nanoseconds (Go duration)");
                member = toConfigMilliseconds(std::chrono::nanoseconds(ns));
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                if (!value.is_array())
                    return QStringLiteral("must be an array of strings");
                std::vector<std::string> items;
                for (const Json &item : value) {
                    if (!item.is_string())
                        return QStringLiteral("must be an array of strings");
                    items.push_back(item.get<std::string>());
                }
                member = std::move(items);
            } else {
                return storeInteger(member, value);
            }
            return {};
        },
        setting.field);
}

} // namespace

QString etcdConfigKey(const std::string &pathPrefix)
{
    return QLatin1Char('/') + QString::fromStdString(pathPrefix) + QStringLiteral("/config");
}

LoadResult applyEtcdJson(ServiceConfig &config, SourceMap &sources, const QByteArray &json, const QString &configKey)
{
    LoadResult result;
    Json document;
    try {
        document = Json::parse(json.constBegin(), json.constEnd());
    } catch (const Json::exception &e) {
        // The parser's message carries the byte position; it does not leave this function.
        result.errors << ConfigIssue{configKey, QString::fromUtf8(json.left(200)),
                                     QStringLiteral("invalid JSON: ") + QString::fromUtf8(e.what())};
        return result;
    }
    if (!document.is_object()) {
        result.errors << ConfigIssue{configKey, QString::fromUtf8(json.left(200)),
                                     QStringLiteral("must be a JSON object")};
        return result;
    }
    for (auto it = document.begin(); it != document.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        const QString where = key + QStringLiteral(" in ") + configKey;
        const Setting *setting = findSettingByJsonKey(key);
        if (!setting) {
            static const QStringList flagOnly{"path-prefix", "path_prefix", "machines", "verbose", "stubzones",
                                              "discover", "version"};
            const bool known = flagOnly.contains(key, Qt::CaseInsensitive);
            result.warnings << ConfigIssue{where, jsonText(it.value()),
                                           known ? QStringLiteral("set by flag or environment only; ignored")
                                                 : QStringLiteral("unknown key; ignored")};
            continue;
        }
        if (it.value().is_null()) {
            // Go's json.Unmarshal: null leaves a value alone, but sets a slice to nil.
            if (setting->kind == SettingKind::List) {
                (config.*std::get<std::vector<std::string> ServiceConfig::*>(setting->field)).clear();
                sources[setting->key] = ConfigSource::Etcd;
            }
            continue;
        }
        ServiceConfig candidate = config;
        const QString why = store(*setting, candidate, it.value());
        if (!why.isEmpty()) {
            result.errors << ConfigIssue{where, jsonText(it.value()), why};
            continue;
        }
        config = candidate;
        sources[setting->key] = ConfigSource::Etcd;
    }
    return result;
}

} // namespace skydns::config
