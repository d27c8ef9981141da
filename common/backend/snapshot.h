#pragma once

#include "backend/backend.h"
#include "backend/store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace skydns::backend {

// Snapshot is one immutable, published version of the mirrored etcd subtree. It is shared as
// std::shared_ptr<const Snapshot> between the mirror and every reader (resolver, cache, console);
// record pointers it returns stay valid as long as the snapshot is alive. Lookups follow exactly
// the rules of Backend (backend.h) and MemoryBackend.
class Snapshot final : public Backend
{
public:
    // Snapshot publishes store as generation `generation`, reflecting etcd index etcdIndex.
    // synced=false makes every lookup Unavailable (no complete copy yet).
    Snapshot(Store store, std::uint64_t generation, std::uint64_t etcdIndex, bool synced = true);

    // unsynced is the empty generation-0 snapshot a mirror serves before its first full read.
    static std::shared_ptr<const Snapshot> unsynced(std::string prefix);

    // generation increases strictly with every snapshot a mirror publishes.
    std::uint64_t generation() const { return m_generation; }
    // etcdIndex is the etcd index whose state this snapshot shows.
    std::uint64_t etcdIndex() const { return m_etcdIndex; }
    // recordCount is the number of decoded records; malformedCount the number of skipped values.
    std::size_t recordCount() const { return m_store.recordCount(); }
    std::size_t malformedCount() const { return m_store.malformedCount(); }
    // malformed lists (key, decoder message) of every value that is skipped, in key order.
    std::vector<std::pair<std::string, std::string>> malformed() const;
    // prefix is the path prefix ("skydns").
    const std::string &prefix() const { return m_store.prefix(); }
    // store gives read access to the tree, e.g. for browsing it.
    const Store &store() const { return m_store; }

    bool hasSynced() const override { return m_synced; }
    LookupResult records(std::string_view name, bool exact) const override;
    LookupResult reverseRecord(std::string_view name) const override;

private:
    Store m_store;
    std::uint64_t m_generation;
    std::uint64_t m_etcdIndex;
    bool m_synced;
};

} // namespace skydns::backend
