#pragma once

#include "metrics.h"
#include "packetcache.h"

#include "backend/snapshot.h"
#include "config/serviceconfig.h"
#include "dns/message.h"
#include "resolver/random.h"
#include "resolver/reply.h"
#include "resolver/signer.h"

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <sys/socket.h>

namespace skydns::backend {
class Mirror;
}

namespace skydns::service {

Q_DECLARE_LOGGING_CATEGORY(lcService)

class Forwarder;
class QueryRecorder;
struct PendingQuery;
enum class Served : std::uint8_t;

// LateReply sends an answer that was produced after handle() returned (forwarding, lookups).
using LateReply = std::function<void(const std::string &wire)>;

// ReplyTarget is where a query came from; it makes a LateReply only when an answer has to wait for
// upstream I/O, so the cached path allocates nothing.
class ReplyTarget
{
public:
    virtual ~ReplyTarget() = default;
    // late returns a function that sends to this client later (it must tolerate the client being gone).
    virtual LateReply late() const = 0;
    // describe names the client for the query log ("udp 127.0.0.1:4321").
    virtual QString describe() const = 0;
    // peer is the client's address when the target has it at hand (no allocation), else nullptr.
    virtual const sockaddr *peer() const { return nullptr; }
};

// QueryHandler is the query pipeline of one worker thread (DESIGN "One picture"): packet cache,
// parser, resolver, Fit and encoding, and the hand-over of Forward/Stub/Lookups replies to the
// Forwarder. Not thread-safe: each worker owns one.
class QueryHandler
{
public:
    // QueryHandler answers from mirror's snapshots; forwarderParent owns the Forwarder it creates on
    // first use (in the worker's thread).
    QueryHandler(const backend::Mirror *mirror, WorkerMetrics *metrics, QObject *forwarderParent);
    ~QueryHandler();

    // setConfig installs a new configuration; the caches are emptied because answers depend on it.
    void setConfig(std::shared_ptr<const config::ServiceConfig> config);

    // setSigner installs the DNSSEC hook (owned by the Application, outlives the handler).
    void setSigner(const resolver::Signer *signer) { m_signer = signer; }
    // config is the configuration in use.
    const config::ServiceConfig &config() const { return *m_config; }

    // beginBatch takes the current snapshot and clock for the packets that follow: a batch never
    // mixes data older than the snapshot current when it started.
    void beginBatch();

    // handle answers one raw query. It returns true when out holds the answer to send now, false
    // when nothing is to be sent now (dropped, or the answer comes later through target.late()).
    bool handle(const unsigned char *data, std::size_t size, bool tcp, const ReplyTarget &target, std::string &out);

    // cacheEntries is the number of entries in both caches.
    std::size_t cacheEntries() const { return m_local.size() + m_response.size(); }
    // localCache and responseCache are the packet caches, for listings (the admin API).
    const PacketCache &localCache() const { return m_local; }
    const PacketCache &responseCache() const { return m_response; }
    // clearCaches empties both packet caches (admin API flush).
    void clearCaches()
    {
        m_local.clear();
        m_response.clear();
    }
    // setRecorder installs the admin API's per-worker recorder (nullptr: nothing recorded).
    void setRecorder(QueryRecorder *recorder) { m_recorder = recorder; }

    // kLocalCacheCapacity is the entry limit of the cache of local answers.
    static constexpr std::size_t kLocalCacheCapacity = 100000;

private:
    bool answerNow(const dns::Query &query, resolver::Reply &reply, bool cacheable, std::uint64_t generation,
                   std::int64_t validUntilMs, bool randomised, std::string &out, std::int64_t startNs);
    void forward(const unsigned char *data, std::size_t size, const dns::Query &query, resolver::Reply &&reply,
                 const ReplyTarget &target, bool cacheable, std::int64_t startNs);
    void lookups(const unsigned char *data, std::size_t size, const dns::Query &query, resolver::Reply &&reply,
                 const ReplyTarget &target, bool cacheable, std::int64_t startNs);
    void account(MetricSystem system, const dns::Message &msg, int fitOutcome, std::size_t bytes,
                 std::int64_t startNs);
    void logQuery(const ReplyTarget &target, const dns::Query &query, const char *how, int rcode) const;
    void record(const unsigned char *data, std::size_t size, bool tcp, const ReplyTarget &target, int rcode,
                Served served, MetricSystem system, std::uint64_t latencyNs);
    std::shared_ptr<PendingQuery> pendingQuery(const unsigned char *data, std::size_t size, bool tcp,
                                               const ReplyTarget &target) const;
    void recordLate(const PendingQuery &pending, const std::string &out, Served served, MetricSystem system,
                    std::int64_t startNs);
    Forwarder *forwarder();

    const backend::Mirror *m_mirror;
    WorkerMetrics *m_metrics;
    QObject *m_forwarderParent;
    Forwarder *m_forwarder = nullptr;
    std::shared_ptr<const config::ServiceConfig> m_config;
    const resolver::Signer *m_signer = nullptr;
    QueryRecorder *m_recorder = nullptr;
    std::uint64_t m_lastNs = 0; // duration of the last answer accounted (for the recorder)
    std::shared_ptr<const backend::Snapshot> m_snapshot;
    std::int64_t m_nowMs = 0;
    resolver::FastRandom m_random;
    PacketCache m_local{kLocalCacheCapacity};
    PacketCache m_response;
    std::string m_key;
};

// nowNs is a monotonic clock in ns for request durations.
inline std::int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace skydns::service
