#include "connection/connectionmanager.h"

#include "etcd/kvstorefactory.h"

namespace skydns::console {

ConnectionManager::ConnectionManager(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
}

ConnectionManager::~ConnectionManager()
{
    // Not deleteLater here: the event loop may be gone; the store's destructor waits for its workers.
    delete m_store.data();
}

void ConnectionManager::connectTo(const ConnectionProfile &profile, const QString &password)
{
    disconnectNow();
    m_profile = profile;
    const quint64 attempt = ++m_attempt;
    if (!password.isNull() || profile.username.isEmpty() || !m_secrets) {
        open(password);
        return;
    }
    m_secrets->read(profile.name, SecretStore::Secret::EtcdPassword, this,
                    [this, attempt](const SecretResult &secret) {
                        if (attempt != m_attempt)
                            return;
                        if (secret.status == SecretResult::Status::NoKeyring
                            || secret.status == SecretResult::Status::Failed)
                            Q_EMIT notice(secret.message);
                        // Without a stored password, try without one: etcd says Unauthorized if it
                        // needs one, and the window asks for it then.
                        open(secret.ok() ? secret.value : QString());
                    });
}

void ConnectionManager::open(const QString &password)
{
    const quint64 attempt = m_attempt;
    m_store = createKvStore(m_profile.kvStoreOptions(password), this);
    m_store->list(m_profile.prefix, this, [this, attempt](const KvResult &result) {
        if (attempt != m_attempt)
            return;
        // An empty etcd (no prefix yet) is a working connection too.
        if (result.ok() || result.status == KvResult::Status::NotFound) {
            m_connected = true;
            Q_EMIT connected(m_store);
            return;
        }
        KvStore *failed = m_store;
        m_store.clear();
        if (failed)
            failed->deleteLater();
        QString message = result.message;
        if (result.status == KvResult::Status::Unauthorized)
            message = tr("etcd refused the credentials of profile \"%1\": %2").arg(m_profile.name, result.message);
        Q_EMIT connectionFailed(message);
    });
}

void ConnectionManager::disconnectNow()
{
    ++m_attempt;
    const bool was = m_connected;
    m_connected = false;
    if (was)
        Q_EMIT disconnected();
    if (m_store) {
        m_store->stopWatch();
        m_store->deleteLater();
        m_store.clear();
    }
}

} // namespace skydns::console
