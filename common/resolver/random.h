#pragma once

#include <cstdint>
#include <vector>

namespace skydns::resolver {

// Random is the resolver's only source of chance: it stands in for miekg/dns's dns.Id(), which
// SkyDNS uses for round robin (spec 3.2), the CHAOS authors shuffle (spec 3.1) and the CNAME dedup
// coin (spec 3.8). Tests inject a fixed sequence so answers are deterministic.
class Random
{
public:
    virtual ~Random() = default;

    // id returns the next 16-bit random value.
    virtual std::uint16_t id() = 0;
};

// FastRandom is a xorshift generator: cheap enough to call several times per query. Not for
// anything security related (DNS ids are chosen by the service, not here).
class FastRandom final : public Random
{
public:
    // FastRandom seeds from std::random_device unless a non-zero seed is given.
    explicit FastRandom(std::uint64_t seed = 0);

    std::uint16_t id() override;

private:
    std::uint64_t m_state;
};

// SequenceRandom returns the given values in a cycle (0 forever when empty), for tests.
class SequenceRandom final : public Random
{
public:
    explicit SequenceRandom(std::vector<std::uint16_t> values = {}) : m_values(std::move(values)) {}

    std::uint16_t id() override
    {
        if (m_values.empty())
            return 0;
        const std::uint16_t v = m_values[m_next];
        m_next = (m_next + 1) % m_values.size();
        return v;
    }

private:
    std::vector<std::uint16_t> m_values;
    std::size_t m_next = 0;
};

} // namespace skydns::resolver
