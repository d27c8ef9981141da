#pragma once

#include "dns/message.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::dns {

// Recycler is a per-thread free list of the heap storage of destroyed messages: the strings of
// their records (owners and rdata longer than the small-string buffer) and their record vectors.
// A message's destructor hands its storage here; the resolver builds the records of its next answer
// in it. Only memory is reused, never content: every string taken is overwritten in full. It exists
// because a 100-record SRV answer otherwise makes ~300 small allocations and frees (a third of its
// cost, glibc's per-thread cache keeps only 7 chunks per size). Bounded: at most kMaxStrings
// strings of at most kMaxStringCapacity bytes and kMaxVectors vectors of at most
// kMaxVectorCapacity records per thread.
class Recycler
{
public:
    static constexpr std::size_t kMaxStrings = 1024;
    static constexpr std::size_t kMaxStringCapacity = 256;
    static constexpr std::size_t kMaxVectors = 4;
    static constexpr std::size_t kMaxVectorCapacity = 1024;

    // forThread is the calling thread's recycler; nullptr once the thread's storage is being torn
    // down (messages destroyed by later thread-local or static destructors are freed normally).
    static Recycler *forThread();

    // Recycler is empty at first; ~Recycler frees what it holds. Use forThread().
    Recycler();
    ~Recycler();
    Recycler(const Recycler &) = delete;
    Recycler &operator=(const Recycler &) = delete;

    // assign sets s to [p, p+n), taking a recycled buffer first when s's own is too small.
    void assign(std::string &s, const char *p, std::size_t n)
    {
        prepare(s, n);
        overwrite(s, p, n);
    }
    void assign(std::string &s, std::string_view v) { assign(s, v.data(), v.size()); }

    // prepare takes a recycled buffer for s when its own is smaller than n; s's content is then
    // unspecified (callers overwrite it whole, e.g. with overwrite()).
    void prepare(std::string &s, std::size_t n)
    {
        if (s.capacity() < n && !m_strings.empty()) {
            s = std::move(m_strings.back()); // moves inline; std::string::swap is an out-of-line call
            m_strings.pop_back();
        }
    }

    // reserve gives the empty string s room for n bytes, taking a recycled buffer first when s's
    // own is too small.
    void reserve(std::string &s, std::size_t n)
    {
        prepare(s, n);
        s.clear();
        if (s.capacity() < n)
            s.reserve(n);
    }

    // overwrite is s.assign(p, n) without the library call when s is at least n bytes long (as
    // recycled strings mostly are: they keep their old content): cut to n, then copied over.
    static void overwrite(std::string &s, const char *p, std::size_t n)
    {
        if (s.size() < n || n == 0) {
            s.assign(p, n);
            return;
        }
        s.erase(n); // inline: sets the length
        char *d = &s[0];
        if (n >= 8) {
            std::uint64_t v;
            for (std::size_t i = 0; i + 8 <= n; i += 8) {
                std::memcpy(&v, p + i, 8);
                std::memcpy(d + i, &v, 8);
            }
            std::memcpy(&v, p + n - 8, 8);
            std::memcpy(d + n - 8, &v, 8);
        } else {
            for (std::size_t i = 0; i < n; ++i)
                d[i] = p[i];
        }
    }

    // reserve gives rrs room for n records, from a recycled vector when rrs has none yet.
    void reserve(std::vector<Rr> &rrs, std::size_t n);

    // give takes the heap storage of s (if worth keeping); s is left empty.
    void give(std::string &s)
    {
        if (s.capacity() > kSmallCapacity && s.capacity() <= kMaxStringCapacity && m_strings.size() < kMaxStrings) {
            m_strings.push_back(std::move(s)); // leaves s empty, in its inline buffer; the content stays
        }
    }

    // give takes the strings of rrs and then its buffer; rrs is left empty.
    void give(std::vector<Rr> &rrs);

    // strings is the number of strings held (for tests).
    std::size_t strings() const { return m_strings.size(); }

private:
    static constexpr std::size_t kSmallCapacity = 15; // std::string's inline buffer (libstdc++)


    std::vector<std::string> m_strings;
    std::vector<std::vector<Rr>> m_vectors;
};

} // namespace skydns::dns
