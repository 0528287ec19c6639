// apibind::superoffice::client: the SuperOffice WebAPI over any transport. Its calls are
// facade_calls (apibind/facade.hpp), as in seam::client: the request is the descriptor's request
// struct, the result what the endpoint answers (nothing for a 204).
//
//   apibind::transport::beast_sync_transport http;
//   apibind::superoffice::client so(http, {
//       .base_url = "https://sod.superoffice.com/Cust12345/api/v1",
//       .auth = {.scheme = apibind::superoffice::basic{"tje0", "Tje0"}},
//       .accept_language = "fr,de,ru,zh",
//   });
//   auto ready = so.email_agent.get_ready_sync_email_accounts();            // result<std::vector<sync_user_account>>
//   if (ready) auto synced = so.email_agent.sync_email_accounts({.sync_user_accounts = *ready});   // result<void>
//   so.email_agent.get_ready_sync_email_accounts({}, superoffice::select("AccountId"));   // `$select`
#ifndef APIBIND_SUPEROFFICE_CLIENT_HPP
#define APIBIND_SUPEROFFICE_CLIENT_HPP

#include <apibind/client.hpp>
#include <apibind/detail/query_string.hpp>
#include <apibind/error.hpp>
#include <apibind/facade.hpp>
#include <apibind/retry.hpp>
#include <apibind/superoffice/auth.hpp>
#include <apibind/superoffice/email_agent.hpp>
#include <apibind/superoffice/errors.hpp>
#include <apibind/transport.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind::superoffice {

struct options {
    // The tenant's WebAPI root, path prefix included: "https://sod.superoffice.com/Cust12345/api/v1"
    // (Online) or "https://crm.example.com/SuperOffice/api/v1" (Onsite). It cannot be derived from
    // a template: hosts and prefixes vary by environment and installation.
    std::string base_url{};
    credentials auth{};
    std::string accept_language{};  // Accept-Language, e.g. "fr,de,ru,zh"; empty: not sent
    retry_policy retry{};
};

// The apibind::api_policy of the SuperOffice WebAPI.
class policy {
public:
    explicit policy(superoffice::options o) : options_(std::move(o)) {}

    // `$select=name,department,category/id` reaches the server as written: RFC 3986 allows `$`, `,`
    // and `/` literally in a query, and that is the form SuperOffice documents.
    static constexpr query_encoding query_style = query_encoding::rfc3986;

    std::string_view base_url() const noexcept { return options_.base_url; }

    // Headers in the order of SuperOffice's own samples: Authorization, Accept, Accept-Language,
    // Content-Type. The core's lower-case `accept` / `content-type` are replaced, because the
    // WebAPI documents (and its samples send) the charset.
    result<void> prepare(http_request& r) const
    {
        std::vector<http_header> headers;
        headers.reserve(r.headers.size() + 5);
        if (auto added = append_auth_headers(options_.auth, headers); !added) return added;
        headers.push_back({"Accept", "application/json; charset=utf-8"});
        if (!options_.accept_language.empty()) headers.push_back({"Accept-Language", options_.accept_language});
        bool has_body_type = false;
        for (auto const& h : r.headers) has_body_type = has_body_type || apibind::detail::iequals(h.name, "content-type");
        if (has_body_type) headers.push_back({"Content-Type", "application/json; charset=utf-8"});
        for (auto& h : r.headers)
            if (!apibind::detail::iequals(h.name, "accept") && !apibind::detail::iequals(h.name, "content-type"))
                headers.push_back(std::move(h));
        r.headers = std::move(headers);
        return {};
    }

    // Secrets are scrubbed from the body before it is read (an error page may echo the request's
    // headers, and an excerpt could cut a secret in two) and from the resulting error.
    apibind::error read_error(http_response const& res) const
    {
        http_response scrubbed = res;
        redact_credentials(options_.auth, scrubbed.body);
        apibind::error e = superoffice::read_error(scrubbed);
        redact_credentials(options_.auth, e);
        return e;
    }

    // A 2xx body that does not decode: its error may quote the body.
    void annotate(apibind::error& e, http_response const&) const { redact_credentials(options_.auth, e); }

    retry_policy const& retry() const noexcept { return options_.retry; }

    // Settings may change between calls (a renewed ticket, another language).
    superoffice::options& options() noexcept { return options_; }
    superoffice::options const& options() const noexcept { return options_; }

private:
    superoffice::options options_;
};

static_assert(api_policy<policy>);

// Per-call `$select` ("name,department,category/id"), as call_options for any call.
inline call_options select(std::string fields)
{
    call_options o;
    if (!fields.empty()) o.query.emplace_back("$select", std::move(fields));
    return o;
}

// `Transport` may be a reference (shared transport): the deduction guide picks one for an
// lvalue argument, and takes ownership of an rvalue.
template <class Transport>
class client {
public:
    using core_type = apibind::client<Transport, superoffice::policy>;
    using transport_type = std::remove_reference_t<Transport>;

private:
    core_type core_;  // declared before the views, which point at it

public:
    client(Transport transport, superoffice::options opts)
        : core_(std::forward<Transport>(transport), superoffice::policy(std::move(opts))), email_agent(core_)
    {
    }
    // The views are rebound to the moved core; the client must not move while calls are in flight.
    client(client&& other) noexcept(std::is_nothrow_move_constructible_v<core_type>)
        : core_(std::move(other.core_)), email_agent(core_)
    {
    }
    client(client const&) = delete;
    client& operator=(client const&) = delete;
    client& operator=(client&&) = delete;
    ~client() = default;

    email_agent_api<core_type> email_agent;

    // Any descriptor, with its whole response: so.call<my_endpoint>(request).
    template <endpoint_descriptor E>
        requires sync_transport<transport_type>
    result<typename E::response> call(typename E::request const& req, call_options const& opts = {})
    {
        return core_.template call<E>(req, opts);
    }
    template <endpoint_descriptor E, class Handler>
        requires async_transport<transport_type> && std::is_invocable_v<std::decay_t<Handler>&, result<typename E::response>>
    cancel_handle async_call(typename E::request const& req, Handler&& handler, call_options const& opts = {})
    {
        return core_.template async_call<E>(req, std::forward<Handler>(handler), opts);
    }

    // How a sync client waits between retries (tests, game loops).
    void set_sleep(apibind::detail::unique_function<void(std::chrono::milliseconds)> sleep) { core_.set_sleep(std::move(sleep)); }
    // Time limits of every call (apibind/timeouts.hpp), and who is told about each call's stages
    // (apibind/observer.hpp).
    void set_timeouts(apibind::call_timeouts limits) noexcept { core_.set_timeouts(limits); }
    void set_observer(apibind::call_observer observer) { core_.set_observer(std::move(observer)); }

    core_type& core() noexcept { return core_; }
    transport_type& transport() noexcept { return core_.transport(); }
    superoffice::policy const& policy() const noexcept { return core_.policy(); }
    // Settings may change between calls (a renewed ticket, another language).
    superoffice::options& options() noexcept { return core_.policy().options(); }
    superoffice::options const& options() const noexcept { return core_.policy().options(); }
};

template <class Transport>
client(Transport&&, options) -> client<Transport>;

}  // namespace apibind::superoffice

#endif
