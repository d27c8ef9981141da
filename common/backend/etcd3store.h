#pragma once

#include "backend/etcd3client.h"
#include "backend/store.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// Filling the mirror's Store from etcd v3 data (issue 8), for a v3 mirror feed: v3 has no
// directories, so they are implied by key paths and vanish with their last key (a name with no
// keys below it answers NXDOMAIN, as in SkyDNS's etcd3 mode).
namespace skydns::backend {

// Etcd3LeaseExpiry gives the expiry (ms since the Unix epoch) of a lease ID; 0 = never.
using Etcd3LeaseExpiry = std::function<std::int64_t(std::int64_t lease)>;

// etcd3StoreFromRange builds the store of "/<prefix>" from a prefix range of "/<prefix>/"; keys
// outside it are ignored. expiry (may be empty) turns lease IDs into expiry times.
Store etcd3StoreFromRange(const std::string &prefix, const std::vector<Etcd3KeyValue> &kvs,
                          const Etcd3LeaseExpiry &expiry = {});

// etcd3ApplyEvent applies one watch event: a put stores the value, a delete removes the key and
// then every parent directory left empty (up to, not including, the root). Returns false when the
// event was outside the store or removed nothing.
bool etcd3ApplyEvent(Store &store, const Etcd3Event &event, const Etcd3LeaseExpiry &expiry = {});

} // namespace skydns::backend
