#include "backend/watchfeedbase.h"

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

WatchFeedBase::WatchFeedBase(Settings settings, Callbacks callbacks, bool paused)
    : m_settings(settings)
    , m_callbacks(std::move(callbacks))
    , m_paused(paused)
{
}

WatchFeedBase::~WatchFeedBase()
{
    // The derived feed has joined already; this only guards against one that forgot.
    joinThread();
}

void WatchFeedBase::startThread(std::function<void()> run)
{
    m_thread = std::thread(std::move(run));
}

void WatchFeedBase::joinThread()
{
    retire();
    if (m_thread.joinable())
        m_thread.join();
}

void WatchFeedBase::setPaused(bool paused)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = paused;
    }
    m_wake.notify_all();
}

void WatchFeedBase::retire()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_retired = true;
    }
    m_wake.notify_all();
}

bool WatchFeedBase::finished() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_status != Status::Running;
}

bool WatchFeedBase::waitUntilResumed()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait(lock, [this] { return !m_paused || m_retired; });
    return !m_retired;
}

void WatchFeedBase::end(Status status, std::string reason)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_status = status;
        m_reason = std::move(reason);
    }
    m_callbacks.activity();
}

bool WatchFeedBase::sleepFor(std::chrono::milliseconds delay)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    return !m_wake.wait_for(lock, delay, [this] { return m_retired; });
}

} // namespace skydns::backend
