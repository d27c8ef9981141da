// `skydns register`, `skydns unregister` and `skydns list`: services announced in one line, with the
// same key and JSON a user would write with curl or etcdctl (SKYDNS-BEHAVIOUR.md 2.1). The etcd
// connection and the domain come from SkyDNS's own flags, environment and /skydns/config, so the
// flags that start the service also register into it: `skydns register -machines URL NAME HOST`.
#include "command.h"
#include "registry.h"

#include "config/loader.h"
#include "discovery/registration.h"
#include "model/path.h"
#include "model/service.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace skydns::service {

int runRegister(CommandContext &context);
int runUnregister(CommandContext &context);
int runList(CommandContext &context);

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

// Connection is a registry for the configured etcd plus the configuration and the arguments left
// after SkyDNS's flags.
struct Connection
{
    config::ServiceConfig config;
    std::unique_ptr<Registry> registry;
    QStringList rest;
};

const char *const kFlagsHelp =
    "SkyDNS's flags and environment choose etcd and the domain, as for the service: -machines, -etcd3,\n"
    "-domain, -path-prefix, -ca-cert/-tls-pem/-tls-key, -username/-password, given right after the command.\n";

// connect splits "[skydns flags] ARGS..." and loads the configuration the way the service does,
// /skydns/config included. Returns false (and prints why) on a bad command line or configuration.
bool connect(CommandContext &context, Connection *connection, int *exitCode)
{
    const config::FlagParseResult flags = config::parseFlags(context.args, context.env);
    if (!flags.ok()) {
        for (const config::ConfigIssue &issue : flags.issues.errors)
            context.err << "skydns: " << issue.toString() << "\n";
        *exitCode = 2;
        return false;
    }
    std::unique_ptr<Registry> bootstrap = Registry::create(flags.config);
    std::string note;
    const std::string configKey = "/" + flags.config.pathPrefix + "/config";
    const std::optional<std::string> json = bootstrap->readConfigJson(configKey, &note);
    const config::LoadedConfig loaded = config::completeConfig(
        flags, json ? std::optional<QByteArray>(QByteArray::fromStdString(*json)) : std::nullopt);
    if (!loaded.issues.ok()) {
        for (const config::ConfigIssue &issue : loaded.issues.errors)
            context.err << "skydns: " << issue.toString() << "\n";
        *exitCode = 1;
        return false;
    }
    connection->config = loaded.config;
    connection->registry = Registry::create(loaded.config);
    connection->rest = flags.positional;
    return true;
}

QString formatTtl(std::int64_t ttl)
{
    return ttl > 0 ? QStringLiteral("%1s").arg(ttl) : QStringLiteral("-");
}

} // namespace

