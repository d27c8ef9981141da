#pragma once

#include <QString>

#include <chrono>
#include <cstdint>
#include <optional>

// Parsers that accept exactly what SkyDNS's Go code accepts, so a command line or environment that
// works with SkyDNS works here and one that fails there fails here too.
namespace skydns::config {

// parseGoBool is Go's strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> parseGoBool(const QString &text);

// parseGoInt is Go's strconv.ParseInt(text, 0, 64) as the flag package uses it for int flags:
// optional sign, 0x/0o/0b/0 prefixes, '_' between digits. On failure *error says why
// ("invalid syntax", "value out of range").
std::optional<std::int64_t> parseGoInt(const QString &text, QString *error = nullptr);

// parseDecimalInt is Go's strconv.Atoi (base 10, optional sign), used for integer environment variables.
std::optional<std::int64_t> parseDecimalInt(const QString &text);

// parseGoDuration is Go's time.ParseDuration ("2s", "500ms", "1m30s", "1.5h", "-3us", "0"). The
// result is in nanoseconds. On failure *error gives Go's reason.
std::optional<std::chrono::nanoseconds> parseGoDuration(const QString &text, QString *error = nullptr);

// formatGoDuration is Go's Duration.String for a millisecond duration: "2s", "500ms", "1m30s", "1h0m0s".
QString formatGoDuration(std::chrono::milliseconds duration);

// toConfigMilliseconds converts a parsed duration to the millisecond resolution ServiceConfig keeps,
// rounding a positive sub-millisecond rest up so that a positive timeout never becomes zero.
std::chrono::milliseconds toConfigMilliseconds(std::chrono::nanoseconds duration);

// isIpLiteral is Go's net.ParseIP(text) != nil: a dotted-quad IPv4 address or an IPv6 address
// (without brackets or zone).
bool isIpLiteral(const QString &text);

// validateHostPort is SkyDNS's main.go:validateHostPort: "ip:port" with an IP literal (IPv6 in
// brackets, "[::1]:53") and a port 1-65535. Returns an empty string when valid, else the reason.
QString validateHostPort(const QString &hostPort);

// joinHostPort is Go's net.JoinHostPort: brackets around hosts that contain ':'.
QString joinHostPort(const QString &host, const QString &port);

} // namespace skydns::config
