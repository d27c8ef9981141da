#include "dns/wire.h"

#include "dns/name.h"

#include <array>
#include <cstring>
#include <iterator>

namespace skydns::dns {

namespace {

// Writer appends to a buffer sized in advance for the whole message (encode computes an upper
// bound), so the per-field writes are plain stores instead of std::string appends.
struct Writer
{
    unsigned char *p = nullptr; // start of the buffer
    std::size_t n = 0;          // bytes written

    void u8(unsigned v) { p[n++] = static_cast<unsigned char>(v); }
    void u16(std::uint16_t v)
    {
        p[n] = static_cast<unsigned char>(v >> 8);
        p[n + 1] = static_cast<unsigned char>(v & 0xFF);
        n += 2;
    }
    void u32(std::uint32_t v)
    {
        p[n] = static_cast<unsigned char>(v >> 24);
        p[n + 1] = static_cast<unsigned char>((v >> 16) & 0xFF);
        p[n + 2] = static_cast<unsigned char>((v >> 8) & 0xFF);
        p[n + 3] = static_cast<unsigned char>(v & 0xFF);
        n += 4;
    }
    void bytes(const void *d, std::size_t len)
    {
        if (len) // memcpy with a null source is undefined even for 0 bytes
            std::memcpy(p + n, d, len);
        n += len;
    }
    // shortBytes is bytes for the short fields of records (rdata of A and SRV records): 4 to 32
    // bytes are moved inline in words, the last word overlapping the one before it.
    void shortBytes(const unsigned char *d, std::size_t len)
    {
        unsigned char *o = p + n;
        if (len >= 8 && len <= 32) {
            std::uint64_t v;
            for (std::size_t i = 0; i + 8 <= len; i += 8) {
                std::memcpy(&v, d + i, 8);
                std::memcpy(o + i, &v, 8);
            }
            std::memcpy(&v, d + len - 8, 8);
            std::memcpy(o + len - 8, &v, 8);
            n += len;
        } else if (len >= 4 && len < 8) {
            std::uint32_t v;
            std::memcpy(&v, d, 4);
            std::memcpy(o, &v, 4);
            std::memcpy(&v, d + len - 4, 4);
            std::memcpy(o + len - 4, &v, 4);
            n += len;
        } else {
            bytes(d, len);
        }
    }
};

// Compressor remembers where name suffixes were written so later names can point at them
// (RFC 1035 4.1.4). It is an open-addressing hash table of (suffix hash, offset) whose slots are
// stamped with a generation, so a new message costs no clearing; the table lives per thread
// because encode is on the hot path and must not allocate for it.
class Compressor
{
    struct Name;

public:
    static Compressor &forThread()
    {
        thread_local Compressor c;
        return c;
    }

    void reset()
    {
        m_used = 0;
        m_prevK = 0;
        if (++m_generation == 0) {
            m_slots.fill(Slot{});
            m_generation = 1;
        }
    }

    // write appends the uncompressed wire name w[0..n) to out, compressed against earlier names.
    void write(Writer &out, const unsigned char *w, std::size_t n)
    {
        if (n > kMaxNameWire + 2) {
            out.bytes(w, n); // not a name the resolver builds; written as is, never a target
            m_prevK = 0;
            return;
        }
        // The suffix hashes read each label eight bytes at a time from a zero-padded copy (labels
        // are short, so most take one step). Bytes read past a label belong to the rest of the
        // same suffix or the padding, so the hash depends on the suffix alone; equal hashes are
        // compared byte-wise by find.
        // The names alternate between two buffers: the previous one stays readable, no copying.
        Name &cur = m_names[m_prevIndex ^ 1];
        const Name &prev = m_names[m_prevIndex];
        std::memcpy(cur.bytes, w, n);
        std::memset(cur.bytes + n, 0, 8);
        cur.n = n;
        std::size_t k = 0;
        for (std::size_t p = 0; p < n && w[p] != 0 && k < kMaxLabels;) {
            cur.starts[k++] = static_cast<std::uint8_t>(p);
            p += 1 + w[p];
        }
        // Names in a message mostly share all but their first label with the previous one (glue
        // owners s1.g0.svc..., s2.g0.svc...): then the suffix hashes are taken from it, and if the
        // previous name left that suffix at a known offset (found there, or inserted by it) that
        // is where find would find it -- each suffix is inserted at most once, only after find
        // missed it -- so it is used without probing and comparing again.
        std::size_t common = k; // first label of the suffix shared with the previous name
        if (m_prevK >= 2 && k >= 2) {
            const std::size_t tail = n - cur.starts[1];
            if (tail == prev.n - prev.starts[1]
                && std::memcmp(cur.bytes + cur.starts[1], prev.bytes + prev.starts[1], tail) == 0)
                common = 1;
        }
        cur.hash[k] = kHashSeed;
        if (common == 1)
            std::memcpy(cur.hash + 1, prev.hash + 1, sizeof(std::uint64_t) * (k - 1));
        emit(out, cur, k, common);
    }

