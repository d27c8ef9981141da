#pragma once
// The raw JSON of a service split into its top-level members, so the editor can rewrite the fields
// it knows and keep every other member as it was written (no data loss on unknown members).
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace skydns::console {

// JsonMember is one top-level member of a JSON object: its decoded name, its name as written (a JSON
// string with its quotes and escapes) and its value as compact JSON text (whitespace outside
// strings removed; everything else byte for byte).
struct JsonMember
{
    QString name;
    QByteArray rawName;
    QByteArray value;
};

// JsonMembers is a JSON object as an ordered list of members, duplicates included (Go's decoder
// lets the last of several matching members win, and the editor keeps that rule).
class JsonMembers
{
public:
    // parse splits a JSON object (or `null`, which gives no members). The text must be valid JSON;
    // on a malformed one it returns std::nullopt and sets *error to a message with the offset.
    static std::optional<JsonMembers> parse(const QByteArray &text, QString *error = nullptr);

    // goNameMatches is Go's encoding/json field name match: ASCII case-insensitive, with U+017F
    // and U+212A folding to 's' and 'k'.
    static bool goNameMatches(QStringView memberName, QStringView field);

    // indexOf is the index of the last member matching field (the one Go would use), or -1.
    int indexOf(QStringView field) const;
    // set writes field with the JSON text value: the last matching member gets the canonical name
    // and the value where it stands, other members matching field are removed; appended if none.
    void set(const QString &field, const QByteArray &value);
    // remove drops every member matching field (Go's omitempty for zero values).
    void remove(QStringView field);

    // compact is the object without insignificant whitespace, the form written to etcd.
    QByteArray compact() const;
    // pretty is the object with one member per line, the form shown in the raw JSON view.
    QByteArray pretty() const;

    QList<JsonMember> members;
};

} // namespace skydns::console
