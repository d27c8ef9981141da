#pragma once
// The console's client of the service's admin API (common/admin/adminapi.h is the contract: paths,
// token header and the JSON codecs used here, so both sides read one definition). Every call is
// asynchronous: the callback runs on the client's thread, and is skipped when its context object
// was destroyed meanwhile. Errors come back as AdminError with a message a person can act on.

#include "admin/adminerror.h"

#include "admin/adminapi.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

Q_DECLARE_LOGGING_CATEGORY(lcConsoleAdmin)

namespace skydns::console {

// AdminClient talks to one service's admin API. Configure it with setAddress() (or setBaseUrl())
// and setToken(); until both are set every call fails with AdminError::Kind::NotConfigured.
class AdminClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminClient)

public:
    template <typename T>
    using Callback = std::function<void(const AdminError &, const T &)>;

    // AdminClient has no address and no token yet.
    explicit AdminClient(QObject *parent = nullptr);
    ~AdminClient() override;

    // setAddress sets "host:port" (e.g. "127.0.0.1:8054", "[::1]:8054"); http is assumed.
    void setAddress(const QString &hostPort);
    // setBaseUrl sets the API's base URL ("http://127.0.0.1:8054"); paths are appended to it.
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // setToken sets the token sent as "Authorization: Bearer <token>" on every call.
    void setToken(const QString &token);
    // isConfigured tells whether an address and a token are set.
    bool isConfigured() const;
    // setTimeout sets how long a call may take (ms, default 10000), on top of a long poll's wait.
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // fetchStatus is GET /v1/status.
    void fetchStatus(QObject *context, Callback<admin::Status> done);
    // fetchStats is GET /v1/stats with the last seriesSeconds seconds of the per-second series.
    void fetchStats(int seriesSeconds, QObject *context, Callback<admin::Stats> done);
    // fetchQueryLog is GET /v1/querylog: after = "" for the newest entries, else a previous `next`;
    // waitSeconds > 0 makes it a long poll.
    void fetchQueryLog(const QString &after, int limit, int waitSeconds, QObject *context,
                       Callback<admin::QueryLogPage> done);
    // fetchCache is GET /v1/cache (at most limit entries).
    void fetchCache(int limit, QObject *context, Callback<admin::CacheListing> done);
    // flushCache is POST /v1/cache/flush.
    void flushCache(QObject *context, Callback<admin::CacheFlushResult> done);
    // fetchConfig is GET /v1/config.
    void fetchConfig(QObject *context, Callback<admin::ConfigListing> done);
    // reload is POST /v1/reload (the service re-reads its configuration, as on SIGHUP).
    void reload(QObject *context, Callback<admin::ReloadResult> done);

    // startQueryLogPolling follows the query log from now on with the cursor (long polls of
    // waitSeconds); entries arrive through queryLogEntries(). A poll that fails is retried after
    // retryMs and reported through pollFailed().
    void startQueryLogPolling(int waitSeconds = 2, int retryMs = 2000);
    // stopQueryLogPolling ends the polling (a running request is aborted); the cursor is kept.
    void stopQueryLogPolling();
    // isPollingQueryLog tells whether the query log is being followed.
    bool isPollingQueryLog() const { return m_logPolling; }
    // queryLogCursor is the `next` of the last page received ("" before the first).
    QString queryLogCursor() const { return m_logCursor; }
    // resetQueryLogCursor makes the next poll start from the newest entries again.
    void resetQueryLogCursor() { m_logCursor.clear(); }

    // startStatsPolling fetches /v1/stats every intervalMs (series of seriesSeconds) into statsUpdated().
    void startStatsPolling(int intervalMs = 1000, int seriesSeconds = 300);
    // stopStatsPolling ends the stats polling.
    void stopStatsPolling();

    // describe turns an HTTP outcome into an AdminError (exposed for tests): networkError is
    // QNetworkReply::NetworkError, httpStatus 0 when no HTTP answer arrived, body the answer.
    static AdminError describe(int networkError, int httpStatus, const QByteArray &body, const QString &errorString,
                               const QUrl &url);

Q_SIGNALS:
    // queryLogEntries carries the entries of one poll (oldest first); missed counts entries the
    // service's ring dropped before we read them; reset says the service restarted.
    void queryLogEntries(const std::vector<skydns::admin::QueryLogEntry> &entries, quint64 missed, bool reset);
    // statsUpdated carries each polled /v1/stats answer.
    void statsUpdated(const skydns::admin::Stats &stats);
    // pollFailed reports a failed poll (query log or stats).
    void pollFailed(const skydns::console::AdminError &error);
    // connectionStateChanged reports when polls start failing (false, why) or succeed again (true).
    void connectionStateChanged(bool connected, const QString &message);

private:
    using RawCallback = std::function<void(const AdminError &, const QByteArray &body)>;
    void send(const QByteArray &method, const QString &path, const QString &query, int extraTimeoutMs,
              QObject *context, RawCallback done, QNetworkReply **handle = nullptr);
    template <typename T>
    void call(const QByteArray &method, const QString &path, const QString &query, int extraTimeoutMs,
              QObject *context, Callback<T> done, QNetworkReply **handle = nullptr);
    void pollQueryLog();
    void pollStats();
    void setConnected(bool connected, const QString &message);

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 10000;

    bool m_logPolling = false;
    int m_logWaitSeconds = 2;
    int m_logRetryMs = 2000;
    QString m_logCursor;
    QNetworkReply *m_logReply = nullptr;
    QTimer *m_logRetryTimer = nullptr;

    QTimer *m_statsTimer = nullptr;
    int m_statsSeriesSeconds = 300;
    QNetworkReply *m_statsReply = nullptr;

    bool m_connected = true;
};

} // namespace skydns::console

Q_DECLARE_METATYPE(skydns::console::AdminError)
Q_DECLARE_METATYPE(skydns::admin::Stats)
Q_DECLARE_METATYPE(std::vector<skydns::admin::QueryLogEntry>)
