#include "backend/etcd3transport.h"

#include "backend/etcdhttp.h"
#include "backend/etcdlog.h"
#include "backend/etcdrequest.h"

#include <cpprest/http_client.h>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace skydns::backend {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
namespace http = web::http;

constexpr milliseconds kPoll{50}; // how often a waiting call looks at the cancelled flag

// Exchange is one HTTP exchange in flight, shared by cpprest's continuations and the caller, so the
// caller may give up (timeout, cancel, handler said stop) while cpprest unwinds on its own.
struct Exchange
{
    std::mutex mutex;
    std::condition_variable cv;
    bool headers = false;
    bool done = false;
    int status = 0;
    std::string data; // body bytes received and not yet handed out
    std::string error;
    std::vector<unsigned char> chunk = std::vector<unsigned char>(16384);
};

using detail::httpTimeout;

// describeTls is " (TLS: <reason>)" for a TLS failure, else empty.
std::string describeTls(const std::error_code &code)
{
    const std::string reason = detail::tlsReason(code);
    return reason.empty() ? std::string() : " (TLS: " + reason + ")";
}

// readChunks reads the body piece by piece rather than all at once, so watch events reach the
// caller as etcd sends them. cpprest's body buffer completes getn(n) only once n bytes are there
// (or the body ended), so it waits for one byte and then takes whatever else has arrived.
void readChunks(std::shared_ptr<Exchange> shared, concurrency::streams::streambuf<uint8_t> buffer,
                std::shared_ptr<std::atomic<int>> counter)
{
    buffer.getn(shared->chunk.data(), 1)
        .then([shared, buffer, counter](pplx::task<size_t> task) mutable {
            size_t got = 0;
            std::string error;
            try {
                got = task.get();
                const size_t available = got > 0 ? buffer.in_avail() : 0;
                if (available > 0) {
                    // Ready at once: the buffer holds at least this much.
                    got += buffer.getn(shared->chunk.data() + 1, std::min(available, shared->chunk.size() - 1)).get();
                }
            } catch (const std::exception &e) {
                error = e.what();
            } catch (...) {
                error = "unknown error";
            }
            {
                std::lock_guard lock(shared->mutex);
                if (got > 0) {
                    shared->data.append(reinterpret_cast<const char *>(shared->chunk.data()), got);
                } else {
                    shared->error = error;
                    shared->done = true;
                }
            }
            shared->cv.notify_all();
            if (got > 0)
                readChunks(shared, buffer, counter);
            else
                --*counter;
        });
}

} // namespace

struct Etcd3Transport::Private
{
    std::shared_ptr<http::client::http_client> client(const std::string &machine, milliseconds timeout,
                                                      std::string *error);
    Etcd3Attempt exchange(const std::string &machine, const std::string &path, const std::string &body,
                          const std::string &token, milliseconds maxWait, const Etcd3LineHandler *onLine,
                          const std::atomic<bool> &cancelled);

    EtcdOptions options;
    std::shared_ptr<std::atomic<int>> outstanding = std::make_shared<std::atomic<int>>(0);
    std::mutex clientsMutex;
    std::map<std::string, std::shared_ptr<http::client::http_client>> clients;
};

Etcd3Transport::Etcd3Transport(const EtcdOptions &options) : d(std::make_unique<Private>())
{
    d->options = options;
}

Etcd3Transport::~Etcd3Transport()
{
    const auto until = Clock::now() + std::chrono::seconds(3);
    while (*d->outstanding > 0 && Clock::now() < until)
        std::this_thread::sleep_for(milliseconds(10));
}

std::shared_ptr<http::client::http_client> Etcd3Transport::Private::client(const std::string &machine,
                                                                           milliseconds timeout, std::string *error)
{
    // Streams get a client of their own (a negative timeout here means "for a stream"): a stream we stop leaves
    // its connection unusable, and cpprest must not hand that connection to the next request.
    const bool forStream = timeout.count() < 0;
    timeout = forStream ? -timeout : timeout;
    const std::string id = machine + '#' + std::to_string(timeout.count());
    std::unique_lock lock(clientsMutex);
    if (forStream)
        lock.unlock();
    else if (const auto it = clients.find(id); it != clients.end())
        return it->second;
    try {
        const http::client::http_client_config config = detail::httpClientConfig(machine, timeout, options);
        auto created = std::make_shared<http::client::http_client>(web::uri(machine), config);
        if (!forStream)
            clients.emplace(id, created);
        return created;
    } catch (const std::exception &e) {
        *error = std::string("invalid machine or proxy URL: ") + e.what();
        return nullptr;
    }
}

Etcd3Attempt Etcd3Transport::post(const std::string &machine, const std::string &path, const std::string &body,
                                  const std::string &token, const std::atomic<bool> &cancelled)
{
    return d->exchange(machine, path, body, token, d->options.requestTimeout, nullptr, cancelled);
}

Etcd3Attempt Etcd3Transport::stream(const std::string &machine, const std::string &path, const std::string &body,
                                    const std::string &token, milliseconds maxWait, const Etcd3LineHandler &onLine,
                                    const std::atomic<bool> &cancelled)
{
    return d->exchange(machine, path, body, token, std::max(maxWait, milliseconds{1}), &onLine, cancelled);
}

