#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace skydns::backend {

// Backoff is the retry delay after an etcd failure: min doubling to max, with ±25 % jitter so that
// many mirrors of one etcd do not retry in lock-step after an outage.
class Backoff
{
public:
    Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max);
    // next is the delay to wait now; each call doubles the following one up to max.
    std::chrono::milliseconds next();
    // reset starts again from min (after a success).
    void reset() { m_next = m_min; }

private:
    std::chrono::milliseconds m_min, m_max, m_next;
    std::mt19937 m_random;
};

// WatchFeedBase is the thread plumbing shared by the v2 WatchFeed and the v3 WatchFeed3: the
// feed's thread, its status, pausing (tests), retiring, and sleeping between retries so that
// retire() wakes it. The watch loop itself (run()) belongs to the derived feed, which starts the
// thread with startThread() at the end of its constructor and calls joinThread() first thing in
// its destructor (the loop uses the derived feed's members).
class WatchFeedBase
{
public:
    // Status tells whether the feed still runs and, if not, why it ended.
    enum class Status { Running, Compacted, Broken, Cancelled, Retired };

    // Settings are the mirror's timing options.
    struct Settings
    {
        std::chrono::milliseconds watchWait{10000};
        std::chrono::milliseconds backoffMin{100};
        std::chrono::milliseconds backoffMax{5000};
    };

    // Callbacks report to the mirror, from the feed's thread: etcd could not be reached (with the
    // error), etcd answered, and something was queued or the feed ended.
    struct Callbacks
    {
        std::function<void(const std::string &)> unreachable;
        std::function<void()> reachable;
        std::function<void()> activity;
    };

    WatchFeedBase(const WatchFeedBase &) = delete;
    WatchFeedBase &operator=(const WatchFeedBase &) = delete;

    // setPaused holds the feed before its next request (tests).
    void setPaused(bool paused);
    // retire asks the feed to end after the request in flight; finished tells when it has.
    void retire();
    bool finished() const;

protected:
    WatchFeedBase(Settings settings, Callbacks callbacks, bool paused);
    ~WatchFeedBase();

    void startThread(std::function<void()> run);
    // joinThread retires the feed and waits for its thread.
    void joinThread();
    // waitUntilResumed blocks while the feed is paused; false when it was retired.
    bool waitUntilResumed();
    // end records why the feed ended and tells the mirror.
    void end(Status status, std::string reason);
    // sleepFor waits delay or until retire(); false when retired.
    bool sleepFor(std::chrono::milliseconds delay);

    const Settings m_settings;
    const Callbacks m_callbacks;

    mutable std::mutex m_mutex; // guards what follows and the derived feed's queue
    std::condition_variable m_wake;
    Status m_status = Status::Running;
    std::string m_reason;
    bool m_paused;
    bool m_retired = false;

private:
    std::thread m_thread;
};

// WatchFeedQueue adds the queue of received events (of type Event) that the mirror takes.
template <typename Event>
class WatchFeedQueue : public WatchFeedBase
{
public:
    // take removes and returns every queued event, and the status (with the reason it ended).
    std::vector<Event> take(Status *status, std::string *reason)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        std::vector<Event> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
        m_events.clear();
        *status = m_status;
        *reason = m_reason;
        return out;
    }
    // pending is true when events are queued or the feed has ended.
    bool pending() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return !m_events.empty() || m_status != Status::Running;
    }

protected:
    using WatchFeedBase::WatchFeedBase;

    std::deque<Event> m_events; // guarded by m_mutex
};

} // namespace skydns::backend
