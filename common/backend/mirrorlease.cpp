#include "backend/mirror.h"

#include "backend/etcd3store.h"
#include "backend/wallclock.h"

#include <QLoggingCategory>

#include <algorithm>
#include <limits>

// The v3 Mirror's bookkeeping of leases, the counterpart of mirrorexpiry.cpp. A v3 key with a TTL
// is attached to a lease; etcd deletes the key when the lease expires and the watch reports the
// delete. Answer TTLs count down from the lease's remaining time to live (SkyDNS used the lease ID
// as a TTL), looked up once per lease. Keep-alives, like v2's refresh=true, do not reach watchers,
// so each lease is looked at again shortly before the expiry we hold (a kept-alive lease gets its
// new expiry, and its keys with it) and, if it is gone, once after it, removing its keys if the
// deletes did not come.
//
// After a full read the first snapshot is published at once; the leases are looked up afterwards,
// with a bounded number of calls in flight (LeaseLookups), while the watch is applied. Until its
// lease is known, a leased key could have any time left, down to nothing, so its answers must not
// claim more than the smallest TTL there is: its expiry is kept kUnknownLeaseMs ahead (answers say
// 1 s) and moved on before it passes (600 ms early, so a busy thread does not let the key look
// expired and vanish from answers). Moving it on re-puts every such key: with so many that a pass
// takes more than a third of that time, the window grows to three passes (whole seconds), and
// answers say up to that many seconds. Holding leased keys back instead would answer
// NXDOMAIN/NODATA for names that exist, which resolvers cache for min_ttl; answering the record's
// own TTL (often 3600) could outlive the key by an hour. Keys whose lease cannot be looked up keep
// the 1 s TTL until a later look (every expiryGrace) succeeds: while etcd cannot be reached the
// mirror serves what it has (DESIGN principle 1).

Q_DECLARE_LOGGING_CATEGORY(lcMirror)

