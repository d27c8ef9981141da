#include "backend/mirrorfeed3.h"

#include "backend/etcd3codec.h"

#include <algorithm>

namespace skydns::backend {

WatchFeed3::WatchFeed3(std::shared_ptr<Etcd3Client> client, std::string directory, std::int64_t fromRevision,
                       Settings settings, Callbacks callbacks, bool paused)
    : WatchFeedQueue(settings, std::move(callbacks), paused)
    , m_client(std::move(client))
    , m_directory(directoryPrefix(directory))
    , m_rangeEnd(prefixRangeEnd(m_directory))
    , m_next(std::max<std::int64_t>(fromRevision, 1))
{
    startThread([this] { run(); });
}

WatchFeed3::~WatchFeed3()
{
    joinThread();
}

void WatchFeed3::run()
{
    Backoff backoff(m_settings.backoffMin, m_settings.backoffMax);
    while (waitUntilResumed()) {
        // A batch that arrives while the feed is paused or retired is dropped, and m_next stays
        // before it, so a resumed stream fetches it again.
        bool dropped = false;
        const auto onBatch = [&](const Etcd3WatchBatch &batch) {
            if (batch.created) {
                m_callbacks.reachable();
                backoff.reset();
            }
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_paused || m_retired) {
                    dropped = true;
                    return false;
                }
                if (batch.events.empty())
                    return true;
                for (const Etcd3Event &event : batch.events)
                    m_next = std::max(m_next, event.kv.modRevision + 1);
                m_events.push_back(Event{batch, std::chrono::steady_clock::now()});
            }
            m_callbacks.activity();
            return true;
        };
        const Etcd3Result result = m_client->watch(m_directory, m_rangeEnd, m_next, onBatch, m_settings.watchWait);
        switch (result.kind) {
        case Etcd3Result::Kind::Ok:
            // The stream ran its time (or was stopped): every change up to result.revision was
            // handed out, progress notifications included, unless the last batch was dropped.
            if (!dropped)
                m_next = std::max(m_next, result.revision + 1);
            m_callbacks.reachable();
            break;
        case Etcd3Result::Kind::Compacted:
            return end(Status::Compacted, result.message);
        case Etcd3Result::Kind::Cancelled:
            return end(Status::Cancelled, "cancelled");
        case Etcd3Result::Kind::Malformed:
            // We cannot know which change we failed to decode: only a full read is safe now.
            m_callbacks.unreachable(result.message);
            return end(Status::Broken, result.message);
        case Etcd3Result::Kind::EtcdError:
        case Etcd3Result::Kind::Unavailable:
            m_callbacks.unreachable(result.message);
            sleepFor(backoff.next());
            break;
        }
    }
    end(Status::Retired, "retired");
}

} // namespace skydns::backend
