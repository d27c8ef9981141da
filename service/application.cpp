#include "application.h"

#include "metricsserver.h"
#include "admin/adminservice.h"

#include "backend/etcd3client.h"
#include "backend/etcdclient.h"
#include "backend/mirror.h"
#include "config/describe.h"
#include "config/etcd3config.h"
#include "config/etcdoptions.h"

#include <QCoreApplication>
#include <QDateTime>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace skydns::service {

namespace {

int s_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const char byte = char(signal);
    // write() is async-signal-safe; the event loop does the work.
    [[maybe_unused]] const ssize_t n = ::write(s_signalPipe[1], &byte, 1);
}

// keepRestartOnly copies into next the settings a running service cannot change (they need new
// sockets, a new etcd client or a new metrics port) and names those that differ. dnssec is not one
// of them: reload() loads the new key (or none) and keeps the running one when that fails.
QStringList keepRestartOnly(const config::ServiceConfig &running, config::ServiceConfig &next)
{
    QStringList differ;
    auto keep = [&differ](auto &to, const auto &from, const char *key) {
        if (!(to == from)) {
            differ << QString::fromLatin1(key);
            to = from;
        }
    };
    keep(next.dnsAddr, running.dnsAddr, "dns_addr");
    keep(next.systemd, running.systemd, "systemd");
    keep(next.machines, running.machines, "machines");
    keep(next.tlsKey, running.tlsKey, "tls-key");
    keep(next.tlsPem, running.tlsPem, "tls-pem");
    keep(next.caCert, running.caCert, "ca-cert");
    keep(next.username, running.username, "username");
    keep(next.password, running.password, "password");
    keep(next.pathPrefix, running.pathPrefix, "path-prefix");
    keep(next.discover, running.discover, "discover");
    keep(next.etcd3, running.etcd3, "etcd3");
    keep(next.prometheusPort, running.prometheusPort, "PROMETHEUS_PORT");
    keep(next.prometheusPath, running.prometheusPath, "PROMETHEUS_PATH");
    keep(next.prometheusNamespace, running.prometheusNamespace, "PROMETHEUS_NAMESPACE");
    keep(next.prometheusSubsystem, running.prometheusSubsystem, "PROMETHEUS_SUBSYSTEM");
    return differ;
}

// tcpLimits reads our TCP knobs (not SkyDNS settings): SKYDNS_TCP_MAX_CONNECTIONS, the connection
// cap of the whole service (default 1024), and SKYDNS_TCP_IDLE_TIMEOUT in ms (default 8000 as miekg/dns).
TcpLimits tcpLimits(const config::Environment &env, int workers)
{
    TcpLimits limits;
    bool ok = false;
    const int total = env.value(QStringLiteral("SKYDNS_TCP_MAX_CONNECTIONS")).toInt(&ok);
    limits.maxConnections = ok && total > 0 ? (total + workers - 1) / workers : 1024 / workers;
    const int idleMs = env.value(QStringLiteral("SKYDNS_TCP_IDLE_TIMEOUT")).toInt(&ok);
    if (ok && idleMs > 0)
        limits.idle = std::chrono::milliseconds(idleMs);
    return limits;
}

} // namespace

Application::Application(config::LoadedConfig loaded, QStringList args, config::Environment env, QObject *parent)
    : QObject(parent), m_loaded(std::move(loaded)),
      m_config(std::make_shared<const config::ServiceConfig>(m_loaded.config)), m_args(std::move(args)),
      m_env(std::move(env)), m_registry(m_loaded.config.prometheusNamespace, m_loaded.config.prometheusSubsystem)
{
}

