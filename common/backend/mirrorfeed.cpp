#include "backend/mirrorfeed.h"

namespace skydns::backend {

WatchFeed::WatchFeed(std::shared_ptr<EtcdClient> client, std::string key, std::uint64_t fromIndex, Settings settings,
                     Callbacks callbacks, bool paused)
    : WatchFeedQueue(settings, std::move(callbacks), paused)
    , m_client(std::move(client))
    , m_key(std::move(key))
    , m_next(fromIndex)
{
    startThread([this] { run(); });
}

WatchFeed::~WatchFeed()
{
    joinThread();
}

void WatchFeed::run()
{
    Backoff backoff(m_settings.backoffMin, m_settings.backoffMax);
    while (waitUntilResumed()) {
        EtcdResult result = m_client->watch(m_key, m_next, true, m_settings.watchWait);
        switch (result.kind) {
        case EtcdResult::Kind::Ok: {
            // Move on past the event even if it carried no index, so it cannot come back forever.
            m_next = result.node.modifiedIndex >= m_next ? result.node.modifiedIndex + 1 : m_next + 1;
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_events.push_back(Event{std::move(result), std::chrono::steady_clock::now()});
            }
            m_callbacks.activity();
            m_callbacks.reachable();
            backoff.reset();
            break;
        }
        case EtcdResult::Kind::Cancelled:
            return end(Status::Cancelled, "cancelled");
        case EtcdResult::Kind::EtcdError:
            if (result.errorCode == 401)
                return end(Status::Compacted, result.message);
            m_callbacks.unreachable(result.message);
            sleepFor(backoff.next());
            break;
        case EtcdResult::Kind::Malformed:
            // We cannot know which change we failed to decode: only a full read is safe now.
            m_callbacks.unreachable(result.message);
            return end(Status::Broken, result.message);
        case EtcdResult::Kind::Unavailable:
            if (result.message == "timeout") {
                m_callbacks.reachable(); // etcd answered the request; there was simply no change
            } else {
                m_callbacks.unreachable(result.message);
                sleepFor(backoff.next());
            }
            break;
        }
    }
    end(Status::Retired, "retired");
}

} // namespace skydns::backend
