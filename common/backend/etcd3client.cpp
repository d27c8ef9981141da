#include "backend/etcd3client.h"

#include "backend/etcd3codec.h"
#include "backend/etcd3transport.h"
#include "backend/etcdlog.h"
#include "backend/etcdmachines.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

// The v3 client's policy: machine order and back-off (shared EtcdMachines), the auth token, and
// turning gateway answers into Etcd3Results. HTTP is in etcd3transport.cpp, JSON in etcd3codec.cpp.
namespace skydns::backend {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<milliseconds>(Clock::now().time_since_epoch()).count();
}

Etcd3Result resultOf(Etcd3Result::Kind kind, std::string message, const std::string &machine = {})
{
    Etcd3Result result;
    result.kind = kind;
    result.message = std::move(message);
    result.machine = machine;
    return result;
}

} // namespace

struct Etcd3Client::Private
{
    explicit Private(EtcdOptions o) : options(std::move(o)), machines(options.machines), transport(options) {}

    Etcd3Result call(const std::string &path, const std::string &body);
    // token returns the auth token for machine, authenticating first when there is none yet
    // (empty without a username); an error result in *failure when authentication failed.
    std::string token(const std::string &machine, Etcd3Result *failure);
    Etcd3Result authenticateOn(const std::string &machine);
    void dropToken(const std::string &stale);
    // transportFailure records a machine failure (warning once per bad spell) and extends failures.
    void transportFailure(const std::string &machine, const std::string &what, const std::string &error,
                          std::string *failures);
    // enter/leave count callers so the destructor can wait for them; Scope does both.
    void enter();
    void leave();
    struct Scope
    {
        explicit Scope(Private &p) : p(p) { p.enter(); }
        ~Scope() { p.leave(); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        Private &p;
    };

