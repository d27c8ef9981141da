#pragma once
// kvWait for the views' tests: run one KvStore request and wait for its callback.
#include "etcd/kvstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>
#include <optional>

namespace skydns::test {

// kvWait runs request with a context of its own and spins the event loop until the callback ran
// (or 15 s passed: then an Invalid result saying so).
inline console::KvResult kvWait(const std::function<void(QObject *, console::KvCallback)> &request)
{
    std::optional<console::KvResult> result;
    QObject context;
    request(&context, [&result](const console::KvResult &r) { result = r; });
    QElapsedTimer timer;
    timer.start();
    while (!result && timer.elapsed() < 15000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!result) {
        console::KvResult timedOut;
        timedOut.status = console::KvResult::Status::Invalid;
        timedOut.message = QStringLiteral("test: no callback within 15 s");
        return timedOut;
    }
    return *result;
}

} // namespace skydns::test
