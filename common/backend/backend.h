#pragma once

#include "model/record.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace skydns::backend {

// LookupStatus keeps apart what SkyDNS's resolver must tell apart (spec 2.1, STYLE "Errors").
enum class LookupStatus {
    Ok,          // the name exists (it may have no usable records: an empty directory)
    NotFound,    // the name does not exist: NXDOMAIN (etcd error 100 in SkyDNS)
    Unavailable, // the data cannot be read now (no synced snapshot, etcd down with nothing mirrored)
    Invalid,     // the request cannot be answered from this data (wildcard or directory in a reverse
                 // lookup, several records for one PTR): not a name error, SkyDNS forwards these
};

// LookupResult is what a Backend returns. The record pointers stay valid as long as the backend
// object (for a mirror: the snapshot) they came from is alive.
struct LookupResult
{
    LookupStatus status = LookupStatus::NotFound;
    std::vector<const model::Record *> records;
    std::string error; // empty unless status is Unavailable or Invalid

    bool ok() const { return status == LookupStatus::Ok; }
};

// Backend is the data source of the resolver (SkyDNS server/backend.go). Names are lower-cased,
// fully qualified domain names. Records are returned raw: the resolver applies the config priority
// default, TTL calculation and groups. Values that are not valid service JSON are never returned:
// they are skipped (and reported by the implementation), unlike SkyDNS where one bad value failed
// the whole lookup (docs/COMPATIBILITY.md).
class Backend
{
public:
    virtual ~Backend() = default;

    // hasSynced is false until the backend has a complete copy of its data; the resolver answers
    // REFUSED until then (spec 2.1).
    virtual bool hasSynced() const = 0;

    // records is SkyDNS's Records(name, exact) (spec 2.1, 3.5): the record at the name's key, or every
    // record below it when the key is a directory (exact=true: a directory gives Ok with no records).
    // Wildcard labels ("*", "any") read the subtree before the first wildcard and keep keys that
    // match element-wise. Records with identical (host, port, priority, weight, text) are collapsed,
    // first one wins. A missing key gives NotFound.
    virtual LookupResult records(std::string_view name, bool exact) const = 0;

    // reverseRecord is SkyDNS's ReverseRecord (spec 3.6): the single record at the key of a reverse
    // name such as "1.0.0.10.in-addr.arpa.". Wildcards, directories and anything but exactly one
    // record give Invalid; a missing key gives NotFound.
    virtual LookupResult reverseRecord(std::string_view name) const = 0;
};

} // namespace skydns::backend