Etcd3Attempt Etcd3Transport::Private::exchange(const std::string &machine, const std::string &path,
                                               const std::string &body, const std::string &token, milliseconds budget,
                                               const Etcd3LineHandler *onLine, const std::atomic<bool> &cancelled)
{
    Etcd3Attempt attempt;
    auto httpClient = client(machine, onLine ? -httpTimeout(budget) : httpTimeout(budget), &attempt.error);
    if (!httpClient)
        return attempt;
    auto shared = std::make_shared<Exchange>();
    pplx::cancellation_token_source cts;
    try {
        http::http_request message(http::methods::POST);
        message.set_request_uri(web::uri(path));
        if (!token.empty())
            message.headers().add(http::header_names::authorization, token);
        message.set_body(body, "application/json");
        ++*outstanding;
        httpClient->request(message, cts.get_token())
            .then([shared, counter = outstanding, httpClient](pplx::task<http::http_response> task) {
                try {
                    http::http_response response = task.get();
                    {
                        std::lock_guard lock(shared->mutex);
                        shared->status = response.status_code();
                        shared->headers = true;
                    }
                    shared->cv.notify_all();
                    readChunks(shared, response.body().streambuf(), counter);
                } catch (const std::exception &e) {
                    {
                        std::lock_guard lock(shared->mutex);
                        shared->error = e.what();
                        if (std::string(e.what()).rfind("Failed to connect", 0) == 0)
                            shared->error += " (refused or unreachable)";
                        else if (const auto *failure = dynamic_cast<const http::http_exception *>(&e))
                            shared->error += describeTls(failure->error_code());
                        shared->done = true;
                    }
                    shared->cv.notify_all();
                    --*counter;
                }
            });
    } catch (const std::exception &e) {
        attempt.error = std::string("cannot send request: ") + e.what();
        return attempt;
    }

    const auto start = Clock::now();
    const auto deadline = start + budget;
    // A stream's headers come with etcd's first response (a watch's "created"), so a machine that
    // sends nothing within connectTimeout is dead even though the stream may run much longer.
    const auto headerDeadline = onLine ? start + std::min(budget, options.connectTimeout) : deadline;
    std::unique_lock lock(shared->mutex);
    for (;;) {
        if (onLine && shared->headers && shared->status == 200) {
            std::size_t consumed = 0, newline;
            bool more = true;
            while (more && (newline = shared->data.find('\n', consumed)) != std::string::npos) {
                const std::string line = shared->data.substr(consumed, newline - consumed);
                consumed = newline + 1;
                if (line.find_first_not_of(" \r\t") == std::string::npos)
                    continue;
                lock.unlock();
                more = (*onLine)(line);
                lock.lock();
            }
            shared->data.erase(0, consumed);
            if (!more) {
                lock.unlock();
                cts.cancel();
                attempt.outcome = Etcd3Attempt::Outcome::Stopped;
                return attempt;
            }
        }
        if (shared->done)
            break;
        const auto now = Clock::now();
        Etcd3Attempt::Outcome giveUp = Etcd3Attempt::Outcome::Response;
        if (cancelled) {
            giveUp = Etcd3Attempt::Outcome::Cancelled;
        } else if (!shared->headers && now >= headerDeadline) {
            giveUp = Etcd3Attempt::Outcome::TransportError;
            attempt.error = "no response within "
                + std::to_string(std::chrono::duration_cast<milliseconds>(headerDeadline - start).count()) + " ms";
        } else if (now >= deadline) {
            giveUp = onLine && shared->status == 200 ? Etcd3Attempt::Outcome::Timeout
                                                     : Etcd3Attempt::Outcome::TransportError;
            attempt.error = "timed out after " + std::to_string(budget.count()) + " ms";
        }
        if (giveUp != Etcd3Attempt::Outcome::Response) {
            lock.unlock();
            cts.cancel();
            attempt.outcome = giveUp;
            return attempt;
        }
        shared->cv.wait_until(lock, std::min({now + kPoll, deadline, shared->headers ? deadline : headerDeadline}));
    }
    attempt.status = shared->status;
    if (!onLine && (shared->status < 200 || shared->status >= 300)) {
        // The gateway sends errors chunked with an HTTP trailer, which cpprest leaves unread on the
        // connection: the next request on it would read the trailer as its status line. Dropping
        // the client closes its connections.
        std::lock_guard clientsLock(clientsMutex);
        const auto it = clients.find(machine + '#' + std::to_string(httpTimeout(budget).count()));
        if (it != clients.end() && it->second == httpClient)
            clients.erase(it);
    }
    if (!shared->headers) {
        attempt.error = shared->error.empty() ? "no response" : shared->error;
        return attempt;
    }
    if (onLine && shared->status == 200) {
        // The stream ended: a last line without its newline still counts.
        if (shared->data.find_first_not_of(" \r\t") != std::string::npos) {
            const std::string line = std::move(shared->data);
            lock.unlock();
            (*onLine)(line);
        }
        attempt.outcome = Etcd3Attempt::Outcome::Ended;
        attempt.error = shared->error;
        return attempt;
    }
    if (!shared->error.empty()) {
        attempt.error = "answer cut short: " + shared->error;
        return attempt;
    }
    attempt.outcome = Etcd3Attempt::Outcome::Response;
    attempt.body = std::move(shared->data);
    return attempt;
}

} // namespace skydns::backend
