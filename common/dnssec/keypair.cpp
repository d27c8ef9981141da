#include "dnssec/keypair.h"

#include "dns/ldns.h"
#include "dns/name.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/obj_mac.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace skydns::dnssec {

namespace {

const EVP_MD *digestFor(std::uint8_t algorithm)
{
    switch (algorithm) {
    case kRsaSha1:
    case kRsaSha1Nsec3Sha1:
        return EVP_sha1();
    case kRsaSha256:
    case kEcdsaP256Sha256:
        return EVP_sha256();
    case kRsaSha512:
        return EVP_sha512();
    case kEcdsaP384Sha384:
        return EVP_sha384();
    default:
        return nullptr; // Ed25519 hashes internally
    }
}

bool isRsa(std::uint8_t a)
{
    return a == kRsaSha1 || a == kRsaSha1Nsec3Sha1 || a == kRsaSha256 || a == kRsaSha512;
}

std::size_t ecdsaSize(std::uint8_t a)
{
    return a == kEcdsaP256Sha256 ? 32 : a == kEcdsaP384Sha384 ? 48 : 0;
}

std::string bnBytes(const BIGNUM *bn, int pad)
{
    std::string out(static_cast<std::size_t>(std::max(pad, BN_num_bytes(bn))), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(out.size()));
    return out;
}

std::string bnParam(const EVP_PKEY *pkey, const char *name, int pad)
{
    BIGNUM *bn = nullptr;
    if (!EVP_PKEY_get_bn_param(pkey, name, &bn))
        return {};
    std::string s = bnBytes(bn, pad);
    BN_free(bn);
    return s;
}

// keyTag is RFC 4034 appendix B (not for algorithm 1, which we refuse).
std::uint16_t computeKeyTag(const std::string &rdata)
{
    std::uint32_t ac = 0;
    for (std::size_t i = 0; i < rdata.size(); ++i)
        ac += (i & 1) ? static_cast<unsigned char>(rdata[i]) : static_cast<std::uint32_t>(static_cast<unsigned char>(rdata[i])) << 8;
    ac += (ac >> 16) & 0xFFFF;
    return static_cast<std::uint16_t>(ac & 0xFFFF);
}

bool readFile(const std::string &path, std::string &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

bool fail(std::string *error, std::string msg)
{
    if (error)
        *error = std::move(msg);
    return false;
}

} // namespace

bool isSupportedAlgorithm(int a)
{
    return a == kRsaSha1 || a == kRsaSha1Nsec3Sha1 || a == kRsaSha256 || a == kRsaSha512 || a == kEcdsaP256Sha256
        || a == kEcdsaP384Sha384 || a == kEd25519;
}

std::string algorithmName(int a)
{
    switch (a) {
    case kRsaSha1: return "RSASHA1";
    case kRsaSha1Nsec3Sha1: return "NSEC3RSASHA1";
    case kRsaSha256: return "RSASHA256";
    case kRsaSha512: return "RSASHA512";
    case kEcdsaP256Sha256: return "ECDSAP256SHA256";
    case kEcdsaP384Sha384: return "ECDSAP384SHA384";
    case kEd25519: return "ED25519";
    default: return "ALG" + std::to_string(a);
    }
}

KeyPair::~KeyPair()
{
    EVP_PKEY_free(m_pkey);
}

std::string KeyPair::publicKeyOf(const EVP_PKEY *pkey, std::uint8_t algorithm)
{
    if (isRsa(algorithm)) {
        if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA)
            return {};
        const std::string e = bnParam(pkey, OSSL_PKEY_PARAM_RSA_E, 0);
        const std::string n = bnParam(pkey, OSSL_PKEY_PARAM_RSA_N, 0);
        if (e.empty() || n.empty())
            return {};
        std::string out;
        if (e.size() <= 255) { // RFC 3110 2: one length byte, or 0 and two bytes
            out.push_back(static_cast<char>(e.size()));
        } else {
            out.push_back('\0');
            out.push_back(static_cast<char>(e.size() >> 8));
            out.push_back(static_cast<char>(e.size() & 0xFF));
        }
        return out + e + n;
    }
    if (const std::size_t n = ecdsaSize(algorithm)) {
        if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_EC || static_cast<std::size_t>(EVP_PKEY_get_bits(pkey)) != n * 8)
            return {};
        // The uncompressed point 0x04 || x || y; DNSSEC wants x || y (RFC 6605 4).
        // Keys ldns builds are legacy EC_KEYs that only export the point in its stored
        // (compressed) form, so convert through EC_POINT.
        unsigned char raw[1 + 2 * 48];
        std::size_t rawLen = 0;
        if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, raw, sizeof raw, &rawLen))
            return {};
        EC_GROUP *group = EC_GROUP_new_by_curve_name(n == 32 ? NID_X9_62_prime256v1 : NID_secp384r1);
        EC_POINT *pt = group ? EC_POINT_new(group) : nullptr;
        unsigned char point[1 + 2 * 48];
        std::size_t len = 0;
        if (pt && EC_POINT_oct2point(group, pt, raw, rawLen, nullptr) == 1)
            len = EC_POINT_point2oct(group, pt, POINT_CONVERSION_UNCOMPRESSED, point, sizeof point, nullptr);
        EC_POINT_free(pt);
        EC_GROUP_free(group);
        if (len != 1 + 2 * n || point[0] != 0x04)
            return {};
        return std::string(reinterpret_cast<const char *>(point) + 1, 2 * n);
    }
    if (algorithm == kEd25519) {
        if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519)
            return {};
        std::string out(32, '\0');
        std::size_t len = out.size();
        if (!EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char *>(out.data()), &len) || len != 32)
            return {};
        return out;
    }
    return {};
}