Application::~Application()
{
    if (m_admin) // first: its requests call into the workers and this object
        m_admin->stop();
    for (std::size_t i = 0; i < m_workers.size(); ++i) {
        Worker *worker = m_workers[i];
        QMetaObject::invokeMethod(worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
    if (m_mirror)
        m_mirror->stop();
}

bool Application::start(QString *error)
{
    const config::ServiceConfig &cfg = *m_config;
    std::string keyError;
    if (!m_signer->reload(cfg, &keyError)) { // a missing, unreadable or mismatched key stops start-up
        *error = QString::fromStdString(keyError);
        return false;
    }
    m_mirrorClient = std::make_shared<backend::EtcdClient>(config::etcdOptions(cfg));
    m_configClient = std::make_unique<backend::EtcdClient>(config::etcdOptions(cfg));
    if (cfg.etcd3) // -etcd3: the v3 keys through etcd's JSON gateway (issue 8)
        m_mirror = std::make_unique<backend::Mirror>(std::make_shared<backend::Etcd3Client>(config::etcdOptions(cfg)),
                                                     cfg.pathPrefix, backend::Mirror::Options());
    else
        m_mirror = std::make_unique<backend::Mirror>(m_mirrorClient, cfg.pathPrefix);
    connect(m_mirror.get(), &backend::Mirror::snapshotChanged, this, &Application::onSnapshot, Qt::QueuedConnection);
    m_mirror->start();
    // Answers are REFUSED until the first full read (spec 3 step 2); give etcd a moment so the
    // first queries after start-up find the data.
    if (!m_mirror->waitForSync(std::chrono::seconds(3)))
        qCWarning(lcService).noquote() << QStringLiteral("etcd not read yet (%1); answering REFUSED until it is")
                                              .arg(QString::fromStdString(m_mirror->state().lastError));
    else
        onSnapshot();

    const int workers = std::max(1, QThread::idealThreadCount());
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    if (!adminOptions(m_env).address.isEmpty())
        m_admin = std::make_unique<AdminService>(std::size_t(workers));
    std::vector<std::vector<ListenSocket>> perWorker(static_cast<std::size_t>(workers));
    if (cfg.systemd) {
        std::vector<ListenSocket> inherited = systemdSockets(error);
        if (inherited.empty()) {
            *error = QStringLiteral("systemd socket activation: %1").arg(*error);
            return false;
        }
        // Every worker serves every inherited socket through its own descriptor.
        for (int w = 0; w < workers; ++w)
            for (const ListenSocket &s : inherited)
                perWorker[std::size_t(w)].push_back({w == 0 ? s.fd : duplicateSocket(s.fd), s.tcp});
    } else {
        std::vector<ListenSocket> opened;
        if (!openListenSockets(cfg.dnsAddr, workers, opened, error))
            return false;
        for (std::size_t i = 0; i < opened.size(); ++i)
            perWorker[(i / 2) % std::size_t(workers)].push_back(opened[i]);
    }

    // The service's own descriptors before the workers take clients: once they do, a flood of TCP
    // clients can take every descriptor there is (tst_tcpabuse), and a metrics port that could not
    // be opened then would stop the service.
    if (!cfg.prometheusPort.empty()) {
        m_metricsServer = new MetricsServer(QString::fromStdString(cfg.prometheusPath), [this] {
            return m_registry.render(gauges());
        }, this);
        // SkyDNS discards the Atoi error (spec 10): a bad value gives port 0, an ephemeral port.
        const quint16 port = quint16(QString::fromStdString(cfg.prometheusPort).toUInt());
        if (!m_metricsServer->listen(port, error))
            return false;
        qCInfo(lcService).noquote() << "metrics on port" << m_metricsServer->port()
                                    << QString::fromStdString(cfg.prometheusPath);
    }
    installSignalHandlers();

    for (int w = 0; w < workers; ++w) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("dns-worker-%1").arg(w));
        auto *worker = new Worker(m_mirror.get(), m_registry.addWorker(), tcpLimits(m_env, workers));
        worker->moveToThread(thread);
        thread->start();
        m_threads.push_back(thread);
        m_workers.push_back(worker);
        bool ok = false;
        QString adoptError;
        const auto sockets = perWorker[std::size_t(w)];
        const auto config = m_config;
        const resolver::Signer *signer = m_signer.get();
        QueryRecorder *recorder = m_admin ? m_admin->recorder(std::size_t(w)) : nullptr;
        QMetaObject::invokeMethod(
            worker,
            [&ok, &adoptError, worker, sockets, config, signer, recorder] {
                worker->handler().setRecorder(recorder);
                worker->setSigner(signer);
                worker->setConfig(config);
                ok = worker->adopt(sockets, &adoptError);
            },
            Qt::BlockingQueuedConnection);
        if (!ok) {
            *error = adoptError;
            return false;
        }
    }
    startAdmin();
    // Last: everything of our own (metrics, signal pipe, admin API) is open by now, so a client that
    // starts on this line (or a flood that takes every descriptor) finds the service complete.
    qCInfo(lcService).noquote() << "ready for queries on" << QString::fromStdString(cfg.domain)
                                << "for" << (cfg.systemd ? QStringLiteral("systemd sockets")
                                                         : QString::fromStdString(cfg.dnsAddr))
                                << "with" << workers << "workers";
    return true;
}

void Application::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_signalPipe) != 0)
        return;
    m_signalNotifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        if (::read(s_signalPipe[0], &byte, 1) != 1)
            return;
        if (byte == SIGHUP) {
            reload(QStringLiteral("SIGHUP"));
        } else {
            qCInfo(lcService) << "stopping on signal" << int(byte);
            QCoreApplication::quit();
        }
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

void Application::onSnapshot()
{
    const auto snapshot = m_mirror->snapshot();
    const backend::StoreNode *node = snapshot->store().find("/" + m_config->pathPrefix + "/config");
    const std::uint64_t index = node ? node->record.modifiedIndex : 0;
    if (m_configSeen && m_configIndex == index)
        return;
    bool apply = m_configSeen;
    if (!m_configSeen) {
        // Start-up read /<prefix>/config itself; only when it could not (etcd was down) does the
        // first snapshot bring news.
        bool fromEtcd = false;
        for (const auto &entry : m_loaded.sources)
            fromEtcd = fromEtcd || entry.second == config::ConfigSource::Etcd;
        apply = index != 0 && !fromEtcd;
    }
    m_configSeen = true;
    m_configIndex = index;
    if (apply)
        reload(QStringLiteral("/%1/config changed in etcd").arg(QString::fromStdString(m_config->pathPrefix)));
}

