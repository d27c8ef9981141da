#pragma once

#include "backend/backend.h"

#include <memory>
#include <vector>

namespace skydns::backend {

// FirstBackend chains backends as SkyDNS's FirstBackend (server/backend.go, spec 11): the first
// backend whose lookup is Ok with at least one record wins; otherwise the last failed lookup (its
// status and error) is returned, or Ok with no records when none failed. hasSynced is true when
// every backend has synced.
class FirstBackend final : public Backend
{
public:
    explicit FirstBackend(std::vector<std::shared_ptr<const Backend>> backends);

    bool hasSynced() const override;
    LookupResult records(std::string_view name, bool exact) const override;
    LookupResult reverseRecord(std::string_view name) const override;

private:
    std::vector<std::shared_ptr<const Backend>> m_backends;
};

} // namespace skydns::backend
