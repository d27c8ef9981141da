#pragma once

#include <QLoggingCategory>

namespace skydns::dnssec {

// lcDnssec is the logging category of common/dnssec ("skydns.dnssec"), defined in zonesigner.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcDnssec)

} // namespace skydns::dnssec
