#pragma once
// The admin API token: generated once with the kernel's CSPRNG, kept in a file only its owner may read.
#include <QString>

#include <optional>
#include <string>

namespace skydns::service {

// defaultTokenPath is where the token file goes when SKYDNS_ADMIN_TOKEN_FILE is not set:
// $STATE_DIRECTORY/admin.token under systemd (StateDirectory=), else the user's application data
// directory (~/.local/share/skydns/admin.token).
QString defaultTokenPath(const QString &stateDirectory);

// loadOrCreateToken returns the token stored at path, creating the file (mode 0600, its directory
// 0700 when created) with a new random token when there is none. It refuses, with *error naming the
// file, a token file that is not a regular file, is owned by someone else, can be read or written by
// group or others, or does not hold a valid token: a token that others could read is no secret.
std::optional<std::string> loadOrCreateToken(const QString &path, QString *error, bool *created = nullptr);

// newToken returns 64 hex characters from getrandom(2); empty if the kernel refuses.
std::string newToken();

} // namespace skydns::service
