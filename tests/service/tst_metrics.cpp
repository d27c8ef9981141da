// MetricsRegistry's text: SkyDNS's names, labels and buckets (spec 10) in the Prometheus text
// format, counters summed over workers, label sets shown only once used.
#include "metrics.h"

#include <QTest>

using namespace skydns::service;

class TstMetrics final : public QObject
{
    Q_OBJECT
private slots:
    void emptyRegistry();
    void countsAndBuckets();
    void prefix_data();
    void prefix();
};

void TstMetrics::emptyRegistry()
{
    MetricsRegistry r;
    r.addWorker();
    const QByteArray text = r.render({});
    // client_golang shows no series of an unused vector, and then not the family either.
    QVERIFY(!text.contains("dns_request_count_total"));
    QVERIFY(!text.contains("dns_error_count_total"));
    QVERIFY(text.contains("# TYPE skydns_skydns_etcd_connected gauge\nskydns_skydns_etcd_connected 0\n"));
}

void TstMetrics::countsAndBuckets()
{
    MetricsRegistry r;
    WorkerMetrics *a = r.addWorker();
    WorkerMetrics *b = r.addWorker();
    a->request(MetricSystem::Auth, 500000, 100);     // 0.5 ms, 100 bytes
    b->request(MetricSystem::Auth, 2000000, 600);    // 2 ms, 600 bytes
    b->request(MetricSystem::Cache, 100, 100);
    a->error(MetricSystem::Auth, ErrorCause::NxDomain);
    b->cacheMisses[std::size_t(CacheKind::Response)].add(3);
    ServiceGauges g;
    g.etcdConnected = true;
    g.generation = 7;
    const QString text = QString::fromUtf8(r.render(g));
    const QStringList expected{
        "# TYPE skydns_skydns_dns_request_count_total counter",
        "skydns_skydns_dns_request_count_total{system=\"auth\"} 2",
        "skydns_skydns_dns_request_count_total{system=\"cache\"} 1",
        "# TYPE skydns_skydns_dns_request_duration_seconds histogram",
        "skydns_skydns_dns_request_duration_seconds_bucket{system=\"auth\",le=\"0.001\"} 1",
        "skydns_skydns_dns_request_duration_seconds_bucket{system=\"auth\",le=\"0.003\"} 2",
        "skydns_skydns_dns_request_duration_seconds_bucket{system=\"auth\",le=\"10\"} 2",
        "skydns_skydns_dns_request_duration_seconds_bucket{system=\"auth\",le=\"+Inf\"} 2",
        "skydns_skydns_dns_request_duration_seconds_sum{system=\"auth\"} 0.0025",
        "skydns_skydns_dns_request_duration_seconds_count{system=\"auth\"} 2",
        "# TYPE skydns_skydns_dns_response_size_bytes histogram",
        "skydns_skydns_dns_response_size_bytes_bucket{system=\"auth\",le=\"0\"} 0",
        "skydns_skydns_dns_response_size_bytes_bucket{system=\"auth\",le=\"512\"} 1",
        "skydns_skydns_dns_response_size_bytes_bucket{system=\"auth\",le=\"1024\"} 2",
        "skydns_skydns_dns_response_size_bytes_bucket{system=\"auth\",le=\"65536\"} 2",
        "skydns_skydns_dns_response_size_bytes_sum{system=\"auth\"} 700",
        "skydns_skydns_dns_error_count_total{system=\"auth\",cause=\"nxdomain\"} 1",
        "skydns_skydns_dns_cachemiss_count_total{cache=\"response\"} 3",
        "skydns_skydns_etcd_connected 1",
        "skydns_skydns_mirror_generation 7",
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : expected)
        QVERIFY2(lines.contains(line), qPrintable(line + "\nnot in\n" + text));
    // Label sets never used are absent (spec 10: nodata is declared but never used).
    QVERIFY(!text.contains("cause=\"nodata\""));
    QVERIFY(!text.contains("system=\"stub\""));
    QVERIFY(!text.contains("cache=\"signature\""));
    // Size buckets: 0, 512, 1024, 1500, 2048, 4096, then 8192..65536 by 4096: 21 bounds + Inf.
    QCOMPARE(text.count("skydns_skydns_dns_response_size_bytes_bucket{system=\"auth\""), 22);
    QCOMPARE(text.count("skydns_skydns_dns_request_duration_seconds_bucket{system=\"auth\""), 14);
}

void TstMetrics::prefix_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("subsystem");
    QTest::addColumn<QString>("name");
    QTest::newRow("spec 10 default") << "skydns" << "skydns" << "skydns_skydns_dns_request_count_total";
    QTest::newRow("PROMETHEUS_NAMESPACE/SUBSYSTEM") << "ns" << "sub" << "ns_sub_dns_request_count_total";
    QTest::newRow("empty subsystem dropped with its underscore") << "ns" << "" << "ns_dns_request_count_total";
}

void TstMetrics::prefix()
{
    QFETCH(QString, ns);
    QFETCH(QString, subsystem);
    QFETCH(QString, name);
    MetricsRegistry r(ns.toStdString(), subsystem.toStdString());
    r.addWorker()->request(MetricSystem::Auth, 1, 1);
    QVERIFY(r.render({}).contains(name.toUtf8() + "{system=\"auth\"} 1\n"));
}

QTEST_APPLESS_MAIN(TstMetrics)
#include "tst_metrics.moc"
