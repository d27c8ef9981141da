#include "admin/adminclient.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcConsoleAdmin, "skydns.console.admin")

namespace skydns::console {

AdminClient::AdminClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_logRetryTimer(new QTimer(this))
    , m_statsTimer(new QTimer(this))
{
    // The admin API is loopback-only: a system proxy must never see the token.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_logRetryTimer->setSingleShot(true);
    connect(m_logRetryTimer, &QTimer::timeout, this, &AdminClient::pollQueryLog);
    connect(m_statsTimer, &QTimer::timeout, this, &AdminClient::pollStats);
}

AdminClient::~AdminClient()
{
    stopQueryLogPolling();
    stopStatsPolling();
}

void AdminClient::setAddress(const QString &hostPort)
{
    const QString trimmed = hostPort.trimmed();
    setBaseUrl(trimmed.isEmpty() ? QUrl() : QUrl(QStringLiteral("http://") + trimmed));
}

void AdminClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    QString path = m_baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_baseUrl.setPath(path);
}

void AdminClient::setToken(const QString &token)
{
    m_token = token.trimmed();
}

bool AdminClient::isConfigured() const
{
    return m_baseUrl.isValid() && !m_baseUrl.host().isEmpty() && !m_token.isEmpty();
}

AdminError AdminClient::describe(int networkError, int httpStatus, const QByteArray &body, const QString &errorString,
                                 const QUrl &url)
{
    AdminError e;
    e.httpStatus = httpStatus;
    const QString where = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString();
    std::string serviceMessage;
    admin::ErrorBody eb;
    if (!body.isEmpty() && admin::fromJsonText(std::string_view(body.constData(), std::size_t(body.size())), eb, nullptr))
        serviceMessage = eb.error;
    const QString said = QString::fromStdString(serviceMessage);

    if (httpStatus == 401) {
        e.kind = AdminError::Kind::TokenRefused;
        e.message = tr("The service refused the admin token (401). Copy the token from the service's token file "
                       "into the connection profile.");
    } else if (httpStatus == 400) {
        e.kind = AdminError::Kind::BadRequest;
        e.message = said.isEmpty() ? tr("The service rejected the request (400).")
                                   : tr("The service rejected the request: %1").arg(said);
    } else if (httpStatus >= 300) {
        e.kind = AdminError::Kind::HttpError;
        e.message = said.isEmpty() ? tr("The admin API answered HTTP %1 for %2.").arg(httpStatus).arg(where)
                                   : tr("The admin API answered HTTP %1 for %2: %3").arg(httpStatus).arg(where, said);
    } else if (networkError == QNetworkReply::ConnectionRefusedError) {
        e.kind = AdminError::Kind::ConnectionRefused;
        e.message = tr("Connection refused at %1: is the service running with its admin API enabled?")
                        .arg(url.authority());
    } else if (networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError) {
        e.kind = AdminError::Kind::Network;
        e.message = tr("No answer from the admin API at %1 in time.").arg(url.authority());
    } else if (networkError != QNetworkReply::NoError) {
        e.kind = AdminError::Kind::Network;
        e.message = tr("Could not reach the admin API at %1: %2").arg(url.authority(), errorString);
    }
    return e;
}

void AdminClient::send(const QByteArray &method, const QString &path, const QString &query, int extraTimeoutMs,
                       QObject *context, RawCallback done, QNetworkReply **handle)
{
    QPointer<QObject> guard(context);
    const bool hadContext = context != nullptr;
    if (!isConfigured()) {
        AdminError e;
        e.kind = AdminError::Kind::NotConfigured;
        e.message = m_baseUrl.isEmpty() ? tr("No admin API address in the connection profile.")
                                        : tr("No admin token in the connection profile.");
        // Asynchronous like a real answer, so callers never see a callback inside their call.
        QTimer::singleShot(0, this, [guard, hadContext, done, e]() {
            if (!hadContext || guard)
                done(e, {});
        });
        return;
    }
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader(admin::kTokenHeader, QByteArray(admin::kTokenScheme) + m_token.toUtf8());
    request.setTransferTimeout(m_timeoutMs + extraTimeoutMs);
    QNetworkReply *reply = nullptr;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_network->post(request, QByteArray("{}"));
    } else {
        reply = m_network->get(request);
    }
    if (handle)
        *handle = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, guard, hadContext, done, handle]() {
        reply->deleteLater();
        if (handle && *handle == reply)
            *handle = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
        const AdminError e = describe(reply->error(), status, body, reply->errorString(), url);
        if (!e.ok())
            qCDebug(lcConsoleAdmin) << url.path() << e.message;
        if (hadContext && !guard)
            return;
        done(e, body);
    });
}

template <typename T>
void AdminClient::call(const QByteArray &method, const QString &path, const QString &query, int extraTimeoutMs,
                       QObject *context, Callback<T> done, QNetworkReply **handle)
{
    send(method, path, query, extraTimeoutMs, context,
         [done](const AdminError &e, const QByteArray &body) {
             T value{};
             if (!e.ok())
                 return done(e, value);
             std::string error;
             // One codec for both sides: the service wrote this with admin::toJson.
             if (!admin::fromJsonText(std::string_view(body.constData(), std::size_t(body.size())), value, &error)) {
                 AdminError bad;
                 bad.kind = AdminError::Kind::Malformed;
                 bad.httpStatus = 200;
                 bad.message = tr("The admin API's answer is not what the console expects (%1): is the service "
                                  "another version?")
                                   .arg(QString::fromStdString(error));
                 return done(bad, T{});
             }
             done(e, value);
         },
         handle);
}

