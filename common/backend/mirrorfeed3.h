#pragma once

#include "backend/etcd3client.h"
#include "backend/mirrorfeed.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace skydns::backend {

// WatchFeed3 is the v3 counterpart of WatchFeed (issue 8): one streaming watch of every key below
// a directory prefix (POST /v3/watch over the JSON gateway) from a revision, on a thread of its
// own, queueing the batches it receives. It survives etcd outages and member loss (the client
// fails over; the feed retries with Backoff from the revision after the last one delivered) and
// ends when etcd says that revision was compacted, when a response cannot be decoded, or when the
// client is cancelled.
class WatchFeed3
{
public:
    // Event is one batch of the stream and when it arrived.
    struct Event
    {
        Etcd3WatchBatch batch;
        std::chrono::steady_clock::time_point received;
    };

    using Status = WatchFeed::Status;
    using Settings = WatchFeed::Settings;
    using Callbacks = WatchFeed::Callbacks;

    // WatchFeed3 starts watching every key below directory (e.g. "/skydns/") from fromRevision.
    WatchFeed3(std::shared_ptr<Etcd3Client> client, std::string directory, std::int64_t fromRevision,
               Settings settings, Callbacks callbacks, bool paused);
    // ~WatchFeed3 retires the feed and waits for its thread (at most one watch stream).
    ~WatchFeed3();
    WatchFeed3(const WatchFeed3 &) = delete;
    WatchFeed3 &operator=(const WatchFeed3 &) = delete;

    // take removes and returns every queued batch, and the status (with the reason it ended).
    std::vector<Event> take(Status *status, std::string *reason);
    // pending is true when batches are queued or the feed has ended.
    bool pending() const;
    // setPaused holds the feed before its next stream (tests); a stream in progress ends at its
    // next batch, which is dropped and fetched again after the pause.
    void setPaused(bool paused);
    // retire asks the feed to end after the stream in flight; finished tells when it has.
    void retire();
    bool finished() const;

private:
    void run();
    void end(Status status, std::string reason);
    bool sleepFor(std::chrono::milliseconds delay);

    const std::shared_ptr<Etcd3Client> m_client;
    const std::string m_directory;
    const std::string m_rangeEnd;
    const Settings m_settings;
    const Callbacks m_callbacks;
    std::int64_t m_next; // the feed thread's next start revision

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Event> m_events;
    Status m_status = Status::Running;
    std::string m_reason;
    bool m_paused;
    bool m_retired = false;
    std::thread m_thread;
};

} // namespace skydns::backend
