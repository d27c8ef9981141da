#pragma once

#include "backend/etcdclient.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// The etcd v3 API over etcd's JSON gateway (issue 8). Keys and values are plain byte strings here;
// base64 and the gateway's int64-as-string fields stay inside etcd3codec.cpp.
namespace skydns::backend {

// Etcd3KeyValue is one mvccpb.KeyValue.
struct Etcd3KeyValue
{
    std::string key;
    std::string value;
    std::int64_t createRevision = 0;
    std::int64_t modRevision = 0;
    std::int64_t version = 0;
    std::int64_t lease = 0; // lease ID; 0 = none
};

// Etcd3Event is one watch event: a put (kv is the new value) or a delete (kv has only the key and
// the revision of the deletion; prevKv the value before, when the watch asked for it).
struct Etcd3Event
{
    enum class Type { Put, Delete };
    Type type = Type::Put;
    Etcd3KeyValue kv;
    bool hasPrevKv = false;
    Etcd3KeyValue prevKv;
};

// Etcd3Result is the outcome of one v3 call. Kind keeps transport failures (Unavailable) apart from
// errors etcd reported (EtcdError, with the gRPC code and etcd's message), undecodable answers
// (Malformed), a watch whose start revision was compacted away (Compacted, compactRevision set)
// and cancel() (Cancelled).
struct Etcd3Result
{
    enum class Kind { Ok, EtcdError, Unavailable, Malformed, Compacted, Cancelled };

    Kind kind = Kind::Unavailable;
    int grpcCode = 0;           // gRPC status code of an EtcdError (5 not found, 9 failed precondition, 16 unauthenticated, ...)
    int httpStatus = 0;
    std::string message;        // human-readable, includes the machine and the call
    std::string machine;        // the machine that answered
    std::int64_t revision = 0;  // header.revision: the store revision when etcd answered; for watch,
                                // the revision up to which every change was handed out (resume at +1)

    std::vector<Etcd3KeyValue> kvs;     // range; and prev_kvs of a deleterange
    std::int64_t count = 0;             // range: keys in the range; deleterange: keys deleted
    bool more = false;                  // range: a limit cut the answer short
    bool succeeded = false;             // txn: the comparison held
    std::int64_t leaseId = 0;           // lease grant/keepalive/timetolive
    std::int64_t ttl = 0;               // lease: seconds left (-1: the lease does not exist or expired)
    std::int64_t grantedTtl = 0;        // lease timetolive: the TTL it was granted with
    std::vector<std::string> leaseKeys; // lease timetolive with keys: the keys attached
    std::int64_t compactRevision = 0;   // Compacted: the oldest revision still available

    bool ok() const { return kind == Kind::Ok; }
};

// Etcd3WatchBatch is one watch response of the stream: events of one or more revisions, in order.
struct Etcd3WatchBatch
{
    // revision is header.revision, the store's current revision when etcd sent the batch. While a
    // watch from an old start revision catches up, it runs ahead of the events still to come: resume
    // from Etcd3Result::revision + 1 (what watch() returns), not from this.
    std::int64_t revision = 0;
    std::vector<Etcd3Event> events;
    bool created = false;      // the first, empty response confirming the watch
};

// Etcd3Client is a blocking client for etcd's v3 JSON gateway (/v3/kv/range, /v3/kv/put, ...)
// over cpprestsdk. Every method may be called from any thread, concurrently; each blocks until
// etcd answers, the request times out (Unavailable after trying every machine) or cancel() is
// called. It uses EtcdOptions' machines (with fail-over and back-off), TLS files and timeouts;
// with a username it authenticates (/v3/auth/authenticate) and sends the token on every call,
// authenticating again when etcd says the token is no longer valid.
class Etcd3Client
{
public:
    explicit Etcd3Client(EtcdOptions options);
    ~Etcd3Client();
    Etcd3Client(const Etcd3Client &) = delete;
    Etcd3Client &operator=(const Etcd3Client &) = delete;

    // range reads key, or [key, rangeEnd) when rangeEnd is given (see prefixRangeEnd); revision > 0
    // reads the store as it was then; limit > 0 caps the number of keys.
    Etcd3Result range(const std::string &key, const std::string &rangeEnd = {}, std::int64_t revision = 0,
                      std::int64_t limit = 0);
    // rangePrefix reads every key below directory prefix, on the "/" boundary: "/skydns/a" reads
    // "/skydns/a/..." and not "/skydns/a1" (a trailing "/" is added when missing).
    Etcd3Result rangePrefix(const std::string &prefix, std::int64_t revision = 0);
    // put writes value at key; lease != 0 attaches the key to that lease.
    Etcd3Result put(const std::string &key, const std::string &value, std::int64_t lease = 0);
    // deleteRange deletes key, or [key, rangeEnd); count is the number deleted and kvs the values
    // deleted when prevKv is set.
    Etcd3Result deleteRange(const std::string &key, const std::string &rangeEnd = {}, bool prevKv = false);
    // compareAndSwap puts value at key only if key's mod_revision is modRevision (succeeded false
    // otherwise, with kvs holding the current value when there is one).
    Etcd3Result compareAndSwap(const std::string &key, const std::string &value, std::int64_t modRevision,
                               std::int64_t lease = 0);
    // create puts value at key only if key does not exist (version == 0); succeeded false otherwise.
    Etcd3Result create(const std::string &key, const std::string &value, std::int64_t lease = 0);
    // compareAndDelete deletes key only if its mod_revision is modRevision.
    Etcd3Result compareAndDelete(const std::string &key, std::int64_t modRevision);

    // leaseGrant grants a lease of ttlSeconds (leaseId, ttl set).
    Etcd3Result leaseGrant(std::int64_t ttlSeconds);
    // leaseKeepAlive renews lease once (ttl is the renewed TTL; 0 when the lease is gone).
    Etcd3Result leaseKeepAlive(std::int64_t lease);
    // leaseTimeToLive reports the seconds left (-1 when expired or unknown); withKeys lists its keys.
    Etcd3Result leaseTimeToLive(std::int64_t lease, bool withKeys = false);
    // leaseRevoke ends lease now, deleting its keys.
    Etcd3Result leaseRevoke(std::int64_t lease);

    // compact discards revisions older than revision (POST /v3/kv/compaction).
    Etcd3Result compact(std::int64_t revision, bool physical = true);

    // Etcd3WatchHandler receives each batch of a watch in order; returning false ends the watch.
    using Etcd3WatchHandler = std::function<bool(const Etcd3WatchBatch &)>;

    // watch streams changes of key (or [key, rangeEnd)) from startRevision (0: from now) over one
    // long-lived POST /v3/watch, calling onBatch on the calling thread for each response. It
    // returns Ok when onBatch returned false or maxWait passed (revision: the last revision seen),
    // Compacted when startRevision is older than the last compaction (compactRevision set: re-read
    // and watch again), Cancelled on cancel(), EtcdError/Unavailable when the stream failed. prevKv
    // asks for the value before each change.
    Etcd3Result watch(const std::string &key, const std::string &rangeEnd, std::int64_t startRevision,
                      const Etcd3WatchHandler &onBatch, std::chrono::milliseconds maxWait, bool prevKv = false);

    // authenticate fetches a token now (done on demand anyway); EtcdError on a wrong password.
    Etcd3Result authenticate();

    // cancel makes every in-flight and future call return Cancelled (used at shutdown).
    void cancel();

    // machines is the machine list; activeMachine the one that answered last.
    std::vector<std::string> machines() const;
    std::string activeMachine() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace skydns::backend
