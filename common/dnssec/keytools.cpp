#include "dnssec/keytools.h"

#include "dnssec/keypair.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace skydns::dnssec {

namespace {

bool fail(std::string *error, std::string msg)
{
    if (error)
        *error = std::move(msg);
    return false;
}

std::string bnParam(const EVP_PKEY *pkey, const char *name, int pad = 0)
{
    BIGNUM *bn = nullptr;
    if (!EVP_PKEY_get_bn_param(pkey, name, &bn))
        return {};
    std::string out(static_cast<std::size_t>(std::max(pad, BN_num_bytes(bn))), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(out.size()));
    BN_clear_free(bn);
    return out;
}

std::string timestamp(std::int64_t t)
{
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
    return buf;
}

std::string hex(const unsigned char *d, std::size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(digits[d[i] >> 4]);
        out.push_back(digits[d[i] & 0xF]);
    }
    return out;
}

bool writeFile(const std::string &path, const std::string &content, mode_t mode, std::string *error)
{
    // O_EXCL with the final mode: the private key never exists with looser permissions.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0)
        return fail(error, "cannot create " + path + ": " + std::strerror(errno));
    ::fchmod(fd, mode); // the umask may have narrowed .key; .private is never widened past 0600
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            ::close(fd);
            return fail(error, "cannot write " + path + ": " + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        return fail(error, "cannot write " + path + ": " + std::strerror(errno));
    return true;
}

} // namespace

std::string base64(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::unique_ptr<KeyPair> generateKeyPair(int algorithm, bool ksk, std::string_view owner, std::string *error,
                                         int rsaBits)
{
    EVP_PKEY *pkey = nullptr;
    switch (algorithm) {
    case kRsaSha1:
    case kRsaSha1Nsec3Sha1:
    case kRsaSha256:
    case kRsaSha512:
        if (rsaBits < 1024 || rsaBits > 4096) {
            fail(error, "RSA key size must be 1024 to 4096 bits");
            return nullptr;
        }
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(rsaBits));
        break;
    case kEcdsaP256Sha256:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case kEcdsaP384Sha384:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        break;
    case kEd25519:
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    default:
        fail(error, "unsupported DNSSEC algorithm " + algorithmName(algorithm));
        return nullptr;
    }
    if (!pkey) {
        fail(error, "key generation failed for " + algorithmName(algorithm));
        return nullptr;
    }
    return KeyPair::fromPrivateKey(pkey, owner, ksk ? kFlagsKsk : kFlagsZsk, static_cast<std::uint8_t>(algorithm),
                                   error);
}

std::string keyBasename(const KeyPair &key)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "+%03u+%05u", static_cast<unsigned>(key.algorithm()),
                  static_cast<unsigned>(key.keyTag()));
    return "K" + key.owner() + buf;
}

std::string privateKeyText(const KeyPair &key, std::int64_t createdUnix)
{
    const EVP_PKEY *p = key.pkey();
    std::string t = "Private-key-format: v1.3\nAlgorithm: " + std::to_string(key.algorithm()) + " ("
        + algorithmName(key.algorithm()) + ")\n";
    auto field = [&](const char *name, const std::string &bytes) { t += std::string(name) + ": " + base64(bytes) + "\n"; };
    switch (key.algorithm()) {
    case kEcdsaP256Sha256:
    case kEcdsaP384Sha384:
        field("PrivateKey", bnParam(p, OSSL_PKEY_PARAM_PRIV_KEY, key.algorithm() == kEcdsaP256Sha256 ? 32 : 48));
        break;
    case kEd25519: {
        std::string raw(32, '\0');
        std::size_t len = raw.size();
        EVP_PKEY_get_raw_private_key(p, reinterpret_cast<unsigned char *>(raw.data()), &len);
        raw.resize(len);
        field("PrivateKey", raw);
        break;
    }
    default:
        field("Modulus", bnParam(p, OSSL_PKEY_PARAM_RSA_N));
        field("PublicExponent", bnParam(p, OSSL_PKEY_PARAM_RSA_E));
        field("PrivateExponent", bnParam(p, OSSL_PKEY_PARAM_RSA_D));
        field("Prime1", bnParam(p, OSSL_PKEY_PARAM_RSA_FACTOR1));
        field("Prime2", bnParam(p, OSSL_PKEY_PARAM_RSA_FACTOR2));
        field("Exponent1", bnParam(p, OSSL_PKEY_PARAM_RSA_EXPONENT1));
        field("Exponent2", bnParam(p, OSSL_PKEY_PARAM_RSA_EXPONENT2));
        field("Coefficient", bnParam(p, OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
        break;
    }
    const std::string ts = timestamp(createdUnix);
    t += "Created: " + ts + "\nPublish: " + ts + "\nActivate: " + ts + "\n";
    return t;
}

std::string dnskeyText(const KeyPair &key, std::uint32_t ttl)
{
    const std::string &r = key.dnskeyRdata();
    return key.owner() + " " + std::to_string(ttl) + " IN DNSKEY " + std::to_string(key.flags()) + " 3 "
        + std::to_string(key.algorithm()) + " " + base64(std::string_view(r).substr(4));
}

std::string publicKeyText(const KeyPair &key)
{
    const std::string &r = key.dnskeyRdata();
    return "; This is a " + std::string(key.flags() & 1 ? "key-signing" : "zone-signing") + " key, keyid "
        + std::to_string(key.keyTag()) + ", for " + key.owner() + "\n" + key.owner() + " IN DNSKEY "
        + std::to_string(key.flags()) + " 3 " + std::to_string(key.algorithm()) + " "
        + base64(std::string_view(r).substr(4)) + "\n";
}

bool writeKeyFiles(const KeyPair &key, const std::string &directory, std::string *basename, std::string *error)
{
    std::string base = directory;
    if (!base.empty() && base.back() != '/')
        base.push_back('/');
    base += keyBasename(key);
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    if (!writeFile(base + ".private", privateKeyText(key, now), 0600, error))
        return false;
    if (!writeFile(base + ".key", publicKeyText(key), 0644, error)) {
        ::unlink((base + ".private").c_str());
        return false;
    }
    if (basename)
        *basename = base;
    return true;
}

std::string dsDigest(const KeyPair &key, int digestType)
{
    const EVP_MD *md = digestType == 2 ? EVP_sha256() : digestType == 4 ? EVP_sha384() : nullptr;
    if (!md)
        return {};
    const std::string data = key.ownerWire() + key.dnskeyRdata(); // RFC 4034 5.1.4
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1)
        return {};
    return hex(out, len);
}

std::string dsText(const KeyPair &key, int digestType, std::uint32_t ttl)
{
    const std::string digest = dsDigest(key, digestType);
    if (digest.empty())
        return {};
    return key.owner() + " " + std::to_string(ttl) + " IN DS " + std::to_string(key.keyTag()) + " "
        + std::to_string(key.algorithm()) + " " + std::to_string(digestType) + " " + digest;
}

} // namespace skydns::dnssec
