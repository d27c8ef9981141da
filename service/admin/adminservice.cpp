#include "adminservice.h"

#include "adminreports.h"
#include "admintoken.h"
#include "queryhandler.h"
#include "worker.h"

#include <QDateTime>
#include <QHostAddress>
#include <QMetaObject>

#include <future>
#include <random>
#include <thread>

namespace skydns::service {

namespace api = skydns::admin;

namespace {

constexpr std::chrono::milliseconds kCallTimeout{10000};
constexpr int kMaxWaiters = 8;

HttpResponse json(int status, std::string body)
{
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse failure(int status, std::string message)
{
    return json(status, api::toJsonText(api::ErrorBody{std::move(message)}));
}

std::int64_t wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// callIn runs fn in context's thread and waits for its result. The HTTP threads must not touch what
// belongs to the workers or the Application, so they ask. nullopt when the thread does not answer in
// time or the service is stopping (the event loop may be gone: waiting would hang the shutdown).
template <typename R>
std::optional<R> callIn(QObject *context, std::function<R()> fn, const std::atomic<bool> &stopping)
{
    if (!context)
        return std::nullopt;
    auto promise = std::make_shared<std::promise<R>>();
    std::future<R> future = promise->get_future();
    if (!QMetaObject::invokeMethod(context, [promise, fn = std::move(fn)] { promise->set_value(fn()); },
                                   Qt::QueuedConnection))
        return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + kCallTimeout;
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        if (stopping.load() || std::chrono::steady_clock::now() > deadline)
            return std::nullopt;
    }
    try {
        return future.get();
    } catch (...) { // the queued call was dropped with its context
        return std::nullopt;
    }
}

std::string newEpoch()
{
    std::random_device device;
    std::uint64_t v = (std::uint64_t(device()) << 32) ^ device() ^ std::uint64_t(wallMs());
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string s;
    for (int i = 0; i < 10; ++i, v /= 36)
        s.push_back(digits[v % 36]);
    return s;
}

} // namespace

AdminOptions adminOptions(const QMap<QString, QString> &env)
{
    AdminOptions o;
    const QString addressKey = QString::fromLatin1(api::kEnvAddress);
    o.address = env.contains(addressKey) ? env.value(addressKey).trimmed() : QString::fromLatin1(api::kDefaultAddress);
    const QString tokenKey = QString::fromLatin1(api::kEnvTokenFile);
    o.tokenPath = env.value(tokenKey);
    if (o.tokenPath.isEmpty())
        o.tokenPath = defaultTokenPath(env.value(QStringLiteral("STATE_DIRECTORY")));
    return o;
}

AdminService::AdminService(std::size_t workers) : m_epoch(newEpoch())
{
    for (std::size_t w = 0; w < workers; ++w)
        m_recorders.push_back(std::make_unique<QueryRecorder>());
}

AdminService::~AdminService()
{
    stop();
}

bool AdminService::start(const AdminOptions &options, QObject *context, std::vector<Worker *> workers,
                         AdminHooks hooks, QString *error)
{
    QString tokenError;
    bool created = false;
    const std::optional<std::string> token = loadOrCreateToken(options.tokenPath, &tokenError, &created);
    if (!token) {
        *error = tokenError;
        return false;
    }
    m_token = *token;
    m_context = context;
    for (Worker *w : workers)
        m_workers.emplace_back(w);
    m_hooks = std::move(hooks);
    m_http = std::make_unique<AdminHttp>([this](const HttpRequest &r) { return handle(r); }, api::kMaxBodyBytes);
    if (!m_http->open(options.address, error)) {
        m_http.reset();
        return false;
    }
    m_address = options.address;
    const QString host = options.address.section(QLatin1Char(':'), 0, -2).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    const QHostAddress parsed(host);
    if (!(parsed.isLoopback() || host == QLatin1String("localhost")))
        qCWarning(lcService).noquote() << "admin API on" << options.address
                                       << "is not loopback-only: everyone who can reach it can try the token";
    if (created)
        qCInfo(lcService).noquote() << "new admin token written to" << options.tokenPath;
    qCInfo(lcService).noquote() << "admin API on" << options.address << "(token in" << options.tokenPath + ")";
    return true;
}

void AdminService::stop()
{
    m_stopping = true;
    if (m_http)
        m_http->close();
    m_http.reset();
}

std::vector<const QueryRecorder *> AdminService::recorders() const
{
    std::vector<const QueryRecorder *> out;
    for (const auto &r : m_recorders)
        out.push_back(r.get());
    return out;
}

HttpResponse AdminService::handle(const HttpRequest &request)
{
    // The token comes first: without it a caller learns nothing, not even which paths exist.
    if (!api::tokenMatches(request.authorization, m_token)) {
        HttpResponse r = failure(401, request.authorization.empty()
                                          ? "missing token: send \"Authorization: Bearer <token>\""
                                          : "wrong token");
        r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"skydns admin\"");
        return r;
    }
    const api::ParsedRequest parsed =
        request.bodyTooLarge ? api::ParsedRequest{std::nullopt, 413,
                                                  "request body over " + std::to_string(api::kMaxBodyBytes) + " bytes"}
                             : api::parseRequest(request.method, request.path, request.query, request.body);
    if (!parsed.ok()) {
        HttpResponse r = failure(parsed.status, parsed.error);
        if (parsed.status == 405)
            r.headers.emplace_back("Allow", api::allowedMethods(request.path));
        return r;
    }
    const api::Request &req = *parsed.request;
    if (m_stopping)
        return failure(503, "the service is stopping");
    switch (req.endpoint) {
    case api::Endpoint::Status: {
        auto status = callIn<api::Status>(m_context, m_hooks.status, m_stopping);
        if (!status)
            return failure(503, "the service did not answer in time");
        status->adminAddress = m_address.toStdString();
        status->workers = int(m_recorders.size());
        return json(200, api::toJsonText(*status));
    }
    case api::Endpoint::Stats: {
        api::Stats stats = buildStats(recorders(), req.seriesSeconds, wallMs());
        for (const QPointer<Worker> &w : m_workers)
            if (w)
                stats.cacheSize += w->cacheEntries();
        auto status = callIn<api::Status>(m_context, m_hooks.status, m_stopping);
        stats.uptimeSeconds = status ? status->uptimeSeconds : 0;
        return json(200, api::toJsonText(stats));
    }
    case api::Endpoint::QueryLog:
        return queryLog(req);
    case api::Endpoint::Cache:
        return cacheListing(req.limit);
    case api::Endpoint::CacheFlush:
        return cacheFlush();
    case api::Endpoint::Config: {
        auto config = callIn<api::ConfigListing>(m_context, m_hooks.config, m_stopping);
        if (!config)
            return failure(503, "the service did not answer in time");
        return json(200, api::toJsonText(*config));
    }
    case api::Endpoint::Reload: {
        auto result = callIn<api::ReloadResult>(m_context, m_hooks.reload, m_stopping);
        if (!result)
            return failure(503, "the service did not answer in time");
        return json(200, api::toJsonText(*result));
    }
    }
    return failure(404, "no such endpoint");
}

