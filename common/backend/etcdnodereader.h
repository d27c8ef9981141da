#pragma once

#include "backend/etcdclient.h"

#include <string>
#include <string_view>

// Streaming decoder of etcd v2 node JSON, used by etcdresponse.cpp. It builds EtcdNode trees
// straight from nlohmann's SAX events: a recursive get of a big tree is decoded two to three times
// faster, and without holding a JSON document several times the body's size in memory.
namespace skydns::backend {

// readEtcdSuccessBody decodes a 2xx keys API body ({"action":..., "node":{...}, "prevNode":{...}})
// into result->action, node and prevNode. Unknown fields are skipped. False with *error (and
// *notJson when the text is not a JSON object at all) when the body is not a usable response.
bool readEtcdSuccessBody(std::string_view body, EtcdResult *result, std::string *error, bool *notJson);

} // namespace skydns::backend
