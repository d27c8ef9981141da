#include "backend/etcdnodereader.h"

#include "backend/etcdresponse.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace skydns::backend {

namespace {

using json = nlohmann::json;

// Nodes nest as deep as the key tree; far deeper means a hostile or broken body.
constexpr std::size_t kMaxNodeDepth = 128;

// NodeSax turns SAX events into EtcdNodes. The stack holds one frame per open object or array;
// a frame's pointers stay valid because only the innermost node's child list ever grows.
class NodeSax final : public json::json_sax_t
{
public:
    enum class Root { Response, Node };

    NodeSax(Root root, EtcdResult *result, EtcdNode *node) : m_root(root), m_result(result), m_rootNode(node) {}

    std::string error;   // set when a handler returned false for a reason of ours
    bool sawAction = false;
    bool sawNode = false;

    bool null() override { return scalar(Value::Null); }
    bool boolean(bool value) override
    {
        m_bool = value;
        return scalar(Value::Bool);
    }
    bool number_integer(number_integer_t value) override
    {
        m_int = value;
        return scalar(Value::Int);
    }
    bool number_unsigned(number_unsigned_t value) override
    {
        m_uint = value;
        return scalar(Value::Unsigned);
    }
    bool number_float(number_float_t, const string_t &) override { return scalar(Value::Float); }
    bool string(string_t &value) override
    {
        m_string = &value;
        return scalar(Value::String);
    }
    bool binary(binary_t &) override { return scalar(Value::Float); }

    bool key(string_t &name) override
    {
        if (m_stack.back().type != Frame::Skip)
            m_field = std::move(name);
        return true;
    }

    bool start_object(std::size_t) override
    {
        if (m_stack.empty()) {
            if (m_root == Root::Response)
                m_stack.push_back({Frame::Top, nullptr});
            else
                return pushNode(m_rootNode, 0);
            return true;
        }
        Frame &top = m_stack.back();
        switch (top.type) {
        case Frame::Skip:
            ++top.skipDepth;
            return true;
        case Frame::Top:
            if (m_field == "node") {
                sawNode = true;
                m_topField = "node";
                return pushNode(&m_result->node, 0);
            }
            if (m_field == "prevNode") {
                m_topField = "prevNode";
                m_result->prevNode.emplace();
                return pushNode(&*m_result->prevNode, 0);
            }
            return skip();
        case Frame::Node:
            if (m_field == "nodes")
                return fail("field \"nodes\" of " + top.node->key + " is not an array");
            return isNodeField(m_field) ? fail(typeError(top.node->key)) : skip();
        case Frame::Nodes:
            top.node->nodes.emplace_back();
            return pushNode(&top.node->nodes.back(), top.depth + 1);
        }
        return false;
    }

    bool end_object() override { return pop(); }

    bool start_array(std::size_t) override
    {
        if (m_stack.empty())
            return fail("not a JSON object", true);
        Frame &top = m_stack.back();
        if (top.type == Frame::Skip) {
            ++top.skipDepth;
            return true;
        }
        if (top.type == Frame::Node && m_field == "nodes") {
            m_stack.push_back({Frame::Nodes, top.node, top.depth});
            return true;
        }
        if (top.type == Frame::Nodes)
            return fail("node is not an object");
        if (top.type == Frame::Top && (m_field == "node" || m_field == "prevNode"))
            return fail("bad " + m_field + ": node is not an object");
        if (top.type == Frame::Node && isNodeField(m_field))
            return fail(typeError(top.node->key));
        return skip();
    }

    bool end_array() override { return pop(); }

    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override
    {
        if (error.empty())
            fail("not a JSON object", true);
        return false;
    }

    bool notJson() const { return m_notJson; }
    // topField is the response field being decoded ("node", "prevNode"), for error messages.
    const std::string &topField() const { return m_topField; }

private:
    enum class Value { Null, Bool, Int, Unsigned, Float, String };
    struct Frame
    {
        enum Type { Top, Node, Nodes, Skip } type;
        EtcdNode *node = nullptr;
        std::size_t depth = 0;
        int skipDepth = 0;
    };

    static bool isNodeField(const std::string &field)
    {
        return field == "key" || field == "value" || field == "dir" || field == "createdIndex"
            || field == "modifiedIndex" || field == "ttl" || field == "expiration";
    }

    std::string typeError(const std::string &key) const
    {
        static const char *const kExpected[][2] = {
            {"key", "a string"},         {"value", "a string"},   {"dir", "a boolean"},
            {"createdIndex", "a non-negative integer"}, {"modifiedIndex", "a non-negative integer"},
            {"ttl", "an integer"},       {"expiration", "an RFC 3339 time"},
        };
        for (const auto &[field, expected] : kExpected) {
            if (m_field == field)
                return std::string("field \"") + field + "\" of " + key + " is not " + expected;
        }
        return "field \"" + m_field + "\" has the wrong type";
    }

