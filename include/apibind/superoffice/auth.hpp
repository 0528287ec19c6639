// apibind::superoffice: how a WebAPI request authenticates.
//
//   basic{"tje0", "Tje0"}   Authorization: Basic dGplMDpUamUw   (Onsite)
//   so_ticket{"7T:..."}     Authorization: SOTicket 7T:...      (Onsite and Online)
//   bearer{"8A:..."}        Authorization: Bearer 8A:...        (Online)
//   app_token               SO-AppToken: ...                    (Online, server to server)
//   xsrf_token              X-XSRF-TOKEN: ...                   (only without an Authorization header)
//
// No credential ever reaches an error message: errors built here name the credential, not its
// value, and redact_credentials() scrubs them out of texts that came from the server.
#ifndef APIBIND_SUPEROFFICE_AUTH_HPP
#define APIBIND_SUPEROFFICE_AUTH_HPP

#include <apibind/detail/base64.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apibind::superoffice {

struct basic {
    std::string user{};
    std::string password{};
};

struct so_ticket {
    std::string ticket{};  // sent as is, e.g. "7T:..."
};

struct bearer {
    std::string token{};  // e.g. "8A:..."
};

// std::monostate: no Authorization header (cookie sessions with xsrf_token, or a proxy that adds one).
using authorization = std::variant<std::monostate, basic, so_ticket, bearer>;

struct credentials {
    authorization scheme{};
    std::optional<std::string> app_token{};   // SO-AppToken
    std::optional<std::string> xsrf_token{};  // X-XSRF-TOKEN, sent only when `scheme` is std::monostate
};

namespace detail {

inline error credential_error(std::string_view what)
{
    return make_error(error_kind::invalid_argument, error_code::invalid_argument, "superoffice: " + std::string(what));
}

}  // namespace detail

// Appends the authentication headers (Authorization first, as in SuperOffice's samples).
// Refuses credentials a header cannot carry, naming the credential but never its value.
inline result<void> append_auth_headers(credentials const& c, std::vector<http_header>& out)
{
    using detail::credential_error;
    auto const is_clean_credential = [](std::string_view s) { return apibind::is_valid_header_value(s); };
    if (auto const* b = std::get_if<basic>(&c.scheme)) {
        // RFC 7617: the user-id cannot contain a colon; the password may. Control characters
        // survive base64, but no server would accept them.
        if (b->user.find(':') != std::string::npos) return credential_error("the basic user name contains ':', which Basic authentication cannot carry");
        if (!is_clean_credential(b->user) || !is_clean_credential(b->password))
            return credential_error("the basic user name or password contains CR, LF or NUL");
        std::string value = "Basic ";
        std::string user_pass;
        user_pass.reserve(b->user.size() + 1 + b->password.size());
        user_pass.append(b->user).append(1, ':').append(b->password);
        apibind::detail::append_base64(value, user_pass);
        out.push_back({"Authorization", std::move(value)});
    } else if (auto const* t = std::get_if<so_ticket>(&c.scheme)) {
        if (t->ticket.empty()) return credential_error("the SOTicket is empty");
        if (!is_clean_credential(t->ticket)) return credential_error("the SOTicket contains CR, LF or NUL");
        out.push_back({"Authorization", "SOTicket " + t->ticket});
    } else if (auto const* k = std::get_if<bearer>(&c.scheme)) {
        if (k->token.empty()) return credential_error("the bearer token is empty");
        if (!is_clean_credential(k->token)) return credential_error("the bearer token contains CR, LF or NUL");
        out.push_back({"Authorization", "Bearer " + k->token});
    }
    if (c.app_token) {
        if (!is_clean_credential(*c.app_token)) return credential_error("the SO-AppToken contains CR, LF or NUL");
        out.push_back({"SO-AppToken", *c.app_token});
    }
    if (c.xsrf_token && std::holds_alternative<std::monostate>(c.scheme)) {
        if (!is_clean_credential(*c.xsrf_token)) return credential_error("the X-XSRF-TOKEN contains CR, LF or NUL");
        out.push_back({"X-XSRF-TOKEN", *c.xsrf_token});
    }
    return {};
}

// Replaces every occurrence of a secret of `c` in `text` with "***": the password (and the
// base64 form Basic sends), the ticket, the tokens. The user name is not a secret and stays.
inline void redact_credentials(credentials const& c, std::string& text)
{
    auto scrub = [&text](std::string_view secret) {
        if (secret.empty()) return;
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
            text.replace(at, secret.size(), "***");
    };
    if (auto const* b = std::get_if<basic>(&c.scheme)) {
        scrub(apibind::detail::base64_encode(b->user + ':' + b->password));
        scrub(b->password);
    } else if (auto const* t = std::get_if<so_ticket>(&c.scheme)) {
        scrub(t->ticket);
    } else if (auto const* k = std::get_if<bearer>(&c.scheme)) {
        scrub(k->token);
    }
    if (c.app_token) scrub(*c.app_token);
    if (c.xsrf_token) scrub(*c.xsrf_token);
}

// redact_credentials() over every text an error carries.
inline void redact_credentials(credentials const& c, error& e)
{
    redact_credentials(c, e.message);
    redact_credentials(c, e.api_code);
    redact_credentials(c, e.path);
    redact_credentials(c, e.request_id);
    redact_credentials(c, e.data);
    for (auto& v : e.validation_errors) {
        redact_credentials(c, v.field);
        for (auto& m : v.messages) redact_credentials(c, m);
    }
}

}  // namespace apibind::superoffice

#endif
