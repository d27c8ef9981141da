#pragma once

#include "backend/persistentmap.h"
#include "model/record.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::backend {

struct EtcdNode;
struct StoreNode;

// StoreNodePtr is how nodes are shared between versions of a Store.
using StoreNodePtr = std::shared_ptr<const StoreNode>;

// StoreNode is one etcd node held by a Store: a directory, a decoded service record, or a value
// that could not be decoded. Nodes never change once built; a change makes new nodes on the path
// from the root to it and shares everything else with the previous version.
struct StoreNode
{
    enum class Kind : std::uint8_t { Directory, Record, Malformed };

    Kind kind = Kind::Directory;
    std::uint32_t recordCount = 0;    // records in this subtree (1 for a record)
    std::uint32_t malformedCount = 0; // malformed values in this subtree (1 for a malformed value)
    // record holds the etcd key, modifiedIndex and expiresAtMs of every kind of node; its service is
    // meaningful for Kind::Record only.
    model::Record record;
    // children of a directory keyed by childKey(): a value's name, or a directory's name followed by
    // '/', so that walking them in map order visits leaves in the order of their full keys.
    PersistentMap<StoreNodePtr> children;

    bool isDirectory() const { return kind == Kind::Directory; }
    bool isRecord() const { return kind == Kind::Record; }
    bool isMalformed() const { return kind == Kind::Malformed; }

    // name is the last element of the key ("web" for "/skydns/local/skydns/web").
    std::string_view name() const;

    // child returns the child directory or value called name, or nullptr.
    const StoreNode *child(std::string_view name) const;

    // childKey is the key under which a child is kept in children.
    static std::string childKey(std::string_view name, bool directory);
};

// Store is one version of the mirrored etcd subtree "/<prefix>", with the decoded records, the
// malformed values and their errors. It is a value: copies are O(1) and independent, and a change
// to one (putValue, putDirectory, remove) costs O(depth * log(children)) and leaves every other
// copy as it was. Not thread-safe to modify; any number of threads may read copies.
class Store
{
public:
    // Store is an empty store whose root "/<prefix>" does not exist.
    explicit Store(std::string prefix = "skydns");

    // fromEtcd builds a store from the node of a recursive get of "/<prefix>".
    static Store fromEtcd(std::string prefix, const EtcdNode &root);

    // prefix is the path prefix ("skydns") and rootKey its etcd key ("/skydns").
    const std::string &prefix() const { return m_prefix; }
    const std::string &rootKey() const { return m_rootKey; }

    // root is the node at rootKey(), or nullptr when it does not exist.
    const StoreNode *root() const { return m_root.get(); }

    // find returns the node at an absolute etcd key, or nullptr. When the key is missing because a
    // value sits where a directory would have to be (etcd error 104 "Not a directory"), *valueAbove
    // (when given) is set to that value's node; otherwise to nullptr.
    const StoreNode *find(std::string_view key, const StoreNode **valueAbove = nullptr) const;

    // PutResult tells what a putValue did to the malformed list.
    struct PutResult
    {
        bool applied = false;                   // false when key is not below rootKey()
        bool malformed = false;                 // the new value could not be decoded
        std::string error;                      // the decoder's message when malformed
        std::optional<std::string> previousError; // set when the key held a malformed value before
    };

    // putValue stores the value at key (creating missing parent directories, replacing what was
    // there), decoding it as a service. A value that cannot be decoded is kept as malformed.
    PutResult putValue(const std::string &key, std::string_view value, std::uint64_t modifiedIndex,
                       std::int64_t expiresAtMs);

    // putDirectory makes key a directory (keeping its children if it already was one) with the
    // given metadata; returns false when key is not below rootKey().
    bool putDirectory(const std::string &key, std::uint64_t modifiedIndex, std::int64_t expiresAtMs);

    // remove deletes key and everything below it; returns false when nothing was there. Removing
    // rootKey() (or an ancestor of it) empties the store.
    bool remove(std::string_view key);

    // recordCount is the number of decoded records; malformedCount the number of malformed values.
    std::size_t recordCount() const { return m_root ? m_root->recordCount : 0; }
    std::size_t malformedCount() const { return m_malformed.size(); }

    // malformed maps the key of every malformed value to the decoder's message.
    const PersistentMap<std::string> &malformed() const { return m_malformed; }

private:
    // elements splits an absolute key below the root into its elements; false when key is not
    // rootKey() or below it.
    bool elements(std::string_view key, std::vector<std::string_view> &out) const;
    // replace sets the node at the path (nullptr: removes it) and keeps the malformed list current.
    bool replace(const std::vector<std::string_view> &path, StoreNodePtr node, std::uint64_t modifiedIndex);
    StoreNodePtr replaceIn(const StoreNodePtr &node, const std::vector<std::string_view> &path, std::size_t depth,
                           const StoreNodePtr &replacement, std::uint64_t modifiedIndex, bool &changed);
    void forgetMalformed(const StoreNode &node);
    std::string keyOf(const std::vector<std::string_view> &path, std::size_t depth) const;

    std::string m_prefix;
    std::string m_rootKey;
    StoreNodePtr m_root;
    PersistentMap<std::string> m_malformed;
};

} // namespace skydns::backend
