#include "backend/mirrorfeed.h"

#include <algorithm>

namespace skydns::backend {

Backoff::Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max)
    : m_min(min)
    , m_max(max)
    , m_next(min)
    , m_random(std::random_device{}())
{
}

std::chrono::milliseconds Backoff::next()
{
    const auto base = m_next;
    m_next = std::min(m_max, m_next * 2);
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    return std::chrono::milliseconds(std::int64_t(double(base.count()) * jitter(m_random)));
}

WatchFeed::WatchFeed(std::shared_ptr<EtcdClient> client, std::string key, std::uint64_t fromIndex, Settings settings,
                     Callbacks callbacks, bool paused)
    : m_client(std::move(client))
    , m_key(std::move(key))
    , m_settings(settings)
    , m_callbacks(std::move(callbacks))
    , m_next(fromIndex)
    , m_paused(paused)
{
    m_thread = std::thread([this] { run(); });
}

WatchFeed::~WatchFeed()
{
    retire();
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<WatchFeed::Event> WatchFeed::take(Status *status, std::string *reason)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<Event> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events.clear();
    *status = m_status;
    *reason = m_reason;
    return out;
}

bool WatchFeed::pending() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_events.empty() || m_status != Status::Running;
}

void WatchFeed::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = paused;
    }
    m_wake.notify_all();
}

void WatchFeed::retire()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_retired = true;
    }
    m_wake.notify_all();
}

bool WatchFeed::finished() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_status != Status::Running;
}

void WatchFeed::end(Status status, std::string reason)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_status = status;
        m_reason = std::move(reason);
    }
    m_callbacks.activity();
}

bool WatchFeed::sleepFor(std::chrono::milliseconds delay)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_retired; });
}

void WatchFeed::run()
{
    Backoff backoff(m_settings.backoffMin, m_settings.backoffMax);
    while (true) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_paused || m_retired; });
            if (m_retired)
                break;
        }
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
