#include "backend/mirror.h"

#include "backend/etcd3store.h"

#include <QLoggingCategory>

#include <algorithm>

// The v3 Mirror's bookkeeping of leases, the counterpart of mirrorexpiry.cpp. A v3 key with a TTL
// is attached to a lease; etcd deletes the key when the lease expires and the watch reports the
// delete. Answer TTLs count down from the lease's remaining time to live (SkyDNS used the lease ID
// as a TTL), looked up once per lease. Keep-alives, like v2's refresh=true, do not reach watchers,
// so each lease is looked at again shortly before the expiry we hold (a kept-alive lease gets its
// new expiry, and its keys with it) and, if it is gone, once after it, removing its keys if the
// deletes did not come.

Q_DECLARE_LOGGING_CATEGORY(lcMirror)

namespace skydns::backend {

namespace {

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// expiresAt turns a lease's TTL (whole seconds, which etcd truncates) looked up at sentMs into an
// expiry time: the lease ends between sentMs + ttl s and a second later, and etcd revokes it (and
// deletes its keys) shortly after that. The upper end keeps the answer TTL of a fresh lease at its
// granted TTL and a record from vanishing before etcd deletes it.
std::int64_t expiresAt(std::int64_t sentMs, std::int64_t ttl)
{
    return sentMs + ttl * 1000 + 999;
}

} // namespace

void Mirror::resetLeases()
{
    m_leases.clear();
    m_keyLease.clear();
    m_leaseChecks = {};
}

std::int64_t Mirror::leaseExpiry(std::int64_t lease)
{
    const auto known = m_leases.find(lease);
    if (known != m_leases.end())
        return known->second.expiresAtMs;
    const std::int64_t sent = nowMs();
    const Etcd3Result result = m_client3->leaseTimeToLive(lease);
    Lease &entry = m_leases[lease];
    if (!result.ok()) {
        // No TTL in the answers until a later look finds one.
        entry.expiresAtMs = 0;
        m_leaseChecks.push(LeaseCheck{nowMs() + m_options.expiryGrace.count(), 0, false, lease});
        qCWarning(lcMirror).noquote() << "cannot look up lease" << lease << ":" << result.message.c_str();
        return -1;
    }
    // A lease that is already gone (ttl -1) has expired: its keys are about to be deleted.
    entry.expiresAtMs = result.ttl < 0 ? sent : expiresAt(sent, result.ttl);
    m_leaseChecks.push(
        LeaseCheck{entry.expiresAtMs - m_options.expiryLead.count(), entry.expiresAtMs, false, lease});
    return entry.expiresAtMs;
}

bool Mirror::lookupLeases(const std::vector<Etcd3KeyValue> &kvs, std::string *error)
{
    std::vector<std::int64_t> ids;
    for (const Etcd3KeyValue &kv : kvs)
        if (kv.lease != 0 && m_leases.find(kv.lease) == m_leases.end())
            ids.push_back(kv.lease);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    // One call per lease: etcd has no bulk time-to-live. (Calls from 8 threads at once were no
    // faster on a loaded 2-core machine: 2000 leases took ~3 s either way.)
    struct Looked
    {
        std::int64_t sentMs = 0;
        Etcd3Result result;
    };
    std::vector<Looked> looked(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        looked[i].sentMs = nowMs();
        looked[i].result = m_client3->leaseTimeToLive(ids[i]);
        if (looked[i].result.kind == Etcd3Result::Kind::Cancelled)
            break;
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Etcd3Result &result = looked[i].result;
        if (!result.ok()) {
            *error = "cannot look up lease " + std::to_string(ids[i]) + ": " + result.message;
            return false;
        }
        Lease &entry = m_leases[ids[i]];
        entry.expiresAtMs = result.ttl < 0 ? looked[i].sentMs : expiresAt(looked[i].sentMs, result.ttl);
        m_leaseChecks.push(
            LeaseCheck{entry.expiresAtMs - m_options.expiryLead.count(), entry.expiresAtMs, false, ids[i]});
    }
    return true;
}

void Mirror::attachLease(const std::string &key, std::int64_t lease)
{
    const auto it = m_keyLease.find(key);
    if (it != m_keyLease.end()) {
        if (it->second == lease)
            return;
        const auto old = m_leases.find(it->second);
        if (old != m_leases.end()) {
            old->second.keys.erase(key);
            if (old->second.keys.empty())
                m_leases.erase(old);
        }
        m_keyLease.erase(it);
    }
    if (lease != 0) {
        m_leases[lease].keys.insert(key);
        m_keyLease[key] = lease;
    }
}

bool Mirror::refreshLeaseKeys(std::int64_t lease)
{
    const auto it = m_leases.find(lease);
    if (it == m_leases.end())
        return false;
    bool changed = false;
    const std::vector<std::string> keys(it->second.keys.begin(), it->second.keys.end());
    for (const std::string &key : keys) {
        // The key is read again rather than kept twice in memory; a key that changed since is
        // left to the watch, which brings the change.
        const Etcd3Result read = m_client3->range(key);
        if (!read.ok() || read.kvs.size() != 1 || read.kvs[0].lease != lease)
            continue;
        const Etcd3KeyValue &kv = read.kvs[0];
        m_store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), m_leases[lease].expiresAtMs);
        changed = true;
    }
    return changed;
}

