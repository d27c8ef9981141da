#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skydns::backend {

// PersistentMap is an immutable-node (path-copying) B+-tree from std::string keys to V, ordered by
// key. A PersistentMap object is a cheap handle: copying it shares every node, and changing it
// (set, erase) copies only the nodes on the path to the change — O(log n) nodes of at most
// kMaxEntries entries each — so older copies keep their contents unchanged. A handle is not
// thread-safe to modify, but any number of threads may read handles that share nodes.
template<typename V>
class PersistentMap
{
public:
    // kMaxEntries is the largest number of entries (leaf) or children (inner node) in one node.
    static constexpr std::size_t kMaxEntries = 64;

    // Entry is one key/value pair as stored in a leaf.
    struct Entry
    {
        std::string key;
        V value;
    };

    PersistentMap() = default;

    // fromSorted builds a map from entries sorted by strictly increasing key in O(n).
    static PersistentMap fromSorted(std::vector<Entry> entries)
    {
        PersistentMap map;
        map.m_size = entries.size();
        if (entries.empty())
            return map;
        std::vector<NodePtr> level;
        level.reserve(entries.size() / kMaxEntries + 1);
        for (std::size_t begin = 0; begin < entries.size(); begin += kMaxEntries) {
            auto leaf = std::make_shared<Node>();
            leaf->leaf = true;
            const std::size_t end = std::min(entries.size(), begin + kMaxEntries);
            leaf->entries.reserve(end - begin);
            for (std::size_t i = begin; i < end; ++i)
                leaf->entries.push_back(std::move(entries[i]));
            level.push_back(std::move(leaf));
        }
        while (level.size() > 1) {
            std::vector<NodePtr> parents;
            parents.reserve(level.size() / kMaxEntries + 1);
            for (std::size_t begin = 0; begin < level.size(); begin += kMaxEntries) {
                auto inner = std::make_shared<Node>();
                const std::size_t end = std::min(level.size(), begin + kMaxEntries);
                for (std::size_t i = begin; i < end; ++i) {
                    inner->keys.push_back(firstKey(*level[i]));
                    inner->children.push_back(std::move(level[i]));
                }
                parents.push_back(std::move(inner));
            }
            level = std::move(parents);
        }
        map.m_root = std::move(level.front());
        return map;
    }

    // size is the number of entries.
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // find returns the value at key, or nullptr. The pointer stays valid while any handle sharing
    // the leaf that holds it is alive.
    const V *find(std::string_view key) const
    {
        const Node *node = m_root.get();
        while (node && !node->leaf)
            node = node->children[childIndex(*node, key)].get();
        if (!node)
            return nullptr;
        auto it = lowerBound(node->entries, key);
        return it != node->entries.end() && it->key == key ? &it->value : nullptr;
    }

    // set stores value at key, replacing any previous value; returns true when the key was new.
    bool set(std::string key, V value)
    {
        if (!m_root) {
            auto leaf = std::make_shared<Node>();
            leaf->leaf = true;
            leaf->entries.push_back(Entry{std::move(key), std::move(value)});
            m_root = std::move(leaf);
            m_size = 1;
            return true;
        }
        bool added = false;
        auto [left, right] = setIn(m_root, key, value, added);
        if (right) {
            auto root = std::make_shared<Node>();
            root->keys = {firstKey(*left), firstKey(*right)};
            root->children = {std::move(left), std::move(right)};
            m_root = std::move(root);
        } else {
            m_root = std::move(left);
        }
        if (added)
            ++m_size;
        return added;
    }

    // erase removes key; returns false (and changes nothing) when it was not there.
    bool erase(std::string_view key)
    {
        if (!m_root)
            return false;
        bool found = false;
        NodePtr root = eraseIn(m_root, key, found);
        if (!found)
            return false;
        while (root && !root->leaf && root->children.size() == 1)
            root = root->children.front();
        m_root = std::move(root);
        --m_size;
        return true;
    }

    // forEach calls f(key, value) for every entry in key order; f returns false to stop early.
    // forEach returns false when f stopped it.
    template<typename F>
    bool forEach(F &&f) const
    {
        return m_root ? visit(*m_root, f) : true;
    }