    EtcdOptions options;
    EtcdMachines machines;
    Etcd3Transport transport;
    std::atomic<bool> cancelled{false};
    std::mutex tokenMutex;
    std::string currentToken;
    std::mutex callsMutex;
    std::condition_variable callsCv;
    int calls = 0;
};

void Etcd3Client::Private::enter()
{
    std::lock_guard lock(callsMutex);
    ++calls;
}

void Etcd3Client::Private::leave()
{
    std::lock_guard lock(callsMutex);
    --calls;
    callsCv.notify_all();
}

void Etcd3Client::Private::transportFailure(const std::string &machine, const std::string &what,
                                            const std::string &error, std::string *failures)
{
    if (machines.reportFailure(machine, error, nowMs()) == 1)
        qCWarning(lcEtcd) << "etcd v3 machine" << machine.c_str() << "failed on" << what.c_str() << ":" << error.c_str();
    *failures += (failures->empty() ? "" : "; ") + machine + ": " + error;
}

Etcd3Result Etcd3Client::Private::authenticateOn(const std::string &machine)
{
    const Etcd3Attempt attempt = transport.post(machine, "/v3/auth/authenticate",
                                                etcd3AuthBody(options.username, options.password), {}, cancelled);
    if (attempt.outcome == Etcd3Attempt::Outcome::Cancelled)
        return resultOf(Etcd3Result::Kind::Cancelled, "cancelled", machine);
    if (attempt.outcome != Etcd3Attempt::Outcome::Response)
        return resultOf(Etcd3Result::Kind::Unavailable, machine + ": authenticate: " + attempt.error, machine);
    std::string token;
    Etcd3Result result = parseEtcd3Response(attempt.status, attempt.body, &token);
    result.machine = machine;
    if (result.ok() && token.empty())
        result = resultOf(Etcd3Result::Kind::Malformed, "authenticate answered without a token", machine);
    if (!result.ok()) {
        result.message = machine + ": authentication as " + options.username + " failed: " + result.message;
        return result;
    }
    std::lock_guard lock(tokenMutex);
    currentToken = token;
    return result;
}

std::string Etcd3Client::Private::token(const std::string &machine, Etcd3Result *failure)
{
    if (options.username.empty())
        return {};
    {
        std::lock_guard lock(tokenMutex);
        if (!currentToken.empty())
            return currentToken;
    }
    *failure = authenticateOn(machine);
    if (!failure->ok())
        return {};
    std::lock_guard lock(tokenMutex);
    return currentToken;
}

void Etcd3Client::Private::dropToken(const std::string &stale)
{
    // Only the token that failed: another thread may already have fetched a fresh one.
    std::lock_guard lock(tokenMutex);
    if (currentToken == stale)
        currentToken.clear();
}

Etcd3Result Etcd3Client::Private::call(const std::string &path, const std::string &body)
{
    if (cancelled)
        return resultOf(Etcd3Result::Kind::Cancelled, "cancelled");
    std::string failures;
    for (const auto &machine : machines.attemptOrder(nowMs())) {
        // One retry with a fresh token when etcd says the token we sent is no longer valid.
        for (int authTry = 0; authTry < 2; ++authTry) {
            if (cancelled)
                return resultOf(Etcd3Result::Kind::Cancelled, "cancelled", machine);
            Etcd3Result authFailure;
            const std::string sent = token(machine, &authFailure);
            if (!options.username.empty() && sent.empty()) {
                if (authFailure.kind != Etcd3Result::Kind::Unavailable)
                    return authFailure; // a wrong password is the same on every machine
                transportFailure(machine, path, authFailure.message, &failures);
                break;
            }
            const Etcd3Attempt attempt = transport.post(machine, path, body, sent, cancelled);
            if (attempt.outcome == Etcd3Attempt::Outcome::Cancelled)
                return resultOf(Etcd3Result::Kind::Cancelled, "cancelled", machine);
            if (attempt.outcome != Etcd3Attempt::Outcome::Response) {
                transportFailure(machine, path, attempt.error, &failures);
                break;
            }
            Etcd3Result result = parseEtcd3Response(attempt.status, attempt.body);
            result.machine = machine;
            if (attempt.status >= 500 && result.grpcCode != 9 && result.grpcCode != 11) {
                // No leader, raft timeouts, a member shutting down: another member may do better.
                transportFailure(machine, path, "HTTP " + std::to_string(attempt.status) + " " + result.message,
                                 &failures);
                break;
            }
            if (isInvalidTokenError(result) && !options.username.empty() && authTry == 0) {
                qCInfo(lcEtcd) << "etcd v3 token refused by" << machine.c_str() << "(" << result.message.c_str()
                               << "); authenticating again";
                dropToken(sent);
                continue;
            }
            if (const int failed = machines.reportSuccess(machine))
                qCInfo(lcEtcd) << "etcd v3 machine" << machine.c_str() << "answers again after" << failed << "failures";
            if (!result.ok())
                result.message = machine + ": " + result.message + " [" + path + "]";
            return result;
        }
    }
    return resultOf(Etcd3Result::Kind::Unavailable, "no etcd machine answered " + path + ": " + failures);
}

Etcd3Client::Etcd3Client(EtcdOptions options) : d(std::make_unique<Private>(std::move(options))) {}

// As with EtcdClient: a caller still blocked (a watch on another thread) returns Cancelled within
// ~50 ms of cancel(), and the destructor waits for it before freeing anything.
Etcd3Client::~Etcd3Client()
{
    cancel();
    std::unique_lock lock(d->callsMutex);
    d->callsCv.wait(lock, [this] { return d->calls == 0; });
}

Etcd3Result Etcd3Client::range(const std::string &key, const std::string &rangeEnd, std::int64_t revision,
                               std::int64_t limit)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/range", etcd3RangeBody(key, rangeEnd, revision, limit));
}

Etcd3Result Etcd3Client::rangePrefix(const std::string &prefix, std::int64_t revision)
{
    const std::string directory = directoryPrefix(prefix);
    return range(directory, prefixRangeEnd(directory), revision);
}

Etcd3Result Etcd3Client::put(const std::string &key, const std::string &value, std::int64_t lease)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/put", etcd3PutBody(key, value, lease));
}