    // writeSibling is write for a name made of one new label (label[0..len), no length byte) and
    // the previous name's labels after its first: the glue owners s1.g0.svc..., s2.g0.svc... of a
    // large answer. It gives exactly write's result, without converting, scanning and comparing the
    // shared part again. Callers check canWriteSibling() and that the name fits kMaxNameWire.
    void writeSibling(Writer &out, const char *label, std::size_t len)
    {
        Name &cur = m_names[m_prevIndex ^ 1];
        const Name &prev = m_names[m_prevIndex];
        const std::size_t k = m_prevK;
        const std::size_t tailStart = prev.starts[1];
        const std::size_t tail = prev.n - tailStart;
        cur.bytes[0] = static_cast<unsigned char>(len);
        // Short copies inline, in words: the label (read within [label, label+len)), then the
        // previous name's tail with its zero padding (tail + 8 bytes, all within its buffer).
        unsigned char *o = cur.bytes + 1;
        std::uint64_t v;
        if (len >= 8) {
            for (std::size_t i = 0; i + 8 <= len; i += 8) {
                std::memcpy(&v, label + i, 8);
                std::memcpy(o + i, &v, 8);
            }
            std::memcpy(&v, label + len - 8, 8);
            std::memcpy(o + len - 8, &v, 8);
        } else {
            for (std::size_t i = 0; i < len; ++i)
                o[i] = static_cast<unsigned char>(label[i]);
        }
        o += len;
        for (std::size_t i = 0; i < tail + 8; i += 8) {
            std::memcpy(&v, prev.bytes + tailStart + i, 8);
            std::memcpy(o + i, &v, 8);
        }
        cur.n = 1 + len + tail;
        cur.starts[0] = 0;
        const std::ptrdiff_t shift = static_cast<std::ptrdiff_t>(1 + len) - static_cast<std::ptrdiff_t>(tailStart);
        for (std::size_t i = 1; i < k; ++i)
            cur.starts[i] = static_cast<std::uint8_t>(prev.starts[i] + shift);
        std::memcpy(cur.hash + 1, prev.hash + 1, sizeof(std::uint64_t) * k); // hash[k] is the seed
        emit(out, cur, k, 1);
    }

    // canWriteSibling: the previous name (of at least two labels) is known, see writeSibling.
    bool canWriteSibling() const { return m_prevK >= 2; }

    // previousSize is the wire length of the previous name.
    std::size_t previousSize() const { return m_names[m_prevIndex].n; }

private:
    // emit writes cur (k labels; the suffix hashes from label common on are set) compressed, and
    // makes it the previous name.
    void emit(Writer &out, Name &cur, std::size_t k, std::size_t common)
    {
        const unsigned char *w = cur.bytes;
        const std::size_t n = cur.n;
        std::uint64_t h = cur.hash[common];
        for (std::size_t i = common; i-- > 0;) {
            const std::size_t start = cur.starts[i];
            const std::size_t len = 1 + cur.bytes[start];
            for (std::size_t j = 0; j < len; j += 8) {
                std::uint64_t v;
                std::memcpy(&v, cur.bytes + start + j, 8);
                h = (h ^ v) * 0x100000001B3ULL;
                h ^= h >> 29;
            }
            cur.hash[i] = h;
        }
        const std::size_t prevCommon = 1;
        const std::size_t base = out.n;
        std::size_t hit = k;
        int target = -1;
        for (std::size_t i = 0; i < k; ++i) {
            if (i == common && m_prevOffset[prevCommon] >= 0) {
                target = m_prevOffset[prevCommon];
                hit = i;
                break;
            }
            target = find(out, slotHash(cur.hash[i]), cur.bytes + cur.starts[i]);
            if (target >= 0) {
                hit = i;
                break;
            }
        }
        // Remember this name for the next one, with the offset its suffix from the second label
        // on is known at (the only one a next name sharing that suffix reads).
        int known = hit == prevCommon ? target : -1;
        for (std::size_t i = 0; i < hit; ++i) {
            const bool inserted = insert(slotHash(cur.hash[i]), base + cur.starts[i]);
            if (i == prevCommon)
                known = inserted ? int(base + cur.starts[i]) : -1;
        }
        m_prevOffset[prevCommon] = known;
        if (hit < k) {
            out.bytes(w, cur.starts[hit]);
            out.u16(static_cast<std::uint16_t>(0xC000 | target));
        } else {
            out.bytes(w, n);
        }
        m_prevIndex ^= 1;
        m_prevK = k;
    }

