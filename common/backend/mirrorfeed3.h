#pragma once

#include "backend/etcd3client.h"
#include "backend/watchfeedbase.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace skydns::backend {

// WatchFeed3Event is one batch of a v3 watch stream and when it arrived (WatchFeed3::Event).
struct WatchFeed3Event
{
    Etcd3WatchBatch batch;
    std::chrono::steady_clock::time_point received;
};

// WatchFeed3 is the v3 counterpart of WatchFeed (issue 8): one streaming watch of every key below
// a directory prefix (POST /v3/watch over the JSON gateway) from a revision, on a thread of its
// own, queueing the batches it receives. It survives etcd outages and member loss (the client
// fails over; the feed retries with Backoff from the revision after the last one delivered) and
// ends when etcd says that revision was compacted, when a response cannot be decoded, or when the
// client is cancelled. setPaused (tests) holds it before its next stream; a stream in progress
// ends at its next batch, which is dropped and fetched again after the pause.
class WatchFeed3 final : public WatchFeedQueue<WatchFeed3Event>
{
public:
    // Event is one batch of the stream and when it arrived.
    using Event = WatchFeed3Event;

    // WatchFeed3 starts watching every key below directory (e.g. "/skydns/") from fromRevision.
    WatchFeed3(std::shared_ptr<Etcd3Client> client, std::string directory, std::int64_t fromRevision,
               Settings settings, Callbacks callbacks, bool paused);
    // ~WatchFeed3 retires the feed and waits for its thread (at most one watch stream).
    ~WatchFeed3();

private:
    void run();

    const std::shared_ptr<Etcd3Client> m_client;
    const std::string m_directory;
    const std::string m_rangeEnd;
    std::int64_t m_next; // the feed thread's next start revision
};

} // namespace skydns::backend
