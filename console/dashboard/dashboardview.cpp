#include "dashboard/dashboardview.h"

#include "admin/adminclient.h"
#include "dashboard/timeseriesplot.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

namespace skydns::console {

namespace {

QString duration(double seconds)
{
    const qint64 s = qint64(seconds);
    if (s < 60)
        return DashboardView::tr("%1 s").arg(s);
    if (s < 3600)
        return DashboardView::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return DashboardView::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return DashboardView::tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString ms(double value)
{
    return DashboardView::tr("%1 ms").arg(value, 0, 'f', value < 10 ? 3 : 1);
}

} // namespace

DashboardView::DashboardView(AdminClient *admin, QWidget *parent)
    : QWidget(parent)
    , m_statusTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    auto *layout = new QVBoxLayout(this);

    auto *countersBox = new QGroupBox(tr("Service"), this);
    auto *grid = new QGridLayout(countersBox);
    int i = 0;
    addCounter(grid, i++, Counter::Queries, tr("Queries"));
    addCounter(grid, i++, Counter::QueriesPerSecond, tr("Queries/s (10 s)"));
    addCounter(grid, i++, Counter::CacheHitRatio, tr("Cache hit ratio"));
    addCounter(grid, i++, Counter::CacheSize, tr("Cache entries"));
    addCounter(grid, i++, Counter::LatencyP50, tr("Latency p50 (1 min)"));
    addCounter(grid, i++, Counter::LatencyP90, tr("Latency p90 (1 min)"));
    addCounter(grid, i++, Counter::LatencyP99, tr("Latency p99 (1 min)"));
    addCounter(grid, i++, Counter::Uptime, tr("Uptime"));
    addCounter(grid, i++, Counter::EtcdState, tr("etcd"));
    addCounter(grid, i++, Counter::Records, tr("Records"));
    addCounter(grid, i++, Counter::Generation, tr("Mirror generation"));
    layout->addWidget(countersBox);