void AdminClient::fetchStatus(QObject *context, Callback<admin::Status> done)
{
    call<admin::Status>("GET", QString::fromLatin1(admin::kPathStatus), {}, 0, context, std::move(done));
}

void AdminClient::fetchStats(int seriesSeconds, QObject *context, Callback<admin::Stats> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("series"), QString::number(qBound(0, seriesSeconds, admin::kSeriesMaxSeconds)));
    call<admin::Stats>("GET", QString::fromLatin1(admin::kPathStats), q.toString(), 0, context, std::move(done));
}

namespace {

QString queryLogQuery(const QString &after, int limit, int wait)
{
    QUrlQuery q;
    if (!after.isEmpty())
        q.addQueryItem(QStringLiteral("after"), after);
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, limit, admin::kQueryLogMaxLimit)));
    if (wait > 0)
        q.addQueryItem(QStringLiteral("wait"), QString::number(wait));
    return q.toString(QUrl::FullyEncoded);
}

} // namespace

void AdminClient::fetchQueryLog(const QString &after, int limit, int waitSeconds, QObject *context,
                                Callback<admin::QueryLogPage> done)
{
    const int wait = qBound(0, waitSeconds, admin::kQueryLogMaxWaitSeconds);
    call<admin::QueryLogPage>("GET", QString::fromLatin1(admin::kPathQueryLog), queryLogQuery(after, limit, wait),
                              wait * 1000, context, std::move(done));
}

void AdminClient::fetchCache(int limit, QObject *context, Callback<admin::CacheListing> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(qBound(1, limit, admin::kCacheMaxLimit)));
    call<admin::CacheListing>("GET", QString::fromLatin1(admin::kPathCache), q.toString(), 0, context,
                              std::move(done));
}

void AdminClient::flushCache(QObject *context, Callback<admin::CacheFlushResult> done)
{
    call<admin::CacheFlushResult>("POST", QString::fromLatin1(admin::kPathCacheFlush), {}, 0, context,
                                  std::move(done));
}

void AdminClient::fetchConfig(QObject *context, Callback<admin::ConfigListing> done)
{
    call<admin::ConfigListing>("GET", QString::fromLatin1(admin::kPathConfig), {}, 0, context, std::move(done));
}

void AdminClient::reload(QObject *context, Callback<admin::ReloadResult> done)
{
    call<admin::ReloadResult>("POST", QString::fromLatin1(admin::kPathReload), {}, 0, context, std::move(done));
}

void AdminClient::setConnected(bool connected, const QString &message)
{
    if (connected == m_connected)
        return;
    m_connected = connected;
    emit connectionStateChanged(connected, message);
}

void AdminClient::startQueryLogPolling(int waitSeconds, int retryMs)
{
    m_logWaitSeconds = qBound(0, waitSeconds, admin::kQueryLogMaxWaitSeconds);
    m_logRetryMs = qMax(100, retryMs);
    if (m_logPolling)
        return;
    m_logPolling = true;
    pollQueryLog();
}

void AdminClient::stopQueryLogPolling()
{
    m_logPolling = false;
    m_logRetryTimer->stop();
    if (QNetworkReply *r = m_logReply) {
        m_logReply = nullptr;
        r->abort();
    }
}

void AdminClient::pollQueryLog()
{
    if (!m_logPolling || m_logReply)
        return;
    // The first page (no cursor) is the newest entries; from then on the cursor pages forward.
    const bool first = m_logCursor.isEmpty();
    const int wait = first ? 0 : m_logWaitSeconds;
    call<admin::QueryLogPage>("GET", QString::fromLatin1(admin::kPathQueryLog),
                  queryLogQuery(m_logCursor, first ? admin::kQueryLogDefaultLimit : admin::kQueryLogMaxLimit, wait),
                  wait * 1000, this,
                  [this](const AdminError &e, const admin::QueryLogPage &page) {
                      if (!m_logPolling)
                          return;
                      if (!e.ok()) {
                          emit pollFailed(e);
                          setConnected(false, e.message);
                          m_logRetryTimer->start(m_logRetryMs);
                          return;
                      }
                      setConnected(true, {});
                      m_logCursor = QString::fromStdString(page.next);
                      if (!page.entries.empty() || page.missed > 0 || page.reset)
                          emit queryLogEntries(page.entries, page.missed, page.reset);
                      // The long poll itself paces the loop; without a wait, a short pause does.
                      if (m_logWaitSeconds > 0 || !page.entries.empty())
                          QTimer::singleShot(0, this, &AdminClient::pollQueryLog);
                      else
                          m_logRetryTimer->start(m_logRetryMs);
                  },
                  &m_logReply);
}

void AdminClient::startStatsPolling(int intervalMs, int seriesSeconds)
{
    m_statsSeriesSeconds = seriesSeconds;
    m_statsTimer->start(qMax(100, intervalMs));
    pollStats();
}

void AdminClient::stopStatsPolling()
{
    m_statsTimer->stop();
    if (QNetworkReply *r = m_statsReply) {
        m_statsReply = nullptr;
        r->abort();
    }
}

void AdminClient::pollStats()
{
    if (m_statsReply) // the previous one is still on its way: skip a tick rather than pile up
        return;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("series"), QString::number(qBound(0, m_statsSeriesSeconds, admin::kSeriesMaxSeconds)));
    call<admin::Stats>("GET", QString::fromLatin1(admin::kPathStats), q.toString(), 0, this,
                       [this](const AdminError &e, const admin::Stats &stats) {
                           if (!m_statsTimer->isActive())
                               return;
                           if (!e.ok()) {
                               emit pollFailed(e);
                               setConnected(false, e.message);
                               return;
                           }
                           setConnected(true, {});
                           emit statsUpdated(stats);
                       },
                       &m_statsReply);
}

} // namespace skydns::console
