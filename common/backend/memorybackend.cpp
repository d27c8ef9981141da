#include "backend/memorybackend.h"

#include "model/path.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <set>
#include <tuple>

namespace skydns::backend {

namespace {

// cleanKey normalises a key as etcd v2 does (path.Clean of "/"+key): no empty, "." or ".."
// elements, a leading slash and no trailing one.
std::string cleanKey(const std::string &key)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= key.size()) {
        std::size_t end = key.find('/', start);
        if (end == std::string::npos)
            end = key.size();
        const std::string part = key.substr(start, end - start);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto &p : parts)
        out += "/" + p;
    return out.empty() ? "/" : out;
}

std::string childPrefix(const std::string &path)
{
    return path == "/" ? path : path + "/";
}

template<typename Map>
bool hasKeyBelow(const Map &map, const std::string &prefix)
{
    const auto it = map.lower_bound(prefix);
    return it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

template<typename Map>
bool eraseBelow(Map &map, const std::string &key)
{
    bool erased = map.erase(key) > 0;
    const std::string prefix = childPrefix(key);
    auto it = map.lower_bound(prefix);
    while (it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0) {
        it = map.erase(it);
        erased = true;
    }
    return erased;
}

std::string parentOf(const std::string &key)
{
    const auto slash = key.rfind('/');
    return slash == 0 || slash == std::string::npos ? std::string("/") : key.substr(0, slash);
}

// BareService is SkyDNS's bareService: the fields that make two services duplicates. The priority
// is compared before the config default replaces 0, as in loopNodes.
using BareService = std::tuple<std::string, int, int, int, std::string>;

BareService bare(const model::Service &s)
{
    return {s.host, s.port, s.priority, s.weight, s.text};
}

// leafAbove returns the nearest ancestor of path that holds a value, or "". etcd answers a read below
// a value with error 104 "Not a directory", which SkyDNS does not treat as a name error (only 100 is),
// so such names must not become NXDOMAIN.
std::string leafAbove(const std::map<std::string, model::Record> &records,
                      const std::map<std::string, std::string> &malformed, const std::string &path)
{
    for (std::string p = parentOf(path); p != "/"; p = parentOf(p)) {
        if (records.count(p) || malformed.count(p))
            return p;
    }
    return {};
}

} // namespace

MemoryBackend::MemoryBackend(std::string prefix)
    : m_prefix(std::move(prefix))
{
}

bool MemoryBackend::put(const std::string &rawKey, const std::string &json, std::int64_t expiresAtMs,
                        std::string *error)
{
    const std::string key = cleanKey(rawKey);
    // etcd refuses a value where a directory is ("Not a file") and below a value ("Not a
    // directory"); the tree shape must stay one etcd could have, or lookups would be ambiguous.
    const std::string below = childPrefix(key);
    if (key == "/" || m_directories.count(key) || hasKeyBelow(m_records, below) || hasKeyBelow(m_malformed, below)
        || hasKeyBelow(m_directories, below)) {
        if (error)
            *error = key + ": not a file (a directory exists there)";
        return false;
    }
    for (std::string p = parentOf(key); p != "/"; p = parentOf(p)) {
        if (m_records.count(p) || m_malformed.count(p)) {
            if (error)
                *error = key + ": not a directory (" + p + " is a value)";
            return false;
        }
    }

    std::string parseError;
    std::optional<model::Service> service = model::parseService(json, key, &parseError);
    if (!service) {
        m_records.erase(key);
        m_malformed[key] = parseError;
        if (error)
            *error = parseError;
        return false;
    }
    m_malformed.erase(key);
    model::Record &record = m_records[key];
    record.key = key;
    record.service = std::move(*service);
    record.expiresAtMs = expiresAtMs;
    // One process-wide counter stands in for etcd's index: it only has to grow with every write,
    // and scanning the records for their maximum made loading large fixtures quadratic.
    static std::atomic<std::uint64_t> s_index{0};
    record.modifiedIndex = ++s_index;
    return true;
}

void MemoryBackend::putDirectory(const std::string &rawKey)
{
    const std::string key = cleanKey(rawKey);
    for (std::string p = key; p != "/"; p = parentOf(p)) {
        if (m_records.count(p) || m_malformed.count(p))
            return; // etcd would refuse: a value is in the way
    }
    if (key != "/")
        m_directories[key] = true;
}

bool MemoryBackend::remove(const std::string &rawKey)
{
    const std::string key = cleanKey(rawKey);
    bool removed = eraseBelow(m_records, key);
    removed = eraseBelow(m_malformed, key) || removed;
    removed = eraseBelow(m_directories, key) || removed;
    // Deleting a key in etcd leaves its parent directory behind, even when it becomes empty.
    if (removed && parentOf(key) != "/")
        m_directories[parentOf(key)] = true;
    return removed;
}

