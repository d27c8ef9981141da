#pragma once

#include "etcd/kvstore.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace skydns::console {

// DnsTreeNode is one etcd key of the tree model: a directory (a domain with names below it) or a
// leaf (a service). Children are kept sorted by label so a node's row is found by binary search,
// which keeps inserts and removals in a 100k-child directory free of per-row bookkeeping.
struct DnsTreeNode
{
    DnsTreeNode *parent = nullptr;
    QString label;     // last element of the key ("web")
    KvEntry entry;     // key, value, revision, ttl as etcd has them
    bool fetched = false;  // all children were listed (or the directory was created by the watch);
                           // false with children: partly filled by a capped loadAll
    bool fetching = false; // a list() is on its way
    quint64 fetchToken = 0; // the list() whose answer counts (a newer one supersedes it)
    int retries = 0;        // failed re-reads in a row (tried again a few times)
    bool implied = false;  // v3: exists only because keys are below it
    std::vector<std::unique_ptr<DnsTreeNode>> children;
    QList<KvChange> buffered; // changes below this node seen while its list() was on its way

    // Summary of a service value, parsed once when the value arrives (data() must stay cheap).
    bool parsed = false;   // value is a valid service
    QString parseError;    // why the value is not one
    QString host;
    int port = 0;
    int priority = 0;
    int weight = 0;
    quint32 ttl = 0;
    QString text;
    bool mail = false;
    QString group;

    // row is this node's index among its parent's children (binary search, O(log n)).
    int row() const;
    // childRow is where label is, or would be inserted (*found says which).
    int childRow(const QString &label, bool *found) const;
    // child finds the child with label, or nullptr.
    DnsTreeNode *child(const QString &label) const;
    // isDir says whether the node has (or may have) children.
    bool isDir() const { return entry.dir; }
    // setValue stores a new value and its revision/ttl, and re-parses the summary.
    void setEntry(const KvEntry &e);
};

// lessLabel is the children's order.
inline bool lessLabel(const QString &a, const QString &b)
{
    return QString::compare(a, b, Qt::CaseSensitive) < 0;
}

} // namespace skydns::console