namespace skydns::backend {

namespace {

// expiresAt turns a lease's TTL (whole seconds, which etcd truncates) looked up at sentMs into an
// expiry time: the lease ends between sentMs + ttl s and a second later, and etcd revokes it (and
// deletes its keys) shortly after that. The upper end keeps the answer TTL of a fresh lease at its
// granted TTL and a record from vanishing before etcd deletes it.
std::int64_t expiresAt(std::int64_t sentMs, std::int64_t ttl)
{
    return sentMs + ttl * 1000 + 999;
}

// Answers give a key of a lease not looked up yet a TTL of 1 s (Record::remainingTtl rounds up).
constexpr std::int64_t kUnknownLeaseMs = 1000;

// refreshBefore is how long before the provisional expiry it is moved on: 3/5 of the window.
std::int64_t refreshBefore(std::int64_t windowMs)
{
    return windowMs * 3 / 5;
}
// Calls in flight at once: on a remote etcd the look-ups of a big tree overlap their round trips;
// the bound keeps a tree with thousands of leases from opening as many connections to etcd.
constexpr std::size_t kLeaseLookupsInFlight = 8;

} // namespace

void Mirror::resetLeases()
{
    m_leaseLookups.reset(); // waits for the calls in flight
    m_leases.clear();
    m_keyLease.clear();
    m_leaseChecks = {};
    m_pendingKvs.clear();
}

std::int64_t Mirror::leaseExpiry(std::int64_t lease)
{
    const auto known = m_leases.find(lease);
    if (known != m_leases.end())
        return known->second.expiresAtMs;
    const std::int64_t sent = wallClockMs();
    const Etcd3Result result = m_client3->leaseTimeToLive(lease);
    Lease &entry = m_leases[lease];
    if (!result.ok()) {
        // No TTL in the answers until a later look finds one.
        entry.expiresAtMs = 0;
        m_leaseChecks.push(LeaseCheck{wallClockMs() + m_options.expiryGrace.count(), 0, false, lease});
        qCWarning(lcMirror).noquote() << "cannot look up lease" << lease << ":" << result.message.c_str();
        return -1;
    }
    // A lease that is already gone (ttl -1) has expired: its keys are about to be deleted.
    entry.expiresAtMs = result.ttl < 0 ? sent : expiresAt(sent, result.ttl);
    m_leaseChecks.push(
        LeaseCheck{entry.expiresAtMs - m_options.expiryLead.count(), entry.expiresAtMs, false, lease});
    return entry.expiresAtMs;
}

void Mirror::startLeaseLookups(const std::vector<Etcd3KeyValue> &kvs)
{
    // Called by sync3 on a fresh lease table, before the store is built from kvs: every lease of
    // the read is pending, and its keys take the provisional expiry; launchLeaseLookups follows.
    m_provisionalWindowMs = kUnknownLeaseMs;
    m_provisionalUntilMs = wallClockMs() + m_provisionalWindowMs;
    for (const Etcd3KeyValue &kv : kvs) {
        if (kv.lease == 0)
            continue;
        m_leases[kv.lease].pending = true;
        m_pendingKvs[kv.key] = kv;
    }
}

void Mirror::launchLeaseLookups()
{
    // Called once the first snapshot is out, so the look-ups do not compete with building it.
    std::vector<std::int64_t> ids;
    for (const auto &[id, lease] : m_leases)
        if (lease.pending)
            ids.push_back(id);
    if (ids.empty())
        return;
    m_leaseLookupsStarted = std::chrono::steady_clock::now();
    m_leaseLookups = std::make_unique<LeaseLookups>(m_client3, std::move(ids), kLeaseLookupsInFlight,
                                                    m_options.expiryGrace, [this] {
        { std::lock_guard<std::mutex> lock(m_mutex); } // no lost wake-up: follow3 checks under m_mutex
        m_wake.notify_all();
    });
}

bool Mirror::leaseLookupsReady() const
{
    return m_leaseLookups && m_leaseLookups->ready();
}

bool Mirror::takeLeaseLookups()
{
    if (!m_leaseLookups)
        return false;
    bool changed = false;
    for (const LeaseLookups::Done &done : m_leaseLookups->take())
        changed = settleLease(done.lease, done.sentMs, done.result) || changed;
    if (m_leaseLookups->remaining() == 0) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                              m_leaseLookupsStarted);
        qCInfo(lcMirror).noquote() << "looked up the leases of" << (m_rootKey + "/").c_str() << "in" << ms.count()
                                   << "ms;" << m_pendingKvs.size() << "keys still wait for theirs";
        m_leaseLookups.reset();
    }
    return changed;
}

bool Mirror::settleLease(std::int64_t id, std::int64_t sentMs, const Etcd3Result &result)
{
    const auto it = m_leases.find(id);
    // Failed look-ups are tried again by LeaseLookups; only a cancelled one (stop) comes here.
    if (it == m_leases.end() || !it->second.pending || !result.ok())
        return false; // its keys went (or changed lease) meanwhile
    Lease &lease = it->second;
    lease.pending = false;
    // A lease that is already gone (ttl -1) has expired: its keys are about to be deleted.
    lease.expiresAtMs = result.ttl < 0 ? sentMs : expiresAt(sentMs, result.ttl);
    m_leaseChecks.push(LeaseCheck{lease.expiresAtMs - m_options.expiryLead.count(), lease.expiresAtMs, false, id});
    bool changed = false;
    for (const std::string &key : lease.keys) {
        const auto pending = m_pendingKvs.find(key);
        if (pending == m_pendingKvs.end())
            continue;
        const Etcd3KeyValue &kv = pending->second;
        const StoreNode *node = m_store.find(kv.key);
        if (kv.lease == id && node && node->record.modifiedIndex == std::uint64_t(kv.modRevision)) {
            m_store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), lease.expiresAtMs);
            changed = true;
        }
        m_pendingKvs.erase(pending);
    }
    return changed;
}

