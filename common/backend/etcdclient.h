#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skydns::backend {

// EtcdOptions is how to reach etcd (spec 1.3-1.4, 2.5): -machines/ETCD_MACHINES, TLS files,
// basic auth, and our own timeouts.
struct EtcdOptions
{
    std::vector<std::string> machines{"http://127.0.0.1:2379"}; // base URLs, tried in order with fail-over
    std::string caCert;   // -ca-cert / ETCD_CACERT: PEM file of the CA that signed the servers
    std::string tlsCert;  // -tls-pem / ETCD_TLSPEM: PEM client certificate
    std::string tlsKey;   // -tls-key / ETCD_TLSKEY: PEM client key
    std::string username; // -username / ETCD_USERNAME (basic auth, v2)
    std::string password; // -password / ETCD_PASSWORD
    std::chrono::milliseconds requestTimeout{5000};   // every request but watches
    std::chrono::milliseconds connectTimeout{3000};   // per machine before failing over
    bool discover = false; // keep the machine list current from the cluster's member list (-discover)
};

// EtcdNode is a node of a v2 keys API response.
struct EtcdNode
{
    std::string key;
    std::string value;
    bool dir = false;
    std::uint64_t createdIndex = 0;
    std::uint64_t modifiedIndex = 0;
    std::int64_t ttl = 0;          // remaining seconds as etcd reported them; 0 = none
    std::int64_t expiresAtMs = 0;  // the "expiration" field, ms since the Unix epoch; 0 = none
    std::vector<EtcdNode> nodes;   // children of a directory (recursive gets)
};

// EtcdResult is the outcome of one request. Kind keeps transport failures (no machine answered:
// Unavailable) apart from errors etcd itself reported (EtcdError, with etcd's errorCode) and from
// responses we could not decode (Malformed).
struct EtcdResult
{
    enum class Kind { Ok, EtcdError, Unavailable, Malformed, Cancelled };

    Kind kind = Kind::Unavailable;
    int errorCode = 0;          // etcd errorCode: 100 key not found, 101 compare failed, 105 node exists,
                                // 401 event index cleared, ... (Kind::EtcdError only)
    int httpStatus = 0;
    std::string message;        // human-readable, includes the machine and key
    std::string action;         // "get", "set", "create", "update", "compareAndSwap", "delete",
                                // "compareAndDelete", "expire"
    EtcdNode node;
    std::optional<EtcdNode> prevNode;
    std::uint64_t etcdIndex = 0; // X-Etcd-Index header
    std::string machine;         // the machine that answered

    bool ok() const { return kind == Kind::Ok; }
    bool notFound() const { return kind == Kind::EtcdError && errorCode == 100; }
};

// EtcdClient is a blocking client for the etcd v2 keys API over cpprestsdk. Every method may be
// called from any thread, concurrently; each blocks its caller until etcd answers, the request
// times out (Unavailable after trying every machine) or cancel() is called (Cancelled).
// Keys are absolute ("/skydns/local/skydns/web").
class EtcdClient
{
public:
    explicit EtcdClient(EtcdOptions options);
    ~EtcdClient();
    EtcdClient(const EtcdClient &) = delete;
    EtcdClient &operator=(const EtcdClient &) = delete;

    // get reads key; recursive includes every node below a directory.
    EtcdResult get(const std::string &key, bool recursive = false, bool sorted = false);
    // set writes value at key unconditionally; ttlSeconds > 0 gives the key a TTL.
    EtcdResult set(const std::string &key, const std::string &value, std::int64_t ttlSeconds = 0);
    // create writes only if the key does not exist (prevExist=false); else errorCode 105.
    EtcdResult create(const std::string &key, const std::string &value, std::int64_t ttlSeconds = 0);
    // compareAndSwap writes only if the key's modifiedIndex is prevIndex; else errorCode 101.
    EtcdResult compareAndSwap(const std::string &key, const std::string &value, std::uint64_t prevIndex,
                              std::int64_t ttlSeconds = 0);
    // refreshTtl resets the TTL of an existing key without changing its value (refresh=true),
    // which does not notify watchers in etcd v2.
    EtcdResult refreshTtl(const std::string &key, std::int64_t ttlSeconds);
    // makeDirectory creates an empty directory.
    EtcdResult makeDirectory(const std::string &key);
    // remove deletes key (recursive: a directory and everything in it).
    EtcdResult remove(const std::string &key, bool recursive = false);
    // compareAndDelete deletes key only if its modifiedIndex is prevIndex; else errorCode 101.
    EtcdResult compareAndDelete(const std::string &key, std::uint64_t prevIndex);
    // watch waits for the first change at or after waitIndex at key (recursive: below it). It
    // returns Ok with the event, EtcdError 401 when waitIndex was compacted away, or Unavailable
    // with errorCode 0 and message "timeout" when nothing happened within maxWait.
    EtcdResult watch(const std::string &key, std::uint64_t waitIndex, bool recursive,
                     std::chrono::milliseconds maxWait);

    // cancel makes every in-flight and future call return Cancelled (used at shutdown).
    void cancel();

    // machines is the current machine list (after discovery) and activeMachine the one that
    // answered last.
    std::vector<std::string> machines() const;
    std::string activeMachine() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace skydns::backend
