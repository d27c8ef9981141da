#include "backend/etcd3codec.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

// Qt's JSON keeps this unit free of cpprest (fast to compile, testable offline). The gateway sends
// int64 as strings because JSON numbers lose precision past 2^53, so every int64 read accepts both.
namespace skydns::backend {

namespace {

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

QString b64(std::string_view text)
{
    return QString::fromLatin1(bytes(text).toBase64());
}

QString int64Text(std::int64_t value)
{
    return QString::number(value);
}

std::string compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

bool readInt64(const QJsonValue &value, std::int64_t *out)
{
    if (value.isUndefined() || value.isNull())
        return true; // proto3 omits zero values
    if (value.isString()) {
        bool ok = false;
        const qlonglong parsed = value.toString().toLongLong(&ok);
        if (ok)
            *out = parsed;
        return ok;
    }
    if (value.isDouble()) {
        *out = value.toInteger();
        return true;
    }
    return false;
}

bool readBytes(const QJsonValue &value, std::string *out)
{
    if (value.isUndefined() || value.isNull()) {
        out->clear();
        return true;
    }
    return value.isString() && base64Decode(value.toString().toStdString(), out);
}

bool readKeyValue(const QJsonObject &object, Etcd3KeyValue *kv)
{
    return readBytes(object.value("key"), &kv->key) && readBytes(object.value("value"), &kv->value)
        && readInt64(object.value("create_revision"), &kv->createRevision)
        && readInt64(object.value("mod_revision"), &kv->modRevision)
        && readInt64(object.value("version"), &kv->version) && readInt64(object.value("lease"), &kv->lease);
}

bool readKeyValues(const QJsonValue &value, std::vector<Etcd3KeyValue> *out)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray())
        return false;
    for (const QJsonValue &item : value.toArray()) {
        Etcd3KeyValue kv;
        if (!item.isObject() || !readKeyValue(item.toObject(), &kv))
            return false;
        out->push_back(std::move(kv));
    }
    return true;
}

bool readRevision(const QJsonObject &object, std::int64_t *revision)
{
    return readInt64(object.value("header").toObject().value("revision"), revision);
}

Etcd3Result malformed(int httpStatus, const std::string &why)
{
    Etcd3Result result;
    result.kind = Etcd3Result::Kind::Malformed;
    result.httpStatus = httpStatus;
    result.message = "malformed answer: " + why;
    return result;
}

} // namespace

std::string base64Encode(std::string_view text)
{
    return bytes(text).toBase64().toStdString();
}

