#pragma once

#include <QString>

namespace skydns::console {

// AdminError is the outcome of one admin API call as the console shows it. Kind keeps apart what
// an operator does something different about: a refused token, a service that is not there, a
// request the service found bad, and everything else.
struct AdminError
{
    enum class Kind {
        None,              // the call succeeded
        NotConfigured,     // no admin URL (or no token) in the connection profile
        TokenRefused,      // HTTP 401: wrong or missing token
        ConnectionRefused, // nothing listens at the admin address (service stopped, admin API off)
        BadRequest,        // HTTP 400: message is the service's explanation
        HttpError,         // another HTTP status (message names it)
        Network,           // timeout, host not found, TLS, ...
        Malformed          // the answer was not the JSON the contract describes
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message; // human-readable, translated; empty when ok

    // ok tells whether the call succeeded.
    bool ok() const { return kind == Kind::None; }
};

} // namespace skydns::console
