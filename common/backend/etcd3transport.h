#pragma once

#include "backend/etcdclient.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

// The HTTP layer of Etcd3Client: one JSON POST (or one streaming POST) to one machine over
// cpprestsdk. EtcdTransport (v2) only speaks GET/PUT/DELETE with form bodies and reads whole
// bodies, so the v3 gateway gets its own unit; etcd3transport.cpp is the only v3 file that
// includes cpprest.
namespace skydns::backend {

// Etcd3Attempt is what one machine did with one request.
struct Etcd3Attempt
{
    enum class Outcome {
        Response,       // etcd answered: status and body are set (a stream's body only when status != 200)
        TransportError, // no usable answer (refused, reset, TLS, nothing in time): error says why
        Timeout,        // a stream ran for maxWait
        Stopped,        // a stream's line handler asked to stop
        Ended,          // a stream ended (etcd closed it) after status 200
        Cancelled,      // the cancelled flag was raised while waiting
    };
    Outcome outcome = Outcome::TransportError;
    int status = 0;
    std::string body;
    std::string error;
};

// Etcd3Transport posts JSON with the TLS files and timeouts of EtcdOptions; thread-safe.
class Etcd3Transport
{
public:
    explicit Etcd3Transport(const EtcdOptions &options);
    // ~Etcd3Transport waits (at most 3 s) for cpprest to unwind requests whose callers gave up.
    ~Etcd3Transport();
    Etcd3Transport(const Etcd3Transport &) = delete;
    Etcd3Transport &operator=(const Etcd3Transport &) = delete;

    // post sends body to machine + path ("Authorization: <token>" when token is set) and blocks
    // until the whole answer, requestTimeout, or cancelled (checked every 50 ms).
    Etcd3Attempt post(const std::string &machine, const std::string &path, const std::string &body,
                      const std::string &token, const std::atomic<bool> &cancelled);

    // Etcd3LineHandler gets each line of a streamed answer; false stops the stream.
    using Etcd3LineHandler = std::function<bool(std::string_view line)>;

    // stream sends body and, on status 200, hands every newline-terminated line of the answer to
    // onLine on the calling thread as it arrives, until onLine returns false (Stopped), maxWait
    // passes (Timeout), etcd ends the stream (Ended), it fails or cancelled is raised. The
    // response headers must arrive within connectTimeout.
    Etcd3Attempt stream(const std::string &machine, const std::string &path, const std::string &body,
                        const std::string &token, std::chrono::milliseconds maxWait, const Etcd3LineHandler &onLine,
                        const std::atomic<bool> &cancelled);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace skydns::backend
