#pragma once

// Helpers shared by the Mirror integration tests (tst_mirror, tst_mirror_failover).

#include "backend/etcdclient.h"
#include "backend/mirror.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTest>

#include <chrono>
#include <memory>
#include <string>

namespace skydns::test {

// mirrorClient is an EtcdClient for machines with short timeouts, so failures show quickly.
inline std::shared_ptr<backend::EtcdClient> mirrorClient(const QStringList &machines,
                                                         std::chrono::milliseconds requestTimeout = std::chrono::milliseconds(5000))
{
    backend::EtcdOptions options;
    options.machines.clear();
    for (const QString &m : machines)
        options.machines.push_back(m.toStdString());
    options.requestTimeout = requestTimeout;
    options.connectTimeout = std::chrono::milliseconds(1000);
    return std::make_shared<backend::EtcdClient>(options);
}

// uniquePrefix is a path prefix of its own for the running test function, so tests sharing one
// etcd never see each other's keys.
inline std::string uniquePrefix()
{
    return "tstmirror-" + std::string(QTest::currentTestFunction()) + "-"
        + std::to_string(QCoreApplication::applicationPid()) + "-"
        + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
}

// keysOf lists the sorted keys of a records() lookup in the mirror's current snapshot, or
// "<status>" when the lookup is not Ok.
inline QStringList keysOf(const backend::Mirror &mirror, const std::string &name)
{
    const auto snapshot = mirror.snapshot();
    const backend::LookupResult result = snapshot->records(name, false);
    if (!result.ok())
        return {QStringLiteral("<%1>").arg(int(result.status))};
    QStringList out;
    for (const auto *record : result.records)
        out << QString::fromStdString(record->key);
    out.sort();
    return out;
}

// hostAt is the host of the single record at name, or "" when there is not exactly one.
inline QString hostAt(const backend::Mirror &mirror, const std::string &name)
{
    const auto snapshot = mirror.snapshot();
    const backend::LookupResult result = snapshot->records(name, true);
    return result.ok() && result.records.size() == 1 ? QString::fromStdString(result.records[0]->service.host)
                                                     : QString();
}

inline std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace skydns::test
