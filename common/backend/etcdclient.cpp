#include "backend/etcdclient.h"

#include "backend/etcdlog.h"
#include "backend/etcdmachines.h"
#include "backend/etcdrequest.h"
#include "backend/etcdresponse.h"
#include "backend/etcdtransport.h"

#include <atomic>
#include <condition_variable>
#include <mutex>

// The client's policy: which machine to ask, when to fail over and re-read the member list, and
// how to turn an HTTP answer into an EtcdResult. The HTTP itself is in etcdtransport.cpp.
namespace skydns::backend {

Q_LOGGING_CATEGORY(lcEtcd, "skydns.etcd")

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::int64_t kDiscoveryIntervalMs = 30000;
constexpr std::int64_t kDiscoveryRetryMs = 2000;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<milliseconds>(Clock::now().time_since_epoch()).count();
}

EtcdResult cancelledResult(const std::string &machine = {})
{
    EtcdResult result;
    result.kind = EtcdResult::Kind::Cancelled;
    result.message = "cancelled";
    result.machine = machine;
    return result;
}

// CallScope counts a caller in and out of the client so the destructor can wait for it.
class CallScope
{
public:
    CallScope(std::mutex &mutex, std::condition_variable &cv, int &calls) : m_mutex(mutex), m_cv(cv), m_calls(calls)
    {
        std::lock_guard lock(m_mutex);
        ++m_calls;
    }
    ~CallScope()
    {
        // Notify under the lock: once it is released the destructor may free everything.
        std::lock_guard lock(m_mutex);
        --m_calls;
        m_cv.notify_all();
    }

private:
    std::mutex &m_mutex;
    std::condition_variable &m_cv;
    int &m_calls;
};

} // namespace

struct EtcdClient::Private
{
    explicit Private(EtcdOptions o) : options(std::move(o)), machines(options.machines), transport(options) {}

    EtcdResult run(const EtcdRequest &request, milliseconds maxWait = milliseconds{0});
    void maybeDiscover();

    EtcdOptions options;
    EtcdMachines machines;
    EtcdTransport transport;
    std::atomic<bool> cancelled{false};

    // Calls in progress, so the destructor can wait until every caller has left.
    std::mutex callsMutex;
    std::condition_variable callsCv;
    int calls = 0;
    std::atomic<std::int64_t> nextDiscoveryMs{0};
    std::atomic<std::int64_t> lastDiscoveryMs{0};
    std::atomic<bool> discovering{false};
};