Etcd3Result Etcd3Client::deleteRange(const std::string &key, const std::string &rangeEnd, bool prevKv)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/deleterange", etcd3DeleteBody(key, rangeEnd, prevKv));
}

Etcd3Result Etcd3Client::compareAndSwap(const std::string &key, const std::string &value, std::int64_t modRevision,
                                        std::int64_t lease)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/txn", etcd3TxnBody(key, Etcd3Compare::ModRevision, modRevision, false, value, lease));
}

Etcd3Result Etcd3Client::create(const std::string &key, const std::string &value, std::int64_t lease)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/txn", etcd3TxnBody(key, Etcd3Compare::Absent, 0, false, value, lease));
}

Etcd3Result Etcd3Client::compareAndDelete(const std::string &key, std::int64_t modRevision)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/txn", etcd3TxnBody(key, Etcd3Compare::ModRevision, modRevision, true, {}, 0));
}

Etcd3Result Etcd3Client::leaseGrant(std::int64_t ttlSeconds)
{
    const Private::Scope scope(*d);
    return d->call("/v3/lease/grant", etcd3LeaseGrantBody(ttlSeconds));
}

Etcd3Result Etcd3Client::leaseKeepAlive(std::int64_t lease)
{
    // A streaming call on the gateway; one request in gives one {"result":...} out, then it ends.
    const Private::Scope scope(*d);
    return d->call("/v3/lease/keepalive", etcd3LeaseIdBody(lease));
}

Etcd3Result Etcd3Client::leaseTimeToLive(std::int64_t lease, bool withKeys)
{
    const Private::Scope scope(*d);
    return d->call("/v3/lease/timetolive", etcd3LeaseIdBody(lease, withKeys));
}

Etcd3Result Etcd3Client::leaseRevoke(std::int64_t lease)
{
    const Private::Scope scope(*d);
    return d->call("/v3/lease/revoke", etcd3LeaseIdBody(lease));
}

Etcd3Result Etcd3Client::compact(std::int64_t revision, bool physical)
{
    const Private::Scope scope(*d);
    return d->call("/v3/kv/compaction", etcd3CompactionBody(revision, physical));
}

