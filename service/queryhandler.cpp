#include "queryhandler.h"

#include "fit.h"
#include "forwarder.h"
#include "querykey.h"
#include "trackingbackend.h"
#include "admin/queryrecorder.h"

#include "backend/mirror.h"
#include "dns/wire.h"
#include "resolver/resolver.h"

#include <QByteArray>

#include <cstring>
#include <netinet/in.h>

namespace skydns::service {

Q_LOGGING_CATEGORY(lcService, "skydns.service")

namespace {

MetricSystem metricSystem(resolver::System s)
{
    switch (s) {
    case resolver::System::Auth:
        return MetricSystem::Auth;
    case resolver::System::Recursive:
        return MetricSystem::Recursive;
    case resolver::System::Reverse:
        return MetricSystem::Reverse;
    case resolver::System::Stub:
        return MetricSystem::Stub;
    }
    return MetricSystem::Auth;
}

// nextHourMs bounds every local answer: the SOA serial is the time truncated to the hour.
std::int64_t nextHourMs(std::int64_t nowMs)
{
    return (nowMs / 3600000 + 1) * 3600000;
}

std::int64_t wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

QueryHandler::QueryHandler(const backend::Mirror *mirror, WorkerMetrics *metrics, QObject *forwarderParent)
    : m_mirror(mirror), m_metrics(metrics), m_forwarderParent(forwarderParent),
      m_config(std::make_shared<const config::ServiceConfig>())
{
}

QueryHandler::~QueryHandler()
{
    // The forwarder's callbacks point at this handler: end them while it is still whole.
    delete m_forwarder;
}

void QueryHandler::setConfig(std::shared_ptr<const config::ServiceConfig> config)
{
    m_config = std::move(config);
    m_local.clear();
    m_response.clear();
    m_response.setCapacity(m_config->rcache > 0 ? std::size_t(m_config->rcache) : 0);
}

void QueryHandler::beginBatch()
{
    m_snapshot = m_mirror->snapshot();
    m_nowMs = wallMs();
}

Forwarder *QueryHandler::forwarder()
{
    if (!m_forwarder)
        m_forwarder = new Forwarder(m_forwarderParent);
    return m_forwarder;
}

bool QueryHandler::handle(const unsigned char *data, std::size_t size, bool tcp, const ReplyTarget &target,
                          std::string &out)
{
    const std::int64_t startNs = nowNs();
    const std::uint64_t generation = m_snapshot->generation();
    const bool keyed = cacheKey(data, size, tcp, m_key);
    if (keyed) {
        const std::string *hit = m_local.lookup(m_key, generation, m_nowMs);
        CacheKind kind = CacheKind::Local;
        if (!hit && m_response.capacity() > 0) {
            hit = m_response.lookup(m_key, 0, m_nowMs);
            kind = CacheKind::Response;
        }
        if (hit) {
            out.assign(*hit);
            patchId(out.data(), queryId(data));
            m_metrics->cacheHits[std::size_t(kind)].add();
            const std::uint64_t tookNs = std::uint64_t(nowNs() - startNs);
            m_metrics->request(MetricSystem::Cache, tookNs, out.size());
            if (m_recorder)
                record(data, size, tcp, target, int(static_cast<unsigned char>(out[3]) & 0x0f), Served::Cache,
                       MetricSystem::Cache, tookNs);
            if (m_config->verbose)
                qCInfo(lcService).noquote() << target.describe() << "cache hit," << out.size() << "bytes";
            return true;
        }
        m_metrics->cacheMisses[std::size_t(CacheKind::Local)].add();
    }

    dns::Query query;
    const dns::ParseStatus status = dns::parseQuery(data, size, query);
    if (status == dns::ParseStatus::Drop) {
        m_metrics->dropped.add();
        if (m_config->verbose)
            qCInfo(lcService).noquote() << target.describe() << "dropped" << size << "bytes (not a query)";
        return false;
    }
    if (status == dns::ParseStatus::FormErr) {
        dns::encode(resolver::formErr(query.header), out);
        m_metrics->formErrors.add();
        if (m_recorder)
            record(data, size, tcp, target, dns::kRcodeFormErr, Served::None, MetricSystem::Auth,
                   std::uint64_t(nowNs() - startNs));
        if (m_config->verbose)
            qCInfo(lcService).noquote() << target.describe() << "malformed query, FORMERR";
        return true;
    }
    query.tcp = tcp;
    m_metrics->cacheMisses[std::size_t(CacheKind::Response)].add();

    TrackingBackend tracking(*m_snapshot, m_nowMs);
    CountingRandom random(m_random);
    resolver::Reply reply = resolver::resolve(query, tracking, *m_config, m_nowMs, random, nullptr, m_signer);
    switch (reply.kind) {
    case resolver::ReplyKind::Answer: {
        const bool randomised = random.draws() > 0 && reply.message.answer.size() >= 2;
        const std::int64_t validUntil = std::min(tracking.validUntilMs(), nextHourMs(m_nowMs));
        const bool sent = answerNow(query, reply, keyed, generation, validUntil, randomised, out, startNs);
        logQuery(target, query, "answer", reply.message.header.rcode);
        if (m_recorder && out.size() >= 12)
            record(data, size, tcp, target, int(static_cast<unsigned char>(out[3]) & 0x0f), Served::Mirror,
                   metricSystem(reply.system), m_lastNs);
        return sent;
    }
    case resolver::ReplyKind::Drop:
        m_metrics->dropped.add();
        logQuery(target, query, "dropped (stub loop)", -1);
        if (m_recorder)
            record(data, size, tcp, target, -1, Served::None, metricSystem(reply.system), std::uint64_t(nowNs() - startNs));
        return false;
    case resolver::ReplyKind::Forward:
    case resolver::ReplyKind::Stub:
        logQuery(target, query, reply.kind == resolver::ReplyKind::Stub ? "stub" : "forward", -1);
        forward(data, size, query, std::move(reply), target, keyed, startNs);
        return false;
    case resolver::ReplyKind::Lookups:
        logQuery(target, query, "lookups", -1);
        lookups(data, size, query, std::move(reply), target, keyed, startNs);
        return false;
    }
    return false;
}

bool QueryHandler::answerNow(const dns::Query &query, resolver::Reply &reply, bool cacheable,
                             std::uint64_t generation, std::int64_t validUntilMs, bool randomised, std::string &out,
                             std::int64_t startNs)
{
    const FitOutcome fit = fitAndEncode(reply.message, query.bufsize(), query.tcp, out);
    account(metricSystem(reply.system), reply.message, int(fit), out.size(), startNs);
    if (cacheable && out.size() >= 12)
        m_local.insert(m_key, out, generation, validUntilMs, randomised, m_nowMs);
    return true;
}

void QueryHandler::account(MetricSystem system, const dns::Message &msg, int fitOutcome, std::size_t bytes,
                           std::int64_t startNs)
{
    m_lastNs = std::uint64_t(nowNs() - startNs);
    m_metrics->request(system, m_lastNs, bytes);
    switch (msg.header.rcode) {
    case dns::kRcodeNxDomain:
        m_metrics->error(system, ErrorCause::NxDomain);
        break;
    case dns::kRcodeServFail:
        if (FitOutcome(fitOutcome) != FitOutcome::Overflow)
            m_metrics->error(system, ErrorCause::ServFail);
        break;
    case dns::kRcodeRefused:
        m_metrics->error(system, ErrorCause::Refused);
        break;
    default:
        break;
    }
    if (FitOutcome(fitOutcome) == FitOutcome::Truncated)
        m_metrics->error(system, ErrorCause::Truncated);
    else if (FitOutcome(fitOutcome) == FitOutcome::Overflow)
        m_metrics->error(system, ErrorCause::Overflow);
}

void QueryHandler::forward(const unsigned char *data, std::size_t size, const dns::Query &query,
                           resolver::Reply &&reply, const ReplyTarget &target, bool cacheable, std::int64_t startNs)
{
    QByteArray wire(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool stub = reply.kind == resolver::ReplyKind::Stub;
    if (stub)
        wire = addStubOption(wire);
    const MetricSystem system = metricSystem(reply.system);
    auto failure = std::make_shared<dns::Message>(std::move(reply.message));
    LateReply send = target.late();
    const std::string key = cacheable ? m_key : std::string();
    const std::uint16_t bufsize = query.bufsize();
    const bool tcp = query.tcp;
    const bool verbose = m_config->verbose;
    std::shared_ptr<PendingQuery> pending = m_recorder ? pendingQuery(data, size, tcp, target) : nullptr;
    forwarder()->forward(wire, reply.servers, tcp, m_config->readTimeout,
                         [this, send, failure, key, bufsize, tcp, system, startNs, verbose, pending](ExchangeResult result) {
        std::string out;
        if (result.ok && result.response.size() >= 12) {
            out.assign(result.response.constData(), std::size_t(result.response.size()));
            const unsigned char rcode = static_cast<unsigned char>(out[3]) & 0x0f;
            const bool truncated = (static_cast<unsigned char>(out[2]) & 0x02) != 0;
            m_metrics->request(system, std::uint64_t(nowNs() - startNs), out.size());
            if (rcode == dns::kRcodeNxDomain)
                m_metrics->error(system, ErrorCause::NxDomain);
            // rcache (spec 9): forwarded answers for rcache_ttl seconds; failures and TC answers are not kept.
            if (!key.empty() && m_response.capacity() > 0 && rcode != dns::kRcodeServFail && !truncated) {
                const std::int64_t now = wallMs();
                m_response.insert(key, out, 0, now + std::int64_t(m_config->rcacheTtl) * 1000, false, now);
            }
        } else {
            // SkyDNS sends nothing when every upstream fails; we answer SERVFAIL (not cached).
            const FitOutcome fit = fitAndEncode(*failure, bufsize, tcp, out);
            account(system, *failure, int(fit), out.size(), startNs);
            if (verbose)
                qCInfo(lcService).noquote() << "forwarding failed:" << QString::fromStdString(result.error);
        }
        if (pending && m_recorder)
            recordLate(*pending, out, Served::Forwarder, system, startNs);
        send(out);
    });
}

void QueryHandler::lookups(const unsigned char *data, std::size_t size, const dns::Query &query,
                           resolver::Reply &&reply, const ReplyTarget &target,
                           bool cacheable, std::int64_t startNs)
{
    struct State
    {
        dns::Query query;
        std::shared_ptr<const backend::Snapshot> snapshot;
        std::shared_ptr<const config::ServiceConfig> config;
        resolver::Upstream upstream;
        std::size_t pending = 0;
        LateReply send;
        std::string key;
        std::int64_t startNs = 0;
        std::shared_ptr<PendingQuery> logged; // for the admin API's query log
    };
    auto state = std::make_shared<State>();
    state->query = query;
    state->snapshot = m_snapshot;
    state->config = m_config;
    state->pending = reply.lookups.size();
    state->send = target.late();
    state->key = cacheable ? m_key : std::string();
    state->startNs = startNs;
    state->logged = m_recorder ? pendingQuery(data, size, query.tcp, target) : nullptr;
    for (const resolver::Lookup &l : reply.lookups) {
        forwarder()->lookup(l.name, l.type, reply.lookupUdpSize, reply.lookupDnssecOk, m_config->nameservers,
                            m_config->readTimeout,
                            [this, state, name = l.name, type = l.type](bool ok, const dns::Message &response) {
            if (ok)
                state->upstream.setResponse(name, type, response);
            else
                state->upstream.setFailed(name, type);
            if (--state->pending != 0)
                return;
            const std::int64_t now = wallMs();
            resolver::Reply second =
                resolver::resolve(state->query, *state->snapshot, *state->config, now, m_random, &state->upstream, m_signer);
            if (second.kind != resolver::ReplyKind::Answer)
                return; // the resolver promises Answer on the second pass
            std::string out;
            const FitOutcome fit = fitAndEncode(second.message, state->query.bufsize(), state->query.tcp, out);
            account(metricSystem(second.system), second.message, int(fit), out.size(), state->startNs);
            // Answers with upstream parts change with the outside world: rcache rules (time-bound), not the
            // generation-checked local cache.
            if (!state->key.empty() && m_response.capacity() > 0 && fit != FitOutcome::Truncated &&
                second.message.header.rcode != dns::kRcodeServFail)
                m_response.insert(state->key, out, 0, now + std::int64_t(state->config->rcacheTtl) * 1000, false, now);
            if (state->logged && m_recorder)
                recordLate(*state->logged, out, Served::Mirror, metricSystem(second.system), state->startNs);
            state->send(out);
        });
    }
}

void QueryHandler::logQuery(const ReplyTarget &target, const dns::Query &query, const char *how, int rcode) const
{
    if (!m_config->verbose)
        return;
    QString line = target.describe() + QLatin1Char(' ') + QString::fromStdString(query.question.name) +
                   QLatin1Char(' ') + QString::fromStdString(dns::typeName(query.question.type)) +
                   QLatin1Char(' ') + QLatin1String(how);
    if (rcode >= 0)
        line += QStringLiteral(" rcode %1").arg(rcode);
    qCInfo(lcService).noquote() << line;
}

// The admin API's recorder: called only when one is installed, so a service without the admin API
// pays one branch per query.
void QueryHandler::record(const unsigned char *data, std::size_t size, bool tcp, const ReplyTarget &target, int rcode,
                          Served served, MetricSystem system, std::uint64_t latencyNs)
{
    QueryRecord r;
    r.query = data;
    r.size = size;
    r.tcp = tcp;
    r.peer = target.peer();
    std::string client;
    if (!r.peer) { // TCP targets describe themselves as "tcp <address>:<port>"
        client = target.describe().section(QLatin1Char(' '), -1).toStdString();
        r.clientText = client;
    }
    r.rcode = rcode;
    r.served = served;
    r.system = system;
    r.latencyNs = latencyNs;
    r.nowMs = m_nowMs;
    m_recorder->record(r);
}

std::shared_ptr<PendingQuery> QueryHandler::pendingQuery(const unsigned char *data, std::size_t size, bool tcp,
                                                         const ReplyTarget &target) const
{
    auto p = std::make_shared<PendingQuery>();
    // Header and question are all the log reads (a name is at most 255 bytes, then type and class).
    p->bytes.assign(reinterpret_cast<const char *>(data), std::min<std::size_t>(size, 12 + 255 + 4));
    p->tcp = tcp;
    if (const sockaddr *peer = target.peer()) {
        std::memcpy(&p->peer, peer, peer->sa_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
        p->hasPeer = true;
    } else {
        p->client = target.describe().section(QLatin1Char(' '), -1).toStdString();
    }
    return p;
}

void QueryHandler::recordLate(const PendingQuery &pending, const std::string &out, Served served, MetricSystem system,
                              std::int64_t startNs)
{
    QueryRecord r;
    pending.fill(r);
    r.rcode = out.size() >= 12 ? int(static_cast<unsigned char>(out[3]) & 0x0f) : -1;
    r.served = served;
    r.system = system;
    r.latencyNs = std::uint64_t(nowNs() - startNs);
    r.nowMs = wallMs();
    m_recorder->record(r);
}

} // namespace skydns::service
