#include "backend/snapshot.h"

#include "model/path.h"

#include <algorithm>
#include <memory>

namespace skydns::backend {

namespace {

// BareService fields are what SkyDNS's loopNodes compares to collapse duplicates (spec 2.2); the
// Store's records carry their hash computed at load time (model::Record::prepare).
std::uint64_t bareHash(const model::Record &r)
{
    return r.hostKind != model::HostKind::Unknown ? r.bareHash : model::bareServiceHash(r.service);
}

bool sameBare(const model::Service &a, const model::Service &b)
{
    return a.port == b.port && a.priority == b.priority && a.weight == b.weight && a.host == b.host
        && a.text == b.text;
}

// Collector gathers records in key order, dropping duplicates (first one wins) and, for wildcard
// queries, keys that do not match element-wise. The duplicate set is an open-addressing table of
// record pointers kept per thread: a 100-record subtree walk then allocates nothing (the
// node-based set it replaces cost one allocation per record).
class Collector
{
public:
    // expected is an upper bound of the records the walk can add (the subtree's record count);
    // the table is sized for it once, so it never grows during the walk.
    Collector(std::vector<const model::Record *> &out, std::string_view wildcardQueryPath, std::size_t expected)
        : m_out(out)
        , m_queryPath(wildcardQueryPath)
    {
        m_state = &state();
        if (m_state->busy) {
            m_own = std::make_unique<State>(); // a nested walk (none today) gets its own table
            m_state = m_own.get();
        }
        m_state->busy = true;
        m_state->used = 0;
        std::size_t size = 16;
        while (size < 2 * expected + 2)
            size *= 2;
        if (m_state->slots.capacity() > 8192 && size <= 8192)
            m_state->slots = std::vector<Slot>(); // do not keep a huge table from a rare walk
        m_state->slots.assign(size, Slot{});
    }
    ~Collector() { m_state->busy = false; }
    Collector(const Collector &) = delete;
    Collector &operator=(const Collector &) = delete;

    void add(const model::Record &record)
    {
        if (!m_queryPath.empty() && !model::keyMatchesWildcard(record.key, m_queryPath))
            return;
        const model::Service &s = record.service;
        const std::uint64_t h = bareHash(record);
        const std::vector<Slot> &slots = m_state->slots;
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = (h ^ (h >> 29)) & mask; slots[i].record; i = (i + 1) & mask) {
            if (slots[i].hash == h && sameBare(slots[i].record->service, s))
                return;
        }
        m_out.push_back(&record);
        insert(Slot{h, &record});
    }

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        const model::Record *record = nullptr;
    };
    struct State
    {
        std::vector<Slot> slots;
        std::size_t used = 0;
        bool busy = false;
    };

    static State &state()
    {
        thread_local State st;
        return st;
    }

    void insert(Slot slot)
    {
        std::vector<Slot> &slots = m_state->slots;
        if (2 * (m_state->used + 1) > slots.size()) {
            std::vector<Slot> old(2 * slots.size());
            old.swap(slots);
            m_state->used = 0;
            for (const Slot &o : old) {
                if (o.record)
                    insert(o);
            }
        }
        const std::size_t mask = slots.size() - 1;
        std::size_t i = (slot.hash ^ (slot.hash >> 29)) & mask;
        while (slots[i].record)
            i = (i + 1) & mask;
        slots[i] = slot;
        ++m_state->used;
    }

    std::vector<const model::Record *> &m_out;
    std::string_view m_queryPath;
    State *m_state = nullptr;
    std::unique_ptr<State> m_own;
};

// visit collects the records at or below node, which sits `depth` elements below the lookup's
// base. While depth < query.size(), only children matching query[depth] (or any child for a
// wildcard element) are walked and values are skipped: a key shorter than the query never matches.
// Without a wildcard, query is empty and the whole subtree is collected.
void visit(const StoreNode &node, const std::vector<std::string_view> &query, std::size_t depth, Collector &out)
{
    if (node.isRecord()) {
        if (depth >= query.size())
            out.add(node.record);
        return;
    }
    if (!node.isDirectory() || node.recordCount == 0)
        return;
    if (depth < query.size() && !model::isWildcardLabel(query[depth])) {
        if (const StoreNode *child = node.child(query[depth]))
            visit(*child, query, depth + 1, out);
        return;
    }
    node.children.forEach([&](const std::string &, const StoreNodePtr &child) {
        visit(*child, query, depth + 1, out);
        return true;
    });
}

