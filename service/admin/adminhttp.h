#pragma once
// AdminHttp is the admin API's HTTP listener (cpprestsdk): the only translation unit that includes
// cpprest, so the slow headers stay out of the rest of service/admin.
#include <QString>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace skydns::service {

// HttpRequest is what the listener hands over: the method, the decoded path, the raw query (after
// '?'), the Authorization header, and the body (empty when Content-Length exceeded bodyLimit, with
// bodyTooLarge set).
struct HttpRequest
{
    std::string method, path, query, authorization, body;
    bool bodyTooLarge = false;
};

// HttpResponse is the answer: status, a JSON body, and extra headers (name, value).
struct HttpResponse
{
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// AdminHttp listens on one address and calls the handler (on cpprest's threads, several at once)
// for every request.
class AdminHttp
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    AdminHttp(Handler handler, std::size_t bodyLimit);
    ~AdminHttp();

    // open listens on "host:port" (an IPv4 address or a name; cpprest cannot bind IPv6 literals);
    // false with *error when it cannot.
    bool open(const QString &address, QString *error);
    // close stops listening and waits for the requests in progress.
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace skydns::service
