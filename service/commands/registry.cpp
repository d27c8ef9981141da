#include "registry.h"

#include "backend/etcd3client.h"
#include "backend/etcd3codec.h"
#include "backend/etcdclient.h"
#include "config/etcdoptions.h"

#include <algorithm>
#include <functional>
#include <map>

namespace skydns::service {

namespace {

RegistryResult success()
{
    return RegistryResult{true, false, {}};
}

RegistryResult failure(const std::string &message, bool notFound = false)
{
    return RegistryResult{false, notFound, message};
}

class RegistryV2 final : public Registry
{
public:
    explicit RegistryV2(const config::ServiceConfig &config)
        : m_client(config::etcdOptions(config))
    {
    }

    std::optional<std::string> readConfigJson(const std::string &key, std::string *note) override
    {
        const backend::EtcdResult result = m_client.get(key);
        if (result.ok() && !result.node.dir)
            return result.node.value;
        *note = result.notFound() ? "no " + key + " in etcd" : result.message;
        return std::nullopt;
    }

    RegistryResult put(const discovery::Registration &registration) override
    {
        const backend::EtcdResult result = m_client.set(registration.key, registration.json(), registration.ttlSeconds);
        return result.ok() ? success() : failure(result.message);
    }

    RegistryResult refresh(const discovery::Registration &registration) override
    {
        const backend::EtcdResult result = m_client.refreshTtl(registration.key, registration.ttlSeconds);
        if (result.notFound())
            return put(registration); // expired while we were stopped or etcd was away: announce again
        return result.ok() ? success() : failure(result.message);
    }

    RegistryResult remove(const std::string &key, bool recursive) override
    {
        backend::EtcdResult result = m_client.remove(key, false);
        // 102 "Not a file": a directory, removed only when asked for.
        if (!result.ok() && result.errorCode == 102) {
            if (!recursive)
                return failure(key + " has services below it; use --recursive to remove them all");
            result = m_client.remove(key, true);
        }
        if (result.notFound())
            return failure(key + " is not registered", true);
        return result.ok() ? success() : failure(result.message);
    }

    RegistryResult list(const std::string &key, std::vector<RegistryEntry> *entries) override
    {
        const backend::EtcdResult result = m_client.get(key, true, true);
        if (result.notFound())
            return failure("nothing registered at " + key, true);
        if (!result.ok())
            return failure(result.message);
        std::function<void(const backend::EtcdNode &)> walk = [&](const backend::EtcdNode &node) {
            if (!node.dir) {
                entries->push_back(RegistryEntry{node.key, node.value, node.ttl});
                return;
            }
            for (const backend::EtcdNode &child : node.nodes)
                walk(child);
        };
        walk(result.node);
        std::sort(entries->begin(), entries->end(),
                  [](const RegistryEntry &a, const RegistryEntry &b) { return a.key < b.key; });
        return success();
    }

private:
    backend::EtcdClient m_client;
};

class RegistryV3 final : public Registry
{
public:
    explicit RegistryV3(const config::ServiceConfig &config)
        : m_client(config::etcdOptions(config))
    {
    }

    std::optional<std::string> readConfigJson(const std::string &key, std::string *note) override
    {
        const backend::Etcd3Result result = m_client.range(key);
        if (result.ok() && !result.kvs.empty())
            return result.kvs.front().value;
        *note = result.ok() ? "no " + key + " in etcd" : result.message;
        return std::nullopt;
    }

    RegistryResult put(const discovery::Registration &registration) override
    {
        std::int64_t lease = 0;
        if (registration.ttlSeconds > 0) {
            const backend::Etcd3Result grant = m_client.leaseGrant(registration.ttlSeconds);
            if (!grant.ok())
                return failure(grant.message);
            lease = grant.leaseId;
        }
        const backend::Etcd3Result result = m_client.put(registration.key, registration.json(), lease);
        if (!result.ok()) {
            if (lease != 0)
                m_client.leaseRevoke(lease);
            return failure(result.message);
        }
        if (m_lease != 0 && m_lease != lease)
            m_client.leaseRevoke(m_lease); // the key moved to the new lease; do not leave the old one running
        m_lease = lease;
        return success();
    }

    RegistryResult refresh(const discovery::Registration &registration) override
    {
        if (m_lease == 0)
            return put(registration);
        const backend::Etcd3Result result = m_client.leaseKeepAlive(m_lease);
        if (result.ok() && result.ttl > 0)
            return success();
        if (result.ok() || result.kind == backend::Etcd3Result::Kind::EtcdError) {
            m_lease = 0; // expired (ttl 0 / not found): the key went with it, announce again
            return put(registration);
        }
        return failure(result.message);
    }

    RegistryResult remove(const std::string &key, bool recursive) override
    {
        const std::string below = key + "/";
        const backend::Etcd3Result children = m_client.range(below, backend::prefixRangeEnd(below), 0, 1);
        if (!children.ok())
            return failure(children.message);
        const bool hasChildren = children.count > 0;
        if (hasChildren && !recursive)
            return failure(key + " has services below it; use --recursive to remove them all");
        const backend::Etcd3Result result = m_client.deleteRange(key);
        if (!result.ok())
            return failure(result.message);
        std::int64_t deleted = result.count;
        if (hasChildren) {
            const backend::Etcd3Result sub = m_client.deleteRange(below, backend::prefixRangeEnd(below));
            if (!sub.ok())
                return failure(sub.message);
            deleted += sub.count;
        }
        if (deleted == 0)
            return failure(key + " is not registered", true);
        return success();
    }

    RegistryResult list(const std::string &key, std::vector<RegistryEntry> *entries) override
    {
        const backend::Etcd3Result exact = m_client.range(key);
        const std::string below = key + "/";
        const backend::Etcd3Result sub = m_client.range(below, backend::prefixRangeEnd(below));
        if (!exact.ok())
            return failure(exact.message);
        if (!sub.ok())
            return failure(sub.message);
        std::map<std::int64_t, std::int64_t> leaseTtl; // one timetolive per lease, not per key
        for (const auto *result : {&exact, &sub}) {
            for (const backend::Etcd3KeyValue &kv : result->kvs) {
                std::int64_t ttl = 0;
                if (kv.lease != 0) {
                    auto it = leaseTtl.find(kv.lease);
                    if (it == leaseTtl.end()) {
                        const backend::Etcd3Result live = m_client.leaseTimeToLive(kv.lease);
                        it = leaseTtl.emplace(kv.lease, live.ok() ? std::max<std::int64_t>(live.ttl, 0) : 0).first;
                    }
                    ttl = it->second;
                }
                entries->push_back(RegistryEntry{kv.key, kv.value, ttl});
            }
        }
        if (entries->empty())
            return failure("nothing registered at " + key, true);
        std::sort(entries->begin(), entries->end(),
                  [](const RegistryEntry &a, const RegistryEntry &b) { return a.key < b.key; });
        return success();
    }

private:
    backend::Etcd3Client m_client;
    std::int64_t m_lease = 0;
};

} // namespace

std::unique_ptr<Registry> Registry::create(const config::ServiceConfig &config)
{
    if (config.etcd3)
        return std::make_unique<RegistryV3>(config);
    return std::make_unique<RegistryV2>(config);
}

} // namespace skydns::service