    static constexpr std::size_t kMaxLabels = 128;
    static constexpr std::uint64_t kHashSeed = 0x9E3779B97F4A7C15ULL;

    // Name is a zero-padded copy of a wire name with its label starts and suffix hashes.
    struct Name
    {
        unsigned char bytes[kMaxNameWire + 2 + 16]; // 8 zero bytes after the name, and room for word copies
        std::size_t n = 0;
        std::uint8_t starts[kMaxLabels];
        std::uint64_t hash[kMaxLabels + 1];
    };

    // slotHash finalises a suffix hash for the table (murmur3's mixer: the chained label hash
    // alone leaves the low bits, which pick the slot, nearly equal for names like s1.g0, s2.g0).
    static std::uint32_t slotHash(std::uint64_t h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDULL;
        h ^= h >> 33;
        return static_cast<std::uint32_t>(h);
    }

    struct Slot
    {
        std::uint32_t hash = 0;
        std::uint16_t offset = 0;
        std::uint16_t generation = 0;
    };
    static constexpr std::size_t kSlots = 2048;
    static constexpr std::size_t kMaxUsed = kSlots / 2;

    // insert records a suffix at offset; false when it cannot (beyond pointer range, table full).
    bool insert(std::uint32_t hash, std::size_t offset)
    {
        if (offset >= 0x4000 || m_used >= kMaxUsed)
            return false;
        for (std::size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
            Slot &s = m_slots[i];
            if (s.generation != m_generation) {
                s = Slot{hash, static_cast<std::uint16_t>(offset), m_generation};
                ++m_used;
                return true;
            }
        }
    }

    int find(const Writer &out, std::uint32_t hash, const unsigned char *suffix) const
    {
        for (std::size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
            const Slot &s = m_slots[i];
            if (s.generation != m_generation)
                return -1;
            if (s.hash == hash && equalAt(out, s.offset, suffix))
                return s.offset;
        }
    }

    // equalAt compares the (possibly compressed) name written at out[off] with an uncompressed one.
    static bool equalAt(const Writer &out, std::size_t off, const unsigned char *name)
    {
        const unsigned char *o = out.p;
        for (int hops = 0; hops < 128;) {
            if (off >= out.n)
                return false;
            const unsigned len = o[off];
            if ((len & 0xC0) == 0xC0) {
                off = ((len & 0x3F) << 8) | o[off + 1];
                ++hops;
                continue;
            }
            if (len != *name)
                return false;
            if (len == 0)
                return true;
            // labels are short: a plain loop is cheaper than a memcmp call
            for (unsigned j = 1; j <= len; ++j) {
                if (o[off + j] != name[j])
                    return false;
            }
            off += 1 + len;
            name += 1 + len;
        }
        return false;
    }

