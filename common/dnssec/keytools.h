#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace skydns::dnssec {

class KeyPair;

// Key management for the console (issue 5): generate, write BIND files, DNSKEY and DS text.

// kFlagsZsk, kFlagsKsk are the DNSKEY flags of a zone-signing and a key-signing (SEP) key.
inline constexpr std::uint16_t kFlagsZsk = 256;
inline constexpr std::uint16_t kFlagsKsk = 257;

// generateKeyPair makes a new key pair for owner (e.g. "skydns.local.") with OpenSSL: RSA keys
// have rsaBits bits (1024-4096) and exponent 65537. nullptr and error for an unsupported algorithm.
std::unique_ptr<KeyPair> generateKeyPair(int algorithm, bool ksk, std::string_view owner, std::string *error,
                                         int rsaBits = 2048);

// keyBasename is the BIND file name stem "K<owner>+<alg>+<tag>" (e.g. "Kskydns.local.+013+01234").
std::string keyBasename(const KeyPair &key);

// privateKeyText is the .private file content in BIND's "Private-key-format: v1.3" form, which
// dnssec-signzone, ldns and loadKeyPair read. createdUnix sets Created/Publish/Activate.
std::string privateKeyText(const KeyPair &key, std::int64_t createdUnix);

// publicKeyText is the .key file content: a comment line and the DNSKEY record.
std::string publicKeyText(const KeyPair &key);

// writeKeyFiles writes <directory>/<keyBasename>.key (mode 0644) and .private (mode 0600, created
// so that it is never readable by others, not even briefly). basename receives the path without
// extension, the value for the dnssec setting. Existing files are not overwritten.
bool writeKeyFiles(const KeyPair &key, const std::string &directory, std::string *basename, std::string *error);

// dnskeyText is the DNSKEY record in zone-file form: "<owner> <ttl> IN DNSKEY <flags> 3 <alg> <base64>".
std::string dnskeyText(const KeyPair &key, std::uint32_t ttl);

// dsDigest is the RFC 4509 / 6605 DS digest of the key: digestType 2 (SHA-256) or 4 (SHA-384),
// upper-case hex; empty for other digest types.
std::string dsDigest(const KeyPair &key, int digestType);

// dsText is the DS record for the parent zone: "<owner> <ttl> IN DS <tag> <alg> <digestType> <hex>",
// empty for an unsupported digest type.
std::string dsText(const KeyPair &key, int digestType, std::uint32_t ttl);

// base64 encodes bytes (RFC 4648, with padding).
std::string base64(std::string_view bytes);

} // namespace skydns::dnssec
