#include "backend/mirrorfeed3.h"

#include "backend/etcd3codec.h"

#include <algorithm>

namespace skydns::backend {

WatchFeed3::WatchFeed3(std::shared_ptr<Etcd3Client> client, std::string directory, std::int64_t fromRevision,
                       Settings settings, Callbacks callbacks, bool paused)
    : m_client(std::move(client))
    , m_directory(directoryPrefix(directory))
    , m_rangeEnd(prefixRangeEnd(m_directory))
    , m_settings(settings)
    , m_callbacks(std::move(callbacks))
    , m_next(std::max<std::int64_t>(fromRevision, 1))
    , m_paused(paused)
{
    m_thread = std::thread([this] { run(); });
}

WatchFeed3::~WatchFeed3()
{
    retire();
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<WatchFeed3::Event> WatchFeed3::take(Status *status, std::string *reason)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<Event> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events.clear();
    *status = m_status;
    *reason = m_reason;
    return out;
}

bool WatchFeed3::pending() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_events.empty() || m_status != Status::Running;
}

void WatchFeed3::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = paused;
    }
    m_wake.notify_all();
}

void WatchFeed3::retire()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_retired = true;
    }
    m_wake.notify_all();
}

bool WatchFeed3::finished() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_status != Status::Running;
}

void WatchFeed3::end(Status status, std::string reason)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_status = status;
        m_reason = std::move(reason);
    }
    m_callbacks.activity();
}

bool WatchFeed3::sleepFor(std::chrono::milliseconds delay)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_retired; });
}

void WatchFeed3::run()
{
    Backoff backoff(m_settings.backoffMin, m_settings.backoffMax);
    while (true) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_paused || m_retired; });
            if (m_retired)
                break;
        }
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