int runRegister(CommandContext &context)
{
    Connection connection;
    int rc = 0;
    if (!connect(context, &connection, &rc))
        return rc;
    const discovery::RegisterParse parse = discovery::parseRegisterArguments(
        connection.rest, connection.config.domain, connection.config.pathPrefix);
    if (!parse.registration) {
        context.err << "skydns register: " << parse.error << "\n"
                    << "usage: skydns register NAME HOST[:PORT] [--ttl S] [--priority P] [--weight W] [--text T]"
                       " [--mail] [--keepalive]\n"
                    << kFlagsHelp;
        return 2;
    }
    const discovery::Registration &reg = *parse.registration;
    const RegistryResult written = connection.registry->put(reg);
    if (!written.ok) {
        context.err << "skydns register: " << QString::fromStdString(written.message) << "\n";
        return 1;
    }
    context.out << "registered " << QString::fromStdString(reg.name) << " -> "
                << QString::fromStdString(reg.service.host);
    if (reg.service.port != 0)
        context.out << " port " << reg.service.port;
    context.out << " (key " << QString::fromStdString(reg.key) << " = " << QString::fromStdString(reg.json());
    if (reg.ttlSeconds > 0)
        context.out << ", ttl " << reg.ttlSeconds << "s";
    context.out << ")\n";
    if (!reg.keepalive)
        return 0;

    context.out << "keeping it alive every " << discovery::keepaliveIntervalMs(reg.ttlSeconds) << " ms;"
                << " interrupt (Ctrl+C) to unregister\n";
    context.out.flush();
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const auto interval = std::chrono::milliseconds(discovery::keepaliveIntervalMs(reg.ttlSeconds));
    auto next = std::chrono::steady_clock::now() + interval;
    bool healthy = true;
    while (!g_interrupted.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (std::chrono::steady_clock::now() < next)
            continue;
        const RegistryResult refreshed = connection.registry->refresh(reg);
        // Retry sooner while etcd is away, so the key comes back as soon as it can.
        next = std::chrono::steady_clock::now() + (refreshed.ok ? interval : std::chrono::milliseconds(1000));
        if (refreshed.ok != healthy) {
            healthy = refreshed.ok;
            if (healthy)
                context.out << "keepalive: " << QString::fromStdString(reg.key) << " refreshed again\n";
            else
                context.err << "skydns register: keepalive failed, retrying: "
                            << QString::fromStdString(refreshed.message) << "\n";
            context.out.flush();
            context.err.flush();
        }
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    const RegistryResult removed = connection.registry->remove(reg.key, false);
    if (!removed.ok && !removed.notFound) {
        context.err << "skydns register: interrupted, but could not remove " << QString::fromStdString(reg.key)
                    << " (it expires in at most " << reg.ttlSeconds << "s): " << QString::fromStdString(removed.message)
                    << "\n";
        return 1;
    }
    context.out << "unregistered " << QString::fromStdString(reg.name) << "\n";
    return 0;
}

int runUnregister(CommandContext &context)
{
    Connection connection;
    int rc = 0;
    if (!connect(context, &connection, &rc))
        return rc;
    QStringList names;
    bool recursive = false;
    for (const QString &arg : connection.rest) {
        if (arg == QLatin1String("--recursive"))
            recursive = true;
        else if (arg.startsWith(QLatin1String("--")))
            names << QString(); // marks an unknown option below
        else
            names << arg;
    }
    if (names.size() != 1 || names.first().isEmpty()) {
        context.err << "usage: skydns unregister NAME [--recursive]\n" << kFlagsHelp;
        return 2;
    }
    std::string error;
    const std::optional<std::string> name
        = discovery::qualifyName(names.first().toStdString(), connection.config.domain, &error);
    if (!name) {
        context.err << "skydns unregister: " << QString::fromStdString(error) << "\n";
        return 2;
    }
    const std::string key = model::domainToPath(*name, connection.config.pathPrefix);
    const RegistryResult removed = connection.registry->remove(key, recursive);
    if (!removed.ok) {
        context.err << "skydns unregister: " << QString::fromStdString(removed.message) << "\n";
        return 1;
    }
    context.out << "unregistered " << QString::fromStdString(*name) << " (key " << QString::fromStdString(key)
                << ")\n";
    return 0;
}

int runList(CommandContext &context)
{
    Connection connection;
    int rc = 0;
    if (!connect(context, &connection, &rc))
        return rc;
    if (connection.rest.size() > 1 || (!connection.rest.isEmpty() && connection.rest.first().startsWith('-'))) {
        context.err << "usage: skydns list [NAME]\n" << kFlagsHelp;
        return 2;
    }
    std::string key = model::domainToPath(connection.config.domain, connection.config.pathPrefix);
    if (!connection.rest.isEmpty()) {
        std::string error;
        const std::optional<std::string> name
            = discovery::qualifyName(connection.rest.first().toStdString(), connection.config.domain, &error);
        if (!name) {
            context.err << "skydns list: " << QString::fromStdString(error) << "\n";
            return 2;
        }
        key = model::domainToPath(*name, connection.config.pathPrefix);
    }
    std::vector<RegistryEntry> entries;
    const RegistryResult listed = connection.registry->list(key, &entries);
    if (!listed.ok) {
        context.err << "skydns list: " << QString::fromStdString(listed.message) << "\n";
        return 1;
    }
    context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                       .arg(QStringLiteral("NAME"), -40)
                       .arg(QStringLiteral("HOST"), -24)
                       .arg(QStringLiteral("PORT"), 5)
                       .arg(QStringLiteral("PRIO"), 5)
                       .arg(QStringLiteral("WEIGHT"), 6)
                       .arg(QStringLiteral("TTL"), 6)
                       .arg(QStringLiteral("TEXT"));
    for (const RegistryEntry &entry : entries) {
        const QString name = QString::fromStdString(model::pathToDomain(entry.key));
        std::string error;
        const std::optional<model::Service> service = model::parseService(entry.value, entry.key, &error);
        if (!service) {
            context.out << QStringLiteral("%1 (invalid: %2)\n").arg(name, -40).arg(QString::fromStdString(error));
            continue;
        }
        context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                           .arg(name, -40)
                           .arg(QString::fromStdString(service->host), -24)
                           .arg(service->port, 5)
                           .arg(service->priority, 5)
                           .arg(service->weight, 6)
                           .arg(formatTtl(entry.ttl), 6)
                           .arg(QString::fromStdString(service->text));
    }
    return 0;
}

} // namespace skydns::service
