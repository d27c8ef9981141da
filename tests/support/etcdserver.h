#pragma once

#include <QNetworkReply>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace skydns::test {

// EtcdServer runs Debian's etcd (v2 API enabled) on free loopback ports for one test: a single
// member, or one member of a cluster made with EtcdCluster. Data lives in a temporary directory that
// survives stop()/start() so a restart keeps the keys. The process is killed in the destructor.
class EtcdServer
{
public:
    struct Options
    {
        QString name = QStringLiteral("default");
        QString scheme = QStringLiteral("http"); // "https" needs certFile/keyFile
        QString certFile, keyFile, trustedCaFile; // server TLS
        bool clientCertAuth = false;              // require client certificates
        QStringList extraArgs;
    };

    EtcdServer();
    explicit EtcdServer(Options options);
    ~EtcdServer();
    EtcdServer(const EtcdServer &) = delete;
    EtcdServer &operator=(const EtcdServer &) = delete;

    // start launches etcd and waits (up to 15 s) until it accepts client connections. For a cluster
    // member, initialCluster/state are set by EtcdCluster. Returns false with *error on failure.
    bool start(QString *error = nullptr);
    // stop ends etcd gracefully (SIGTERM); kill ends it at once (SIGKILL). Data is kept.
    void stop();
    void kill();
    bool isRunning() const;

    QString clientUrl() const;  // e.g. "http://127.0.0.1:40123"
    QString peerUrl() const;
    QString dataDir() const;
    QString log() const;        // what etcd printed so far

    // used by EtcdCluster
    void setInitialCluster(const QString &initialCluster, const QString &state);
    const Options &options() const { return m_options; }

    // freePort returns a loopback port that was free for TCP and UDP a moment ago, below the kernel's
    // ephemeral range (so no client socket is given it meanwhile) and never twice in one process.
    static quint16 freePort();

private:
    Options m_options;
    QTemporaryDir m_dir;
    quint16 m_clientPort = 0;
    quint16 m_peerPort = 0;
    QString m_initialCluster;
    QString m_clusterState = QStringLiteral("new");
    std::unique_ptr<QProcess> m_process;
    QString m_log;
};

// EtcdCluster is several EtcdServer members forming one cluster on loopback.
class EtcdCluster
{
public:
    explicit EtcdCluster(int members);
    bool start(QString *error = nullptr);
    EtcdServer &member(int i) { return *m_members.at(i); }
    int size() const { return int(m_members.size()); }
    // clientUrls lists every member's client URL.
    QStringList clientUrls() const;

private:
    std::vector<std::unique_ptr<EtcdServer>> m_members;
};

// sharedEtcdEndpoint is the client URL of the CTest `etcd` fixture (from the file named by
// SKYDNS_TEST_ETCD_ENDPOINT_FILE), or an empty string when the test runs without the fixture.
QString sharedEtcdEndpoint();

// finishReply waits (up to timeoutMs, in a local event loop) for reply, stores its body in *body,
// schedules its deletion and returns the HTTP status (0 when none arrived).
int finishReply(QNetworkReply *reply, QByteArray *body, int timeoutMs = 10000);

// etcdBinary is the etcd executable ($SKYDNS_ETCD_BIN, else "etcd").
QString etcdBinary();

} // namespace skydns::test
