#include "resolver/upstream.h"

#include "dns/name.h"

namespace skydns::resolver {

namespace {

std::pair<std::string, std::uint16_t> key(std::string_view name, std::uint16_t type)
{
    std::string n(name);
    dns::lowerAscii(n);
    if (n.empty() || n.back() != '.')
        n += '.';
    return {std::move(n), type};
}

} // namespace

void Upstream::setResponse(std::string_view name, std::uint16_t type, const dns::Message &response)
{
    if (response.header.rcode != dns::kRcodeNoError) {
        setFailed(name, type);
        return;
    }
    setAnswer(name, type, response.answer);
}

void Upstream::setAnswer(std::string_view name, std::uint16_t type, std::vector<dns::Rr> answer)
{
    UpstreamAnswer &a = m_answers[key(name, type)];
    a.ok = true;
    a.answer = std::move(answer);
}

void Upstream::setFailed(std::string_view name, std::uint16_t type)
{
    UpstreamAnswer &a = m_answers[key(name, type)];
    a.ok = false;
    a.answer.clear();
}

const UpstreamAnswer *Upstream::find(std::string_view name, std::uint16_t type) const
{
    const auto it = m_answers.find(key(name, type));
    return it == m_answers.end() ? nullptr : &it->second;
}

} // namespace skydns::resolver
