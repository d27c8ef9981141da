#pragma once

#include "connection/connectionprofile.h"
#include "connection/secretstore.h"
#include "etcd/kvstore.h"

#include <QObject>
#include <QPointer>

namespace skydns::console {

// ConnectionManager owns the console's one live connection: it fetches the profile's etcd password
// from the keychain (unless one is given), makes the KvStore, checks that etcd answers by listing
// the path prefix, and reports the outcome. Views take the store from connected() and must drop it
// on disconnected(); the store is deleted later (deleteLater), never under a running callback.
class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    explicit ConnectionManager(SecretStore *secrets, QObject *parent = nullptr);
    ~ConnectionManager() override;

    // connectTo drops any current connection and connects with profile. password: the etcd
    // password to use; a null QString reads it from the keychain when the profile has a user.
    void connectTo(const ConnectionProfile &profile, const QString &password = QString());
    // disconnectNow drops the connection (disconnected() if there was one).
    void disconnectNow();

    // store is the connected store (nullptr when not connected).
    KvStore *store() const { return m_connected ? m_store.data() : nullptr; }
    // profile is the profile of the current (or last attempted) connection.
    const ConnectionProfile &profile() const { return m_profile; }
    bool isConnected() const { return m_connected; }
    bool isConnecting() const { return m_store && !m_connected; }

Q_SIGNALS:
    // connected: etcd answered; store is ready for the views.
    void connected(skydns::console::KvStore *store);
    // connectionFailed: no connection was made (message says why, translated where it is ours).
    void connectionFailed(const QString &message);
    // disconnected: the store handed out by connected() is going away.
    void disconnected();
    // notice: something the user should know that is not a failure (e.g. no keyring available).
    void notice(const QString &message);

private:
    void open(const QString &password);

    SecretStore *m_secrets = nullptr;
    ConnectionProfile m_profile;
    QPointer<KvStore> m_store;
    bool m_connected = false;
    quint64 m_attempt = 0; // answers of an abandoned attempt are ignored
};

} // namespace skydns::console
