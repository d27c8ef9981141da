// Forwarder: SkyDNS's ServeDNSForward/ServeDNSStub exchange loop (exchangeWithRetry) and Lookup
// (spec 4.1, 4.2, 5) as non-blocking state machines over Exchange attempts.
#include "forwarder.h"

#include "dns/wire.h"
#include "forwardexchange.h"
#include "forwardwire.h"

#include <QRandomGenerator>

#include <map>
#include <memory>

namespace skydns::service {

namespace {

// acceptsForward: a forwarded answer is relayed as bytes, so it must at least be a well-formed
// message; a truncated (TC=1) one only needs to answer the question (it is relayed as-is).
bool acceptsForward(const QByteArray &query, const QByteArray &response)
{
    if (!fwire::isResponseTo(query, response))
        return false;
    return fwire::isTruncated(response) || fwire::messageEnd(response) >= 0;
}

std::string describe(const std::string &server, const Exchange::Result &r)
{
    return server + ": " + r.error;
}

} // namespace

// ForwardJob is one upstream exchange loop shared by every client waiting for the same answer.
struct ForwardJob
{
    QByteArray query; // the first client's bytes: what goes upstream
    std::vector<std::string> servers;
    bool tcp = false;
    std::chrono::milliseconds timeout{2000};
    std::string key; // coalescing key, empty when not coalesced
    std::vector<std::pair<std::uint16_t, std::function<void(ExchangeResult)>>> waiters;
    std::size_t server = 0; // index into servers
    std::size_t tries = 0;  // failovers so far (SkyDNS's try)
    bool retried = false;   // the SERVFAIL re-ask on this server happened
    std::string lastError;
};

// LookupJob is one Lookup (spec 4.2): its own query, tried on one server after another.
struct LookupJob
{
    QByteArray query;
    std::vector<std::string> servers;
    std::chrono::milliseconds timeout{2000};
    std::size_t server = 0;
    std::size_t tries = 0;
    std::function<void(bool, const dns::Message &)> done;

    void finish(bool ok, const dns::Message &response)
    {
        auto cb = std::move(done);
        if (cb)
            cb(ok, response);
    }
};

struct Forwarder::Private
{
    Forwarder *q;
    std::map<std::string, std::shared_ptr<ForwardJob>> inflight;
    std::size_t active = 0; // attempts with an open socket
    std::size_t maxInFlight = 1024;

    // overloaded: new work would open more sockets than allowed (fail it at once instead).
    bool overloaded() const { return active >= maxInFlight; }
    // failSoon runs fail from the event loop, as every callback.
    void failSoon(std::function<void()> fail)
    {
        auto *failer = new Exchange({}, {}, 0, false, std::chrono::milliseconds(0), {}, q);
        failer->failLater([fail = std::move(fail)](Exchange::Result) { fail(); }, {});
    }

