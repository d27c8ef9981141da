#pragma once

#include "etcd/asynckvstore.h"

#include "backend/etcd3client.h"

#include <memory>

namespace skydns::console {

// EtcdV3KvStore is the KvStore over etcd's v3 API (backend::Etcd3Client on the JSON gateway):
// revisions are mod_revision values, compare-and-swap is a transaction, a TTL is a lease granted
// for the write (its remaining TTL is reported as ttl), and directories are implied by the keys
// below a prefix. The watch streams from the revision after its first read and re-reads after a
// compaction.
class EtcdV3KvStore final : public AsyncKvStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EtcdV3KvStore)

public:
    explicit EtcdV3KvStore(backend::EtcdOptions options, QObject *parent = nullptr);
    ~EtcdV3KvStore() override;

    QString apiName() const override { return QStringLiteral("v3"); }
    void get(const QString &key, QObject *context, KvCallback done) override;
    void list(const QString &dirKey, QObject *context, KvCallback done) override;
    void listRecursive(const QString &dirKey, int limit, QObject *context, KvCallback done) override;
    void put(const QString &key, const QByteArray &value, qint64 expectedRevision, qint64 ttlSeconds,
             QObject *context, KvCallback done) override;
    void remove(const QString &key, qint64 expectedRevision, QObject *context, KvCallback done) override;
    void watch(const QString &prefix) override;
    void stopWatch() override;

private:
    // announceWatchStart posts watchStarted(from) from the watch thread to the store's thread;
    // dropped if the watch was stopped or replaced meanwhile.
    void announceWatchStart(quint64 epoch, qint64 from);

    backend::EtcdOptions m_options;
    quint64 m_watchEpoch = 0; // numbers watch() calls (store thread only)
    std::shared_ptr<backend::Etcd3Client> m_client;
};

} // namespace skydns::console