    std::array<Slot, kSlots> m_slots{};
    std::uint16_t m_generation = 0;
    std::size_t m_used = 0;
    // the previous name written in this message (m_names[m_prevIndex], m_prevK labels; 0: none)
    // and the offsets its suffixes are known to be found at (-1: unknown)
    Name m_names[2];
    unsigned m_prevIndex = 0;
    std::size_t m_prevK = 0;
    int m_prevOffset[kMaxLabels] = {};
};

// wireNameLength is the length of the uncompressed wire name at p (at most avail bytes), 0 if bad.
std::size_t wireNameLength(const unsigned char *p, std::size_t avail)
{
    std::size_t pos = 0;
    while (pos < avail) {
        const unsigned len = p[pos];
        if (len == 0)
            return pos + 1;
        if (len > 63)
            return 0;
        pos += 1 + len;
    }
    return 0;
}

// The word-at-a-time scans take the first byte in memory as the lowest-order one.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "word scans assume a little-endian target");

// zeroBytes has the high bit of each zero byte of v set, and no other bits (exact, unlike the
// cheaper test that may also flag bytes above a zero byte).
std::uint64_t zeroBytes(std::uint64_t v)
{
    constexpr std::uint64_t k7f = 0x7F7F7F7F7F7F7F7FULL;
    const std::uint64_t t = (v & k7f) + k7f;
    return ~(t | v | k7f);
}

// plainToWire converts a presentation name without escapes into buf (kMaxNameWire + 2 bytes) and
// returns its length; 0 when the name has a backslash or is not a valid name (nameToWire then
// decides). Owners are converted here on the stack: this is nameToWire without the std::string.
std::size_t plainToWire(std::string_view name, unsigned char *buf)
{
    if (name.empty() || name.size() > kMaxNameWire)
        return 0;
    const std::size_t size = name.back() == '.' ? name.size() - 1 : name.size();
    if (size == 0)
        return 0; // the root: nameToWire handles it
    // The wire form is the text shifted by one byte with each dot replaced by the length of the
    // label after it: words of eight characters are moved as a whole, then their dots patched.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    const char *t = name.data();
    std::size_t lenPos = 0; // where the current label's length byte goes
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t v;
        std::memcpy(&v, t + i, 8);
        if (zeroBytes(v ^ (kOnes * '\\')))
            return 0;
        std::memcpy(buf + 1 + i, &v, 8);
        for (std::uint64_t d = zeroBytes(v ^ (kOnes * '.')); d; d &= d - 1) {
            const std::size_t pos = i + static_cast<std::size_t>(__builtin_ctzll(d)) / 8;
            const std::size_t len = pos - lenPos;
            if (len == 0 || len > 63)
                return 0;
            buf[lenPos] = static_cast<unsigned char>(len);
            lenPos = pos + 1;
        }
    }
    for (; i < size; ++i) {
        const char c = t[i];
        if (c == '.') {
            const std::size_t len = i - lenPos;
            if (len == 0 || len > 63)
                return 0;
            buf[lenPos] = static_cast<unsigned char>(len);
            lenPos = i + 1;
            continue;
        }
        if (c == '\\')
            return 0;
        buf[i + 1] = static_cast<unsigned char>(c);
    }
    const std::size_t len = size - lenPos;
    if (len == 0 || len > 63 || size + 2 > kMaxNameWire)
        return 0;
    buf[lenPos] = static_cast<unsigned char>(len);
    buf[size + 1] = 0;
    return size + 2;
}

// sameText is a == b for the short strings of owners, compared a word at a time inline (bytes up
// to the terminating NUL of a std::string are readable).
bool sameText(const std::string &a, const std::string &b)
{
    const std::size_t n = a.size();
    if (n != b.size())
        return false;
    const char *x = a.data();
    const char *y = b.data();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t u, v;
        std::memcpy(&u, x + i, 8);
        std::memcpy(&v, y + i, 8);
        if (u != v)
            return false;
    }
    for (; i < n; ++i) {
        if (x[i] != y[i])
            return false;
    }
    return true;
}

class Encoder
{
public:
    Encoder(Writer &out, bool compress)
        : m_out(out), m_compress(compress), m_comp(Compressor::forThread())
    {
        m_comp.reset();
    }

    void name(const unsigned char *w, std::size_t n)
    {
        m_siblingBase = nullptr; // the compressor's previous name is no longer the last owner
        if (m_compress)
            m_comp.write(m_out, w, n);
        else
            m_out.bytes(w, n);
    }