    m_queriesPlot = new TimeSeriesPlot(tr("Queries per second by rcode"), QString(), this);
    m_queriesPlot->setObjectName(QStringLiteral("queriesPlot"));
    m_cachePlot = new TimeSeriesPlot(tr("Cache hit ratio"), QStringLiteral("%"), this);
    m_cachePlot->setObjectName(QStringLiteral("cacheHitPlot"));
    m_cachePlot->setFixedMaximum(100);
    m_latencyPlot = new TimeSeriesPlot(tr("Latency"), tr(" ms"), this);
    m_latencyPlot->setObjectName(QStringLiteral("latencyPlot"));
    auto *plots = new QGridLayout;
    plots->addWidget(m_queriesPlot, 0, 0, 1, 2);
    plots->addWidget(m_cachePlot, 1, 0);
    plots->addWidget(m_latencyPlot, 1, 1);
    layout->addLayout(plots, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    connect(m_statusTimer, &QTimer::timeout, this, &DashboardView::pollStatus);
    setAdminClient(admin);
}

DashboardView::~DashboardView()
{
    stop();
}

void DashboardView::addCounter(QGridLayout *grid, int index, Counter counter, const QString &title)
{
    constexpr int perRow = 4;
    auto *caption = new QLabel(title, this);
    caption->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(QStringLiteral("-"), this);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    value->setFont(big);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const int row = (index / perRow) * 2;
    const int col = index % perRow;
    grid->addWidget(caption, row, col);
    grid->addWidget(value, row + 1, col);
    m_counters.insert(counter, value);
}

void DashboardView::setCounter(Counter counter, const QString &text)
{
    if (QLabel *l = m_counters.value(counter))
        l->setText(text);
}

QString DashboardView::counterText(Counter counter) const
{
    QLabel *l = m_counters.value(counter);
    return l ? l->text() : QString();
}

QString DashboardView::statusText() const
{
    return m_status->text();
}

void DashboardView::setAdminClient(AdminClient *admin)
{
    const bool wasPolling = m_polling;
    stop();
    if (m_admin)
        disconnect(m_admin, nullptr, this, nullptr);
    m_admin = admin;
    if (m_admin) {
        connect(m_admin, &AdminClient::statsUpdated, this, &DashboardView::showStats);
        connect(m_admin, &AdminClient::pollFailed, this, &DashboardView::showError);
    }
    m_status->setText(m_admin ? QString() : tr("Not connected to the service's admin API."));
    if (wasPolling)
        start();
}

void DashboardView::start()
{
    if (!m_admin || m_polling)
        return;
    m_polling = true;
    m_admin->startStatsPolling(1000, 300);
    m_statusTimer->start(5000);
    pollStatus();
}

void DashboardView::stop()
{
    if (!m_polling)
        return;
    m_polling = false;
    m_statusTimer->stop();
    if (m_admin)
        m_admin->stopStatsPolling();
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    start();
}

void DashboardView::hideEvent(QHideEvent *event)
{
    stop();
    QWidget::hideEvent(event);
}

void DashboardView::pollStatus()
{
    if (!m_admin)
        return;
    m_admin->fetchStatus(this, [this](const AdminError &e, const admin::Status &status) {
        if (!e.ok())
            return showError(e);
        showStatus(status);
    });
}

void DashboardView::showError(const AdminError &error)
{
    m_status->setText(error.message);
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
}

void DashboardView::showStatus(const admin::Status &status)
{
    setCounter(Counter::Uptime, duration(status.uptimeSeconds));
    QString etcd = QString::fromStdString(status.etcdState);
    if (status.staleSeconds > 0)
        etcd += QLatin1Char(' ') + tr("(stale for %1)").arg(duration(status.staleSeconds));
    setCounter(Counter::EtcdState, etcd);
    setCounter(Counter::Records, QLocale().toString(qulonglong(status.records)));
    setCounter(Counter::Generation, QString::number(status.generation));
    QStringList listen;
    for (const std::string &a : status.listen)
        listen << QString::fromStdString(a);
    m_serviceLine = tr("SkyDNS Qt %1 (SkyDNS %2) for %3 on %4")
                        .arg(QString::fromStdString(status.version), QString::fromStdString(status.compatVersion),
                             QString::fromStdString(status.domain), listen.join(QStringLiteral(", ")));
    if (!status.etcdLastError.empty())
        m_serviceLine += QLatin1String(" \u2014 ") + tr("last etcd error: %1").arg(QString::fromStdString(status.etcdLastError));
    m_status->setText(m_serviceLine);
    m_status->setStyleSheet(QString());
}

void DashboardView::showStats(const admin::Stats &stats)
{
    m_stats = stats;
    QLocale locale;
    setCounter(Counter::Queries, locale.toString(qulonglong(stats.queries)));
    const std::size_t n = stats.series.size();
    const std::size_t recent = std::min<std::size_t>(n, 10);
    quint64 recentQueries = 0;
    for (std::size_t i = n - recent; i < n; ++i)
        recentQueries += stats.series[i].queries;
    setCounter(Counter::QueriesPerSecond, recent ? QString::number(double(recentQueries) / double(recent), 'f', 1)
                                                 : QStringLiteral("-"));
    const quint64 lookups = stats.cacheHits + stats.cacheMisses;
    setCounter(Counter::CacheHitRatio, lookups ? tr("%1 %").arg(100.0 * double(stats.cacheHits) / double(lookups), 0, 'f', 1)
                                               : QStringLiteral("-"));
    setCounter(Counter::CacheSize, locale.toString(qulonglong(stats.cacheSize)));
    const admin::LatencyPercentiles &l = stats.latencyLastMinute;
    setCounter(Counter::LatencyP50, l.samples ? ms(l.p50Ms) : QStringLiteral("-"));
    setCounter(Counter::LatencyP90, l.samples ? ms(l.p90Ms) : QStringLiteral("-"));
    setCounter(Counter::LatencyP99, l.samples ? ms(l.p99Ms) : QStringLiteral("-"));
    if (m_serviceLine.isEmpty()) // until /v1/status answers
        setCounter(Counter::Uptime, duration(stats.uptimeSeconds));

    QVector<double> noError, nxDomain, servFail, refused, other, hitRatio, p50, p99;
    for (const admin::StatsPoint &p : stats.series) {
        noError << double(p.noError);
        nxDomain << double(p.nxDomain);
        servFail << double(p.servFail);
        refused << double(p.refused);
        other << double(p.other);
        const quint64 looked = p.cacheHits + p.cacheMisses;
        // A second without lookups has no ratio; carry the last one so the line does not dive to 0.
        hitRatio << (looked ? 100.0 * double(p.cacheHits) / double(looked) : (hitRatio.isEmpty() ? 0.0 : hitRatio.last()));
        p50 << p.p50Ms;
        p99 << p.p99Ms;
    }
    m_queriesPlot->setSeries({{QStringLiteral("NOERROR"), QColor(0x2e, 0x7d, 0x32), noError},
                              {QStringLiteral("NXDOMAIN"), QColor(0xef, 0x6c, 0x00), nxDomain},
                              {QStringLiteral("SERVFAIL"), QColor(0xc6, 0x28, 0x28), servFail},
                              {QStringLiteral("REFUSED"), QColor(0x6a, 0x1b, 0x9a), refused},
                              {tr("other"), QColor(0x75, 0x75, 0x75), other}});
    m_cachePlot->setSeries({{tr("hits"), QColor(0x15, 0x65, 0xc0), hitRatio}});
    m_latencyPlot->setSeries({{QStringLiteral("p50"), QColor(0x00, 0x83, 0x8f), p50},
                              {QStringLiteral("p99"), QColor(0xad, 0x14, 0x57), p99}});
    emit updated();
}

} // namespace skydns::console
