#include "backend/firstbackend.h"

namespace skydns::backend {

FirstBackend::FirstBackend(std::vector<std::shared_ptr<const Backend>> backends)
    : m_backends(std::move(backends))
{
}

bool FirstBackend::hasSynced() const
{
    for (const auto &backend : m_backends) {
        if (backend && !backend->hasSynced())
            return false;
    }
    return true;
}

namespace {

// firstOf is the loop of SkyDNS's FirstBackend.Records/ReverseRecord: a later success with records
// beats an earlier failure, and an Ok without records never hides a failure.
template<typename Lookup>
LookupResult firstOf(const std::vector<std::shared_ptr<const Backend>> &backends, Lookup lookup)
{
    LookupResult lastError;
    bool failed = false;
    for (const auto &backend : backends) {
        if (!backend)
            continue;
        LookupResult result = lookup(*backend);
        if (result.ok() && !result.records.empty())
            return result;
        if (!result.ok()) {
            lastError = std::move(result);
            failed = true;
        }
    }
    if (failed) {
        lastError.records.clear();
        return lastError;
    }
    LookupResult empty;
    empty.status = LookupStatus::Ok;
    return empty;
}

} // namespace

LookupResult FirstBackend::records(std::string_view name, bool exact) const
{
    return firstOf(m_backends, [&](const Backend &b) { return b.records(name, exact); });
}

LookupResult FirstBackend::reverseRecord(std::string_view name) const
{
    return firstOf(m_backends, [&](const Backend &b) { return b.reverseRecord(name); });
}

} // namespace skydns::backend
