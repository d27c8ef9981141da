#include "keys/dnssecconfig.h"

#include "etcd/kvstore.h"

#include <nlohmann/json.hpp>

#include <QPointer>

namespace skydns::console {

namespace {

// ordered_json keeps the members in the order the operator wrote them, and integers exactly (a
// QJsonDocument round trip would sort the keys and turn read_timeout's nanoseconds into doubles).
using Json = nlohmann::ordered_json;

std::optional<Json> parseObject(const QByteArray &json, QString *error)
{
    if (json.trimmed().isEmpty())
        return Json::object();
    Json doc = Json::parse(json.constBegin(), json.constEnd(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        if (error)
            *error = QObject::tr("The configuration is not valid JSON; it was left unchanged.");
        return std::nullopt;
    }
    if (!doc.is_object()) {
        if (error)
            *error = QObject::tr("The configuration is not a JSON object; it was left unchanged.");
        return std::nullopt;
    }
    return doc;
}

bool sameKeyIgnoringCase(const std::string &a, const char *b)
{
    return QString::fromStdString(a).compare(QLatin1String(b), Qt::CaseInsensitive) == 0;
}

// member finds the value Go's encoding/json would use: keys match case-insensitively, and a later
// member overrides an earlier one.
QString member(const Json &doc, const char *name)
{
    QString value;
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (sameKeyIgnoringCase(it.key(), name) && it.value().is_string())
            value = QString::fromStdString(it.value().get<std::string>());
    return value;
}

void eraseMember(Json &doc, const char *name)
{
    for (auto it = doc.begin(); it != doc.end();) {
        if (sameKeyIgnoringCase(it.key(), name))
            it = doc.erase(it);
        else
            ++it;
    }
}

QByteArray dump(const Json &doc)
{
    return QByteArray::fromStdString(doc.dump());
}

} // namespace

namespace dnssecconfig {

QString dnssecMember(const QByteArray &json, QString *error)
{
    const std::optional<Json> doc = parseObject(json, error);
    return doc ? member(*doc, "dnssec") : QString();
}

QString domainMember(const QByteArray &json)
{
    const std::optional<Json> doc = parseObject(json, nullptr);
    return doc ? member(*doc, "domain") : QString();
}

std::optional<QByteArray> withDnssec(const QByteArray &json, const QString &basePath, QString *error)
{
    std::optional<Json> doc = parseObject(json, error);
    if (!doc)
        return std::nullopt;
    // Replace in place when the exact key exists (keeps its position); drop other spellings so the
    // case-insensitive match of the service cannot pick an older value.
    bool replaced = false;
    for (auto it = doc->begin(); it != doc->end();) {
        if (it.key() == "dnssec" && !replaced) {
            it.value() = basePath.toStdString();
            replaced = true;
            ++it;
        } else if (sameKeyIgnoringCase(it.key(), "dnssec")) {
            it = doc->erase(it);
        } else {
            ++it;
        }
    }
    if (!replaced)
        (*doc)["dnssec"] = basePath.toStdString();
    return dump(*doc);
}

std::optional<QByteArray> withoutDnssec(const QByteArray &json, QString *error)
{
    std::optional<Json> doc = parseObject(json, error);
    if (!doc)
        return std::nullopt;
    eraseMember(*doc, "dnssec");
    return dump(*doc);
}

} // namespace dnssecconfig

DnssecConfigWriter::DnssecConfigWriter(KvStore *store, const QString &configKey, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_configKey(configKey)
{
}

void DnssecConfigWriter::readCurrent(QObject *context,
                                     std::function<void(bool, const QString &, const QString &)> done)
{
    if (!m_store) {
        done(false, {}, tr("Not connected to etcd."));
        return;
    }
    m_store->get(m_configKey, context, [done](const KvResult &r) {
        if (r.status == KvResult::Status::NotFound)
            return done(true, QString(), QString());
        if (!r.ok() || r.entries.isEmpty())
            return done(false, QString(), r.message);
        QString error;
        const QString value = dnssecconfig::dnssecMember(r.entries.first().value, &error);
        done(error.isEmpty(), value, error);
    });
}

void DnssecConfigWriter::activate(const QString &basePath, const QString &keyOwner, QObject *context, Callback done)
{
    const QString configKey = m_configKey;
    readModifyWrite(
        [basePath, keyOwner, configKey](const QByteArray &current, bool, QString *error) -> std::optional<QByteArray> {
            const QString domain = dnssecconfig::domainMember(current);
            auto fqdn = [](QString s) {
                s = s.trimmed().toLower();
                return s.endsWith(QLatin1Char('.')) ? s : s + QLatin1Char('.');
            };
            // The service stops at start-up when the key's owner is not its domain (spec 1.2).
            if (!domain.isEmpty() && !keyOwner.isEmpty() && fqdn(domain) != fqdn(keyOwner)) {
                *error = tr("The key belongs to %1 but %2 serves %3; it was not activated.")
                             .arg(fqdn(keyOwner), configKey, fqdn(domain));
                return std::nullopt;
            }
            return dnssecconfig::withDnssec(current, basePath, error);
        },
        context, std::move(done));
}

void DnssecConfigWriter::retire(QObject *context, Callback done)
{
    readModifyWrite(
        [](const QByteArray &current, bool exists, QString *error) -> std::optional<QByteArray> {
            // No config or no key active: nothing to write (and no reformatting of the operator's JSON).
            if (!exists || (dnssecconfig::dnssecMember(current, error).isEmpty() && error->isEmpty()))
                return current;
            return dnssecconfig::withoutDnssec(current, error);
        },
        context, std::move(done));
}

void DnssecConfigWriter::readModifyWrite(const Edit &edit, QObject *context, Callback done)
{
    if (!m_store) {
        done({Outcome::Status::Failed, tr("Not connected to etcd."), {}});
        return;
    }
    QPointer<KvStore> store = m_store;
    const QString key = m_configKey;
    m_store->get(key, context, [store, key, edit, context, done](const KvResult &r) {
        const bool exists = r.ok() && !r.entries.isEmpty();
        if (!exists && r.status != KvResult::Status::NotFound)
            return done({Outcome::Status::Failed, tr("Could not read %1: %2").arg(key, r.message), {}});
        const QByteArray current = exists ? r.entries.first().value : QByteArray();
        QString error;
        const std::optional<QByteArray> next = edit(current, exists, &error);
        if (!next)
            return done({Outcome::Status::Failed, error, {}});
        if (*next == current && (exists || next->isEmpty()))
            return done({Outcome::Status::Ok, {}, current}); // nothing to change
        if (!store)
            return done({Outcome::Status::Failed, tr("Not connected to etcd."), {}});
        const qint64 expected = exists ? r.entries.first().revision : KvStore::MustNotExist;
        const QByteArray value = *next;
        store->put(key, value, expected, 0, context, [key, value, done](const KvResult &w) {
            if (w.status == KvResult::Status::Conflict)
                return done({Outcome::Status::Conflict,
                             tr("%1 was changed by someone else after it was read; nothing was written. "
                                "Look at the new value and try again.")
                                 .arg(key),
                             {}});
            if (!w.ok())
                return done({Outcome::Status::Failed, tr("Could not write %1: %2").arg(key, w.message), {}});
            done({Outcome::Status::Ok, {}, value});
        });
    });
}

} // namespace skydns::console
