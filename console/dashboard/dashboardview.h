#pragma once
// The dashboard: counters and live plots of the service, from the admin API's /v1/stats (polled
// every second while shown) and /v1/status (every few seconds).

#include "admin/adminapi.h"
#include "admin/adminerror.h"

#include <QMap>
#include <QPointer>
#include <QWidget>

#include <optional>

class QGridLayout;
class QLabel;
class QTimer;

namespace skydns::console {

class AdminClient;
class TimeSeriesPlot;

// DashboardView shows admin's service at a glance. It polls while visible (or after start()).
class DashboardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardView)

public:
    // Counter names one of the counters shown.
    enum class Counter {
        Queries,        // total since start
        QueriesPerSecond, // average over the last 10 s of the series
        CacheHitRatio,  // since start, percent
        CacheSize,      // entries
        LatencyP50, LatencyP90, LatencyP99, // last minute, ms
        Uptime,
        EtcdState,      // "connected", "stale", "syncing"
        Records,        // records in the mirror
        Generation      // mirror generation
    };

    // DashboardView shows admin's service (admin may be null; not owned).
    explicit DashboardView(AdminClient *admin, QWidget *parent = nullptr);
    ~DashboardView() override;

    // setAdminClient replaces the client (null = none) and restarts polling if it was on.
    void setAdminClient(AdminClient *admin);
    // counterText is the text a counter shows now ("-" before the first answer).
    QString counterText(Counter counter) const;
    // queriesPlot / cacheHitPlot / latencyPlot are the three plots.
    TimeSeriesPlot *queriesPlot() const { return m_queriesPlot; }
    TimeSeriesPlot *cacheHitPlot() const { return m_cachePlot; }
    TimeSeriesPlot *latencyPlot() const { return m_latencyPlot; }
    // lastStats is the last /v1/stats answer shown.
    const std::optional<admin::Stats> &lastStats() const { return m_stats; }
    // statusText is the line at the bottom (service, errors).
    QString statusText() const;
    // isPolling tells whether stats are being polled.
    bool isPolling() const { return m_polling; }

public Q_SLOTS:
    // start polls stats every second (series of the last 5 minutes) and status every 5 s; stop ends it.
    void start();
    void stop();
    // showStats / showStatus draw one answer (called by the polls; public for tests and screenshots).
    void showStats(const skydns::admin::Stats &stats);
    void showStatus(const skydns::admin::Status &status);

Q_SIGNALS:
    // updated says a stats answer was drawn.
    void updated();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void addCounter(QGridLayout *grid, int index, Counter counter, const QString &title);
    void setCounter(Counter counter, const QString &text);
    void pollStatus();
    void showError(const AdminError &error);

    QPointer<AdminClient> m_admin;
    bool m_polling = false;
    std::optional<admin::Stats> m_stats;
    QMap<Counter, QLabel *> m_counters;
    TimeSeriesPlot *m_queriesPlot = nullptr;
    TimeSeriesPlot *m_cachePlot = nullptr;
    TimeSeriesPlot *m_latencyPlot = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_statusTimer = nullptr;
    QString m_serviceLine;
};

} // namespace skydns::console
