#pragma once

#include "metrics.h"
#include "worker.h"

#include "config/flags.h"
#include "config/loader.h"
#include "dnssec/zonesigner.h"

#include <QObject>
#include <QSocketNotifier>
#include <QStringList>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

namespace skydns::backend {
class EtcdClient;
class Mirror;
} // namespace skydns::backend

namespace skydns::service {

class AdminService;
class MetricsServer;

// Application is the running service: the etcd mirror, the worker threads with their listeners,
// the metrics endpoint, and configuration reload (SIGHUP, or a change of /<prefix>/config seen by
// the mirror). main() creates one and runs the event loop.
class Application final : public QObject
{
    Q_OBJECT
public:
    // Application keeps args and env (the command line it was started with) to rebuild the
    // configuration on reload: flags and environment, then /<prefix>/config over them.
    Application(config::LoadedConfig loaded, QStringList args, config::Environment env, QObject *parent = nullptr);
    ~Application() override;

    // start brings the service up; false with *error (listeners could not be opened).
    bool start(QString *error);
    // reload re-reads /<prefix>/config and re-applies flags and environment; invalid values keep the
    // running configuration. Settings that need new sockets or a new etcd client are reported, not applied.
    void reload(const QString &why);
    // gauges collects the service gauges for the metrics endpoint.
    ServiceGauges gauges() const;

private:
    void onSnapshot();
    void installSignalHandlers();
    void startAdmin();
    std::optional<QByteArray> readEtcdConfig(QString *note, bool *unreachable);

    config::LoadedConfig m_loaded;
    std::shared_ptr<const config::ServiceConfig> m_config;
    QStringList m_args;
    config::Environment m_env;
    std::shared_ptr<backend::EtcdClient> m_mirrorClient;
    std::unique_ptr<backend::EtcdClient> m_configClient;
    std::unique_ptr<backend::Mirror> m_mirror;
    std::unique_ptr<dnssec::ZoneSigner> m_signer = std::make_unique<dnssec::ZoneSigner>(); // no key: does nothing
    MetricsRegistry m_registry;
    std::vector<QThread *> m_threads;
    std::vector<Worker *> m_workers;
    MetricsServer *m_metricsServer = nullptr;
    std::unique_ptr<AdminService> m_admin; // the admin API (service/admin); null when disabled
    std::int64_t m_startedAtMs = 0;
    QSocketNotifier *m_signalNotifier = nullptr;
    std::uint64_t m_configIndex = 0; // modifiedIndex of /<prefix>/config in the last snapshot (0: absent)
    bool m_configSeen = false;
    std::uint64_t m_reloads = 0;
};

} // namespace skydns::service
