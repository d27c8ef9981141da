#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace skydns::dnssec {

// Algorithm numbers we sign with (RFC 8624 names). RSAMD5 and DSA are refused.
enum Algorithm : std::uint8_t {
    kRsaSha1 = 5,
    kRsaSha1Nsec3Sha1 = 7,
    kRsaSha256 = 8,
    kRsaSha512 = 10,
    kEcdsaP256Sha256 = 13,
    kEcdsaP384Sha384 = 14,
    kEd25519 = 15,
};

// isSupportedAlgorithm tells whether algorithm is one of the Algorithm values above.
bool isSupportedAlgorithm(int algorithm);

// algorithmName is the BIND mnemonic ("ECDSAP256SHA256"), or "ALG<n>" for others.
std::string algorithmName(int algorithm);

// KeyPair is a loaded DNSSEC key: the DNSKEY (public part, as the .key file says) and the private
// key that signs. Immutable after load; sign() may be called from several threads at once.
class KeyPair
{
public:
    ~KeyPair();
    KeyPair(const KeyPair &) = delete;
    KeyPair &operator=(const KeyPair &) = delete;

    // owner is the key's owner name, lower-case presentation form ("skydns.test.").
    const std::string &owner() const { return m_owner; }
    // ownerWire is owner in uncompressed, lower-case wire form (the RRSIG signer name).
    const std::string &ownerWire() const { return m_ownerWire; }
    // flags is the DNSKEY flags field (256 ZSK, 257 KSK).
    std::uint16_t flags() const { return m_flags; }
    // algorithm is the DNSSEC algorithm number.
    std::uint8_t algorithm() const { return m_algorithm; }
    // keyTag is the RFC 4034 appendix B key tag.
    std::uint16_t keyTag() const { return m_keyTag; }
    // dnskeyRdata is the DNSKEY rdata in wire form: flags, protocol 3, algorithm, public key.
    const std::string &dnskeyRdata() const { return m_dnskeyRdata; }

    // sign signs data (RFC 4034 3.1.8.1 input) and returns the signature in DNSSEC form (RSA
    // PKCS#1 v1.5, ECDSA r||s per RFC 6605, Ed25519 per RFC 8080); empty on failure.
    std::string sign(std::string_view data) const;

    // fromPrivateKey builds a KeyPair from an OpenSSL key (ownership taken) and the DNSKEY fields.
    // The public key is derived from pkey. Returns nullptr (and error) if the key does not fit the
    // algorithm.
    static std::unique_ptr<KeyPair> fromPrivateKey(EVP_PKEY *pkey, std::string_view owner, std::uint16_t flags,
                                                   std::uint8_t algorithm, std::string *error);

    // publicKeyOf gives the DNSKEY public key field for pkey under algorithm (RFC 3110, 6605, 8080).
    static std::string publicKeyOf(const EVP_PKEY *pkey, std::uint8_t algorithm);

    // pkey is the OpenSSL key (owned by this object).
    EVP_PKEY *pkey() const { return m_pkey; }

private:
    KeyPair() = default;

    EVP_PKEY *m_pkey = nullptr;
    std::string m_owner;
    std::string m_ownerWire;
    std::string m_dnskeyRdata;
    std::uint16_t m_flags = 0;
    std::uint16_t m_keyTag = 0;
    std::uint8_t m_algorithm = 0;
};

// loadKeyPair reads the BIND pair <basename>.key and <basename>.private (dnssec-keygen, ldns-keygen
// or writeKeyFiles). A '+' in basename that came back from etcd as a space is restored (spec 1.2).
// Refused, with a message naming the file: missing or unreadable files, a .key that is not one
// DNSKEY record, an unsupported algorithm, a .private whose algorithm or public key differs from
// the .key, a private key that does not produce signatures the DNSKEY verifies, and (when
// expectedOwner is not empty) an owner other than expectedOwner (compared case-insensitively).
std::unique_ptr<KeyPair> loadKeyPair(std::string basename, std::string_view expectedOwner, std::string *error);

} // namespace skydns::dnssec
