// apibind::seam::policy: what apibind::client needs to talk to Seam Connect (an api_policy):
// the endpoint, the auth and SDK headers on every request, Seam's error bodies, the retry policy.
// apibind::seam::options: how a Seam client is configured, by hand or from the environment.
#ifndef APIBIND_SEAM_POLICY_HPP
#define APIBIND_SEAM_POLICY_HPP

#include <apibind/client.hpp>
#include <apibind/error.hpp>
#include <apibind/retry.hpp>
#include <apibind/detail/unique_function.hpp>
#include <apibind/facade.hpp>
#include <apibind/seam/action_attempt.hpp>
#include <apibind/seam/action_attempts_wait.hpp>
#include <apibind/seam/auth.hpp>
#include <apibind/seam/errors.hpp>
#include <apibind/transport.hpp>
#include <apibind/version.hpp>

#include <concepts>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::seam {

inline constexpr std::string_view default_endpoint = "https://connect.getseam.com";

// Sent as `seam-sdk-name` / `seam-sdk-version` on every call, as the official SDKs identify themselves.
inline constexpr std::string_view sdk_name = "apibind";
inline constexpr std::string_view sdk_version = APIBIND_VERSION_STRING;

struct options {
    seam::credentials credentials;
    std::string endpoint = std::string(default_endpoint);  // with any path prefix, no trailing slash needed
    // Same defaults as the official SDK (3 attempts, 100 ms doubling, Retry-After honoured);
    // which calls may be retried after what is decided per endpoint (connected_accounts.hpp).
    retry_policy retry{};
    // How calls that return an action attempt wait for it (action_attempts_wait.hpp): on, 10 s,
    // polling every 500 ms. A call's own call_options::wait replaces it.
    wait_options wait_for_action_attempt{};

    // SEAM_API_KEY, or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID; SEAM_ENDPOINT (or the
    // deprecated SEAM_API_URL) else the public endpoint. Explicit: nothing reads the
    // environment unless this is called. `getenv(name)` returns the value or nullptr.
    template <class Getenv>
        requires std::is_invocable_v<Getenv const&, char const*>
    static result<options> from_env(Getenv const& getenv)
    {
        auto creds = credentials_from_env(getenv);
        if (!creds) return creds.error();
        options o;
        o.credentials = std::move(*creds);
        for (char const* name : {"SEAM_ENDPOINT", "SEAM_API_URL"}) {
            char const* v = getenv(name);
            if (v && *v) {
                o.endpoint = v;
                break;
            }
        }
        return o;
    }
    static result<options> from_env()
    {
        return from_env([](char const* name) -> char const* { return std::getenv(name); });
    }
};

// Checks options once; the policy keeps the outcome and refuses every call while it is an error.
inline result<void> validate(options const& o)
{
    if (auto c = validate(o.credentials); !c) return c;
    url_parts parts;
    if (!split_url(o.endpoint, parts))
        // Not quoted: a URL refused for its user info would carry a password into the message.
        return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                          "the Seam endpoint (SEAM_ENDPOINT or options::endpoint) is not an absolute http(s) URL without user info");
    return {};
}

class policy {
public:
    explicit policy(seam::options o) : options_(std::move(o)), status_(seam::validate(options_)) {}

    std::string_view base_url() const noexcept { return options_.endpoint; }

    // Runs before anything is sent: bad credentials never reach the network.
    result<void> prepare(http_request& r) const
    {
        if (!status_) return status_.error();
        append_auth_headers(options_.credentials, r.headers);
        r.headers.push_back({"seam-sdk-name", std::string(sdk_name)});
        r.headers.push_back({"seam-sdk-version", std::string(sdk_version)});
        return {};
    }

    error read_error(http_response const& r) const { return seam::read_error(r); }
    // Decode errors on 2xx bodies get the request id too, so they can be reported to Seam.
    void annotate(error& e, http_response const& r) const { seam::annotate(e, r); }
    retry_policy const& retry() const noexcept { return options_.retry; }

    // The facade's completion hook (facade.hpp): a call whose result is an action attempt waits
    // for it, with the call's wait options or else the client's. The async form returns the
    // waiting's cancel_handle, so the facade's handle cancels the polls too.
    template <class Core, std::same_as<seam::action_attempt> Attempt>
        requires apibind::detail::sync_core<Core>
    result<Attempt> complete(Core& core, Attempt attempt, call_options const& opts) const
    {
        return wait_for_action_attempt(core, std::move(attempt), opts.wait.value_or(options_.wait_for_action_attempt), opts);
    }
    template <class Core, std::same_as<seam::action_attempt> Attempt>
        requires apibind::detail::async_core<Core>
    cancel_handle async_complete(Core& core, Attempt attempt, apibind::detail::unique_function<void(result<Attempt>)> handler,
                                 call_options const& opts) const
    {
        return async_wait_for_action_attempt(core, std::move(attempt), opts.wait.value_or(options_.wait_for_action_attempt), std::move(handler),
                                      opts);
    }

    // Whether the options are usable: the error every call would return, or success.
    result<void> const& status() const noexcept { return status_; }
    seam::options const& options() const noexcept { return options_; }

private:
    seam::options options_;
    result<void> status_;
};

static_assert(api_policy<policy>);

}  // namespace apibind::seam

#endif
