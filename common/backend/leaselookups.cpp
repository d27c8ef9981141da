#include "backend/leaselookups.h"
#include "backend/wallclock.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcMirror)

namespace skydns::backend {

LeaseLookups::LeaseLookups(std::shared_ptr<Etcd3Client> client, std::vector<std::int64_t> leases, std::size_t inFlight,
                           std::chrono::milliseconds retryAfter, std::function<void()> activity)
    : m_client(std::move(client))
    , m_retryAfter(retryAfter)
    , m_activity(std::move(activity))
    , m_remaining(leases.size())
{
    for (const std::int64_t lease : leases)
        m_queue.push_back(Queued{lease, {}});
    // One thread per call in flight: Etcd3Client's calls block, and may run concurrently.
    const std::size_t threads = std::min(std::max<std::size_t>(inFlight, 1), leases.size());
    m_threads.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { work(); });
}

LeaseLookups::~LeaseLookups()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

std::vector<LeaseLookups::Done> LeaseLookups::take()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<Done> out;
    out.swap(m_done);
    m_remaining -= out.size();
    return out;
}

bool LeaseLookups::ready() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return !m_done.empty();
}

std::size_t LeaseLookups::remaining() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_remaining;
}

void LeaseLookups::work()
{
    while (true) {
        std::int64_t lease;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            while (!m_stopping && !m_queue.empty() && m_queue.front().notBefore > std::chrono::steady_clock::now())
                m_wake.wait_until(lock, m_queue.front().notBefore);
            // An empty queue ends this thread even when another one may still queue a retry: the
            // threads left (at least that one) take it.
            if (m_stopping || m_queue.empty())
                return;
            lease = m_queue.front().lease;
            m_queue.pop_front();
        }
        Done done;
        done.lease = lease;
        done.sentMs = wallClockMs();
        done.result = m_client->leaseTimeToLive(lease);
        const auto kind = done.result.kind;
        if (kind != Etcd3Result::Kind::Ok && kind != Etcd3Result::Kind::Cancelled) {
            std::lock_guard<std::mutex> lock(m_mutex);
            // With etcd down every lease fails: say so once, then every 100th time.
            if (m_failures++ % 100 == 0)
                qCWarning(lcMirror).noquote() << "cannot look up lease" << lease << "(" << m_failures
                                              << "failed look-ups, each tried again later):"
                                              << done.result.message.c_str();
            m_queue.push_back(Queued{lease, std::chrono::steady_clock::now() + m_retryAfter});
            continue;
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_done.push_back(std::move(done));
        }
        m_activity();
    }
}

} // namespace skydns::backend