bool Mirror::refreshPendingKeys()
{
    bool refreshed = false;
    // A pass that ate most of the window (very many keys, a busy machine) leaves the keys about to
    // look expired again: the window grows to three passes and they are put once more.
    while (!m_pendingKvs.empty()) {
        const std::int64_t now = wallClockMs();
        if (now < m_provisionalUntilMs - refreshBefore(m_provisionalWindowMs))
            break;
        const auto started = std::chrono::steady_clock::now();
        m_provisionalUntilMs = now + m_provisionalWindowMs;
        for (auto it = m_pendingKvs.begin(); it != m_pendingKvs.end();) {
            const Etcd3KeyValue &kv = it->second;
            const auto owner = m_keyLease.find(kv.key);
            const auto lease = m_leases.find(kv.lease);
            const StoreNode *node = m_store.find(kv.key);
            // Only a key still as read (or as last put by the watch) on a lease still pending.
            if (owner == m_keyLease.end() || owner->second != kv.lease || lease == m_leases.end() ||
                !lease->second.pending || !node || node->record.modifiedIndex != std::uint64_t(kv.modRevision)) {
                it = m_pendingKvs.erase(it);
                continue;
            }
            m_store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), m_provisionalUntilMs);
            ++it;
        }
        refreshed = true;
        const std::int64_t took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        const std::int64_t window = std::max(m_provisionalWindowMs, (3 * took + 999) / 1000 * 1000);
        if (window != m_provisionalWindowMs)
            qCInfo(lcMirror).noquote() << m_pendingKvs.size() << "keys wait for their lease to be looked up, took"
                                       << took << "ms to put again; their TTL is now up to" << window / 1000 << "s";
        m_provisionalWindowMs = window;
    }
    return refreshed;
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
    const std::int64_t now = wallClockMs();
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
        const std::int64_t sent = wallClockMs();
        const Etcd3Result result = m_client3->leaseTimeToLive(check.lease);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_state.expiryRereads;
        }
        if (!result.ok()) {
            // etcd trouble (the feed reports it): do not block on every lease, look again later.
            for (std::size_t j = i; j < due.size(); ++j) {
                LeaseCheck later = due[j];
                later.checkAtMs = wallClockMs() + m_options.expiryGrace.count();
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
        // A keep-alive that moved it by less (a 3 s lease kept alive every second) cannot be told
        // from the truncation, but the later end is still an upper bound of the lease's end (one
        // look's, like the first): taking it keeps a kept-alive key from dropping out of answers
        // until the late check. Without a keep-alive this happens at most once or twice before
        // etcd revokes the lease; the next look is at least 500 ms away.
        const bool later = !check.late && expiry > check.expiresAtMs;
        if (!refreshed && !later) {
            m_leaseChecks.push(LeaseCheck{graceAt, check.expiresAtMs, true, check.lease});
            continue;
        }
        lease.expiresAtMs = expiry;
        changed = refreshLeaseKeys(check.lease) || changed;
        const std::int64_t nextAt = std::max(expiry - m_options.expiryLead.count(), wallClockMs() + 500);
        m_leaseChecks.push(LeaseCheck{nextAt, expiry, false, check.lease});
    }
    return changed;
}

std::chrono::milliseconds Mirror::nextLeaseCheckWait() const
{
    std::int64_t dueAt = std::numeric_limits<std::int64_t>::max();
    if (!m_leaseChecks.empty())
        dueAt = m_leaseChecks.top().checkAtMs;
    if (!m_pendingKvs.empty())
        dueAt = std::min(dueAt, m_provisionalUntilMs - refreshBefore(m_provisionalWindowMs));
    if (dueAt == std::numeric_limits<std::int64_t>::max())
        return m_options.watchWait;
    const std::int64_t untilDue = dueAt - wallClockMs();
    return std::chrono::milliseconds(std::clamp<std::int64_t>(untilDue, 20, m_options.watchWait.count()));
}

} // namespace skydns::backend