std::unique_ptr<KeyPair> KeyPair::fromPrivateKey(EVP_PKEY *pkey, std::string_view owner, std::uint16_t flags,
                                                 std::uint8_t algorithm, std::string *error)
{
    std::unique_ptr<KeyPair> k(new KeyPair);
    k->m_pkey = pkey;
    if (!isSupportedAlgorithm(algorithm)) {
        fail(error, "unsupported DNSSEC algorithm " + std::to_string(algorithm));
        return nullptr;
    }
    const std::string pub = publicKeyOf(pkey, algorithm);
    if (pub.empty()) {
        fail(error, "private key does not fit algorithm " + algorithmName(algorithm));
        return nullptr;
    }
    k->m_owner = std::string(owner);
    if (k->m_owner.empty() || k->m_owner.back() != '.')
        k->m_owner.push_back('.');
    dns::lowerAscii(k->m_owner);
    if (!dns::nameToWire(k->m_owner, k->m_ownerWire)) {
        fail(error, "bad key owner name " + k->m_owner);
        return nullptr;
    }
    k->m_flags = flags;
    k->m_algorithm = algorithm;
    k->m_dnskeyRdata.push_back(static_cast<char>(flags >> 8));
    k->m_dnskeyRdata.push_back(static_cast<char>(flags & 0xFF));
    k->m_dnskeyRdata.push_back('\3');
    k->m_dnskeyRdata.push_back(static_cast<char>(algorithm));
    k->m_dnskeyRdata += pub;
    k->m_keyTag = computeKeyTag(k->m_dnskeyRdata);
    return k;
}

std::string KeyPair::sign(std::string_view data) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        return {};
    std::string sig;
    std::size_t len = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.data());
    if (EVP_DigestSignInit(ctx, nullptr, digestFor(m_algorithm), nullptr, m_pkey) == 1
        && EVP_DigestSign(ctx, nullptr, &len, in, data.size()) == 1) {
        sig.resize(len);
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len, in, data.size()) == 1)
            sig.resize(len);
        else
            sig.clear();
    }
    EVP_MD_CTX_free(ctx);
    if (const std::size_t n = ecdsaSize(m_algorithm); n && !sig.empty()) {
        // OpenSSL gives DER; RFC 6605 wants r and s as fixed-size big-endian integers.
        const auto *p = reinterpret_cast<const unsigned char *>(sig.data());
        ECDSA_SIG *es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
        if (!es)
            return {};
        const BIGNUM *r = nullptr, *s = nullptr;
        ECDSA_SIG_get0(es, &r, &s);
        sig = bnBytes(r, static_cast<int>(n)) + bnBytes(s, static_cast<int>(n));
        ECDSA_SIG_free(es);
    }
    return sig;
}

