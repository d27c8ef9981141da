#include "backend/etcdclient.h"

#include "backend/etcdmachines.h"
#include "backend/etcdrequest.h"
#include "backend/etcdresponse.h"

#include <QLoggingCategory>

#include <cpprest/http_client.h>
#include <openssl/err.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

// This is the only translation unit that includes cpprestsdk (each one costs ~15 s to compile):
// everything that can be written without it lives in etcdrequest/etcdresponse/etcdmachines.
namespace skydns::backend {

Q_LOGGING_CATEGORY(lcEtcd, "skydns.etcd")

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
namespace http = web::http;

constexpr milliseconds kPoll{50};                  // how often a waiting call looks at cancel()
constexpr std::int64_t kDiscoveryIntervalMs = 30000;
constexpr std::int64_t kDiscoveryRetryMs = 2000;

std::int64_t nowMs()
{
    return std::chrono::duration_cast<milliseconds>(Clock::now().time_since_epoch()).count();
}

// Exchange is one HTTP exchange in flight. cpprest's continuations and the calling thread share it,
// so the caller may give up (timeout, cancel) and return while cpprest finishes on its own.
struct Exchange
{
    std::mutex mutex;
    std::condition_variable cv;
    bool headers = false;
    bool done = false;
    int status = 0;
    std::string etcdIndex;
    std::string body;
    std::string error;
};

// Attempt is what one machine did with one request.
struct Attempt
{
    enum class Outcome { Response, TransportError, Timeout, Cancelled };
    Outcome outcome = Outcome::TransportError;
    int status = 0;
    std::string body;
    std::string etcdIndex;
    std::string error;
};

bool isLoopback(const std::string &machine)
{
    const auto host = machine.find("://");
    const std::string rest = host == std::string::npos ? machine : machine.substr(host + 3);
    return rest.rfind("127.", 0) == 0 || rest.rfind("localhost", 0) == 0 || rest.rfind("[::1]", 0) == 0;
}

std::string readableProblem(const std::string &path, const char *what)
{
    if (path.empty())
        return {};
    std::ifstream file(path);
    return file.good() ? std::string() : std::string("cannot read ") + what + " " + path;
}

// describeError names what went wrong. cpprest hands TLS failures over as bare OpenSSL error
// numbers ("Unknown error 167773202"); OpenSSL can say what they mean ("tlsv1 alert bad certificate").
std::string describeError(const std::error_code &code)
{
    std::string text = code.message();
    if (text.rfind("Unknown error", 0) == 0) {
        if (const char *reason = ERR_reason_error_string(static_cast<unsigned long>(code.value())))
            text = std::string("TLS: ") + reason;
    }
    return text;
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
    explicit Private(EtcdOptions o) : options(std::move(o)), machines(options.machines) {}

    std::shared_ptr<http::client::http_client> client(const std::string &machine, milliseconds timeout,
                                                      std::string *error);
    Attempt exchange(const std::string &machine, const EtcdRequest &request, milliseconds maxWait);
    EtcdResult run(const EtcdRequest &request, milliseconds maxWait = milliseconds{0});
    void maybeDiscover();

    EtcdOptions options;
    EtcdMachines machines;
    std::string authorization; // "Basic ..." when a username is configured
    std::string tlsProblem;    // unreadable TLS files, added to transport errors
    std::atomic<bool> cancelled{false};

    // Calls in progress, so the destructor can wait until every caller has left.
    std::mutex callsMutex;
    std::condition_variable callsCv;
    int calls = 0;
    // cpprest chains not finished yet (a caller may have returned before its chain ended).
    std::shared_ptr<std::atomic<int>> outstanding = std::make_shared<std::atomic<int>>(0);

    std::mutex clientsMutex;
    std::map<std::string, std::shared_ptr<http::client::http_client>> clients;

    std::atomic<std::int64_t> nextDiscoveryMs{0};
    std::atomic<bool> discovering{false};
};

std::shared_ptr<http::client::http_client> EtcdClient::Private::client(const std::string &machine,
                                                                        milliseconds timeout,
                                                                        std::string *error)
{
    // One http_client per machine and timeout: watches need a longer HTTP timeout than other calls.
    const std::string id = machine + '#' + std::to_string(timeout.count());
    std::lock_guard lock(clientsMutex);
    if (const auto it = clients.find(id); it != clients.end())
        return it->second;

    http::client::http_client_config config;
    config.set_timeout(timeout);
    config.set_validate_certificates(true);
    if (machine.rfind("https://", 0) == 0) {
        config.set_ssl_context_callback([ca = options.caCert, cert = options.tlsCert, key = options.tlsKey,
                                         machine](boost::asio::ssl::context &context) {
            boost::system::error_code ec;
            if (!ca.empty() && context.load_verify_file(ca, ec))
                qCWarning(lcEtcd) << "CA file" << ca.c_str() << "for" << machine.c_str() << ":" << ec.message().c_str();
            if (!cert.empty() && context.use_certificate_chain_file(cert, ec))
                qCWarning(lcEtcd) << "client certificate" << cert.c_str() << ":" << ec.message().c_str();
            if (!key.empty() && context.use_private_key_file(key, boost::asio::ssl::context::pem, ec))
                qCWarning(lcEtcd) << "client key" << key.c_str() << ":" << ec.message().c_str();
        });
    }
    // A proxy from the environment must never see loopback traffic (tests, local etcd).
    if (isLoopback(machine))
        config.set_proxy(web::web_proxy(web::web_proxy::disabled));
    try {
        auto created = std::make_shared<http::client::http_client>(web::uri(machine), config);
        clients.emplace(id, created);
        return created;
    } catch (const std::exception &e) {
        *error = std::string("invalid machine URL: ") + e.what();
        return nullptr;
    }
}

Attempt EtcdClient::Private::exchange(const std::string &machine, const EtcdRequest &request,
                                      milliseconds maxWait)
{
    Attempt attempt;
    const milliseconds budget = request.watch ? std::max(maxWait, milliseconds{1}) : options.requestTimeout;
    auto httpClient = client(machine, request.watch ? budget + options.requestTimeout : budget, &attempt.error);
    if (!httpClient)
        return attempt;

    auto shared = std::make_shared<Exchange>();
    pplx::cancellation_token_source cts;
    try {
        http::http_request message(request.method == "PUT" ? http::methods::PUT
                                   : request.method == "DELETE" ? http::methods::DEL
                                                                : http::methods::GET);
        message.set_request_uri(web::uri(request.target));
        if (!authorization.empty())
            message.headers().add(http::header_names::authorization, authorization);
        if (request.method == "PUT")
            message.set_body(request.body, "application/x-www-form-urlencoded");
        ++*outstanding;
        httpClient->request(message, cts.get_token())
            .then([shared, httpClient](http::http_response response) {
                {
                    std::lock_guard lock(shared->mutex);
                    shared->status = response.status_code();
                    if (const auto it = response.headers().find("X-Etcd-Index"); it != response.headers().end())
                        shared->etcdIndex = it->second;
                    shared->headers = true;
                }
                shared->cv.notify_all();
                return response.extract_vector();
            })
            .then([shared, counter = outstanding](pplx::task<std::vector<unsigned char>> task) {
                std::string body, error;
                try {
                    const auto bytes = task.get();
                    body.assign(bytes.begin(), bytes.end());
                } catch (const http::http_exception &e) {
                    error = e.what();
                    const std::string detail = describeError(e.error_code());
                    if (!detail.empty() && error.find(detail) == std::string::npos)
                        error += " (" + detail + ")";
                } catch (const std::exception &e) {
                    error = e.what();
                } catch (...) {
                    error = "unknown error";
                }
                {
                    std::lock_guard lock(shared->mutex);
                    shared->body = std::move(body);
                    shared->error = error.empty() && !shared->headers ? "no response" : std::move(error);
                    shared->done = true;
                }
                shared->cv.notify_all();
                --*counter;
            });
    } catch (const std::exception &e) {
        attempt.error = std::string("cannot send request: ") + e.what();
        return attempt;
    }

    const auto start = Clock::now();
    const auto deadline = start + budget;
    // etcd sends a watch's headers at once and its body when something happens, so a machine that
    // sends no headers within connectTimeout is dead even though the watch may wait much longer.
    const auto headerDeadline = request.watch ? start + std::min(budget, options.connectTimeout) : deadline;
    std::unique_lock lock(shared->mutex);
    while (!shared->done) {
        const auto now = Clock::now();
        Attempt::Outcome giveUp = Attempt::Outcome::Response;
        if (cancelled) {
            giveUp = Attempt::Outcome::Cancelled;
        } else if (!shared->headers && now >= headerDeadline) {
            giveUp = Attempt::Outcome::TransportError;
            attempt.error = "no response within "
                + std::to_string(std::chrono::duration_cast<milliseconds>(headerDeadline - start).count()) + " ms";
        } else if (now >= deadline) {
            giveUp = request.watch ? Attempt::Outcome::Timeout : Attempt::Outcome::TransportError;
            attempt.error = "timed out after " + std::to_string(budget.count()) + " ms";
        }
        if (giveUp != Attempt::Outcome::Response) {
            lock.unlock();
            cts.cancel();
            attempt.outcome = giveUp;
            return attempt;
        }
        const auto wake = std::min({now + kPoll, deadline, shared->headers ? deadline : headerDeadline});
        shared->cv.wait_until(lock, wake);
    }
    if (!shared->error.empty()) {
        attempt.error = shared->error;
        return attempt;
    }
    attempt.outcome = Attempt::Outcome::Response;
    attempt.status = shared->status;
    attempt.body = std::move(shared->body);
    attempt.etcdIndex = shared->etcdIndex;
    return attempt;
}

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
        Attempt attempt = exchange(machine, request, maxWait);
        if (attempt.outcome == Attempt::Outcome::Cancelled)
            return cancelledResult(machine);
        if (attempt.outcome == Attempt::Outcome::Timeout) {
            machines.reportSuccess(machine);
            EtcdResult result;
            result.kind = EtcdResult::Kind::Unavailable;
            result.message = "timeout";
            result.machine = machine;
            return result;
        }
        if (attempt.outcome == Attempt::Outcome::Response && attempt.status >= 500) {
            // etcd answers 5xx when it has no leader or raft failed: another member may do better.
            const EtcdResult parsed = parseEtcdResponse(attempt.status, attempt.body, attempt.etcdIndex);
            attempt.outcome = Attempt::Outcome::TransportError;
            attempt.error = parsed.kind == EtcdResult::Kind::EtcdError ? parsed.message
                                                                       : "HTTP " + std::to_string(attempt.status);
        }
        if (attempt.outcome == Attempt::Outcome::TransportError) {
            if (!tlsProblem.empty() && machine.rfind("https://", 0) == 0)
                attempt.error += " [" + tlsProblem + "]";
            qCWarning(lcEtcd) << "etcd machine" << machine.c_str() << "failed on" << request.method.c_str()
                              << request.key.c_str() << ":" << attempt.error.c_str();
            machines.reportFailure(machine, attempt.error, nowMs());
            failures += (failures.empty() ? "" : "; ") + machine + ": " + attempt.error;
            nextDiscoveryMs = 0; // the cluster may have changed: re-read its members on the next call
            continue;
        }
        machines.reportSuccess(machine);
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
    nextDiscoveryMs = nowMs() + kDiscoveryIntervalMs;
    EtcdRequest request{"GET", "/v2/members", {}, "/v2/members"};
    for (const auto &machine : machines.attemptOrder(nowMs())) {
        if (cancelled)
            break;
        const Attempt attempt = exchange(machine, request, milliseconds{0});
        if (attempt.outcome == Attempt::Outcome::Cancelled)
            break;
        if (attempt.outcome != Attempt::Outcome::Response || attempt.status != 200) {
            if (attempt.outcome == Attempt::Outcome::TransportError)
                machines.reportFailure(machine, attempt.error, nowMs());
            continue;
        }
        if (const auto urls = parseEtcdMembers(attempt.body)) {
            machines.replace(*urls);
            qCInfo(lcEtcd) << "etcd members from" << machine.c_str() << ":" << urls->size() << "machines";
            discovering = false;
            return;
        }
        qCWarning(lcEtcd) << "etcd machine" << machine.c_str() << "sent an unusable member list";
    }
    // Keep the machines we have, and ask again soon rather than in a full interval.
    nextDiscoveryMs = nowMs() + kDiscoveryRetryMs;
    discovering = false;
}