HttpResponse AdminService::queryLog(const api::Request &req)
{
    api::QueryLogPage page = readQueryLog(recorders(), m_epoch, req.after, req.limit);
    if (!page.entries.empty() || req.waitSeconds == 0 || page.reset)
        return json(200, api::toJsonText(page));
    // Long poll: look again every 20 ms (the query path does not notify anyone; that keeps it free
    // of a shared condition variable). Waiters are bounded: each holds one HTTP thread.
    if (m_waiters.fetch_add(1) >= kMaxWaiters) {
        m_waiters.fetch_sub(1);
        return json(200, api::toJsonText(page));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(req.waitSeconds);
    while (!m_stopping && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        api::QueryLogPage again = readQueryLog(recorders(), m_epoch, req.after, req.limit);
        if (!again.entries.empty()) {
            page = std::move(again);
            break;
        }
    }
    m_waiters.fetch_sub(1);
    return json(200, api::toJsonText(page));
}

HttpResponse AdminService::cacheListing(int limit)
{
    const std::uint64_t generation = callIn<std::uint64_t>(m_context, m_hooks.generation, m_stopping).value_or(0);
    api::CacheListing listing;
    for (std::size_t w = 0; w < m_workers.size(); ++w) {
        Worker *worker = m_workers[w];
        const std::size_t room = listing.entries.size() < std::size_t(limit) ? std::size_t(limit) - listing.entries.size() : 0;
        auto part = callIn<std::pair<std::uint64_t, std::vector<api::CacheEntry>>>(
            worker,
            [worker, w, generation, room] {
                std::pair<std::uint64_t, std::vector<api::CacheEntry>> out;
                const std::int64_t now = wallMs();
                const QueryHandler &h = worker->handler();
                for (const bool local : {true, false}) {
                    const PacketCache &cache = local ? h.localCache() : h.responseCache();
                    out.first += cache.size();
                    cache.forEach([&](const std::string &key, std::uint64_t gen, std::int64_t validUntilMs,
                                      std::size_t variants, std::size_t bytes) {
                        if (out.second.size() >= room)
                            return;
                        api::CacheEntry e;
                        if (!describeCacheKey(key, e))
                            e.name = "?";
                        e.cache = local ? "local" : "response";
                        e.worker = int(w);
                        e.generation = gen;
                        e.current = (!local || gen == generation) && now < validUntilMs;
                        e.expiresInSeconds = double(std::max<std::int64_t>(0, validUntilMs - now)) / 1000.0;
                        e.variants = int(variants);
                        e.bytes = bytes;
                        out.second.push_back(std::move(e));
                    });
                }
                return out;
            },
            m_stopping);
        if (!part)
            return failure(503, "a DNS worker did not answer in time");
        listing.total += part->first;
        for (api::CacheEntry &e : part->second)
            listing.entries.push_back(std::move(e));
    }
    listing.truncated = listing.total > listing.entries.size();
    return json(200, api::toJsonText(listing));
}

HttpResponse AdminService::cacheFlush()
{
    api::CacheFlushResult result;
    for (const QPointer<Worker> &p : m_workers) {
        Worker *worker = p;
        auto n = callIn<std::uint64_t>(worker, [worker] { return std::uint64_t(worker->flushCaches()); }, m_stopping);
        if (!n)
            return failure(503, "a DNS worker did not answer in time; caches may be partly flushed");
        result.flushed += *n;
    }
    return json(200, api::toJsonText(result));
}

} // namespace skydns::service
