#pragma once

// Internal helpers of the service codec that reproduce Go's encoding/json text handling.

#include <string>
#include <string_view>

namespace skydns::model::gojson {

// sanitizeUtf8 replaces every invalid UTF-8 sequence (one byte at a time) with U+FFFD, as Go's
// decoder does inside strings and its encoder does on output.
std::string sanitizeUtf8(std::string_view in);

// isValidUtf8 is true when sanitizeUtf8 would change nothing.
bool isValidUtf8(std::string_view in);

// replaceLoneSurrogates rewrites, inside JSON strings of the document in, every \u escape of an
// unpaired UTF-16 surrogate as \ufffd (Go decodes them to U+FFFD; nlohmann rejects them).
void replaceLoneSurrogates(std::string &in);

// appendGoString appends raw as a JSON string exactly as Go's json.Marshal writes it.
void appendGoString(std::string &out, const std::string &raw);

} // namespace skydns::model::gojson