bool Mirror::checkLeases()
{
    const std::int64_t now = nowMs();
    std::vector<LeaseCheck> due;
    while (!m_leaseChecks.empty() && m_leaseChecks.top().checkAtMs <= now && due.size() < 100) {
        LeaseCheck check = m_leaseChecks.top();
        m_leaseChecks.pop();
        // Only leases that still have keys and whose expiry no later look has changed need one.
        const auto it = m_leases.find(check.lease);
        if (it != m_leases.end() && it->second.expiresAtMs == check.expiresAtMs && !it->second.keys.empty())
            due.push_back(check);
    }
    bool changed = false;
    for (std::size_t i = 0; i < due.size(); ++i) {
        const LeaseCheck &check = due[i];
        const std::int64_t sent = nowMs();
        const Etcd3Result result = m_client3->leaseTimeToLive(check.lease);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_state.expiryRereads;
        }
        if (!result.ok()) {
            // etcd trouble (the feed reports it): do not block on every lease, look again later.
            for (std::size_t j = i; j < due.size(); ++j) {
                LeaseCheck later = due[j];
                later.checkAtMs = nowMs() + m_options.expiryGrace.count();
                m_leaseChecks.push(later);
            }
            break;
        }
        Lease &lease = m_leases[check.lease];
        const std::int64_t graceAt = std::max(check.expiresAtMs, sent) + m_options.expiryGrace.count();
        if (result.ttl < 0) {
            if (!check.late) {
                m_leaseChecks.push(LeaseCheck{graceAt, check.expiresAtMs, true, check.lease});
                continue;
            }
            // Gone, and the deletes never came (a lost watch event): remove its keys ourselves.
            const std::set<std::string> keys = lease.keys;
            qCInfo(lcMirror).noquote() << "lease" << check.lease << "expired without delete events; removing"
                                       << keys.size() << "keys";
            for (const std::string &key : keys) {
                Etcd3Event gone;
                gone.type = Etcd3Event::Type::Delete;
                gone.kv.key = key;
                changed = etcd3ApplyEvent(m_store, gone) || changed;
                attachLease(key, 0);
            }
            continue;
        }
        const std::int64_t expiry = expiresAt(sent, result.ttl);
        // A keep-alive moves the expiry by more than the TTL's one-second granularity; after the
        // expiry only a kept-alive lease still has time left.
        const bool refreshed = check.expiresAtMs == 0 || (check.late ? result.ttl > 0 : expiry > check.expiresAtMs + 1000);
        if (!refreshed) {
            m_leaseChecks.push(LeaseCheck{graceAt, check.expiresAtMs, true, check.lease});
            continue;
        }
        lease.expiresAtMs = expiry;
        changed = refreshLeaseKeys(check.lease) || changed;
        m_leaseChecks.push(LeaseCheck{expiry - m_options.expiryLead.count(), expiry, false, check.lease});
    }
    return changed;
}

std::chrono::milliseconds Mirror::nextLeaseCheckWait() const
{
    if (m_leaseChecks.empty())
        return m_options.watchWait;
    const std::int64_t untilDue = m_leaseChecks.top().checkAtMs - nowMs();
    return std::chrono::milliseconds(std::clamp<std::int64_t>(untilDue, 20, m_options.watchWait.count()));
}

} // namespace skydns::backend
