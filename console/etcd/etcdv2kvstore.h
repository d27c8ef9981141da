#pragma once

#include "etcd/asynckvstore.h"

#include "backend/etcdclient.h"

#include <memory>

namespace skydns::console {

// EtcdV2KvStore is the KvStore over etcd's v2 keys API (backend::EtcdClient): revisions are
// modifiedIndex values, compare-and-swap is prevIndex/prevExist, TTLs are key TTLs, and the watch
// is a recursive long-poll that resumes from the last index it saw.
class EtcdV2KvStore final : public AsyncKvStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EtcdV2KvStore)

public:
    explicit EtcdV2KvStore(backend::EtcdOptions options, QObject *parent = nullptr);
    ~EtcdV2KvStore() override;

    QString apiName() const override { return QStringLiteral("v2"); }
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
    std::shared_ptr<backend::EtcdClient> m_client;
};

} // namespace skydns::console