    // owner writes a presentation-form owner. Repeated owners (the common case: every answer
    // record carries the query name) become a pointer without converting the text again; an owner
    // that differs from the previous name written only in its first label goes to
    // Compressor::writeSibling.
    void owner(const std::string &text)
    {
        if (m_compress && m_lastOwner && m_lastOwnerOffset < 0x4000 && sameText(*m_lastOwner, text)) {
            m_out.u16(static_cast<std::uint16_t>(0xC000 | m_lastOwnerOffset));
            return;
        }
        if (m_compress && m_siblingBase && sibling(text))
            return;
        unsigned char buf[kMaxNameWire + 2];
        const unsigned char *w = buf;
        std::size_t n = plainToWire(text, buf);
        if (n == 0) {
            m_scratch.clear();
            if (!nameToWire(text, m_scratch)) {
                m_scratch.clear();
                m_scratch.push_back('\0');
            }
            w = reinterpret_cast<const unsigned char *>(m_scratch.data());
            n = m_scratch.size();
        }
        m_lastOwner = &text;
        m_lastOwnerOffset = m_out.n;
        const std::size_t before = m_out.n;
        name(w, n);
        // a name written as a bare pointer points elsewhere: reuse that target instead
        if (m_out.n - before == 2 && (m_out.p[before] & 0xC0) == 0xC0)
            m_lastOwnerOffset = ((m_out.p[before] & 0x3F) << 8) | m_out.p[before + 1];
        // The next owner may be a sibling of this one when it was the plain text of the name the
        // compressor wrote last.
        if (m_compress && w == buf)
            setSiblingBase(text);
    }

    // sibling writes text through Compressor::writeSibling when it is the last plain owner with
    // another first label (no escapes in it); false when it is not.
    bool sibling(const std::string &text)
    {
        const std::size_t tail = m_siblingBase->size() - m_siblingDot; // from the first dot on
        if (text.size() <= tail || text.size() - tail > 63 || !m_comp.canWriteSibling())
            return false;
        const std::size_t dot = text.size() - tail;
        const char *t = text.data();
        if (t[dot] != '.' || std::memcmp(t + dot, m_siblingBase->data() + m_siblingDot, tail) != 0)
            return false;
        for (std::size_t i = 0; i < dot; ++i) {
            if (t[i] == '.' || t[i] == '\\')
                return false;
        }
        // The wire length is the previous name's with this first label instead of its own.
        const std::size_t n = m_comp.previousSize() - (m_siblingDot + 1) + (dot + 1);
        if (n > kMaxNameWire)
            return false;
        m_lastOwner = &text;
        m_lastOwnerOffset = m_out.n;
        const std::size_t before = m_out.n;
        m_comp.writeSibling(m_out, t, dot);
        if (m_out.n - before == 2 && (m_out.p[before] & 0xC0) == 0xC0)
            m_lastOwnerOffset = ((m_out.p[before] & 0x3F) << 8) | m_out.p[before + 1];
        setSiblingBase(text);
        return true;
    }

    // setSiblingBase records text (escape-free, just written by the compressor) as the name later
    // owners may be siblings of; names of one label are not.
    void setSiblingBase(const std::string &text)
    {
        m_siblingBase = nullptr;
        const void *dot = std::memchr(text.data(), '.', text.size());
        if (!dot)
            return;
        const std::size_t d = static_cast<std::size_t>(static_cast<const char *>(dot) - text.data());
        if (d + 1 >= text.size())
            return; // "label." : one label
        m_siblingBase = &text;
        m_siblingDot = d;
    }

    void rr(const Rr &r)
    {
        owner(r.owner);
        m_out.u16(r.type);
        m_out.u16(r.cls);
        m_out.u32(r.ttl);
        const std::size_t lenPos = m_out.n;
        m_out.n += 2;
        const auto *d = reinterpret_cast<const unsigned char *>(r.rdata.data());
        const std::size_t n = r.rdata.size();
        switch (r.type) {
        case kTypeCNAME:
        case kTypeNS:
        case kTypePTR:
            if (wireNameLength(d, n) == n) {
                name(d, n);
                break;
            }
            m_out.bytes(d, n);
            break;
        case kTypeMX:
            if (n > 2 && wireNameLength(d + 2, n - 2) == n - 2) {
                m_out.bytes(d, 2);
                name(d + 2, n - 2);
                break;
            }
            m_out.bytes(d, n);
            break;
        case kTypeSOA: {
            const std::size_t a = wireNameLength(d, n);
            const std::size_t b = a ? wireNameLength(d + a, n - a) : 0;
            if (a && b && n - a - b == 20) {
                name(d, a);
                name(d + a, b);
                m_out.bytes(d + a + b, 20);
                break;
            }
            m_out.bytes(d, n);
            break;
        }
        default:
            m_out.shortBytes(d, n);
        }
        const std::size_t rdlen = m_out.n - lenPos - 2;
        m_out.p[lenPos] = static_cast<unsigned char>(rdlen >> 8);
        m_out.p[lenPos + 1] = static_cast<unsigned char>(rdlen & 0xFF);
    }

private:
    Writer &m_out;
    bool m_compress;
    Compressor &m_comp;
    std::string m_scratch;
    const std::string *m_lastOwner = nullptr;
    std::size_t m_lastOwnerOffset = 0;
    // the last owner written by the compressor from its plain text, and its first dot
    const std::string *m_siblingBase = nullptr;
    std::size_t m_siblingDot = 0;
};