std::optional<QByteArray> Application::readEtcdConfig(QString *note, bool *unreachable)
{
    const std::string key = "/" + m_config->pathPrefix + "/config";
    if (m_config->etcd3) {
        QString error;
        auto json = config::readEtcd3Config(*m_config, key, unreachable, &error);
        if (!json)
            *note = *unreachable ? QStringLiteral("could not read %1 (etcd v3): %2").arg(QString::fromStdString(key), error)
                                 : QStringLiteral("no %1 in etcd (v3), using flags and environment")
                                       .arg(QString::fromStdString(key));
        return json;
    }
    const backend::EtcdResult result = m_configClient->get(key);
    *unreachable = false;
    if (result.ok() && !result.node.dir)
        return QByteArray::fromStdString(result.node.value);
    if (result.notFound() || result.ok()) {
        *note = QStringLiteral("no %1 in etcd, using flags and environment").arg(QString::fromStdString(key));
    } else {
        *unreachable = true;
        *note = QStringLiteral("could not read %1: %2")
                    .arg(QString::fromStdString(key), QString::fromStdString(result.message));
    }
    return std::nullopt;
}

void Application::reload(const QString &why)
{
    QString note;
    bool unreachable = false;
    const std::optional<QByteArray> json = readEtcdConfig(&note, &unreachable);
    if (unreachable) {
        // Unlike start-up, falling back to the flags here would silently drop the settings etcd gave.
        qCWarning(lcService).noquote()
            << QStringLiteral("reload (%1): %2; keeping the running configuration").arg(why, note);
        return;
    }
    if (!json && !note.isEmpty())
        qCInfo(lcService).noquote() << QStringLiteral("reload (%1): %2").arg(why, note);
    const config::FlagParseResult flags = config::parseFlags(m_args, m_env);
    config::LoadedConfig next = config::completeConfig(flags, json);
    if (!next.issues.ok()) {
        qCWarning(lcService).noquote() << QStringLiteral("reload (%1) rejected, keeping the running configuration:\n%2")
                                              .arg(why, next.issues.errorText());
        return;
    }
    const QStringList restartOnly = keepRestartOnly(*m_config, next.config);
    // The key files may have been replaced under the same name: read them again on every reload.
    const std::uint16_t oldTag = m_signer->keyTag();
    std::string keyError;
    if (!m_signer->reload(next.config, &keyError)) {
        qCWarning(lcService).noquote() << QStringLiteral("reload (%1): DNSSEC key not reloaded, keeping the running key: %2")
                                              .arg(why, QString::fromStdString(keyError));
        next.config.dnssec = m_config->dnssec; // the setting follows the key actually in use
    }
    const bool keyChanged = m_signer->keyTag() != oldTag; // then the packet caches must go (setConfig below)
    const QStringList changes = config::diffConfigs(*m_config, next.config);
    ++m_reloads;
    if (!restartOnly.isEmpty())
        qCWarning(lcService).noquote() << QStringLiteral("reload (%1): changes to %2 need a restart; not applied")
                                              .arg(why, restartOnly.join(QStringLiteral(", ")));
    if (changes.isEmpty() && !keyChanged) {
        qCInfo(lcService).noquote() << QStringLiteral("reload (%1): configuration unchanged").arg(why);
        return;
    }
    for (const QString &line : changes)
        qCInfo(lcService).noquote() << QStringLiteral("reload (%1): %2").arg(why, line);
    m_loaded = std::move(next);
    m_config = std::make_shared<const config::ServiceConfig>(m_loaded.config);
    const auto config = m_config;
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(worker, [worker, config] { worker->setConfig(config); }, Qt::QueuedConnection);
}

ServiceGauges Application::gauges() const
{
    ServiceGauges g;
    g.signatureHits = m_signer->cacheHits();
    g.signatureMisses = m_signer->cacheMisses();
    const backend::MirrorState state = m_mirror->state();
    g.generation = state.generation;
    g.etcdIndex = state.etcdIndex;
    g.records = state.recordCount;
    g.malformed = state.malformedCount;
    g.synced = state.synced;
    g.etcdConnected = state.synced && !state.stale();
    if (state.stale())
        g.staleSeconds = double(QDateTime::currentMSecsSinceEpoch() - state.staleSinceMs) / 1000.0;
    g.watchLagSeconds = double(state.lastEventLagUs) / 1e6;
    g.watchEvents = state.eventsApplied;
    g.fullReads = state.fullReads;
    g.configReloads = m_reloads;
    for (const Worker *w : m_workers)
        g.cacheEntries += w->cacheEntries();
    return g;
}

} // namespace skydns::service
