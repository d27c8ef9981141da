#include "tree/dnstreenode.h"

#include "model/service.h"

#include <algorithm>

namespace skydns::console {

int DnsTreeNode::row() const
{
    if (!parent)
        return 0;
    bool found = false;
    const int r = parent->childRow(label, &found);
    return found ? r : -1;
}

int DnsTreeNode::childRow(const QString &l, bool *found) const
{
    const auto it = std::lower_bound(children.begin(), children.end(), l,
                                     [](const std::unique_ptr<DnsTreeNode> &node, const QString &value) {
                                         return lessLabel(node->label, value);
                                     });
    *found = it != children.end() && (*it)->label == l;
    return int(it - children.begin());
}

DnsTreeNode *DnsTreeNode::child(const QString &l) const
{
    bool found = false;
    const int r = childRow(l, &found);
    return found ? children[size_t(r)].get() : nullptr;
}

void DnsTreeNode::setEntry(const KvEntry &e)
{
    const bool wasDir = entry.dir;
    entry = e;
    entry.dir = e.dir || wasDir || !children.empty();
    parsed = false;
    parseError.clear();
    host.clear();
    text.clear();
    group.clear();
    port = priority = weight = 0;
    ttl = 0;
    mail = false;
    if (e.value.isEmpty())
        return;
    std::string error;
    const auto service = model::parseService(std::string_view(e.value.constData(), size_t(e.value.size())),
                                             e.key.toStdString(), &error);
    if (!service) {
        parseError = QString::fromStdString(error);
        return;
    }
    parsed = true;
    host = QString::fromStdString(service->host);
    port = service->port;
    priority = service->priority;
    weight = service->weight;
    ttl = service->ttl;
    text = QString::fromStdString(service->text);
    mail = service->mail;
    group = QString::fromStdString(service->group);
}

} // namespace skydns::console
