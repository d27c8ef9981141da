#pragma once

#include "backend/etcdclient.h"
#include "backend/etcdrequest.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

// The HTTP layer of EtcdClient: one request to one machine over cpprestsdk. Fail-over, back-off
// and discovery live above it in etcdclient.cpp. etcdtransport.cpp is the only translation unit
// that includes cpprestsdk (each one costs ~15 s to compile); nothing in this header needs it.
namespace skydns::backend {

// EtcdAttempt is what one machine did with one request.
struct EtcdAttempt
{
    enum class Outcome {
        Response,       // etcd answered (any HTTP status): status, body, etcdIndex are set
        TransportError, // no usable answer (refused, reset, TLS, no response in time): error says why
        Timeout,        // a watch saw no event within maxWait (the machine itself answered)
        Cancelled,      // the cancelled flag was raised while waiting
    };
    Outcome outcome = Outcome::TransportError;
    int status = 0;
    std::string body;
    std::string etcdIndex; // X-Etcd-Index header
    std::string error;
};

// EtcdTransport sends requests with the TLS files, credentials and timeouts of EtcdOptions. It
// keeps one cpprest client per machine and timeout; exchange may be called from any thread.
class EtcdTransport
{
public:
    explicit EtcdTransport(const EtcdOptions &options);
    // ~EtcdTransport waits (at most 3 s) for cpprest to unwind requests whose callers gave up.
    ~EtcdTransport();
    EtcdTransport(const EtcdTransport &) = delete;
    EtcdTransport &operator=(const EtcdTransport &) = delete;

    // exchange sends request to machine and blocks until the answer, a timeout (requestTimeout;
    // for watches maxWait, and connectTimeout until the response headers arrive) or until
    // cancelled becomes true, which it checks every 50 ms.
    EtcdAttempt exchange(const std::string &machine, const EtcdRequest &request, std::chrono::milliseconds maxWait,
                         const std::atomic<bool> &cancelled);

    // tlsProblem names TLS files that cannot be read ("" when all are fine), for error messages.
    const std::string &tlsProblem() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace skydns::backend
