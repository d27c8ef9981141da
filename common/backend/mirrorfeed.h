#pragma once

#include "backend/etcdclient.h"
#include "backend/watchfeedbase.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace skydns::backend {

// WatchFeedEvent is one v2 watch response and when it arrived (WatchFeed::Event).
struct WatchFeedEvent
{
    EtcdResult result;
    std::chrono::steady_clock::time_point received;
};

// WatchFeed runs one recursive etcd watch from an index on a thread of its own and queues the
// events it receives, so that changes keep being fetched while the Mirror reads the whole tree or
// applies earlier events (which also lets it apply several at once). It survives etcd outages
// (retrying with Backoff from the same index) and ends when etcd says the index was compacted
// (401), when a response cannot be decoded, or when the client is cancelled.
class WatchFeed final : public WatchFeedQueue<WatchFeedEvent>
{
public:
    // Event is one watch response and when it arrived.
    using Event = WatchFeedEvent;

    // WatchFeed starts watching key from fromIndex at once.
    WatchFeed(std::shared_ptr<EtcdClient> client, std::string key, std::uint64_t fromIndex, Settings settings,
              Callbacks callbacks, bool paused);
    // ~WatchFeed retires the feed and waits for its thread (at most one watch request).
    ~WatchFeed();

private:
    void run();

    const std::shared_ptr<EtcdClient> m_client;
    const std::string m_key;
    std::uint64_t m_next; // the feed thread's next waitIndex
};

} // namespace skydns::backend