    void attempt(const std::shared_ptr<ForwardJob> &job);
    void attemptDone(const std::shared_ptr<ForwardJob> &job, Exchange::Result r);
    void complete(const std::shared_ptr<ForwardJob> &job, ExchangeResult result);
    void attemptLookup(const std::shared_ptr<LookupJob> &job);
};

// coalescingKey is what makes two forwards the same exchange: the question as sent (name
// case-sensitive, as miekg's SingleInflight), EDNS0 size and DO, RD, CD, the stub mark, the
// transport and the servers. Queries the parser refuses are never coalesced.
static std::string coalescingKey(const QByteArray &query, const std::vector<std::string> &servers, bool tcp)
{
    dns::Query q;
    if (dns::parseQuery(query.constData(), static_cast<std::size_t>(query.size()), q) != dns::ParseStatus::Ok)
        return {};
    std::string key = q.question.name;
    key += '|' + std::to_string(q.question.type) + '|' + std::to_string(q.question.cls);
    // EDNS presence and size too: an answer shaped for a 4096-byte EDNS client (with an OPT record)
    // must not reach a plain 512-byte client.
    key += q.edns.present ? "|edns" + std::to_string(q.edns.udpSize) : "|-";
    key += q.edns.dnssecOk ? "|do" : "|-";
    key += q.header.rd ? "|rd" : "|-";
    key += q.header.cd ? "|cd" : "|-";
    key += q.edns.stubOption ? "|stub" : "|-";
    key += tcp ? "|tcp" : "|udp";
    for (const auto &s : servers)
        key += '|' + s;
    return key;
}

Forwarder::Forwarder(QObject *parent)
    : QObject(parent)
    , d(new Private{this, {}, 0, 1024})
{
}

Forwarder::~Forwarder()
{
    // Exchanges are our children and die with us; their callbacks (and so the clients') are dropped.
    delete d;
}

void Forwarder::forward(const QByteArray &query, const std::vector<std::string> &servers, bool tcp,
                        std::chrono::milliseconds timeout, std::function<void(ExchangeResult)> done)
{
    const std::uint16_t id = fwire::messageId(query);
    const std::string key = coalescingKey(query, servers, tcp);
    if (!key.empty()) {
        auto it = d->inflight.find(key);
        if (it != d->inflight.end()) {
            it->second->waiters.emplace_back(id, std::move(done));
            return;
        }
    }
    auto job = std::make_shared<ForwardJob>();
    job->query = query;
    job->servers = servers;
    job->tcp = tcp;
    job->timeout = timeout;
    job->key = key;
    job->waiters.emplace_back(id, std::move(done));
    if (!key.empty())
        d->inflight.emplace(key, job);
    if (servers.empty() || query.size() < fwire::kHeaderSize || d->overloaded()) {
        const std::string why = d->overloaded() ? "too many upstream exchanges in flight" : "no nameservers or no query";
        d->failSoon([this, job, why] { d->complete(job, ExchangeResult{false, {}, {}, why}); });
        return;
    }
    d->attempt(job);
}

void Forwarder::Private::attempt(const std::shared_ptr<ForwardJob> &job)
{
    const std::string &server = job->servers[job->server];
    QHostAddress address;
    quint16 port = 0;
    const bool usable = fwire::parseServer(server, address, port);
    const QByteArray query = job->query;
    auto *ex = new Exchange(
        query, address, port, job->tcp, job->timeout,
        [query](const QByteArray &response) { return acceptsForward(query, response); }, q);
    auto done = [this, job](Exchange::Result r) {
        --active;
        attemptDone(job, std::move(r));
    };
    ++active;
    if (usable)
        ex->start(std::move(done));
    else
        ex->failLater(std::move(done), "unusable nameserver address");
}

void Forwarder::Private::attemptDone(const std::shared_ptr<ForwardJob> &job, Exchange::Result r)
{
    const std::string &server = job->servers[job->server];
    if (r.status == Exchange::Status::Answer) {
        // exchangeWithRetry: a SERVFAIL is asked once more of the same server; whatever that second
        // exchange returns without a network error is the answer (a second SERVFAIL is relayed).
        if (fwire::rcodeOf(r.response) == dns::kRcodeServFail && !job->retried) {
            job->retried = true;
            attempt(job);
            return;
        }
        complete(job, ExchangeResult{true, std::move(r.response), server, {}});
        return;
    }
    job->lastError = describe(server, r);
    qCDebug(lcForwarder) << "forward attempt failed:" << QString::fromStdString(job->lastError);
    if (job->tries < job->servers.size()) {
        ++job->tries;
        job->server = (job->server + 1) % job->servers.size();
        job->retried = false;
        attempt(job);
        return;
    }
    qCDebug(lcForwarder) << "forwarding failed on every nameserver, last:" << QString::fromStdString(job->lastError);
    complete(job, ExchangeResult{false, {}, server, job->lastError});
}

void Forwarder::Private::complete(const std::shared_ptr<ForwardJob> &job, ExchangeResult result)
{
    if (!job->key.empty()) {
        auto it = inflight.find(job->key);
        if (it != inflight.end() && it->second == job)
            inflight.erase(it);
    }
    // No Forwarder state is touched after this point: a client callback may destroy the Forwarder.
    auto waiters = std::move(job->waiters);
    for (auto &[id, done] : waiters) {
        ExchangeResult mine = result;
        if (mine.ok)
            mine.response = fwire::withId(mine.response, id);
        if (done)
            done(std::move(mine));
    }
}

void Forwarder::lookup(const std::string &name, std::uint16_t type, std::uint16_t udpSize, bool dnssecOk,
                       const std::vector<std::string> &nameservers, std::chrono::milliseconds timeout,
                       std::function<void(bool ok, const dns::Message &response)> done)
{
    // SkyDNS's Lookup: m.SetQuestion (random ID, RD=1) and m.SetEdns0(bufsize, dnssec).
    dns::Message m;
    m.header.id = static_cast<std::uint16_t>(QRandomGenerator::system()->bounded(65536));
    m.header.rd = true;
    m.question.push_back(dns::Question{name, type, dns::kClassIN});
    m.edns.present = true;
    m.edns.udpSize = udpSize;
    m.edns.dnssecOk = dnssecOk;
    m.compress = false;
    auto job = std::make_shared<LookupJob>();
    job->query = QByteArray::fromStdString(dns::encode(m));
    job->servers = nameservers;
    job->timeout = timeout;
    job->done = std::move(done);
    if (nameservers.empty() || d->overloaded()) {
        d->failSoon([job] { job->finish(false, {}); });
        return;
    }
    // "Use request Id for random nameserver selection."
    job->server = m.header.id % nameservers.size();
    d->attemptLookup(job);
}

void Forwarder::Private::attemptLookup(const std::shared_ptr<LookupJob> &job)
{
    QHostAddress address;
    quint16 port = 0;
    const bool usable = fwire::parseServer(job->servers[job->server], address, port);
    const QByteArray query = job->query;
    auto *ex = new Exchange(
        query, address, port, false, job->timeout,
        [query](const QByteArray &response) {
            dns::Message parsed;
            return fwire::isResponseTo(query, response)
                   && dns::parseMessage(response.constData(), static_cast<std::size_t>(response.size()), parsed);
        },
        q);
    auto done = [this, job](Exchange::Result r) {
        --active;
        if (r.status == Exchange::Status::Answer) {
            dns::Message parsed;
            dns::parseMessage(r.response.constData(), static_cast<std::size_t>(r.response.size()), parsed);
            // Lookup: any rcode but NOERROR is a failure, without trying another server.
            job->finish(parsed.header.rcode == dns::kRcodeNoError, parsed);
            return;
        }
        qCDebug(lcForwarder) << "lookup attempt failed:" << QString::fromStdString(describe(job->servers[job->server], r));
        // "Seen an error, this can only mean, server not reached": next server, n+1 attempts.
        if (job->tries < job->servers.size()) {
            ++job->tries;
            job->server = (job->server + 1) % job->servers.size();
            attemptLookup(job);
            return;
        }
        job->finish(false, {});
    };
    ++active;
    if (usable)
        ex->start(std::move(done));
    else
        ex->failLater(std::move(done), "unusable nameserver address");
}

void Forwarder::setMaxInFlight(std::size_t max)
{
    d->maxInFlight = max;
}

std::size_t Forwarder::inFlight() const
{
    return d->active;
}

} // namespace skydns::service
