#pragma once

#include "etcd/kvstore.h"

#include <QStringList>

namespace skydns::console {

// KvStoreOptions is everything a KvStore needs to reach etcd; a connection profile turns itself
// into one (with the password from the keychain).
struct KvStoreOptions
{
    enum class Api { V2, V3 };
    Api api = Api::V2;
    QStringList machines{QStringLiteral("http://127.0.0.1:2379")}; // tried in order, with fail-over
    QString caFile;   // PEM CA that signed the etcd servers (https machines)
    QString certFile; // PEM client certificate
    QString keyFile;  // PEM client key
    QString username; // etcd user (v2 basic auth, v3 token); empty = no authentication
    QString password;
    int requestTimeoutMs = 5000; // per request
    int connectTimeoutMs = 3000; // per machine before failing over
};

// createKvStore makes the store for options (EtcdV2KvStore or EtcdV3KvStore), owned by parent.
// It does not connect yet: the first request or watch does, and reports Unavailable if etcd is not there.
KvStore *createKvStore(const KvStoreOptions &options, QObject *parent = nullptr);

} // namespace skydns::console