EtcdResult EtcdClient::Private::run(const EtcdRequest &request, milliseconds maxWait)
{
    CallScope scope(callsMutex, callsCv, calls);
    if (cancelled)
        return cancelledResult();
    maybeDiscover();
    const std::vector<std::string> order = machines.attemptOrder(nowMs());
    std::string failures;
    for (const auto &machine : order) {
        if (cancelled)
            return cancelledResult(machine);
        EtcdAttempt attempt = transport.exchange(machine, request, maxWait, cancelled);
        if (attempt.outcome == EtcdAttempt::Outcome::Cancelled)
            return cancelledResult(machine);
        if (attempt.outcome == EtcdAttempt::Outcome::Timeout) {
            machines.reportSuccess(machine);
            EtcdResult result;
            result.kind = EtcdResult::Kind::Unavailable;
            result.message = "timeout";
            result.machine = machine;
            return result;
        }
        if (attempt.outcome == EtcdAttempt::Outcome::Response && attempt.status >= 500) {
            // etcd answers 5xx when it has no leader or raft failed: another member may do better.
            const EtcdResult parsed = parseEtcdResponse(attempt.status, attempt.body, attempt.etcdIndex);
            attempt.outcome = EtcdAttempt::Outcome::TransportError;
            attempt.error = parsed.kind == EtcdResult::Kind::EtcdError ? parsed.message
                                                                       : "HTTP " + std::to_string(attempt.status);
        }
        if (attempt.outcome == EtcdAttempt::Outcome::TransportError) {
            if (!transport.tlsProblem().empty() && machine.rfind("https://", 0) == 0)
                attempt.error += " [" + transport.tlsProblem() + "]";
            // Warn when a machine goes bad, not on every retry while it stays down.
            if (machines.reportFailure(machine, attempt.error, nowMs()) == 1)
                qCWarning(lcEtcd) << "etcd machine" << machine.c_str() << "failed on" << request.method.c_str()
                                  << request.key.c_str() << ":" << attempt.error.c_str();
            else
                qCDebug(lcEtcd) << "etcd machine" << machine.c_str() << "still failing:" << attempt.error.c_str();
            failures += (failures.empty() ? "" : "; ") + machine + ": " + attempt.error;
            // The cluster may have changed: re-read its members on the next call, but not more often
            // than kDiscoveryRetryMs while every machine keeps failing.
            if (nextDiscoveryMs > lastDiscoveryMs + kDiscoveryRetryMs)
                nextDiscoveryMs = lastDiscoveryMs + kDiscoveryRetryMs;
            continue;
        }
        if (const int failures = machines.reportSuccess(machine))
            qCInfo(lcEtcd) << "etcd machine" << machine.c_str() << "answers again after" << failures << "failures";
        EtcdResult result = parseEtcdResponse(attempt.status, attempt.body, attempt.etcdIndex);
        result.machine = machine;
        if (result.kind != EtcdResult::Kind::Ok)
            result.message = machine + ": " + result.message + " [" + request.method + " " + request.key + "]";
        return result;
    }
    EtcdResult result;
    result.kind = EtcdResult::Kind::Unavailable;
    result.message = order.empty() ? std::string("no etcd machine configured")
                                   : "no etcd machine answered " + request.method + " " + request.key + ": " + failures;
    return result;
}

void EtcdClient::Private::maybeDiscover()
{
    if (!options.discover || nowMs() < nextDiscoveryMs || discovering.exchange(true))
        return;
    lastDiscoveryMs = nowMs();
    nextDiscoveryMs = lastDiscoveryMs + kDiscoveryIntervalMs;
    EtcdRequest request{"GET", "/v2/members", {}, "/v2/members"};
    for (const auto &machine : machines.attemptOrder(nowMs())) {
        if (cancelled)
            break;
        const EtcdAttempt attempt = transport.exchange(machine, request, milliseconds{0}, cancelled);
        if (attempt.outcome == EtcdAttempt::Outcome::Cancelled)
            break;
        if (attempt.outcome != EtcdAttempt::Outcome::Response || attempt.status != 200) {
            if (attempt.outcome == EtcdAttempt::Outcome::TransportError)
                machines.reportFailure(machine, attempt.error, nowMs());
            continue;
        }
        bool complete = true;
        if (auto urls = parseEtcdMembers(attempt.body, &complete)) {
            if (!complete) {
                // Some member has not published its client URLs yet (the cluster is starting):
                // keep every machine we know as well, and look again soon.
                for (const auto &known : machines.machines())
                    urls->push_back(known);
                nextDiscoveryMs = nowMs() + kDiscoveryRetryMs;
            }
            machines.replace(*urls);
            qCInfo(lcEtcd) << "etcd members from" << machine.c_str() << ":" << machines.machines().size()
                           << "machines" << (complete ? "" : "(member list incomplete)");
            discovering = false;
            return;
        }
        qCWarning(lcEtcd) << "etcd machine" << machine.c_str() << "sent an unusable member list";
    }
    // Keep the machines we have, and ask again soon rather than in a full interval.
    nextDiscoveryMs = nowMs() + kDiscoveryRetryMs;
    discovering = false;
}

EtcdClient::EtcdClient(EtcdOptions options) : d(std::make_unique<Private>(std::move(options))) {}

