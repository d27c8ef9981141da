#include "adminapi.h"

namespace skydns::admin {

namespace {

// Reader reads the fields of one JSON object and keeps the first error, so fromJson reads like the
// struct and reports "field 'x': ..." with the path of nested objects ("series[3].queries").
class Reader
{
public:
    Reader(const nlohmann::json &j, std::string *error, std::string path = {})
        : m_j(j), m_error(error), m_path(std::move(path))
    {
        if (!m_j.is_object())
            fail(m_path.empty() ? std::string("the body is not a JSON object") : m_path + ": not an object");
    }

    bool ok() const { return m_ok; }

    void get(const char *key, std::string &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (f->is_string())
                v = f->get<std::string>();
            else
                wrong(key, "a string");
        }
    }
    void get(const char *key, bool &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (f->is_boolean())
                v = f->get<bool>();
            else
                wrong(key, "true or false");
        }
    }
    void get(const char *key, double &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (f->is_number())
                v = f->get<double>();
            else
                wrong(key, "a number");
        }
    }
    void get(const char *key, std::uint64_t &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (f->is_number_unsigned())
                v = f->get<std::uint64_t>();
            else if (f->is_number_integer() && f->get<std::int64_t>() >= 0)
                v = std::uint64_t(f->get<std::int64_t>());
            else
                wrong(key, "a non-negative integer");
        }
    }
    void get(const char *key, std::int64_t &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (f->is_number_integer() && !(f->is_number_unsigned() && f->get<std::uint64_t>() > std::uint64_t(INT64_MAX)))
                v = f->get<std::int64_t>();
            else
                wrong(key, "an integer");
        }
    }
    void get(const char *key, int &v)
    {
        std::int64_t wide = v;
        const bool was = m_ok;
        get(key, wide);
        if (m_ok && was) {
            if (wide < INT32_MIN || wide > INT32_MAX)
                wrong(key, "a 32-bit integer");
            else
                v = int(wide);
        }
    }
    void get(const char *key, std::vector<std::string> &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (!f->is_array())
                return wrong(key, "an array of strings");
            v.clear();
            for (const auto &e : *f) {
                if (!e.is_string())
                    return wrong(key, "an array of strings");
                v.push_back(e.get<std::string>());
            }
        }
    }
    void get(const char *key, std::map<std::string, std::uint64_t> &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (!f->is_object())
                return wrong(key, "an object of counts");
            v.clear();
            for (auto it = f->begin(); it != f->end(); ++it) {
                if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<std::int64_t>() >= 0))
                    return wrong(key, "an object of counts");
                v[it.key()] = it->get<std::uint64_t>();
            }
        }
    }
    void get(const char *key, std::map<std::string, std::map<std::string, std::uint64_t>> &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (!f->is_object())
                return wrong(key, "an object");
            v.clear();
            for (auto it = f->begin(); it != f->end(); ++it) {
                nlohmann::json wrapper = {{"counts", *it}};
                Reader inner(wrapper, m_error, sub(key) + "." + it.key());
                inner.get("counts", v[it.key()]);
                if (!inner.ok())
                    return fail();
            }
        }
    }
    // object reads a nested struct with its own fromJson.
    template <typename T>
    void object(const char *key, T &v)
    {
        if (const nlohmann::json *f = field(key)) {
            std::string inner;
            if (!fromJson(*f, v, &inner))
                fail(sub(key) + ": " + inner);
        }
    }
    // list reads an array of structs with their own fromJson.
    template <typename T>
    void list(const char *key, std::vector<T> &v)
    {
        if (const nlohmann::json *f = field(key)) {
            if (!f->is_array())
                return wrong(key, "an array");
            v.clear();
            std::size_t i = 0;
            for (const auto &e : *f) {
                T item;
                std::string inner;
                if (!fromJson(e, item, &inner))
                    return fail(sub(key) + "[" + std::to_string(i) + "]: " + inner);
                v.push_back(std::move(item));
                ++i;
            }
        }
    }

private:
    std::string sub(const char *key) const { return m_path.empty() ? std::string(key) : m_path + "." + key; }
    const nlohmann::json *field(const char *key)
    {
        if (!m_ok)
            return nullptr;
        const auto it = m_j.find(key);
        if (it == m_j.end()) {
            fail("field '" + sub(key) + "' is missing");
            return nullptr;
        }
        return &*it;
    }
    void wrong(const char *key, const char *what) { fail("field '" + sub(key) + "' must be " + what); }
    void fail(std::string message = {})
    {
        if (m_ok && m_error && !message.empty())
            *m_error = std::move(message);
        m_ok = false;
    }

    const nlohmann::json &m_j;
    std::string *m_error;
    std::string m_path;
    bool m_ok = true;
};

