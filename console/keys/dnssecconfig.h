#pragma once
// The `dnssec` member of /<prefix>/config (spec 1.2): read, set and remove it with a
// read-modify-write that keeps every other member as it was and writes with compare-and-swap, so
// an edit made meanwhile by someone else is reported and never overwritten.

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace skydns::console {

class KvStore;

// dnssecconfig holds the pure JSON edits of the config value (no etcd).
namespace dnssecconfig {

// dnssecMember returns the `dnssec` member of the config JSON (Go matches keys case-insensitively,
// and the last match wins); empty when absent. error is set when json is not an object.
QString dnssecMember(const QByteArray &json, QString *error = nullptr);

// domainMember returns the `domain` member (case-insensitive key), empty when absent.
QString domainMember(const QByteArray &json);

// withDnssec returns json with `dnssec` set to basePath (other spellings of the key removed, every
// other member, its order and its number formats kept). An empty json means no config yet: the
// result is {"dnssec": basePath}. std::nullopt and error when json is not a JSON object.
std::optional<QByteArray> withDnssec(const QByteArray &json, const QString &basePath, QString *error);

// withoutDnssec returns json without any `dnssec` member, everything else kept; std::nullopt and
// error when json is not a JSON object.
std::optional<QByteArray> withoutDnssec(const QByteArray &json, QString *error);

} // namespace dnssecconfig

// DnssecConfigWriter does the compare-and-swap read-modify-write of the config key through a
// KvStore. Results arrive on context's thread; nothing is written when the result is not ok.
class DnssecConfigWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DnssecConfigWriter)

public:
    // Outcome is the result of one edit: Conflict means the config changed between our read and our
    // write (nothing written; read again and retry if still wanted).
    struct Outcome
    {
        enum class Status { Ok, Conflict, Failed };
        Status status = Status::Ok;
        QString message;     // human-readable; empty on Ok
        QByteArray written;  // the value written on Ok
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Outcome &)>;

    // DnssecConfigWriter edits <configKey> (e.g. "/skydns/config") through store (not owned).
    DnssecConfigWriter(KvStore *store, const QString &configKey, QObject *parent = nullptr);

    // configKey is the etcd key edited.
    QString configKey() const { return m_configKey; }

    // readCurrent reads the config and reports its `dnssec` member ("" when absent or no config).
    void readCurrent(QObject *context, std::function<void(bool ok, const QString &dnssec, const QString &message)> done);

    // activate sets `dnssec` to basePath. When expectedOwner is not empty and the config names a
    // `domain`, the two must match (the service refuses a key for another zone at start-up).
    void activate(const QString &basePath, const QString &keyOwner, QObject *context, Callback done);
    // retire removes `dnssec` from the config, keeping the key files.
    void retire(QObject *context, Callback done);

private:
    using Edit = std::function<std::optional<QByteArray>(const QByteArray &current, bool exists, QString *error)>;
    void readModifyWrite(const Edit &edit, QObject *context, Callback done);

    KvStore *m_store;
    QString m_configKey;
};

} // namespace skydns::console
