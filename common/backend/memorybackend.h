#pragma once

#include "backend/backend.h"

#include <map>
#include <string>
#include <vector>

namespace skydns::backend {

// MemoryBackend is a Backend over an in-memory map of etcd keys, for unit tests and fixtures. It
// follows the same lookup rules as the etcd mirror's snapshots (tests/common/backend checks both
// with one table). Not thread-safe; not for production data sets.
class MemoryBackend final : public Backend
{
public:
    // MemoryBackend creates an empty backend whose keys live under "/<prefix>".
    explicit MemoryBackend(std::string prefix = "skydns");

    // put stores the JSON value at key (an absolute etcd key such as "/skydns/local/skydns/web").
    // expiresAtMs is the etcd expiration (0: none). An invalid value is kept as malformed and not
    // served; put returns false in that case and sets *error to the parser's message.
    bool put(const std::string &key, const std::string &json, std::int64_t expiresAtMs = 0,
             std::string *error = nullptr);

    // putDirectory creates an empty etcd directory at key.
    void putDirectory(const std::string &key);

    // remove deletes key and everything below it; returns false if nothing was there.
    bool remove(const std::string &key);

    // loadJson reads a fixture: a JSON object mapping etcd keys to service objects (or to
    // {"value": {...service...}, "expiresAtMs": N}); returns false and sets *error on bad input.
    bool loadJson(const std::string &json, std::string *error = nullptr);

    // malformed lists the keys whose values could not be decoded, with the parser's messages.
    const std::map<std::string, std::string> &malformed() const { return m_malformed; }

    // setSynced controls hasSynced (default true).
    void setSynced(bool synced) { m_synced = synced; }

    std::size_t size() const { return m_records.size(); }

    bool hasSynced() const override { return m_synced; }
    LookupResult records(std::string_view name, bool exact) const override;
    LookupResult reverseRecord(std::string_view name) const override;

private:
    // find returns the leaves at or below path (collecting them into out) and whether path exists
    // and whether it is a directory.
    bool collect(const std::string &path, std::vector<const model::Record *> &out, bool *isDir) const;

    std::string m_prefix;
    std::map<std::string, model::Record> m_records;   // leaves by key
    std::map<std::string, std::string> m_malformed;   // key -> error
    std::map<std::string, bool> m_directories;         // explicit (possibly empty) directories
    bool m_synced = true;
};

} // namespace skydns::backend
