#pragma once
// Registry: the etcd side of `skydns register/unregister/list`, one interface over the v2 and the v3
// API (chosen by -etcd3 as for the service), so the commands are written once.
#include "config/serviceconfig.h"
#include "discovery/registration.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skydns::service {

// RegistryResult is the outcome of one registry call; message says what failed, naming the key.
struct RegistryResult
{
    bool ok = false;
    bool notFound = false;
    std::string message;
};

// RegistryEntry is one key found by list().
struct RegistryEntry
{
    std::string key;
    std::string value;
    std::int64_t ttl = 0; // seconds left; 0 = no expiry
};

// Registry writes, refreshes, removes and lists services in etcd.
class Registry
{
public:
    virtual ~Registry() = default;

    // create returns the registry for config's etcd (v3 when config.etcd3).
    static std::unique_ptr<Registry> create(const config::ServiceConfig &config);

    // readConfigJson reads the /<prefix>/config value (nullopt when missing or unreachable; *note says which).
    virtual std::optional<std::string> readConfigJson(const std::string &key, std::string *note) = 0;
    // put writes the registration's value with its TTL (v2 key TTL, v3 a fresh lease).
    virtual RegistryResult put(const discovery::Registration &registration) = 0;
    // refresh extends the TTL of a key written by put(); when it has expired meanwhile it is written again.
    virtual RegistryResult refresh(const discovery::Registration &registration) = 0;
    // remove deletes key; a key with keys below it is only removed (with them) when recursive.
    virtual RegistryResult remove(const std::string &key, bool recursive) = 0;
    // list returns key and every key below it, sorted.
    virtual RegistryResult list(const std::string &key, std::vector<RegistryEntry> *entries) = 0;
};

} // namespace skydns::service