EtcdClient::EtcdClient(EtcdOptions options) : d(std::make_unique<Private>(std::move(options)))
{
    if (!d->options.username.empty()) {
        const std::string credentials = d->options.username + ':' + d->options.password;
        d->authorization = "Basic "
            + utility::conversions::to_base64(std::vector<unsigned char>(credentials.begin(), credentials.end()));
    }
    for (const auto &problem : {readableProblem(d->options.caCert, "CA file"),
                                readableProblem(d->options.tlsCert, "client certificate"),
                                readableProblem(d->options.tlsKey, "client key")}) {
        if (!problem.empty())
            d->tlsProblem += (d->tlsProblem.empty() ? "" : "; ") + problem;
    }
    if (!d->tlsProblem.empty())
        qCWarning(lcEtcd) << "etcd TLS:" << d->tlsProblem.c_str();
}

EtcdClient::~EtcdClient()
{
    cancel();
    {
        std::unique_lock lock(d->callsMutex);
        d->callsCv.wait(lock, [this] { return d->calls == 0; });
    }
    // Give cpprest a moment to unwind the chains we cancelled; they own what they use, so giving up
    // after the wait is safe, only untidy.
    const auto until = Clock::now() + std::chrono::seconds(3);
    while (*d->outstanding > 0 && Clock::now() < until)
        std::this_thread::sleep_for(milliseconds(10));
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
