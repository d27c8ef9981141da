#pragma once

#include "dns/message.h"

#include <QByteArray>
#include <QObject>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace skydns::service {

// ExchangeResult is the outcome of one upstream exchange.
struct ExchangeResult
{
    bool ok = false;          // a response arrived (whatever its rcode)
    QByteArray response;      // the response's wire bytes, ID already restored to the client's
    std::string server;       // "ip:port" that answered, or the last one tried
    std::string error;        // why it failed (timeout, refused, malformed response, ...)
};

// Forwarder talks to upstream nameservers without blocking its thread (spec 4, 5). One Forwarder
// lives in each listener worker thread; every callback runs on that thread, exactly once, always
// later from the event loop (never inside forward()/lookup()). Callbacks still pending when the
// Forwarder is destroyed are dropped, never called; a callback may destroy the Forwarder.
// Each attempt uses a fresh socket (random source port); only answers from the server's address
// and port carrying the query's ID, QR=1 and the same question are taken, anything else is ignored.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    explicit Forwarder(QObject *parent = nullptr);
    ~Forwarder() override;

    // forward relays a client's query (its wire bytes, unchanged) to servers ("ip:port", in the order
    // to try: the resolver put the id % n server first) over UDP or TCP as the client used (spec 4.1,
    // 5). SkyDNS's retry: a SERVFAIL answer is asked once more of the same server; a network error or
    // a timeout (timeout per attempt, read_timeout) moves to the next server; n+1 attempts in all.
    // As in exchangeWithRetry, a second SERVFAIL from the same server is relayed (ok=true), and so
    // are TC=1 answers. ok=false only when every attempt failed (network error, ICMP unreachable,
    // timeout). Identical concurrent queries (same question as sent, EDNS0 size, DO, RD, CD, stub mark,
    // transport and servers) share one upstream exchange, each client getting its own ID back.
    void forward(const QByteArray &query, const std::vector<std::string> &servers, bool tcp,
                 std::chrono::milliseconds timeout, std::function<void(ExchangeResult)> done);

    // lookup is SkyDNS's Lookup (spec 4.2): a new UDP query for name/type with EDNS0 (udpSize,
    // dnssecOk), starting at server id % n of nameservers and failing over on network errors. done
    // receives ok=false on failure or a non-NOERROR rcode, else the parsed upstream response (TTLs
    // as received). The query has a random ID and RD=1; n+1 attempts, a reply of any rcode ends them;
    // timeout is per attempt.
    void lookup(const std::string &name, std::uint16_t type, std::uint16_t udpSize, bool dnssecOk,
                const std::vector<std::string> &nameservers, std::chrono::milliseconds timeout,
                std::function<void(bool ok, const dns::Message &response)> done);

    // setMaxInFlight limits the upstream attempts (each an open socket) in progress at once,
    // default 1024. Beyond it new forwards and lookups fail at once (ok=false, "too many upstream
    // exchanges in flight") instead of exhausting file descriptors when upstreams go silent.
    // Coalesced queries and work already started do not count against it.
    void setMaxInFlight(std::size_t max);

    // inFlight is the number of upstream attempts in progress (open sockets).
    std::size_t inFlight() const;

private:
    struct Private;
    Private *d;
};

// addStubOption returns query with SkyDNS's stub EDNS0 option (code 65011, data 0x01) appended to
// its OPT record, or with a new OPT record (owner ".", UDP size 0 as SkyDNS) when it had none (spec 5).
QByteArray addStubOption(const QByteArray &query);

} // namespace skydns::service
