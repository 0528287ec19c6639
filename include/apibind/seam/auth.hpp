// apibind::seam credentials: API key, personal access token (+ workspace), client session token.
// Each token kind has its own prefix; a token of the wrong kind is refused before any request is
// sent, as the official SDKs do (@seamapi/http auth.ts). Error messages name the kind and at most
// the public prefix that identified it ("seam_cst..."), never the token.
//
//   seam::api_key{"seam_..."}                               Authorization: Bearer <key>
//   seam::personal_access_token{"seam_at...", "<ws id>"}     Authorization: Bearer <token>, seam-workspace: <ws id>
//   seam::client_session_token{"seam_cst..."}               Authorization: Bearer <token>, client-session-token: <token>
#ifndef APIBIND_SEAM_AUTH_HPP
#define APIBIND_SEAM_AUTH_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace apibind::seam {

// A workspace API key: "seam_...", but none of the other kinds' prefixes.
struct api_key {
    std::string token{};
};

// A user's personal access token ("seam_at...") and the workspace the calls act in.
struct personal_access_token {
    std::string token{};
    std::string workspace_id{};
};

// A client session token ("seam_cst..."), for calls on behalf of one end user.
struct client_session_token {
    std::string token{};
};

// std::monostate: none given (every call then fails with invalid_argument).
using credentials = std::variant<std::monostate, api_key, personal_access_token, client_session_token>;

namespace detail {

inline constexpr std::string_view token_prefix = "seam_";
inline constexpr std::string_view access_token_prefix = "seam_at";
inline constexpr std::string_view client_session_token_prefix = "seam_cst";
inline constexpr std::string_view publishable_key_prefix = "seam_pk";
inline constexpr std::string_view jwt_prefix = "ey";

// What a token looks like, in words that never include the token itself.
inline std::string_view token_kind(std::string_view token) noexcept
{
    if (token.starts_with(client_session_token_prefix)) return "a client session token (seam_cst...)";
    if (token.starts_with(access_token_prefix)) return "a personal access token (seam_at...)";
    if (token.starts_with(publishable_key_prefix)) return "a publishable key (seam_pk...)";
    if (token.starts_with(jwt_prefix)) return "a JWT (ey...)";
    if (token.starts_with(token_prefix)) return "an API key (seam_...)";
    return "a token of unknown format";
}

inline error invalid_credentials(std::string message)
{
    return make_error(error_kind::invalid_argument, error_code::invalid_argument, "Seam credentials: " + std::move(message));
}

inline result<void> check_token(std::string_view token, std::string_view what, std::string_view required_prefix,
                                bool (*is_kind)(std::string_view))
{
    if (token.empty()) return invalid_credentials("the token is empty (expected " + std::string(what) + ")");
    if (!is_kind(token)) {
        return invalid_credentials(std::string(token_kind(token)) + " cannot be used as " + std::string(what) +
                                   " (expected a token that starts with " + std::string(required_prefix) + ")");
    }
    return {};
}

inline bool is_api_key(std::string_view t) noexcept
{
    return t.starts_with(token_prefix) && !t.starts_with(client_session_token_prefix) &&
           !t.starts_with(access_token_prefix) && !t.starts_with(publishable_key_prefix);
}
inline bool is_access_token(std::string_view t) noexcept { return t.starts_with(access_token_prefix); }
inline bool is_client_session_token(std::string_view t) noexcept { return t.starts_with(client_session_token_prefix); }

}  // namespace detail

// Whether the credentials have the right shape. Cheap; the client runs it once, at construction.
inline result<void> validate(credentials const& c)
{
    return std::visit(
        [](auto const& k) -> result<void> {
            using K = std::decay_t<decltype(k)>;
            if constexpr (std::is_same_v<K, std::monostate>) {
                return detail::invalid_credentials(
                    "none given (pass seam::api_key, seam::personal_access_token or seam::client_session_token, "
                    "or set SEAM_API_KEY)");
            } else if constexpr (std::is_same_v<K, api_key>) {
                return detail::check_token(k.token, "an API key", "seam_ (not seam_at, seam_cst or seam_pk)", &detail::is_api_key);
            } else if constexpr (std::is_same_v<K, personal_access_token>) {
                if (auto r = detail::check_token(k.token, "a personal access token", "seam_at", &detail::is_access_token); !r)
                    return r;
                if (k.workspace_id.empty())
                    return detail::invalid_credentials("a personal access token needs a workspace id (SEAM_WORKSPACE_ID)");
                return {};
            } else {
                return detail::check_token(k.token, "a client session token", "seam_cst", &detail::is_client_session_token);
            }
        },
        c);
}

// Appends the headers that authenticate a request. Assumes validate(c) succeeded.
inline void append_auth_headers(credentials const& c, std::vector<http_header>& headers)
{
    std::visit(
        [&](auto const& k) {
            using K = std::decay_t<decltype(k)>;
            if constexpr (!std::is_same_v<K, std::monostate>) {
                headers.push_back({"authorization", "Bearer " + k.token});
                if constexpr (std::is_same_v<K, personal_access_token>) headers.push_back({"seam-workspace", k.workspace_id});
                if constexpr (std::is_same_v<K, client_session_token>) headers.push_back({"client-session-token", k.token});
            }
        },
        c);
}

// Credentials from the environment, as the official SDKs read them: SEAM_API_KEY, or
// SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID. Both kinds set is ambiguous: an error.
// `getenv(name)` returns the value or nullptr (injectable for tests); an empty value counts as unset.
template <class Getenv>
    requires std::is_invocable_v<Getenv const&, char const*>
result<credentials> credentials_from_env(Getenv const& getenv)
{
    auto const read = [&](char const* name) -> std::string {
        char const* v = getenv(name);
        return v ? std::string(v) : std::string();
    };
    std::string key = read("SEAM_API_KEY");
    std::string pat = read("SEAM_PERSONAL_ACCESS_TOKEN");
    if (!key.empty() && !pat.empty())
        return detail::invalid_credentials(
            "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are set; use only one authentication method");
    credentials c;
    if (!key.empty()) c = api_key{std::move(key)};
    else if (!pat.empty()) c = personal_access_token{std::move(pat), read("SEAM_WORKSPACE_ID")};
    else return detail::invalid_credentials("neither SEAM_API_KEY nor SEAM_PERSONAL_ACCESS_TOKEN is set");
    if (auto ok = validate(c); !ok) return ok.error();
    return c;
}

}  // namespace apibind::seam

#endif