Etcd3Result Etcd3Client::watch(const std::string &key, const std::string &rangeEnd, std::int64_t startRevision,
                               const Etcd3WatchHandler &onBatch, milliseconds maxWait, bool prevKv)
{
    const Private::Scope scope(*d);
    const std::string body = etcd3WatchCreateBody(key, rangeEnd, startRevision, prevKv);
    // delivered is the revision up to which every change has been handed to onBatch. The header
    // revision of "created" (and of catch-up batches) is the store's current one, possibly ahead of
    // events still to come, so only events and progress notifications move it.
    std::int64_t delivered = startRevision > 0 ? startRevision - 1 : 0;
    bool handed = false; // once a batch was handed out, fail-over would need a new start revision
    Etcd3Result result = resultOf(Etcd3Result::Kind::Unavailable, {});
    std::string failures;
    const auto order = d->machines.attemptOrder(nowMs());
    for (std::size_t i = 0; i < order.size() && !handed; ++i) {
        const std::string &machine = order[i];
        bool retried = false;
    again:
        Etcd3Result authFailure;
        const std::string sent = d->token(machine, &authFailure);
        if (!d->options.username.empty() && sent.empty()) {
            result = authFailure;
            if (authFailure.kind != Etcd3Result::Kind::Unavailable)
                break;
            d->transportFailure(machine, "/v3/watch", authFailure.message, &failures);
            continue;
        }
        Etcd3Result terminal; // set when the stream says the watch is over
        bool over = false;
        const auto onLine = [&](std::string_view line) {
            Etcd3WatchBatch batch;
            Etcd3Result lineResult;
            switch (parseEtcd3WatchLine(line, &batch, &lineResult)) {
            case Etcd3WatchLine::Batch:
                for (const auto &event : batch.events)
                    delivered = std::max(delivered, event.kv.modRevision);
                if (batch.events.empty() && !batch.created)
                    delivered = std::max(delivered, batch.revision); // progress notification
                handed = true;
                if (onBatch(batch))
                    return true;
                terminal = resultOf(Etcd3Result::Kind::Ok, "stopped by the handler", machine);
                break;
            case Etcd3WatchLine::Compacted:
                terminal = lineResult;
                terminal.kind = Etcd3Result::Kind::Compacted;
                break;
            case Etcd3WatchLine::Error:
            case Etcd3WatchLine::Canceled:
                terminal = lineResult;
                terminal.kind = Etcd3Result::Kind::EtcdError;
                break;
            case Etcd3WatchLine::Malformed:
                terminal = lineResult;
                terminal.kind = Etcd3Result::Kind::Malformed;
                break;
            }
            over = true;
            return false;
        };
        const Etcd3Attempt attempt = d->transport.stream(machine, "/v3/watch", body, sent, maxWait, onLine, d->cancelled);
        using Outcome = Etcd3Attempt::Outcome;
        if (attempt.outcome == Outcome::Cancelled) {
            result = resultOf(Etcd3Result::Kind::Cancelled, "cancelled", machine);
        } else if (over) {
            result = terminal;
            result.machine = machine;
            if (isInvalidTokenError(result) && !d->options.username.empty() && !retried && !handed) {
                d->dropToken(sent);
                retried = true;
                goto again;
            }
        } else if (attempt.outcome == Outcome::Timeout) {
            result = resultOf(Etcd3Result::Kind::Ok, "watch ran for its maximum time", machine);
        } else if (attempt.outcome == Outcome::Response) {
            result = parseEtcd3Response(attempt.status, attempt.body);
            result.machine = machine;
            if (isInvalidTokenError(result) && !d->options.username.empty() && !retried) {
                d->dropToken(sent);
                retried = true;
                goto again;
            }
            if (attempt.status >= 500) {
                d->transportFailure(machine, "/v3/watch", result.message, &failures);
                continue;
            }
        } else {
            // TransportError, or etcd ended the stream (a member shutting down).
            const std::string why = attempt.outcome == Outcome::Ended
                ? (attempt.error.empty() ? std::string("watch stream closed by etcd")
                                         : "watch stream broke (" + attempt.error + ")")
                : attempt.error;
            d->transportFailure(machine, "/v3/watch", why, &failures);
            result = resultOf(Etcd3Result::Kind::Unavailable, machine + ": " + why, machine);
            continue;
        }
        if (result.kind != Etcd3Result::Kind::Cancelled)
            d->machines.reportSuccess(machine);
        break;
    }
    if (result.kind == Etcd3Result::Kind::Unavailable && result.message.empty())
        result.message = order.empty() ? std::string("no etcd machine configured")
                                       : "no etcd machine answered /v3/watch: " + failures;
    if (result.kind != Etcd3Result::Kind::Ok && result.kind != Etcd3Result::Kind::Compacted
        && result.message.find("/v3/watch") == std::string::npos)
        result.message += " [/v3/watch]";
    result.revision = delivered;
    return result;
}

Etcd3Result Etcd3Client::authenticate()
{
    const Private::Scope scope(*d);
    Etcd3Result result = resultOf(Etcd3Result::Kind::EtcdError, "no username configured");
    if (!d->options.username.empty()) {
        std::string failures;
        for (const auto &machine : d->machines.attemptOrder(nowMs())) {
            result = d->authenticateOn(machine);
            if (result.kind != Etcd3Result::Kind::Unavailable)
                break;
            d->transportFailure(machine, "/v3/auth/authenticate", result.message, &failures);
        }
    }
    return result;
}

void Etcd3Client::cancel()
{
    d->cancelled = true;
}

std::vector<std::string> Etcd3Client::machines() const
{
    return d->machines.machines();
}

std::string Etcd3Client::activeMachine() const
{
    return d->machines.active();
}

} // namespace skydns::backend
