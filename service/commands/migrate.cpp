// `skydns migrate`: copies the v2 tree of /<prefix> into etcd v3 (issue 8), for users moving to
// -etcd3. A dry run by default: it lists what would be copied and what skipped, and writes nothing
// until --apply. An existing v3 key with a different value is never replaced unless --overwrite.
// v3 has no directories: values are copied under the same key strings, empty directories are
// skipped. A v2 TTL becomes a v3 lease of the TTL left (keys with the same TTL share one lease).
#include "command.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"
#include "config/etcdoptions.h"

#include <map>
#include <string>
#include <vector>

namespace skydns::service {

namespace {

// Entry is one v2 value to migrate and what the v3 store holds at its key.
struct Entry
{
    std::string key;
    std::string value;
    std::int64_t ttl = 0; // seconds left in v2; 0 = none
    enum class Plan { Copy, Same, Conflict, Overwrite } plan = Plan::Copy;
};

void collect(const backend::EtcdNode &node, std::vector<Entry> &values, std::vector<std::string> &emptyDirectories)
{
    if (!node.dir) {
        values.push_back(Entry{node.key, node.value, node.ttl});
        return;
    }
    if (node.nodes.empty())
        emptyDirectories.push_back(node.key);
    for (const backend::EtcdNode &child : node.nodes)
        collect(child, values, emptyDirectories);
}

void usage(QTextStream &out)
{
    out << "usage: skydns migrate [--apply] [--overwrite] [flags]\n"
           "  copies the etcd v2 tree /<prefix> (-path-prefix, default skydns) into etcd v3 under the same keys,\n"
           "  for running with -etcd3. Without --apply it only lists what it would copy and skip.\n"
           "  --apply      write to etcd v3\n"
           "  --overwrite  replace v3 keys that hold a different value (never done otherwise)\n"
           "  flags        the service's etcd flags: -machines, -tls-key, -tls-pem, -ca-cert, -username,\n"
           "               -password, -path-prefix (and ETCD_* / SKYDNS_PATH_PREFIX)\n";
}

} // namespace

int runMigrate(CommandContext &context)
{
    bool apply = false;
    bool overwrite = false;
    QStringList flags;
    for (const QString &arg : context.args) {
        if (arg == QLatin1String("--apply") || arg == QLatin1String("-apply"))
            apply = true;
        else if (arg == QLatin1String("--overwrite") || arg == QLatin1String("-overwrite"))
            overwrite = true;
        else if (arg == QLatin1String("--help") || arg == QLatin1String("-h") || arg == QLatin1String("-help")) {
            usage(context.out);
            return 0;
        } else
            flags << arg;
    }
    const config::FlagParseResult parsed = config::parseFlags(flags, context.env);
    if (!parsed.ok() || !parsed.positional.isEmpty()) {
        for (const config::ConfigIssue &e : parsed.issues.errors)
            context.err << "skydns migrate: " << e.toString() << "\n";
        if (!parsed.positional.isEmpty())
            context.err << "skydns migrate: unexpected argument \"" << parsed.positional.first() << "\"\n";
        usage(context.err);
        return 2;
    }
    const config::ServiceConfig &cfg = parsed.config;
    const std::string root = "/" + cfg.pathPrefix;
    const backend::EtcdOptions options = config::etcdOptions(cfg);

    backend::EtcdClient v2(options);
    const backend::EtcdResult tree = v2.get(root, true, true);
    if (tree.notFound()) {
        context.out << "nothing to migrate: " << QString::fromStdString(root) << " does not exist in etcd v2\n";
        return 0;
    }
    if (!tree.ok()) {
        context.err << "skydns migrate: cannot read " << QString::fromStdString(root)
                    << " from etcd v2: " << QString::fromStdString(tree.message) << "\n";
        return 1;
    }
    std::vector<Entry> entries;
    std::vector<std::string> emptyDirectories;
    collect(tree.node, entries, emptyDirectories);

    // What v3 holds already, in one read of the prefix (on the "/" boundary).
    backend::Etcd3Client v3(options);
    const backend::Etcd3Result existing = v3.rangePrefix(root + "/");
    if (!existing.ok()) {
        context.err << "skydns migrate: cannot read " << QString::fromStdString(root)
                    << "/ from etcd v3: " << QString::fromStdString(existing.message) << "\n";
        return 1;
    }
    std::map<std::string, std::string> inV3;
    for (const backend::Etcd3KeyValue &kv : existing.kvs)
        inV3.emplace(kv.key, kv.value);

    int copies = 0, same = 0, conflicts = 0, overwrites = 0;
    for (Entry &e : entries) {
        const auto found = inV3.find(e.key);
        if (found == inV3.end()) {
            e.plan = Entry::Plan::Copy;
            ++copies;
        } else if (found->second == e.value) {
            e.plan = Entry::Plan::Same;
            ++same;
        } else if (overwrite) {
            e.plan = Entry::Plan::Overwrite;
            ++overwrites;
        } else {
            e.plan = Entry::Plan::Conflict;
            ++conflicts;
        }
    }

    // Keys with the same TTL left share one lease, granted only when writing.
    std::map<std::int64_t, std::int64_t> leases;
    int failures = 0;
    for (const Entry &e : entries) {
        const QString key = QString::fromStdString(e.key);
        const QString ttl = e.ttl > 0 ? QStringLiteral(" (ttl %1s -> lease)").arg(e.ttl) : QString();
        switch (e.plan) {
        case Entry::Plan::Same:
            context.out << "skip   " << key << " (same value in v3)\n";
            continue;
        case Entry::Plan::Conflict:
            context.out << "skip   " << key << " (v3 has a different value; --overwrite replaces it)\n";
            continue;
        case Entry::Plan::Copy:
        case Entry::Plan::Overwrite:
            break;
        }
        const bool replace = e.plan == Entry::Plan::Overwrite;
        context.out << (replace ? "replace " : "copy   ") << key << ttl << "\n";
        if (!apply)
            continue;
        std::int64_t lease = 0;
        if (e.ttl > 0) {
            auto it = leases.find(e.ttl);
            if (it == leases.end()) {
                const backend::Etcd3Result granted = v3.leaseGrant(e.ttl);
                if (!granted.ok()) {
                    context.err << "skydns migrate: cannot grant a lease of " << e.ttl
                                << "s for " << key << ": " << QString::fromStdString(granted.message) << "\n";
                    ++failures;
                    continue;
                }
                it = leases.emplace(e.ttl, granted.leaseId).first;
            }
            lease = it->second;
        }
        // A copy is a create (the key must still be absent: nothing written meanwhile is lost); an
        // overwrite replaces only the value this run saw.
        const backend::Etcd3Result written = replace ? v3.put(e.key, e.value, lease) : v3.create(e.key, e.value, lease);
        if (!written.ok()) {
            context.err << "skydns migrate: cannot write " << key << " to etcd v3: "
                        << QString::fromStdString(written.message) << "\n";
            ++failures;
        } else if (!replace && !written.succeeded) {
            context.err << "skydns migrate: " << key << " appeared in etcd v3 meanwhile; left as it is\n";
            ++failures;
        }
    }
    for (const std::string &dir : emptyDirectories)
        context.out << "skip   " << QString::fromStdString(dir) << "/ (empty directory: v3 has no directories)\n";

    context.out << QStringLiteral("%1 to copy, %2 to replace, %3 identical, %4 different (kept), %5 empty directories; ")
                       .arg(copies)
                       .arg(overwrites)
                       .arg(same)
                       .arg(conflicts)
                       .arg(emptyDirectories.size());
    if (!apply)
        context.out << "dry run: nothing written (--apply writes)\n";
    else if (failures == 0)
        context.out << "written to etcd v3\n";
    else
        context.out << failures << " failed (see above)\n";
    return failures == 0 ? 0 : 1;
}

} // namespace skydns::service
