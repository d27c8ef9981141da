#include "adminhttp.h"

#include <cpprest/http_listener.h>

namespace skydns::service {

using namespace web;
using namespace web::http;

struct AdminHttp::Impl
{
    Handler handler;
    std::size_t bodyLimit = 0;
    std::unique_ptr<experimental::listener::http_listener> listener;
};

AdminHttp::AdminHttp(Handler handler, std::size_t bodyLimit) : m_impl(std::make_unique<Impl>())
{
    m_impl->handler = std::move(handler);
    m_impl->bodyLimit = bodyLimit;
}

AdminHttp::~AdminHttp()
{
    close();
}

bool AdminHttp::open(const QString &address, QString *error)
{
    if (address.startsWith(QLatin1Char('['))) {
        // cpprest's listener splits host and port at the first ':' and cannot bind IPv6 literals.
        *error = QStringLiteral("cannot listen on %1 for the admin API: IPv6 addresses are not supported, use "
                                "127.0.0.1:<port>").arg(address);
        return false;
    }
    const std::string uri = "http://" + address.toStdString() + "/";
    try {
        auto listener = std::make_unique<experimental::listener::http_listener>(web::uri(uri));
        Impl *impl = m_impl.get();
        listener->support([impl](http_request request) {
            // Exceptions stay here: a request that cannot be read or answered only loses itself.
            try {
                HttpRequest r;
                r.method = request.method();
                r.path = web::uri::decode(request.relative_uri().path());
                r.query = request.relative_uri().query();
                const auto &headers = request.headers();
                const auto auth = headers.find(header_names::authorization);
                if (auth != headers.end())
                    r.authorization = auth->second;
                const auto length = headers.content_length();
                if (length > impl->bodyLimit)
                    r.bodyTooLarge = true;
                else if (length > 0 || headers.has(header_names::transfer_encoding))
                    r.body = request.extract_utf8string(true).get();
                if (r.body.size() > impl->bodyLimit) {
                    r.body.clear();
                    r.bodyTooLarge = true;
                }
                const HttpResponse out = impl->handler(r);
                http_response response(status_code(out.status));
                response.headers().add(header_names::content_type, "application/json; charset=utf-8");
                response.headers().add(header_names::cache_control, "no-store");
                for (const auto &[name, value] : out.headers)
                    response.headers().add(name, value);
                if (r.method != methods::HEAD)
                    response.set_body(out.body, "application/json; charset=utf-8");
                request.reply(response).wait();
            } catch (...) {
                try {
                    request.reply(status_codes::InternalError, R"({"error":"internal error"})",
                                  "application/json; charset=utf-8").wait();
                } catch (...) {
                }
            }
        });
        listener->open().wait();
        m_impl->listener = std::move(listener);
        return true;
    } catch (const std::exception &e) {
        *error = QStringLiteral("cannot listen on %1 for the admin API: %2").arg(address, QString::fromUtf8(e.what()));
        return false;
    }
}

void AdminHttp::close()
{
    if (!m_impl->listener)
        return;
    try {
        m_impl->listener->close().wait();
    } catch (...) {
        // Closing a listener whose acceptor already failed: nothing left to stop.
    }
    m_impl->listener.reset();
}

} // namespace skydns::service