bool MemoryBackend::loadJson(const std::string &json, std::string *error)
{
    auto fail = [error](const std::string &message) {
        if (error)
            *error = message;
        return false;
    };
    nlohmann::json doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded())
        return fail("fixture is not valid JSON");
    if (!doc.is_object())
        return fail("fixture must be a JSON object mapping etcd keys to values");

    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const nlohmann::json &entry = it.value();
        // A null entry is an empty directory; a string is a raw etcd value (possibly not valid JSON,
        // to test malformed data); an object with "value" is a value with etcd metadata.
        if (entry.is_null()) {
            putDirectory(it.key());
            continue;
        }
        const nlohmann::json *value = &entry;
        std::int64_t expiresAtMs = 0;
        if (entry.is_object() && entry.contains("value")) {
            value = &entry["value"];
            if (entry.contains("expiresAtMs")) {
                if (!entry["expiresAtMs"].is_number_integer())
                    return fail(it.key() + ": expiresAtMs must be an integer");
                expiresAtMs = entry["expiresAtMs"].get<std::int64_t>();
            }
        }
        const std::string raw = value->is_string() ? value->get<std::string>() : value->dump();
        std::string putError;
        if (!put(it.key(), raw, expiresAtMs, &putError) && !m_malformed.count(cleanKey(it.key())))
            return fail(putError);
    }
    return true;
}

bool MemoryBackend::collect(const std::string &path, std::vector<const model::Record *> &out, bool *isDir) const
{
    *isDir = false;
    if (const auto it = m_records.find(path); it != m_records.end()) {
        out.push_back(&it->second);
        return true;
    }
    if (m_malformed.count(path))
        return true; // a leaf, but nothing servable in it
    const std::string prefix = childPrefix(path);
    const bool exists = m_directories.count(path) || hasKeyBelow(m_records, prefix)
        || hasKeyBelow(m_malformed, prefix) || hasKeyBelow(m_directories, prefix);
    if (!exists)
        return false;
    *isDir = true;
    for (auto it = m_records.lower_bound(prefix); it != m_records.end(); ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0)
            break;
        out.push_back(&it->second);
    }
    return true;
}

namespace {

// unsyncedResult is what lookups give before setSynced(true): like a mirror without its first full
// read, the data is not there to be read (Snapshot does the same).
LookupResult unsyncedResult()
{
    LookupResult result;
    result.status = LookupStatus::Unavailable;
    result.error = "backend has not synced";
    return result;
}

} // namespace

LookupResult MemoryBackend::records(std::string_view name, bool exact) const
{
    if (!m_synced)
        return unsyncedResult();
    LookupResult result;
    const model::WildcardPath where = model::pathWithWildcard(name, m_prefix);
    if (const std::string leaf = leafAbove(m_records, m_malformed, where.path); !leaf.empty()) {
        result.status = LookupStatus::Invalid;
        result.error = where.path + ": not a directory (" + leaf + " is a value)";
        return result;
    }
    std::vector<const model::Record *> found;
    bool isDir = false;
    if (!collect(where.path, found, &isDir)) {
        result.status = LookupStatus::NotFound;
        return result;
    }
    result.status = LookupStatus::Ok;
    if (isDir && exact)
        return result;

    // SkyDNS filters on the wildcard only when the path is a directory; a leaf at the path before the
    // first wildcard is returned as is (etcd.go Records passes star=false for it).
    const bool filter = isDir && where.star;
    const std::string queryPath = filter ? model::domainToPath(name, m_prefix) : std::string();
    std::set<BareService> seen;
    for (const model::Record *record : found) {
        if (filter && !model::keyMatchesWildcard(record->key, queryPath))
            continue;
        if (!seen.insert(bare(record->service)).second)
            continue;
        result.records.push_back(record);
    }
    return result;
}

LookupResult MemoryBackend::reverseRecord(std::string_view name) const
{
    if (!m_synced)
        return unsyncedResult();
    LookupResult result;
    const model::WildcardPath where = model::pathWithWildcard(name, m_prefix);
    if (where.star) {
        result.status = LookupStatus::Invalid;
        result.error = "reverse can not contain wildcards";
        return result;
    }
    if (const std::string leaf = leafAbove(m_records, m_malformed, where.path); !leaf.empty()) {
        result.status = LookupStatus::Invalid;
        result.error = where.path + ": not a directory (" + leaf + " is a value)";
        return result;
    }
    std::vector<const model::Record *> found;
    bool isDir = false;
    if (!collect(where.path, found, &isDir)) {
        result.status = LookupStatus::NotFound;
        return result;
    }
    if (isDir) {
        result.status = LookupStatus::Invalid;
        result.error = "reverse must be a single leaf";
        return result;
    }
    if (found.size() != 1) {
        result.status = LookupStatus::Invalid;
        const auto bad = m_malformed.find(where.path);
        result.error = bad != m_malformed.end() ? bad->second : std::string("must be only one service record");
        return result;
    }
    result.status = LookupStatus::Ok;
    result.records = std::move(found);
    return result;
}

} // namespace skydns::backend