bool base64Decode(std::string_view text, std::string *out)
{
    const auto decoded = QByteArray::fromBase64Encoding(bytes(text), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    *out = decoded.decoded.toStdString();
    return true;
}

std::string prefixRangeEnd(std::string_view prefix)
{
    std::string end(prefix);
    while (!end.empty()) {
        auto &last = reinterpret_cast<unsigned char &>(end.back());
        if (last < 0xff) {
            ++last;
            return end;
        }
        end.pop_back();
    }
    return std::string(1, '\0');
}

std::string directoryPrefix(std::string_view prefix)
{
    std::string result(prefix);
    if (result.empty() || result.back() != '/')
        result += '/';
    return result;
}

std::string etcd3RangeBody(std::string_view key, std::string_view rangeEnd, std::int64_t revision, std::int64_t limit)
{
    QJsonObject object{{"key", b64(key)}};
    if (!rangeEnd.empty())
        object.insert("range_end", b64(rangeEnd));
    if (revision > 0)
        object.insert("revision", int64Text(revision));
    if (limit > 0)
        object.insert("limit", int64Text(limit));
    return compact(object);
}

std::string etcd3PutBody(std::string_view key, std::string_view value, std::int64_t lease)
{
    QJsonObject object{{"key", b64(key)}, {"value", b64(value)}};
    if (lease != 0)
        object.insert("lease", int64Text(lease));
    return compact(object);
}

std::string etcd3DeleteBody(std::string_view key, std::string_view rangeEnd, bool prevKv)
{
    QJsonObject object{{"key", b64(key)}};
    if (!rangeEnd.empty())
        object.insert("range_end", b64(rangeEnd));
    if (prevKv)
        object.insert("prev_kv", true);
    return compact(object);
}

std::string etcd3TxnBody(std::string_view key, Etcd3Compare compare, std::int64_t modRevision, bool isDelete,
                         std::string_view value, std::int64_t lease)
{
    // Absent is "version == 0": the key has no live version. Enums go by name, as the gateway allows.
    QJsonObject condition{{"key", b64(key)}, {"result", "EQUAL"}};
    if (compare == Etcd3Compare::Absent) {
        condition.insert("target", "VERSION");
        condition.insert("version", "0");
    } else {
        condition.insert("target", "MOD");
        condition.insert("mod_revision", int64Text(modRevision));
    }
    QJsonObject success;
    if (isDelete) {
        success.insert("request_delete_range", QJsonObject{{"key", b64(key)}});
    } else {
        QJsonObject put{{"key", b64(key)}, {"value", b64(value)}};
        if (lease != 0)
            put.insert("lease", int64Text(lease));
        success.insert("request_put", put);
    }
    // On failure read the key so the caller sees what won the race.
    const QJsonObject failure{{"request_range", QJsonObject{{"key", b64(key)}}}};
    return compact(QJsonObject{{"compare", QJsonArray{condition}},
                               {"success", QJsonArray{success}},
                               {"failure", QJsonArray{failure}}});
}

std::string etcd3LeaseGrantBody(std::int64_t ttlSeconds)
{
    return compact(QJsonObject{{"TTL", int64Text(ttlSeconds)}, {"ID", "0"}});
}

std::string etcd3LeaseIdBody(std::int64_t lease, bool withKeys)
{
    QJsonObject object{{"ID", int64Text(lease)}};
    if (withKeys)
        object.insert("keys", true);
    return compact(object);
}

std::string etcd3CompactionBody(std::int64_t revision, bool physical)
{
    QJsonObject object{{"revision", int64Text(revision)}};
    if (physical)
        object.insert("physical", true);
    return compact(object);
}

std::string etcd3AuthBody(std::string_view name, std::string_view password)
{
    return compact(QJsonObject{{"name", QString::fromUtf8(bytes(name))}, {"password", QString::fromUtf8(bytes(password))}});
}

std::string etcd3WatchCreateBody(std::string_view key, std::string_view rangeEnd, std::int64_t startRevision,
                                 bool prevKv)
{
    QJsonObject create{{"key", b64(key)}};
    if (!rangeEnd.empty())
        create.insert("range_end", b64(rangeEnd));
    if (startRevision > 0)
        create.insert("start_revision", int64Text(startRevision));
    if (prevKv)
        create.insert("prev_kv", true);
    // Progress notifications keep revision current on a quiet range (and show the stream is alive).
    create.insert("progress_notify", true);
    return compact(QJsonObject{{"create_request", create}});
}

Etcd3Result parseEtcd3Response(int httpStatus, std::string_view body, std::string *token)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes(body), &parseError);
    if (!document.isObject())
        return malformed(httpStatus, "HTTP " + std::to_string(httpStatus) + " with a body that is not a JSON object");
    QJsonObject object = document.object();
    Etcd3Result result;
    result.httpStatus = httpStatus;
    if (object.contains("error") || httpStatus < 200 || httpStatus >= 300) {
        // Unary errors: {"error":"text","code":N,"message":"text"}; streamed ones nest an object.
        QJsonObject error = object;
        if (object.value("error").isObject())
            error = object.value("error").toObject();
        result.kind = Etcd3Result::Kind::EtcdError;
        result.grpcCode = error.contains("grpc_code") ? error.value("grpc_code").toInt() : error.value("code").toInt();
        result.message = error.value("message").toString().toStdString();
        if (result.message.empty())
            result.message = error.value("error").toString().toStdString();
        if (result.message.empty())
            result.message = "HTTP " + std::to_string(httpStatus);
        return result;
    }
    if (object.value("result").isObject()) // a streaming call (lease keepalive) answered once
        object = object.value("result").toObject();
    bool ok = readRevision(object, &result.revision) && readKeyValues(object.value("kvs"), &result.kvs)
        && readKeyValues(object.value("prev_kvs"), &result.kvs) && readInt64(object.value("count"), &result.count)
        && readInt64(object.value("deleted"), &result.count) && readInt64(object.value("ID"), &result.leaseId)
        && readInt64(object.value("TTL"), &result.ttl) && readInt64(object.value("grantedTTL"), &result.grantedTtl);
    result.more = object.value("more").toBool();
    result.succeeded = object.value("succeeded").toBool();
    for (const QJsonValue &response : object.value("responses").toArray()) {
        // A txn: the range of its failure branch tells what the key holds now.
        const QJsonObject range = response.toObject().value("response_range").toObject();
        ok = ok && readKeyValues(range.value("kvs"), &result.kvs) && readInt64(range.value("count"), &result.count);
        const QJsonObject deleted = response.toObject().value("response_delete_range").toObject();
        ok = ok && readInt64(deleted.value("deleted"), &result.count);
    }
    for (const QJsonValue &key : object.value("keys").toArray()) {
        std::string decoded;
        ok = ok && readBytes(key, &decoded);
        result.leaseKeys.push_back(std::move(decoded));
    }
    if (token)
        *token = object.value("token").toString().toStdString();
    if (!ok)
        return malformed(httpStatus, "a field has the wrong type or bad base64");
    result.kind = Etcd3Result::Kind::Ok;
    return result;
}

