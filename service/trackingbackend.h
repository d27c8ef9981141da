#pragma once

#include "backend/backend.h"
#include "resolver/random.h"

#include <cstdint>
#include <limits>

namespace skydns::service {

// TrackingBackend passes lookups through to a backend (a mirror snapshot) and notes when the answer
// built from them would change with the clock alone: the next moment a returned record's remaining
// etcd TTL (whole seconds, rounded up) ticks down, or the record expires. The packet cache keeps the
// answer no longer than validUntilMs().
class TrackingBackend final : public backend::Backend
{
public:
    TrackingBackend(const backend::Backend &inner, std::int64_t nowMs) : m_inner(inner), m_nowMs(nowMs) {}

    bool hasSynced() const override { return m_inner.hasSynced(); }
    backend::LookupResult records(std::string_view name, bool exact) const override
    {
        backend::LookupResult r = m_inner.records(name, exact);
        note(r);
        return r;
    }
    backend::LookupResult reverseRecord(std::string_view name) const override
    {
        backend::LookupResult r = m_inner.reverseRecord(name);
        note(r);
        return r;
    }

    // validUntilMs is the first instant at which a record seen so far changes its TTL or expires;
    // INT64_MAX when none of them has an etcd TTL.
    std::int64_t validUntilMs() const { return m_validUntilMs; }

    // nextTtlChangeMs is when a record expiring at expiresAtMs shows a different remaining TTL than
    // at nowMs (remainingTtl rounds up, so it changes each time the time left crosses a whole second).
    static std::int64_t nextTtlChangeMs(std::int64_t expiresAtMs, std::int64_t nowMs)
    {
        if (expiresAtMs == 0)
            return std::numeric_limits<std::int64_t>::max();
        if (expiresAtMs <= nowMs)
            return nowMs; // already expired: never cache on it
        const std::int64_t left = expiresAtMs - nowMs;
        const std::int64_t step = left % 1000 == 0 ? 1000 : left % 1000;
        return nowMs + step;
    }

private:
    void note(const backend::LookupResult &r) const
    {
        for (const model::Record *rec : r.records) {
            const std::int64_t t = nextTtlChangeMs(rec->expiresAtMs, m_nowMs);
            if (t < m_validUntilMs)
                m_validUntilMs = t;
        }
    }

    const backend::Backend &m_inner;
    const std::int64_t m_nowMs;
    mutable std::int64_t m_validUntilMs = std::numeric_limits<std::int64_t>::max();
};

// CountingRandom passes random numbers through and counts them: an answer built without drawing
// any is the same every time, one built with draws (round robin, CHAOS shuffle) is cached as
// several variants.
class CountingRandom final : public resolver::Random
{
public:
    explicit CountingRandom(resolver::Random &inner) : m_inner(inner) {}
    std::uint16_t id() override
    {
        ++m_draws;
        return m_inner.id();
    }
    int draws() const { return m_draws; }

private:
    resolver::Random &m_inner;
    int m_draws = 0;
};

} // namespace skydns::service
