#include "backend/snapshot.h"

#include "model/path.h"

#include <functional>
#include <unordered_set>

namespace skydns::backend {

namespace {

// BareService is what SkyDNS's loopNodes compares to collapse duplicates (spec 2.2).
struct BareService
{
    std::string_view host;
    int port;
    int priority;
    int weight;
    std::string_view text;

    bool operator==(const BareService &o) const
    {
        return port == o.port && priority == o.priority && weight == o.weight && host == o.host && text == o.text;
    }
};

struct BareServiceHash
{
    std::size_t operator()(const BareService &b) const
    {
        std::size_t h = std::hash<std::string_view>()(b.host);
        for (std::size_t v : {std::size_t(b.port), std::size_t(b.priority), std::size_t(b.weight),
                              std::hash<std::string_view>()(b.text)})
            h = h * 1000003u ^ v;
        return h;
    }
};

// Collector gathers records in key order, dropping duplicates (first one wins) and, for wildcard
// queries, keys that do not match element-wise.
class Collector
{
public:
    Collector(std::vector<const model::Record *> &out, std::string_view wildcardQueryPath)
        : m_out(out)
        , m_queryPath(wildcardQueryPath)
    {
    }

    void add(const model::Record &record)
    {
        if (!m_queryPath.empty() && !model::keyMatchesWildcard(record.key, m_queryPath))
            return;
        const model::Service &s = record.service;
        if (!m_seen.insert(BareService{s.host, s.port, s.priority, s.weight, s.text}).second)
            return;
        m_out.push_back(&record);
    }

private:
    std::vector<const model::Record *> &m_out;
    std::string_view m_queryPath;
    std::unordered_set<BareService, BareServiceHash> m_seen;
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
        Collector collector(result.records, queryPath);
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
