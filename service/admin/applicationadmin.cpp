// Application::startAdmin: what the admin API asks of the running service (status, configuration,
// reload, the mirror generation), kept here so application.cpp only calls it.
#include "application.h"

#include "adminservice.h"
#include "queryhandler.h"

#include "backend/etcdclient.h"
#include "backend/mirror.h"
#include "config/describe.h"
#include "version.h"

#include <QDateTime>

namespace skydns::service {

namespace api = skydns::admin;

void Application::startAdmin()
{
    if (!m_admin)
        return;
    AdminHooks hooks;
    hooks.status = [this] {
        api::Status s;
        s.version = versionString();
        s.compatVersion = compatVersionString();
        s.startedAtMs = m_startedAtMs;
        s.uptimeSeconds = double(QDateTime::currentMSecsSinceEpoch() - m_startedAtMs) / 1000.0;
        s.domain = m_config->domain;
        s.listen = {m_config->systemd ? std::string("systemd sockets") : m_config->dnsAddr};
        s.etcdMachines = m_mirrorClient ? m_mirrorClient->machines() : m_config->machines;
        const backend::MirrorState state = m_mirror->state();
        s.etcdState = !state.synced ? "syncing" : state.stale() ? "stale" : "connected";
        s.etcdLastError = state.lastError;
        s.etcdIndex = state.etcdIndex;
        s.generation = state.generation;
        s.records = state.recordCount;
        s.malformed = state.malformedCount;
        s.synced = state.synced;
        if (state.stale())
            s.staleSeconds = double(QDateTime::currentMSecsSinceEpoch() - state.staleSinceMs) / 1000.0;
        s.configReloads = m_reloads;
        return s;
    };
    hooks.config = [this] {
        api::ConfigListing listing;
        for (const config::ConfigEntry &e : config::describeConfig(*m_config, m_loaded.sources))
            listing.settings.push_back(
                {e.key.toStdString(), e.value.toStdString(), config::sourceName(e.source).toStdString()});
        return listing;
    };
    hooks.reload = [this] {
        // The same path as SIGHUP; reload() says what it did in the log, and its counter and the
        // configuration pointer tell us whether it was accepted and changed anything.
        const std::uint64_t before = m_reloads;
        const auto config = m_config;
        reload(QStringLiteral("admin API"));
        api::ReloadResult r;
        r.accepted = m_reloads != before;
        r.changed = m_config != config;
        r.configReloads = m_reloads;
        r.message = !r.accepted ? "reload refused (invalid configuration or etcd unreachable): the running "
                                  "configuration stays; the service log says why"
                    : r.changed ? "configuration reloaded and applied"
                                : "configuration reloaded, nothing changed";
        return r;
    };
    hooks.generation = [this] { return m_mirror->snapshot()->generation(); };

    QString error;
    if (!m_admin->start(adminOptions(m_env), this, m_workers, std::move(hooks), &error)) {
        // The admin API is a convenience: DNS keeps serving without it.
        qCWarning(lcService).noquote() << "admin API disabled:" << error;
        for (Worker *worker : m_workers) // stop recording before the recorders go
            QMetaObject::invokeMethod(worker, [worker] { worker->handler().setRecorder(nullptr); },
                                      Qt::BlockingQueuedConnection);
        m_admin.reset();
    }
}

} // namespace skydns::service