// The rule for destruction: callers must have returned before the client is destroyed. A caller
// still blocked in a call (typically a watch on another thread) is tolerated: cancel() makes it
// return Cancelled within ~50 ms, and the destructor waits for that before freeing anything. A
// call that *starts* after destruction began is the caller's bug.
EtcdClient::~EtcdClient()
{
    cancel();
    {
        std::unique_lock lock(d->callsMutex);
        d->callsCv.wait(lock, [this] { return d->calls == 0; });
    }
}

namespace {

EtcdRequest makeRequest(std::string method, const std::string &key, const EtcdParams &query,
                        const EtcdParams &form = {})
{
    return EtcdRequest{std::move(method), keysTarget(key, query), encodeParams(form), key};
}

void addTtl(EtcdParams &form, std::int64_t ttlSeconds)
{
    if (ttlSeconds > 0)
        form.emplace_back("ttl", std::to_string(ttlSeconds));
}

} // namespace

EtcdResult EtcdClient::get(const std::string &key, bool recursive, bool sorted)
{
    EtcdParams query;
    if (recursive)
        query.emplace_back("recursive", "true");
    if (sorted)
        query.emplace_back("sorted", "true");
    return d->run(makeRequest("GET", key, query));
}

EtcdResult EtcdClient::set(const std::string &key, const std::string &value, std::int64_t ttlSeconds)
{
    EtcdParams form{{"value", value}};
    addTtl(form, ttlSeconds);
    return d->run(makeRequest("PUT", key, {}, form));
}

EtcdResult EtcdClient::create(const std::string &key, const std::string &value, std::int64_t ttlSeconds)
{
    EtcdParams form{{"value", value}};
    addTtl(form, ttlSeconds);
    return d->run(makeRequest("PUT", key, {{"prevExist", "false"}}, form));
}

EtcdResult EtcdClient::compareAndSwap(const std::string &key, const std::string &value, std::uint64_t prevIndex,
                                      std::int64_t ttlSeconds)
{
    EtcdParams form{{"value", value}};
    addTtl(form, ttlSeconds);
    return d->run(makeRequest("PUT", key, {{"prevIndex", std::to_string(prevIndex)}}, form));
}

EtcdResult EtcdClient::refreshTtl(const std::string &key, std::int64_t ttlSeconds)
{
    EtcdParams form;
    addTtl(form, ttlSeconds);
    return d->run(makeRequest("PUT", key, {{"refresh", "true"}, {"prevExist", "true"}}, form));
}

EtcdResult EtcdClient::makeDirectory(const std::string &key)
{
    return d->run(makeRequest("PUT", key, {{"dir", "true"}}));
}

EtcdResult EtcdClient::remove(const std::string &key, bool recursive)
{
    EtcdParams query;
    if (recursive)
        query.emplace_back("recursive", "true");
    return d->run(makeRequest("DELETE", key, query));
}

EtcdResult EtcdClient::compareAndDelete(const std::string &key, std::uint64_t prevIndex)
{
    return d->run(makeRequest("DELETE", key, {{"prevIndex", std::to_string(prevIndex)}}));
}

EtcdResult EtcdClient::watch(const std::string &key, std::uint64_t waitIndex, bool recursive,
                             std::chrono::milliseconds maxWait)
{
    EtcdParams query{{"wait", "true"}};
    if (waitIndex > 0)
        query.emplace_back("waitIndex", std::to_string(waitIndex));
    if (recursive)
        query.emplace_back("recursive", "true");
    EtcdRequest request = makeRequest("GET", key, query);
    request.watch = true;
    return d->run(request, maxWait);
}

void EtcdClient::cancel()
{
    d->cancelled = true;
}

std::vector<std::string> EtcdClient::machines() const
{
    return d->machines.machines();
}

std::string EtcdClient::activeMachine() const
{
    return d->machines.active();
}

} // namespace skydns::backend