    // forEachFrom is forEach starting at the first key >= from.
    template<typename F>
    bool forEachFrom(std::string_view from, F &&f) const
    {
        return m_root ? visitFrom(*m_root, from, f) : true;
    }

    // sharesRootWith is true when both handles are the same version (for tests of sharing).
    bool sharesRootWith(const PersistentMap &other) const { return m_root == other.m_root; }

    // depth is the number of node levels (0 for an empty map).
    int depth() const
    {
        int d = 0;
        for (const Node *n = m_root.get(); n; n = n->leaf ? nullptr : n->children.front().get())
            ++d;
        return d;
    }

private:
    struct Node;
    using NodePtr = std::shared_ptr<const Node>;

    // Node is a leaf (entries) or an inner node (children with the smallest key of each).
    struct Node
    {
        bool leaf = false;
        std::vector<Entry> entries;
        std::vector<std::string> keys;
        std::vector<NodePtr> children;

        std::size_t count() const { return leaf ? entries.size() : children.size(); }
    };

    static const std::string &firstKey(const Node &node)
    {
        return node.leaf ? node.entries.front().key : node.keys.front();
    }

    static typename std::vector<Entry>::const_iterator lowerBound(const std::vector<Entry> &entries,
                                                                  std::string_view key)
    {
        return std::lower_bound(entries.begin(), entries.end(), key,
                                [](const Entry &e, std::string_view k) { return std::string_view(e.key) < k; });
    }

    // childIndex is the child whose key range holds key: the last child with a first key <= key,
    // or the first child when key is smaller than every key.
    static std::size_t childIndex(const Node &node, std::string_view key)
    {
        auto it = std::upper_bound(node.keys.begin(), node.keys.end(), key,
                                   [](std::string_view k, const std::string &e) { return k < std::string_view(e); });
        return it == node.keys.begin() ? 0 : std::size_t(it - node.keys.begin()) - 1;
    }

    // split halves an overfull node into two.
    static std::pair<NodePtr, NodePtr> split(Node &&node)
    {
        auto right = std::make_shared<Node>();
        right->leaf = node.leaf;
        const std::size_t half = node.count() / 2;
        if (node.leaf) {
            right->entries.assign(std::make_move_iterator(node.entries.begin() + half),
                                  std::make_move_iterator(node.entries.end()));
            node.entries.resize(half);
        } else {
            right->keys.assign(std::make_move_iterator(node.keys.begin() + half),
                               std::make_move_iterator(node.keys.end()));
            right->children.assign(std::make_move_iterator(node.children.begin() + half),
                                   std::make_move_iterator(node.children.end()));
            node.keys.resize(half);
            node.children.resize(half);
        }
        return {std::make_shared<Node>(std::move(node)), std::move(right)};
    }

    static std::pair<NodePtr, NodePtr> setIn(const NodePtr &node, std::string &key, V &value, bool &added)
    {
        Node copy; // path copy: this node only; its children stay shared
        copy.leaf = node->leaf;
        if (copy.leaf) {
            // Built element by element so the copy's capacity is exact: leaves hold most of the memory.
            auto it = lowerBound(node->entries, key);
            const bool replace = it != node->entries.end() && it->key == key;
            copy.entries.reserve(node->entries.size() + (replace ? 0 : 1));
            copy.entries.insert(copy.entries.end(), node->entries.begin(), it);
            copy.entries.push_back(Entry{std::move(key), std::move(value)});
            copy.entries.insert(copy.entries.end(), replace ? it + 1 : it, node->entries.end());
            added = !replace;
        } else {
            copy.keys = node->keys;
            copy.children = node->children;
            const std::size_t i = childIndex(copy, key);
            auto [left, right] = setIn(copy.children[i], key, value, added);
            copy.keys[i] = firstKey(*left);
            copy.children[i] = std::move(left);
            if (right) {
                copy.keys.insert(copy.keys.begin() + i + 1, firstKey(*right));
                copy.children.insert(copy.children.begin() + i + 1, std::move(right));
            }
        }
        if (copy.count() > kMaxEntries)
            return split(std::move(copy));
        return {std::make_shared<Node>(std::move(copy)), nullptr};
    }

