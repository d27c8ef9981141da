#include "backend/etcdtransport.h"

#include "backend/etcdhttp.h"
#include "backend/etcdlog.h"

#include <cpprest/containerstream.h>
#include <cpprest/http_client.h>

#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

namespace skydns::backend {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
namespace http = web::http;

constexpr milliseconds kPoll{50}; // how often a waiting call looks at the cancelled flag

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

std::string readableProblem(const std::string &path, const char *what)
{
    if (path.empty())
        return {};
    std::ifstream file(path);
    return file.good() ? std::string() : std::string("cannot read ") + what + " " + path;
}

// describeError names what went wrong. cpprest hands TLS failures over as bare OpenSSL error
// numbers ("Unknown error 167773202"); OpenSSL can say what they mean ("tlsv1 alert bad certificate").
// cpprest also passes asio's misc errors on as system errors: asio's eof (2) would read "No such
// file or directory".
std::string describeError(const std::error_code &code)
{
    if (code.value() == 2)
        return "connection closed";
    const std::string tls = detail::tlsReason(code);
    return tls.empty() ? code.message() : "TLS: " + tls;
}

using detail::httpTimeout;

} // namespace

struct EtcdTransport::Private
{
    std::shared_ptr<http::client::http_client> client(const std::string &machine, milliseconds timeout,
                                                      std::string *error);

    EtcdOptions options;
    std::string authorization; // "Basic ..." when a username is configured
    std::string tlsProblem;    // unreadable TLS files, added to transport errors
    // cpprest chains not finished yet (a caller may have returned before its chain ended).
    std::shared_ptr<std::atomic<int>> outstanding = std::make_shared<std::atomic<int>>(0);
    std::mutex clientsMutex;
    std::map<std::string, std::shared_ptr<http::client::http_client>> clients;
};

EtcdTransport::EtcdTransport(const EtcdOptions &options) : d(std::make_unique<Private>())
{
    d->options = options;
    if (!options.username.empty()) {
        const std::string credentials = options.username + ':' + options.password;
        d->authorization = "Basic "
            + utility::conversions::to_base64(std::vector<unsigned char>(credentials.begin(), credentials.end()));
    }
    for (const auto &problem : {readableProblem(options.caCert, "CA file"),
                                readableProblem(options.tlsCert, "client certificate"),
                                readableProblem(options.tlsKey, "client key")}) {
        if (!problem.empty())
            d->tlsProblem += (d->tlsProblem.empty() ? "" : "; ") + problem;
    }
    if (!d->tlsProblem.empty())
        qCWarning(lcEtcd) << "etcd TLS:" << d->tlsProblem.c_str();
}

EtcdTransport::~EtcdTransport()
{
    // The chains own what they use, so giving up after the wait is safe, only untidy.
    const auto until = Clock::now() + std::chrono::seconds(3);
    while (*d->outstanding > 0 && Clock::now() < until)
        std::this_thread::sleep_for(milliseconds(10));
}

const std::string &EtcdTransport::tlsProblem() const
{
    return d->tlsProblem;
}

std::shared_ptr<http::client::http_client> EtcdTransport::Private::client(const std::string &machine,
                                                                          milliseconds timeout,
                                                                          std::string *error)
{
    // One http_client per machine and timeout: watches need a longer HTTP timeout than other calls.
    const std::string id = machine + '#' + std::to_string(timeout.count());
    std::lock_guard lock(clientsMutex);
    if (const auto it = clients.find(id); it != clients.end())
        return it->second;

    try {
        const http::client::http_client_config config = detail::httpClientConfig(machine, timeout, options);
        auto created = std::make_shared<http::client::http_client>(web::uri(machine), config);
        clients.emplace(id, created);
        return created;
    } catch (const std::exception &e) {
        *error = std::string("invalid machine or proxy URL: ") + e.what();
        return nullptr;
    }
}

EtcdAttempt EtcdTransport::exchange(const std::string &machine, const EtcdRequest &request, milliseconds maxWait,
                                    const std::atomic<bool> &cancelled)
{
    const EtcdOptions &options = d->options;
    EtcdAttempt attempt;
    const milliseconds budget = request.watch ? std::max(maxWait, milliseconds{1}) : options.requestTimeout;
    auto httpClient = d->client(machine, httpTimeout(budget), &attempt.error);
    if (!httpClient)
        return attempt;

    auto shared = std::make_shared<Exchange>();
    pplx::cancellation_token_source cts;
    bool counted = false;
    try {
        http::http_request message(request.method == "PUT" ? http::methods::PUT
                                   : request.method == "DELETE" ? http::methods::DEL
                                                                : http::methods::GET);
        message.set_request_uri(web::uri(request.target));
        if (!d->authorization.empty())
            message.headers().add(http::header_names::authorization, d->authorization);
        if (request.method == "PUT")
            message.set_body(request.body, "application/x-www-form-urlencoded");
        // The body goes straight into one std::string: a recursive get of a big tree is not
        // buffered twice (cpprest's own buffer, then a copy).
        concurrency::streams::container_buffer<std::string> sink;
        message.set_response_stream(concurrency::streams::ostream(sink));
        ++*d->outstanding;
        counted = true;
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
                return response.content_ready();
            })
            .then([shared, sink, counter = d->outstanding](pplx::task<http::http_response> task) mutable {
                std::string body, error;
                try {
                    task.get();
                    body = std::move(sink.collection());
                } catch (const http::http_exception &e) {
                    error = e.what();
                    // cpprest reports every failed connect as "No route to host", refused ones too.
                    const std::string detail = error.rfind("Failed to connect", 0) == 0
                        ? std::string("refused or unreachable")
                        : describeError(e.error_code());
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
        if (counted)
            --*d->outstanding;
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
        EtcdAttempt::Outcome giveUp = EtcdAttempt::Outcome::Response;
        if (cancelled) {
            giveUp = EtcdAttempt::Outcome::Cancelled;
        } else if (!shared->headers && now >= headerDeadline) {
            giveUp = EtcdAttempt::Outcome::TransportError;
            attempt.error = "no response within "
                + std::to_string(std::chrono::duration_cast<milliseconds>(headerDeadline - start).count()) + " ms";
        } else if (now >= deadline) {
            giveUp = request.watch ? EtcdAttempt::Outcome::Timeout : EtcdAttempt::Outcome::TransportError;
            attempt.error = "timed out after " + std::to_string(budget.count()) + " ms";
        }
        if (giveUp != EtcdAttempt::Outcome::Response) {
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
    attempt.outcome = EtcdAttempt::Outcome::Response;
    attempt.status = shared->status;
    attempt.body = std::move(shared->body);
    attempt.etcdIndex = shared->etcdIndex;
    return attempt;
}

} // namespace skydns::backend
