#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace skydns::console {

// SecretResult is the outcome of one keychain job.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,  // nothing stored for that profile yet
        NoKeyring, // no keyring service (no Secret Service on D-Bus, no KWallet...): message says what to do
        Failed     // the keyring refused or failed (message from it)
    };
    Status status = Status::Ok;
    QString value;   // read: the secret
    QString message; // translated, for the user; empty on Ok

    bool ok() const { return status == Status::Ok; }
};

using SecretCallback = std::function<void(const SecretResult &)>;

// SecretStore keeps a profile's secrets (the etcd password, the admin API token) in the system
// keychain through QtKeychain, never in the settings file. Jobs are asynchronous; done runs on
// context's thread unless context is destroyed first. Where no keyring exists, every call ends
// with NoKeyring and a message saying the secret will have to be typed at each connection.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    // Secret names what is stored.
    enum class Secret { EtcdPassword, AdminToken };

    // SecretStore stores under the keychain service name `service` (tests use their own).
    explicit SecretStore(const QString &service = QStringLiteral("skydns-console"), QObject *parent = nullptr);

    // read / write / remove one secret of profile.
    void read(const QString &profile, Secret secret, QObject *context, SecretCallback done);
    void write(const QString &profile, Secret secret, const QString &value, QObject *context, SecretCallback done);
    void remove(const QString &profile, Secret secret, QObject *context, SecretCallback done);

    // keyOf is the keychain key of a secret: "<profile>/etcd-password" or "<profile>/admin-token".
    static QString keyOf(const QString &profile, Secret secret);
    // noKeyringMessage is the message given with NoKeyring (detail: what the keychain said).
    static QString noKeyringMessage(const QString &detail);

private:
    QString m_service;
};

} // namespace skydns::console
