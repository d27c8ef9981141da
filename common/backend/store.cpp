#include "backend/store.h"

#include "backend/etcdclient.h"
#include "model/service.h"

#include <algorithm>

namespace skydns::backend {

namespace {

std::shared_ptr<StoreNode> makeValueNode(std::string key, std::string_view value, std::uint64_t modifiedIndex,
                                         std::int64_t expiresAtMs, std::string *error)
{
    auto node = std::make_shared<StoreNode>();
    node->record.key = std::move(key);
    node->record.modifiedIndex = modifiedIndex;
    node->record.expiresAtMs = expiresAtMs;
    if (auto service = model::parseService(value, node->record.key, error)) {
        node->kind = StoreNode::Kind::Record;
        node->record.service = std::move(*service);
        node->record.prepare(); // nodes never change: answers read the derived facts from here
        node->recordCount = 1;
    } else {
        node->kind = StoreNode::Kind::Malformed;
        node->malformedCount = 1;
    }
    return node;
}

std::size_t lastSlash(std::string_view key)
{
    const std::size_t slash = key.rfind('/');
    return slash == std::string_view::npos ? 0 : slash + 1;
}

// buildNode converts a subtree of a recursive get. Children are sorted once and bulk-loaded, which
// is O(n log n) for the sort and O(n) for the tree instead of n path-copying inserts.
StoreNodePtr buildNode(const EtcdNode &etcd, std::vector<PersistentMap<std::string>::Entry> &malformed)
{
    if (!etcd.dir) {
        std::string error;
        // The key is copied, not shared with the etcd node: that buffer sits among the response
        // parser's garbage, and one live key per page would keep all of it resident.
        auto node = makeValueNode(etcd.key, etcd.value, etcd.modifiedIndex, etcd.expiresAtMs, &error);
        if (node->isMalformed())
            malformed.push_back({node->record.key, std::move(error)});
        return node;
    }
    auto node = std::make_shared<StoreNode>();
    node->kind = StoreNode::Kind::Directory;
    node->record.key = etcd.key;
    node->record.modifiedIndex = etcd.modifiedIndex;
    node->record.expiresAtMs = etcd.expiresAtMs;
    std::vector<PersistentMap<StoreNodePtr>::Entry> children;
    children.reserve(etcd.nodes.size());
    for (const EtcdNode &child : etcd.nodes) {
        StoreNodePtr built = buildNode(child, malformed);
        node->recordCount += built->recordCount;
        node->malformedCount += built->malformedCount;
        children.push_back({StoreNode::childKey(built->name(), built->isDirectory()), std::move(built)});
    }
    std::sort(children.begin(), children.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
    // etcd never lists a name twice; if a broken response did, keep the first so the map stays valid.
    children.erase(std::unique(children.begin(), children.end(), [](const auto &a, const auto &b) { return a.key == b.key; }),
                   children.end());
    node->children = PersistentMap<StoreNodePtr>::fromSorted(std::move(children));
    return node;
}

} // namespace

std::string_view StoreNode::name() const
{
    std::string_view key = record.key;
    return key.substr(lastSlash(key));
}

const StoreNode *StoreNode::child(std::string_view name) const
{
    // A name is either a value ("name") or a directory ("name/"); etcd never has both.
    if (const StoreNodePtr *found = children.find(name))
        return found->get();
    // Lookups run on the query path: build "name/" without a heap allocation when it fits.
    char buffer[256];
    std::string heap;
    std::string_view dirKey;
    if (name.size() < sizeof buffer) {
        name.copy(buffer, name.size());
        buffer[name.size()] = '/';
        dirKey = std::string_view(buffer, name.size() + 1);
    } else {
        heap = childKey(name, true);
        dirKey = heap;
    }
    const StoreNodePtr *found = children.find(dirKey);
    return found ? found->get() : nullptr;
}

std::string StoreNode::childKey(std::string_view name, bool directory)
{
    std::string key(name);
    if (directory)
        key.push_back('/');
    return key;
}

Store::Store(std::string prefix)
    : m_prefix(std::move(prefix))
    , m_rootKey("/" + m_prefix)
{
}

Store Store::fromEtcd(std::string prefix, const EtcdNode &root)
{
    Store store(std::move(prefix));
    std::vector<PersistentMap<std::string>::Entry> malformed;
    store.m_root = buildNode(root, malformed);
    std::sort(malformed.begin(), malformed.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
    store.m_malformed = PersistentMap<std::string>::fromSorted(std::move(malformed));
    return store;
}

bool Store::elements(std::string_view key, std::vector<std::string_view> &out) const
{
    out.clear();
    if (key.size() < m_rootKey.size() || key.compare(0, m_rootKey.size(), m_rootKey) != 0)
        return false;
    std::string_view rest = key.substr(m_rootKey.size());
    if (!rest.empty() && rest.front() != '/')
        return false; // "/skydnsfoo" is not below "/skydns"
    while (!rest.empty()) {
        rest.remove_prefix(1);
        const std::size_t slash = rest.find('/');
        std::string_view element = rest.substr(0, slash);
        if (!element.empty())
            out.push_back(element);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    return true;
}

const StoreNode *Store::find(std::string_view key, const StoreNode **valueAbove) const
{
    // Same walk as elements(), without building a vector: this runs for every query.
    if (valueAbove)
        *valueAbove = nullptr;
    if (key.size() < m_rootKey.size() || key.compare(0, m_rootKey.size(), m_rootKey) != 0)
        return nullptr;
    std::string_view rest = key.substr(m_rootKey.size());
    if (!rest.empty() && rest.front() != '/')
        return nullptr;
    const StoreNode *node = m_root.get();
    while (!rest.empty()) {
        rest.remove_prefix(1);
        const std::size_t slash = rest.find('/');
        const std::string_view element = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
        if (element.empty())
            continue;
        if (!node)
            return nullptr;
        if (!node->isDirectory()) {
            if (valueAbove)
                *valueAbove = node;
            return nullptr;
        }
        node = node->child(element);
    }
    return node;
}

std::string Store::keyOf(const std::vector<std::string_view> &path, std::size_t depth) const
{
    std::string key = m_rootKey;
    for (std::size_t i = 0; i < depth; ++i) {
        key.push_back('/');
        key.append(path[i]);
    }
    return key;
}

void Store::forgetMalformed(const StoreNode &node)
{
    if (node.malformedCount == 0)
        return;
    if (node.isMalformed()) {
        m_malformed.erase(node.record.key);
        return;
    }
    node.children.forEach([this](const std::string &, const StoreNodePtr &child) {
        forgetMalformed(*child);
        return true;
    });
}

StoreNodePtr Store::replaceIn(const StoreNodePtr &node, const std::vector<std::string_view> &path, std::size_t depth,
                              const StoreNodePtr &replacement, std::uint64_t modifiedIndex, bool &changed)
{
    if (depth == path.size()) {
        // A directory's TTL update keeps its children (and their malformed values).
        const bool keepsChildren = node && replacement && node->isDirectory() && replacement->isDirectory()
            && replacement->children.sharesRootWith(node->children);
        if (node && !keepsChildren)
            forgetMalformed(*node);
        changed = node || replacement;
        return replacement;
    }
    if (!node || !node->isDirectory()) {
        if (!replacement) {
            changed = false; // nothing to remove below a value or a missing node
            return node;
        }
        // etcd creates missing parents; it refuses to put below a value, so replacing one here only
        // happens if we missed an event, and then etcd's newer state wins.
        if (node)
            forgetMalformed(*node);
        auto dir = std::make_shared<StoreNode>();
        dir->record.key = keyOf(path, depth);
        dir->record.modifiedIndex = modifiedIndex;
        return replaceIn(dir, path, depth, replacement, modifiedIndex, changed);
    }
    const std::string_view name = path[depth];
    const StoreNodePtr *valueChild = node->children.find(name);
    const std::string dirKey = StoreNode::childKey(name, true);
    const StoreNodePtr *dirChild = valueChild ? nullptr : node->children.find(dirKey);
    const StoreNodePtr oldChild = valueChild ? *valueChild : dirChild ? *dirChild : nullptr;

    StoreNodePtr newChild = replaceIn(oldChild, path, depth + 1, replacement, modifiedIndex, changed);
    if (!changed)
        return node;
    auto copy = std::make_shared<StoreNode>(*node);
    if (oldChild) {
        copy->children.erase(oldChild->isDirectory() ? std::string_view(dirKey) : name);
        copy->recordCount -= oldChild->recordCount;
        copy->malformedCount -= oldChild->malformedCount;
    }
    if (newChild) {
        copy->children.set(StoreNode::childKey(name, newChild->isDirectory()), newChild);
        copy->recordCount += newChild->recordCount;
        copy->malformedCount += newChild->malformedCount;
    }
    return copy;
}

bool Store::replace(const std::vector<std::string_view> &path, StoreNodePtr node, std::uint64_t modifiedIndex)
{
    bool changed = false;
    m_root = replaceIn(m_root, path, 0, node, modifiedIndex, changed);
    return changed;
}

Store::PutResult Store::putValue(const std::string &key, std::string_view value, std::uint64_t modifiedIndex,
                                 std::int64_t expiresAtMs)
{
    PutResult result;
    std::vector<std::string_view> path;
    if (!elements(key, path))
        return result;
    if (const std::string *previous = m_malformed.find(key))
        result.previousError = *previous;
    auto node = makeValueNode(key, value, modifiedIndex, expiresAtMs, &result.error);
    result.applied = true;
    result.malformed = node->isMalformed();
    replace(path, node, modifiedIndex);
    if (result.malformed)
        m_malformed.set(key, result.error);
    return result;
}

bool Store::putDirectory(const std::string &key, std::uint64_t modifiedIndex, std::int64_t expiresAtMs)
{
    std::vector<std::string_view> path;
    if (!elements(key, path))
        return false;
    auto dir = std::make_shared<StoreNode>();
    const StoreNode *existing = find(key);
    if (existing && existing->isDirectory())
        *dir = *existing; // a TTL update of a directory keeps its children
    dir->kind = StoreNode::Kind::Directory;
    dir->record.key = key;
    dir->record.modifiedIndex = modifiedIndex;
    dir->record.expiresAtMs = expiresAtMs;
    replace(path, dir, modifiedIndex);
    return true;
}

bool Store::remove(std::string_view key)
{
    std::vector<std::string_view> path;
    if (!elements(key, path)) {
        // Deleting an ancestor of the root ("/" recursively) deletes the root too.
        const bool ancestor = key == "/" || (m_rootKey.size() > key.size() && m_rootKey.compare(0, key.size(), key) == 0
                                             && m_rootKey[key.size()] == '/');
        if (!ancestor)
            return false;
        path.clear();
    }
    return replace(path, nullptr, 0);
}

} // namespace skydns::backend