template <typename T>
nlohmann::json array(const std::vector<T> &items)
{
    nlohmann::json a = nlohmann::json::array();
    for (const T &i : items)
        a.push_back(toJson(i));
    return a;
}

} // namespace

nlohmann::json toJson(const ErrorBody &v)
{
    return {{"error", v.error}};
}

bool fromJson(const nlohmann::json &j, ErrorBody &v, std::string *error)
{
    Reader r(j, error);
    r.get("error", v.error);
    return r.ok();
}

nlohmann::json toJson(const Status &v)
{
    return {{"version", v.version}, {"compatVersion", v.compatVersion}, {"startedAtMs", v.startedAtMs},
            {"uptimeSeconds", v.uptimeSeconds}, {"domain", v.domain}, {"listen", v.listen},
            {"adminAddress", v.adminAddress}, {"workers", v.workers}, {"etcdMachines", v.etcdMachines},
            {"etcdState", v.etcdState}, {"etcdLastError", v.etcdLastError}, {"etcdIndex", v.etcdIndex},
            {"generation", v.generation}, {"records", v.records}, {"malformed", v.malformed},
            {"synced", v.synced}, {"staleSeconds", v.staleSeconds}, {"configReloads", v.configReloads}};
}

bool fromJson(const nlohmann::json &j, Status &v, std::string *error)
{
    Reader r(j, error);
    r.get("version", v.version);
    r.get("compatVersion", v.compatVersion);
    r.get("startedAtMs", v.startedAtMs);
    r.get("uptimeSeconds", v.uptimeSeconds);
    r.get("domain", v.domain);
    r.get("listen", v.listen);
    r.get("adminAddress", v.adminAddress);
    r.get("workers", v.workers);
    r.get("etcdMachines", v.etcdMachines);
    r.get("etcdState", v.etcdState);
    r.get("etcdLastError", v.etcdLastError);
    r.get("etcdIndex", v.etcdIndex);
    r.get("generation", v.generation);
    r.get("records", v.records);
    r.get("malformed", v.malformed);
    r.get("synced", v.synced);
    r.get("staleSeconds", v.staleSeconds);
    r.get("configReloads", v.configReloads);
    return r.ok();
}

nlohmann::json toJson(const LatencyPercentiles &v)
{
    return {{"samples", v.samples}, {"p50Ms", v.p50Ms}, {"p90Ms", v.p90Ms}, {"p99Ms", v.p99Ms}, {"p999Ms", v.p999Ms}};
}

bool fromJson(const nlohmann::json &j, LatencyPercentiles &v, std::string *error)
{
    Reader r(j, error);
    r.get("samples", v.samples);
    r.get("p50Ms", v.p50Ms);
    r.get("p90Ms", v.p90Ms);
    r.get("p99Ms", v.p99Ms);
    r.get("p999Ms", v.p999Ms);
    return r.ok();
}

nlohmann::json toJson(const StatsPoint &v)
{
    return {{"second", v.second}, {"queries", v.queries}, {"noError", v.noError}, {"nxDomain", v.nxDomain},
            {"servFail", v.servFail}, {"refused", v.refused}, {"other", v.other}, {"cacheHits", v.cacheHits},
            {"cacheMisses", v.cacheMisses}, {"p50Ms", v.p50Ms}, {"p99Ms", v.p99Ms}};
}

bool fromJson(const nlohmann::json &j, StatsPoint &v, std::string *error)
{
    Reader r(j, error);
    r.get("second", v.second);
    r.get("queries", v.queries);
    r.get("noError", v.noError);
    r.get("nxDomain", v.nxDomain);
    r.get("servFail", v.servFail);
    r.get("refused", v.refused);
    r.get("other", v.other);
    r.get("cacheHits", v.cacheHits);
    r.get("cacheMisses", v.cacheMisses);
    r.get("p50Ms", v.p50Ms);
    r.get("p99Ms", v.p99Ms);
    return r.ok();
}

nlohmann::json toJson(const Stats &v)
{
    return {{"nowMs", v.nowMs}, {"uptimeSeconds", v.uptimeSeconds}, {"queries", v.queries},
            {"bySystem", v.bySystem}, {"byRcode", v.byRcode}, {"cacheHits", v.cacheHits},
            {"cacheMisses", v.cacheMisses}, {"cacheSize", v.cacheSize}, {"latency", toJson(v.latency)},
            {"latencyLastMinute", toJson(v.latencyLastMinute)}, {"series", array(v.series)}};
}

bool fromJson(const nlohmann::json &j, Stats &v, std::string *error)
{
    Reader r(j, error);
    r.get("nowMs", v.nowMs);
    r.get("uptimeSeconds", v.uptimeSeconds);
    r.get("queries", v.queries);
    r.get("bySystem", v.bySystem);
    r.get("byRcode", v.byRcode);
    r.get("cacheHits", v.cacheHits);
    r.get("cacheMisses", v.cacheMisses);
    r.get("cacheSize", v.cacheSize);
    r.object("latency", v.latency);
    r.object("latencyLastMinute", v.latencyLastMinute);
    r.list("series", v.series);
    return r.ok();
}

