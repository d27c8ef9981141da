#include "backend/etcd3store.h"

namespace skydns::backend {

namespace {

std::int64_t expiresAt(const Etcd3KeyValue &kv, const Etcd3LeaseExpiry &expiry)
{
    return kv.lease != 0 && expiry ? expiry(kv.lease) : 0;
}

} // namespace

Store etcd3StoreFromRange(const std::string &prefix, const std::vector<Etcd3KeyValue> &kvs,
                          const Etcd3LeaseExpiry &expiry)
{
    Store store(prefix);
    for (const auto &kv : kvs)
        store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), expiresAt(kv, expiry));
    return store;
}

bool etcd3ApplyEvent(Store &store, const Etcd3Event &event, const Etcd3LeaseExpiry &expiry)
{
    const Etcd3KeyValue &kv = event.kv;
    if (event.type == Etcd3Event::Type::Put)
        return store.putValue(kv.key, kv.value, std::uint64_t(kv.modRevision), expiresAt(kv, expiry)).applied;
    if (!store.remove(kv.key))
        return false;
    // v2 kept empty directories; v3 has none, so a parent with nothing left must not answer NODATA.
    std::string parent = kv.key;
    for (;;) {
        const auto slash = parent.rfind('/');
        if (slash == std::string::npos || slash == 0)
            break;
        parent.resize(slash);
        if (parent.size() <= store.rootKey().size())
            break;
        const StoreNode *node = store.find(parent);
        if (!node || !node->isDirectory() || !node->children.empty())
            break;
        store.remove(parent);
    }
    return true;
}

} // namespace skydns::backend