std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos)
            return out;
        start = slash + 1;
    }
}

LookupResult unavailable()
{
    LookupResult result;
    result.status = LookupStatus::Unavailable;
    result.error = "no synced copy of etcd yet";
    return result;
}

LookupResult notADirectory(const std::string &path, const StoreNode &value)
{
    // etcd answers error 104 here, which SkyDNS does not treat as a name error.
    LookupResult result;
    result.status = LookupStatus::Invalid;
    result.error = path + ": not a directory (" + value.record.key + " is a value)";
    return result;
}

LookupResult invalid(std::string error)
{
    LookupResult result;
    result.status = LookupStatus::Invalid;
    result.error = std::move(error);
    return result;
}

} // namespace

Snapshot::Snapshot(Store store, std::uint64_t generation, std::uint64_t etcdIndex, bool synced)
    : m_store(std::move(store))
    , m_generation(generation)
    , m_etcdIndex(etcdIndex)
    , m_synced(synced)
{
}

std::shared_ptr<const Snapshot> Snapshot::unsynced(std::string prefix)
{
    return std::make_shared<const Snapshot>(Store(std::move(prefix)), 0, 0, false);
}

std::vector<std::pair<std::string, std::string>> Snapshot::malformed() const
{
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(m_store.malformedCount());
    m_store.malformed().forEach([&out](const std::string &key, const std::string &error) {
        out.emplace_back(key, error);
        return true;
    });
    return out;
}

LookupResult Snapshot::records(std::string_view name, bool exact) const
{
    if (!m_synced)
        return unavailable();
    const model::WildcardPath base = model::pathWithWildcard(name, m_store.prefix());
    const StoreNode *valueAbove = nullptr;
    const StoreNode *node = m_store.find(base.path, &valueAbove);
    if (valueAbove)
        return notADirectory(base.path, *valueAbove);
    LookupResult result;
    if (!node)
        return result; // NotFound: etcd error 100
    result.status = LookupStatus::Ok;
    if (node->isDirectory()) {
        if (exact)
            return result;
        std::string queryPath;
        std::vector<std::string_view> query;
        if (base.star) {
            queryPath = model::domainToPath(name, m_store.prefix());
            const std::vector<std::string_view> all = splitPath(queryPath);
            const std::size_t baseElements = splitPath(base.path).size();
            if (all.size() > baseElements)
                query.assign(all.begin() + std::ptrdiff_t(baseElements), all.end());
        }
        result.records.reserve(std::min<std::size_t>(node->recordCount, 4096));
        Collector collector(result.records, queryPath, node->recordCount);
        visit(*node, query, 0, collector);
    } else if (node->isRecord()) {
        // SkyDNS quirk: a value at the path before the wildcard is returned without matching the
        // rest of the name against its key.
        result.records.push_back(&node->record);
    }
    return result;
}

LookupResult Snapshot::reverseRecord(std::string_view name) const
{
    if (!m_synced)
        return unavailable();
    const model::WildcardPath base = model::pathWithWildcard(name, m_store.prefix());
    if (base.star)
        return invalid("reverse can not contain wildcards");
    const StoreNode *valueAbove = nullptr;
    const StoreNode *node = m_store.find(base.path, &valueAbove);
    if (valueAbove)
        return notADirectory(base.path, *valueAbove);
    LookupResult result;
    if (!node)
        return result;
    if (node->isDirectory())
        return invalid("reverse must not be a directory");
    if (!node->isRecord()) {
        const std::string *error = m_store.malformed().find(node->record.key);
        return invalid(error && !error->empty() ? *error : std::string("must be only one service record"));
    }
    result.status = LookupStatus::Ok;
    result.records.push_back(&node->record);
    return result;
}

} // namespace skydns::backend