// sectionBound is an upper bound of a section's encoded size: an owner's wire form is at most two
// bytes longer than its text (escapes only shrink it, an invalid owner becomes the 1-byte root) and
// compression only shortens rdata names.
std::size_t sectionBound(const std::vector<Rr> &rrs)
{
    std::size_t n = 0;
    for (const Rr &r : rrs)
        n += r.owner.size() + 2 + 10 + r.rdata.size();
    return n;
}

} // namespace

void encode(const Message &msg, std::string &out)
{
    std::size_t bound = 12 + 16; // header, OPT record with the stub option
    for (const Question &q : msg.question)
        bound += q.name.size() + 2 + 4;
    bound += sectionBound(msg.answer) + sectionBound(msg.authority) + sectionBound(msg.additional);
    out.resize(bound);
    Writer w;
    w.p = reinterpret_cast<unsigned char *>(&out[0]);

    const Header &h = msg.header;
    w.u16(h.id);
    std::uint16_t flags = 0;
    flags |= h.qr ? 0x8000 : 0;
    flags |= static_cast<std::uint16_t>((h.opcode & 0xF) << 11);
    flags |= h.aa ? 0x0400 : 0;
    flags |= h.tc ? 0x0200 : 0;
    flags |= h.rd ? 0x0100 : 0;
    flags |= h.ra ? 0x0080 : 0;
    flags |= h.ad ? 0x0020 : 0;
    flags |= h.cd ? 0x0010 : 0;
    flags |= h.rcode & 0xF;
    w.u16(flags);
    w.u16(static_cast<std::uint16_t>(msg.question.size()));
    w.u16(static_cast<std::uint16_t>(msg.answer.size()));
    w.u16(static_cast<std::uint16_t>(msg.authority.size()));
    w.u16(static_cast<std::uint16_t>(msg.additional.size() + (msg.edns.present ? 1 : 0)));

    Encoder enc(w, msg.compress);
    for (const Question &q : msg.question) {
        enc.owner(q.name);
        w.u16(q.type);
        w.u16(q.cls);
    }
    for (const Rr &r : msg.answer)
        enc.rr(r);
    for (const Rr &r : msg.authority)
        enc.rr(r);
    for (const Rr &r : msg.additional)
        enc.rr(r);
    if (msg.edns.present) {
        w.u8(0);
        w.u16(kTypeOPT);
        w.u16(msg.edns.udpSize);
        const std::uint32_t ttl = (static_cast<std::uint32_t>(msg.edns.extendedRcode) << 24)
            | (static_cast<std::uint32_t>(msg.edns.version) << 16) | (msg.edns.dnssecOk ? 0x8000u : 0u);
        w.u32(ttl);
        if (msg.edns.stubOption) {
            w.u16(5);
            w.u16(kStubOptionCode);
            w.u16(1);
            w.u8(1);
        } else {
            w.u16(0);
        }
    }
    out.resize(w.n);
}

FitResult fit(Message &msg, std::size_t size, bool tcp, std::string &wire)
{
    encode(msg, wire);
    if (wire.size() > size) {
        msg.additional.clear();
        msg.edns.present = false;
        encode(msg, wire);
    }
    if (wire.size() < size)
        return FitResult::Fits;
    if (tcp)
        return FitResult::Overflow;
    msg.header.tc = true;
    // The longest answer prefix that fits (SkyDNS bisects crudely; the exact count is not part of
    // any contract, fitting is).
    std::vector<Rr> all = std::move(msg.answer);
    std::size_t lo = 0, hi = all.size(); // lo fits (possibly 0 answers), hi unknown
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        msg.answer.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(mid));
        encode(msg, wire);
        if (wire.size() < size)
            lo = mid;
        else
            hi = mid - 1;
    }
    msg.answer.assign(std::make_move_iterator(all.begin()), std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(lo)));
    encode(msg, wire);
    return FitResult::Truncated;
}

std::string encode(const Message &msg)
{
    std::string out;
    out.reserve(512);
    encode(msg, out);
    return out;
}

} // namespace skydns::dns