    // eraseIn returns the new node (nullptr when it became empty); found tells whether key existed
    // (when not, the return value is meaningless and nothing was copied below this level).
    static NodePtr eraseIn(const NodePtr &node, std::string_view key, bool &found)
    {
        if (node->leaf) {
            auto it = lowerBound(node->entries, key);
            if (it == node->entries.end() || it->key != key)
                return nullptr;
            found = true;
            if (node->entries.size() == 1)
                return nullptr;
            auto copy = std::make_shared<Node>();
            copy->leaf = true;
            copy->entries.reserve(node->entries.size() - 1);
            copy->entries.insert(copy->entries.end(), node->entries.begin(), it);
            copy->entries.insert(copy->entries.end(), it + 1, node->entries.end());
            return copy;
        }
        const std::size_t i = childIndex(*node, key);
        NodePtr child = eraseIn(node->children[i], key, found);
        if (!found)
            return nullptr;
        Node copy = *node;
        if (!child) {
            copy.keys.erase(copy.keys.begin() + i);
            copy.children.erase(copy.children.begin() + i);
            if (copy.children.empty())
                return nullptr;
        } else {
            copy.keys[i] = firstKey(*child);
            copy.children[i] = std::move(child);
            rebalance(copy, i);
        }
        return std::make_shared<Node>(std::move(copy));
    }

    // rebalance merges child i with a neighbour when it has shrunk below a quarter of a node, so
    // that mass deletions do not leave a tree of nearly empty nodes. The merged node is split again
    // if it is too big.
    static void rebalance(Node &parent, std::size_t i)
    {
        if (parent.children[i]->count() >= kMaxEntries / 4 || parent.children.size() < 2)
            return;
        const std::size_t l = i > 0 ? i - 1 : i;
        const Node &a = *parent.children[l];
        const Node &b = *parent.children[l + 1];
        Node merged;
        merged.leaf = a.leaf;
        if (a.leaf) {
            merged.entries = a.entries;
            merged.entries.insert(merged.entries.end(), b.entries.begin(), b.entries.end());
        } else {
            merged.keys = a.keys;
            merged.keys.insert(merged.keys.end(), b.keys.begin(), b.keys.end());
            merged.children = a.children;
            merged.children.insert(merged.children.end(), b.children.begin(), b.children.end());
        }
        parent.keys.erase(parent.keys.begin() + l + 1);
        parent.children.erase(parent.children.begin() + l + 1);
        if (merged.count() > kMaxEntries) {
            auto [left, right] = split(std::move(merged));
            parent.keys[l] = firstKey(*left);
            parent.children[l] = std::move(left);
            parent.keys.insert(parent.keys.begin() + l + 1, firstKey(*right));
            parent.children.insert(parent.children.begin() + l + 1, std::move(right));
        } else {
            parent.keys[l] = firstKey(merged);
            parent.children[l] = std::make_shared<Node>(std::move(merged));
        }
    }

    template<typename F>
    static bool visit(const Node &node, F &f)
    {
        if (node.leaf) {
            for (const Entry &e : node.entries)
                if (!f(e.key, e.value))
                    return false;
            return true;
        }
        for (const NodePtr &child : node.children)
            if (!visit(*child, f))
                return false;
        return true;
    }

    template<typename F>
    static bool visitFrom(const Node &node, std::string_view from, F &f)
    {
        if (node.leaf) {
            for (auto it = lowerBound(node.entries, from); it != node.entries.end(); ++it)
                if (!f(it->key, it->value))
                    return false;
            return true;
        }
        std::size_t i = childIndex(node, from);
        if (!visitFrom(*node.children[i], from, f))
            return false;
        for (++i; i < node.children.size(); ++i)
            if (!visit(*node.children[i], f))
                return false;
        return true;
    }

    NodePtr m_root;
    std::size_t m_size = 0;
};

} // namespace skydns::backend