Etcd3WatchLine parseEtcd3WatchLine(std::string_view line, Etcd3WatchBatch *batch, Etcd3Result *result)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes(line));
    if (!document.isObject()) {
        result->message = "watch stream: a line that is not a JSON object";
        return Etcd3WatchLine::Malformed;
    }
    const QJsonObject object = document.object();
    if (object.value("error").isObject()) {
        const QJsonObject error = object.value("error").toObject();
        result->grpcCode = error.value("grpc_code").toInt();
        result->httpStatus = error.value("http_code").toInt();
        result->message = error.value("message").toString().toStdString();
        return Etcd3WatchLine::Error;
    }
    if (!object.value("result").isObject()) {
        result->message = "watch stream: no result";
        return Etcd3WatchLine::Malformed;
    }
    const QJsonObject response = object.value("result").toObject();
    *batch = Etcd3WatchBatch();
    if (!readRevision(response, &batch->revision) || !readInt64(response.value("compact_revision"), &result->compactRevision)) {
        result->message = "watch stream: bad header or compact_revision";
        return Etcd3WatchLine::Malformed;
    }
    result->revision = batch->revision;
    if (result->compactRevision > 0) {
        result->message = "watch start revision compacted; oldest available is "
            + std::to_string(result->compactRevision);
        return Etcd3WatchLine::Compacted;
    }
    if (response.value("canceled").toBool()) {
        result->message = "watch cancelled by etcd: " + response.value("cancel_reason").toString().toStdString();
        return Etcd3WatchLine::Canceled;
    }
    batch->created = response.value("created").toBool();
    for (const QJsonValue &item : response.value("events").toArray()) {
        const QJsonObject event = item.toObject();
        Etcd3Event decoded;
        decoded.type = event.value("type").toString() == QLatin1String("DELETE") ? Etcd3Event::Type::Delete
                                                                                : Etcd3Event::Type::Put;
        decoded.hasPrevKv = event.value("prev_kv").isObject();
        if (!readKeyValue(event.value("kv").toObject(), &decoded.kv)
            || (decoded.hasPrevKv && !readKeyValue(event.value("prev_kv").toObject(), &decoded.prevKv))) {
            result->message = "watch stream: an event with bad fields";
            return Etcd3WatchLine::Malformed;
        }
        batch->events.push_back(std::move(decoded));
    }
    return Etcd3WatchLine::Batch;
}

bool isInvalidTokenError(const Etcd3Result &result)
{
    if (result.kind != Etcd3Result::Kind::EtcdError)
        return false;
    // ErrInvalidAuthToken (Unauthenticated), ErrUserEmpty (no token sent, or it was dropped) and
    // ErrAuthOldRevision (the auth store changed since the token was issued).
    return result.grpcCode == 16 || result.message.find("invalid auth token") != std::string::npos
        || result.message.find("user name is empty") != std::string::npos
        || result.message.find("revision in header is old") != std::string::npos;
}

} // namespace skydns::backend
