#pragma once

#include "etcd/kvstorefactory.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace skydns::console {

// ConnectionProfile is one etcd cluster the console can connect to: how to reach it and which part
// of it SkyDNS serves. Secrets (etcd password, admin API token) are not part of it: they live in
// the keychain (SecretStore), keyed by the profile name.
struct ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)

public:
    QString name;                                  // unique, shown in the profile selector
    KvStoreOptions::Api api = KvStoreOptions::Api::V2;
    QStringList machines{QStringLiteral("http://127.0.0.1:2379")};
    QString prefix = QStringLiteral("/skydns");   // etcd path prefix (-path-prefix)
    QString domain = QStringLiteral("skydns.local."); // the domain SkyDNS serves (-domain)
    QString caFile;                                // TLS: CA of the etcd servers
    QString certFile;                              // TLS: client certificate
    QString keyFile;                               // TLS: client key
    QString username;                              // etcd user; the password is in the keychain
    QString adminUrl = QStringLiteral("http://127.0.0.1:8053"); // the service's admin API; token in the keychain

    // validate lists what is wrong with the profile, one translated sentence per problem (empty = valid).
    QStringList validate() const;
    // domainKey is the etcd directory of the domain: prefix + reversed labels
    // ("/skydns" + "skydns.local." -> "/skydns/local/skydns").
    QString domainKey() const;
    // kvStoreOptions is how a KvStore reaches this profile's etcd, with password from the keychain.
    KvStoreOptions kvStoreOptions(const QString &password = {}) const;
    // apiName is "v2" or "v3".
    QString apiName() const;

    bool operator==(const ConnectionProfile &other) const;
    bool operator!=(const ConnectionProfile &other) const { return !(*this == other); }
};

} // namespace skydns::console