nlohmann::json toJson(const QueryLogEntry &v)
{
    return {{"timeMs", v.timeMs}, {"client", v.client}, {"transport", v.transport}, {"name", v.name},
            {"type", v.type}, {"rcode", v.rcode}, {"latencyMs", v.latencyMs}, {"servedFrom", v.servedFrom}};
}

bool fromJson(const nlohmann::json &j, QueryLogEntry &v, std::string *error)
{
    Reader r(j, error);
    r.get("timeMs", v.timeMs);
    r.get("client", v.client);
    r.get("transport", v.transport);
    r.get("name", v.name);
    r.get("type", v.type);
    r.get("rcode", v.rcode);
    r.get("latencyMs", v.latencyMs);
    r.get("servedFrom", v.servedFrom);
    return r.ok();
}

nlohmann::json toJson(const QueryLogPage &v)
{
    return {{"entries", array(v.entries)}, {"next", v.next}, {"missed", v.missed}, {"reset", v.reset}};
}

bool fromJson(const nlohmann::json &j, QueryLogPage &v, std::string *error)
{
    Reader r(j, error);
    r.list("entries", v.entries);
    r.get("next", v.next);
    r.get("missed", v.missed);
    r.get("reset", v.reset);
    return r.ok();
}

nlohmann::json toJson(const CacheEntry &v)
{
    return {{"cache", v.cache}, {"worker", v.worker}, {"name", v.name}, {"type", v.type}, {"edns", v.edns},
            {"dnssecOk", v.dnssecOk}, {"sizeLimit", v.sizeLimit}, {"generation", v.generation},
            {"current", v.current}, {"expiresInSeconds", v.expiresInSeconds}, {"variants", v.variants},
            {"bytes", v.bytes}};
}

bool fromJson(const nlohmann::json &j, CacheEntry &v, std::string *error)
{
    Reader r(j, error);
    r.get("cache", v.cache);
    r.get("worker", v.worker);
    r.get("name", v.name);
    r.get("type", v.type);
    r.get("edns", v.edns);
    r.get("dnssecOk", v.dnssecOk);
    r.get("sizeLimit", v.sizeLimit);
    r.get("generation", v.generation);
    r.get("current", v.current);
    r.get("expiresInSeconds", v.expiresInSeconds);
    r.get("variants", v.variants);
    r.get("bytes", v.bytes);
    return r.ok();
}

nlohmann::json toJson(const CacheListing &v)
{
    return {{"total", v.total}, {"truncated", v.truncated}, {"entries", array(v.entries)}};
}

bool fromJson(const nlohmann::json &j, CacheListing &v, std::string *error)
{
    Reader r(j, error);
    r.get("total", v.total);
    r.get("truncated", v.truncated);
    r.list("entries", v.entries);
    return r.ok();
}

nlohmann::json toJson(const CacheFlushResult &v)
{
    return {{"flushed", v.flushed}};
}

bool fromJson(const nlohmann::json &j, CacheFlushResult &v, std::string *error)
{
    Reader r(j, error);
    r.get("flushed", v.flushed);
    return r.ok();
}

nlohmann::json toJson(const ConfigValue &v)
{
    return {{"key", v.key}, {"value", v.value}, {"source", v.source}};
}

bool fromJson(const nlohmann::json &j, ConfigValue &v, std::string *error)
{
    Reader r(j, error);
    r.get("key", v.key);
    r.get("value", v.value);
    r.get("source", v.source);
    return r.ok();
}

nlohmann::json toJson(const ConfigListing &v)
{
    return {{"settings", array(v.settings)}};
}

bool fromJson(const nlohmann::json &j, ConfigListing &v, std::string *error)
{
    Reader r(j, error);
    r.list("settings", v.settings);
    return r.ok();
}

nlohmann::json toJson(const ReloadResult &v)
{
    return {{"accepted", v.accepted}, {"changed", v.changed}, {"configReloads", v.configReloads},
            {"message", v.message}};
}

bool fromJson(const nlohmann::json &j, ReloadResult &v, std::string *error)
{
    Reader r(j, error);
    r.get("accepted", v.accepted);
    r.get("changed", v.changed);
    r.get("configReloads", v.configReloads);
    r.get("message", v.message);
    return r.ok();
}

std::string rcodeName(int rcode)
{
    static const char *const names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
                                        "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};
    if (rcode >= 0 && rcode < int(std::size(names)))
        return names[rcode];
    return "RCODE" + std::to_string(rcode);
}

} // namespace skydns::admin
