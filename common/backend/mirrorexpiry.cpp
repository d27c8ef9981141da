#include "backend/mirror.h"
#include "backend/wallclock.h"

#include <algorithm>

// The Mirror's bookkeeping of key expirations. etcd v2 does not tell watchers about TTL refreshes
// (refresh=true), so the expiration a mirror holds can be out of date; these re-reads correct it.

namespace skydns::backend {

void Mirror::trackExpiry(const std::string &key, std::int64_t expiresAtMs)
{
    if (expiresAtMs != 0)
        m_expiries.push(Expiry{expiresAtMs - m_options.expiryLead.count(), expiresAtMs, false, key});
}

bool Mirror::rereadExpired()
{
    const std::int64_t now = wallClockMs();
    std::vector<Expiry> due;
    while (!m_expiries.empty() && m_expiries.top().checkAtMs <= now && due.size() < 100) {
        Expiry expiry = m_expiries.top();
        m_expiries.pop();
        // Only keys whose expiration no event has changed since need a look.
        const StoreNode *node = m_store.find(expiry.key);
        if (node && node->record.expiresAtMs == expiry.expiresAtMs)
            due.push_back(std::move(expiry));
    }
    bool changed = false;
    for (std::size_t i = 0; i < due.size(); ++i) {
        Expiry &expiry = due[i];
        const EtcdResult result = m_client->get(expiry.key, false, false);
        if (result.ok()) {
            const StoreNode *node = m_store.find(expiry.key);
            const bool same = node && node->record.modifiedIndex == result.node.modifiedIndex
                && node->record.expiresAtMs == result.node.expiresAtMs;
            if (same) {
                // Not refreshed: etcd's expire event should follow; look once more after it is due.
                if (!expiry.late)
                    m_expiries.push(Expiry{expiry.expiresAtMs + m_options.expiryGrace.count(), expiry.expiresAtMs,
                                           true, std::move(expiry.key)});
            } else if (result.node.dir) {
                m_store.putDirectory(expiry.key, result.node.modifiedIndex, result.node.expiresAtMs);
                trackExpiry(expiry.key, result.node.expiresAtMs);
                changed = true;
            } else {
                putValue(expiry.key, result.node.value, result.node.modifiedIndex, result.node.expiresAtMs);
                changed = true;
            }
        } else if (result.notFound()) {
            changed = m_store.remove(expiry.key) || changed;
        } else {
            // etcd trouble (the feed reports it): do not block on every key, look again later.
            for (std::size_t j = i; j < due.size(); ++j) {
                due[j].checkAtMs = wallClockMs() + m_options.expiryGrace.count();
                m_expiries.push(std::move(due[j]));
            }
            break;
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        ++m_state.expiryRereads;
    }
    return changed;
}

std::chrono::milliseconds Mirror::nextCheckWait() const
{
    if (m_replaced)
        return std::chrono::milliseconds(100);
    if (m_expiries.empty())
        return m_options.watchWait;
    const std::int64_t untilDue = m_expiries.top().checkAtMs - wallClockMs();
    return std::chrono::milliseconds(std::clamp<std::int64_t>(untilDue, 20, m_options.watchWait.count()));
}

} // namespace skydns::backend
