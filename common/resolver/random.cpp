#include "resolver/random.h"

#include <random>

namespace skydns::resolver {

FastRandom::FastRandom(std::uint64_t seed)
    : m_state(seed)
{
    while (m_state == 0) {
        std::random_device rd;
        m_state = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    }
}

std::uint16_t FastRandom::id()
{
    // xorshift64*: the high bits are the good ones.
    m_state ^= m_state >> 12;
    m_state ^= m_state << 25;
    m_state ^= m_state >> 27;
    return static_cast<std::uint16_t>((m_state * 2685821657736338717ULL) >> 48);
}

} // namespace skydns::resolver
