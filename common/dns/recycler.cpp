#include "dns/recycler.h"

namespace skydns::dns {

namespace {

// The state lives in a trivially destructible thread_local so it stays readable while the thread's
// other thread_locals (and, on the main thread, statics) are destroyed: 0 none yet, 1 alive, 2 gone.
thread_local unsigned char t_state = 0;

} // namespace

Recycler::Recycler()
{
    m_strings.reserve(kMaxStrings); // give() never reallocates the list
    m_vectors.reserve(kMaxVectors);
}

Recycler::~Recycler()
{
    t_state = 2;
}

Recycler *Recycler::forThread()
{
    if (t_state == 2)
        return nullptr;
    thread_local Recycler r;
    t_state = 1;
    return &r;
}

void Recycler::reserve(std::vector<Rr> &rrs, std::size_t n)
{
    if (rrs.capacity() >= n)
        return;
    if (rrs.empty()) {
        // The smallest recycled vector that is large enough.
        std::size_t best = m_vectors.size();
        for (std::size_t i = 0; i < m_vectors.size(); ++i) {
            if (m_vectors[i].capacity() >= n
                && (best == m_vectors.size() || m_vectors[i].capacity() < m_vectors[best].capacity()))
                best = i;
        }
        if (best < m_vectors.size()) {
            rrs.swap(m_vectors[best]);
            m_vectors[best].swap(m_vectors.back());
            m_vectors.pop_back();
            return;
        }
    }
    rrs.reserve(n);
}

void Recycler::give(std::vector<Rr> &rrs)
{
    for (Rr &r : rrs) {
        give(r.owner);
        give(r.rdata);
    }
    rrs.clear();
    // Only vectors large enough to be worth a search: small ones are cheap to allocate.
    if (rrs.capacity() >= 16 && rrs.capacity() <= kMaxVectorCapacity) {
        if (m_vectors.size() == kMaxVectors) {
            // Keep the larger one: the smallest held vector makes room.
            std::size_t smallest = 0;
            for (std::size_t i = 1; i < m_vectors.size(); ++i) {
                if (m_vectors[i].capacity() < m_vectors[smallest].capacity())
                    smallest = i;
            }
            if (m_vectors[smallest].capacity() >= rrs.capacity())
                return;
            m_vectors[smallest].swap(rrs);
            std::vector<Rr>().swap(rrs);
            return;
        }
        m_vectors.emplace_back().swap(rrs);
    }
}

} // namespace skydns::dns
