#pragma once
// Helpers of the editor tests: KvStore calls made synchronous (a local event loop waits for the
// callback), and the editor's child widgets by object name.
#include "etcd/kvstore.h"

#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace skydns::test {

// kvWait runs call (which starts one KvStore request with the given context and callback) and
// waits up to timeoutMs for its result; on timeout the result is Unavailable with a message.
inline console::KvResult kvWait(const std::function<void(QObject *, console::KvCallback)> &call, int timeoutMs = 15000)
{
    QObject context;
    QEventLoop loop;
    console::KvResult out;
    out.status = console::KvResult::Status::Unavailable;
    out.message = QStringLiteral("test: no answer within %1 ms").arg(timeoutMs);
    call(&context, [&](const console::KvResult &r) {
        out = r;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return out;
}

inline console::KvResult kvGet(console::KvStore *store, const QString &key)
{
    return kvWait([&](QObject *c, console::KvCallback done) { store->get(key, c, std::move(done)); });
}

inline console::KvResult kvPut(console::KvStore *store, const QString &key, const QByteArray &value,
                               qint64 expected = console::KvStore::AnyRevision, qint64 ttl = 0)
{
    return kvWait([&](QObject *c, console::KvCallback done) { store->put(key, value, expected, ttl, c, std::move(done)); });
}

inline console::KvResult kvRemove(console::KvStore *store, const QString &key)
{
    return kvWait([&](QObject *c, console::KvCallback done) {
        store->remove(key, console::KvStore::AnyRevision, c, std::move(done));
    });
}

} // namespace skydns::test