std::unique_ptr<KeyPair> loadKeyPair(std::string basename, std::string_view expectedOwner, std::string *error)
{
    std::replace(basename.begin(), basename.end(), ' ', '+'); // etcd turned '+' into ' ' (spec 1.2)
    const std::string keyPath = basename + ".key";
    const std::string privPath = basename + ".private";

    std::string text;
    if (!readFile(keyPath, text)) {
        fail(error, "cannot read DNSSEC key file " + keyPath);
        return nullptr;
    }
    // The .key holds comments (';') and one DNSKEY record.
    std::string rrText;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == ';')
            continue;
        if (!rrText.empty()) {
            fail(error, "DNSSEC key file " + keyPath + " holds more than one record");
            return nullptr;
        }
        rrText = line;
    }
    ldns_rr *rr = nullptr;
    if (rrText.empty() || ldns_rr_new_frm_str(&rr, rrText.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK
        || ldns_rr_get_type(rr) != LDNS_RR_TYPE_DNSKEY || ldns_rr_rd_count(rr) != 4) {
        if (rr)
            ldns_rr_free(rr);
        fail(error, "DNSSEC key file " + keyPath + " does not hold a DNSKEY record");
        return nullptr;
    }
    char *ownerText = ldns_rdf2str(ldns_rr_owner(rr));
    std::string owner = ownerText ? ownerText : "";
    free(ownerText);
    const std::uint16_t flags = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
    const std::uint8_t alg = ldns_rdf2native_int8(ldns_rr_rdf(rr, 2));
    const ldns_rdf *pubRdf = ldns_rr_rdf(rr, 3);
    const std::string pubFromKeyFile(reinterpret_cast<const char *>(ldns_rdf_data(pubRdf)), ldns_rdf_size(pubRdf));
    ldns_rr_free(rr);

    if (!isSupportedAlgorithm(alg)) {
        fail(error, "DNSSEC key " + keyPath + ": algorithm " + algorithmName(alg) + " is not supported");
        return nullptr;
    }
    if (!expectedOwner.empty() && !dns::equalsIgnoreCase(owner, expectedOwner)) {
        fail(error, "DNSSEC key " + keyPath + ": owner " + owner + " is not the domain " + std::string(expectedOwner));
        return nullptr;
    }

    FILE *fp = std::fopen(privPath.c_str(), "r");
    if (!fp) {
        fail(error, "cannot read DNSSEC private key file " + privPath);
        return nullptr;
    }
    ldns_key *lk = nullptr;
    int line = 0;
    const ldns_status st = ldns_key_new_frm_fp_l(&lk, fp, &line);
    std::fclose(fp);
    if (st != LDNS_STATUS_OK || !lk) {
        fail(error, "DNSSEC private key file " + privPath + " is corrupt (line " + std::to_string(line)
                        + "): " + ldns_get_errorstr_by_id(st));
        return nullptr;
    }
    const int privAlg = ldns_key_algorithm(lk);
    EVP_PKEY *pkey = ldns_key_evp_key(lk);
    if (pkey)
        EVP_PKEY_up_ref(pkey);
    ldns_key_deep_free(lk);
    if (privAlg != alg || !pkey) {
        EVP_PKEY_free(pkey);
        fail(error, "DNSSEC private key file " + privPath + " is for algorithm " + algorithmName(privAlg) + ", "
                        + keyPath + " for " + algorithmName(alg));
        return nullptr;
    }
    std::string why;
    std::unique_ptr<KeyPair> k = KeyPair::fromPrivateKey(pkey, owner, flags, alg, &why);
    if (!k) {
        fail(error, "DNSSEC private key file " + privPath + ": " + why);
        return nullptr;
    }
    if (KeyPair::publicKeyOf(k->pkey(), alg) != pubFromKeyFile) {
        fail(error, "DNSSEC key files do not match: the public key in " + keyPath + " is not the one of " + privPath);
        return nullptr;
    }
    // A private key whose public half matches may still be damaged in its secret parts (RSA):
    // sign once and verify before we serve signatures nobody can validate.
    static const char probe[] = "skydns dnssec self-test";
    const std::string sig = k->sign(probe);
    bool ok = !sig.empty();
    if (ok) {
        std::string der = sig;
        if (const std::size_t n = ecdsaSize(alg)) {
            ECDSA_SIG *es = ECDSA_SIG_new();
            ECDSA_SIG_set0(es, BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.data()), static_cast<int>(n), nullptr),
                           BN_bin2bn(reinterpret_cast<const unsigned char *>(sig.data()) + n, static_cast<int>(n), nullptr));
            unsigned char *buf = nullptr;
            const int len = i2d_ECDSA_SIG(es, &buf);
            der.assign(reinterpret_cast<char *>(buf), static_cast<std::size_t>(std::max(len, 0)));
            OPENSSL_free(buf);
            ECDSA_SIG_free(es);
        }
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        ok = EVP_DigestVerifyInit(ctx, nullptr, digestFor(alg), nullptr, k->pkey()) == 1
            && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(der.data()), der.size(),
                                reinterpret_cast<const unsigned char *>(probe), sizeof probe - 1) == 1;
        EVP_MD_CTX_free(ctx);
    }
    if (!ok) {
        fail(error, "DNSSEC private key file " + privPath + " is corrupt: its signatures do not verify");
        return nullptr;
    }
    return k;
}

} // namespace skydns::dnssec
