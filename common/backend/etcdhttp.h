#pragma once

// Internal to the two cpprest units (etcdtransport.cpp for v2, etcd3transport.cpp for v3): what
// both set up the same way. Includes cpprest, so no other file may include it.

#include "backend/etcdclient.h"
#include "backend/etcdlog.h"
#include "backend/etcdrequest.h"

#include <cpprest/http_client.h>
#include <openssl/err.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <system_error>

namespace skydns::backend::detail {

// httpTimeout is cpprest's own timeout for a request that we give up on after budget. It stays
// above budget so our deadline, with its clearer message, always fires first, and is rounded up to
// a power of two seconds so that callers passing ever-different waits share a few clients.
inline std::chrono::milliseconds httpTimeout(std::chrono::milliseconds budget)
{
    std::int64_t seconds = 2;
    while (seconds * 1000 < budget.count() + 1000 && seconds < (std::int64_t(1) << 40))
        seconds *= 2;
    return std::chrono::milliseconds(seconds * 1000);
}

// tlsReason names a TLS failure: cpprest hands them over as bare OpenSSL error numbers ("Unknown
// error 167773202") which OpenSSL can explain ("tlsv13 alert certificate required"). Empty for
// any other error.
inline std::string tlsReason(const std::error_code &code)
{
    if (code.message().rfind("Unknown error", 0) != 0)
        return {};
    const char *reason = ERR_reason_error_string(static_cast<unsigned long>(code.value()));
    return reason ? std::string(reason) : std::string();
}

// httpClientConfig is the cpprest configuration for one machine: the HTTP timeout, certificate
// validation, the TLS files of options for https machines, and the proxy chosen from the
// environment as SkyDNS's Go client did (cpprest ignores it on Linux; never for loopback). Throws
// std::exception when the proxy URL is invalid.
inline web::http::client::http_client_config httpClientConfig(const std::string &machine,
                                                             std::chrono::milliseconds timeout,
                                                             const EtcdOptions &options)
{
    web::http::client::http_client_config config;
    config.set_timeout(timeout);
    config.set_validate_certificates(true);
    if (machine.rfind("https://", 0) == 0) {
        config.set_ssl_context_callback([ca = options.caCert, cert = options.tlsCert, key = options.tlsKey,
                                         machine](boost::asio::ssl::context &context) {
            boost::system::error_code ec;
            if (!ca.empty() && context.load_verify_file(ca, ec))
                qCWarning(lcEtcd) << "CA file" << ca.c_str() << "for" << machine.c_str() << ":" << ec.message().c_str();
            if (!cert.empty() && context.use_certificate_chain_file(cert, ec))
                qCWarning(lcEtcd) << "client certificate" << cert.c_str() << ":" << ec.message().c_str();
            if (!key.empty() && context.use_private_key_file(key, boost::asio::ssl::context::pem, ec))
                qCWarning(lcEtcd) << "client key" << key.c_str() << ":" << ec.message().c_str();
        });
    }
    const std::string proxy = proxyForMachine(machine, [](const char *name) {
        const char *value = std::getenv(name);
        return std::string(value ? value : "");
    });
    config.set_proxy(proxy.empty() ? web::web_proxy(web::web_proxy::disabled) : web::web_proxy(web::uri(proxy)));
    return config;
}

} // namespace skydns::backend::detail