    bool fail(std::string why, bool notJson = false)
    {
        error = std::move(why);
        m_notJson = notJson;
        return false;
    }

    bool skip()
    {
        m_stack.push_back({Frame::Skip, nullptr, 0, 1});
        return true;
    }

    bool pushNode(EtcdNode *node, std::size_t depth)
    {
        if (depth > kMaxNodeDepth)
            return fail("nodes nested too deep");
        *node = EtcdNode{}; // a repeated "node" field replaces, as the last one wins in a document
        node->key = "/";    // the root directory comes without a "key" field
        m_stack.push_back({Frame::Node, node, depth});
        return true;
    }

    bool pop()
    {
        Frame &top = m_stack.back();
        if (top.type == Frame::Skip && --top.skipDepth > 0)
            return true;
        m_stack.pop_back();
        return true;
    }

    bool scalar(Value kind)
    {
        if (m_stack.empty())
            return fail("not a JSON object", true);
        Frame &top = m_stack.back();
        switch (top.type) {
        case Frame::Skip:
            return true;
        case Frame::Nodes:
            return fail("node is not an object");
        case Frame::Top:
            if (m_field == "action") {
                if (kind != Value::String)
                    return fail("response without an \"action\" string");
                m_result->action = std::move(*m_string);
                sawAction = true;
            } else if (m_field == "node") {
                return fail(kind == Value::Null ? "response without a \"node\"" : "bad node: node is not an object");
            } else if (m_field == "prevNode" && kind != Value::Null) {
                return fail("bad prevNode: node is not an object");
            }
            return true;
        case Frame::Node:
            return nodeField(*top.node, kind);
        }
        return false;
    }

    bool nodeField(EtcdNode &node, Value kind)
    {
        const std::string &f = m_field;
        if (f == "key" || f == "value") {
            if (kind != Value::String)
                return fail(typeError(f == "key" ? std::string() : node.key));
            (f == "key" ? node.key : node.value) = std::move(*m_string);
        } else if (f == "dir") {
            if (kind != Value::Bool)
                return fail(typeError(node.key));
            node.dir = m_bool;
        } else if (f == "createdIndex" || f == "modifiedIndex") {
            std::uint64_t value = 0;
            if (kind == Value::Unsigned)
                value = m_uint;
            else if (kind == Value::Int && m_int >= 0)
                value = std::uint64_t(m_int);
            else
                return fail(typeError(node.key));
            (f == "createdIndex" ? node.createdIndex : node.modifiedIndex) = value;
        } else if (f == "ttl") {
            if (kind == Value::Int)
                node.ttl = m_int;
            else if (kind == Value::Unsigned)
                node.ttl = std::int64_t(m_uint);
            else
                return fail(typeError(node.key));
        } else if (f == "expiration") {
            if (kind == Value::Null)
                return true;
            const auto ms = kind == Value::String ? parseRfc3339Ms(*m_string) : std::nullopt;
            if (!ms)
                return fail(typeError(node.key));
            node.expiresAtMs = *ms;
        } else if (f == "nodes" && kind != Value::Null) {
            return fail("field \"nodes\" of " + node.key + " is not an array");
        }
        return true;
    }

    Root m_root;
    EtcdResult *m_result;
    EtcdNode *m_rootNode;
    std::vector<Frame> m_stack;
    std::string m_field;
    std::string m_topField;
    bool m_notJson = false;
    // the scalar being delivered
    bool m_bool = false;
    std::int64_t m_int = 0;
    std::uint64_t m_uint = 0;
    std::string *m_string = nullptr;

};

} // namespace

bool readEtcdSuccessBody(std::string_view body, EtcdResult *result, std::string *error, bool *notJson)
{
    NodeSax sax(NodeSax::Root::Response, result, nullptr);
    const bool parsed = json::sax_parse(body.begin(), body.end(), &sax);
    *notJson = sax.notJson();
    if (!parsed) {
        *error = sax.error.empty() ? std::string("not a JSON object") : sax.error;
        if (!sax.notJson() && !sax.topField().empty() && error->rfind("bad ", 0) != 0
            && error->rfind("response without", 0) != 0)
            *error = "bad " + sax.topField() + ": " + *error;
        return false;
    }
    if (!sax.sawAction) {
        *error = "response without an \"action\" string";
        return false;
    }
    if (!sax.sawNode) {
        *error = "response without a \"node\"";
        return false;
    }
    return true;
}

// parseEtcdNode (etcdresponse.h) lives here to share the reader.
bool parseEtcdNode(std::string_view json, EtcdNode *node, std::string *error)
{
    *node = EtcdNode{};
    NodeSax sax(NodeSax::Root::Node, nullptr, node);
    if (!json::sax_parse(json.begin(), json.end(), &sax)) {
        *error = sax.error.empty() ? std::string("not valid JSON") : sax.error;
        return false;
    }
    return true;
}

} // namespace skydns::backend
