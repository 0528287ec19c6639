// apibind::superoffice::client: the SuperOffice WebAPI over any transport.
//
//   apibind::transport::beast_sync_transport http;
//   apibind::superoffice::client so(http, {
//       .base_url = "https://sod.superoffice.com/Cust12345/api/v1",
//       .auth = {.scheme = apibind::superoffice::basic{"tje0", "Tje0"}},
//       .accept_language = "fr,de,ru,zh",
//   });
//   auto ready = so.email_agent.get_ready_sync_email_accounts();
//   if (ready) auto synced = so.email_agent.sync_email_accounts(*ready);
#ifndef APIBIND_SUPEROFFICE_CLIENT_HPP
#define APIBIND_SUPEROFFICE_CLIENT_HPP

#include <apibind/client.hpp>
#include <apibind/detail/query_string.hpp>
#include <apibind/error.hpp>
#include <apibind/retry.hpp>
#include <apibind/superoffice/auth.hpp>
#include <apibind/superoffice/email_agent.hpp>
#include <apibind/superoffice/errors.hpp>
#include <apibind/transport.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind::superoffice {

struct config {
    // The tenant's WebAPI root, path prefix included: "https://sod.superoffice.com/Cust12345/api/v1"
    // (Online) or "https://crm.example.com/SuperOffice/api/v1" (Onsite). It cannot be derived from
    // a template: hosts and prefixes vary by environment and installation.
    std::string base_url{};
    credentials auth{};
    std::string accept_language{};  // Accept-Language, e.g. "fr,de,ru,zh"; empty: not sent
    retry_policy retries{};
};

// The apibind::api_policy of the SuperOffice WebAPI.
struct policy {
    superoffice::config config;

    // `$select=name,department,category/id` reaches the server as written: RFC 3986 allows `$`, `,`
    // and `/` literally in a query, and that is the form SuperOffice documents.
    static constexpr query_encoding query_style = query_encoding::rfc3986;

    std::string_view base_url() const noexcept { return config.base_url; }

    // Headers in the order of SuperOffice's own samples: Authorization, Accept, Accept-Language,
    // Content-Type. The core's lower-case `accept` / `content-type` are replaced, because the
    // WebAPI documents (and its samples send) the charset.
    result<void> prepare(http_request& r) const
    {
        std::vector<http_header> headers;
        headers.reserve(r.headers.size() + 5);
        if (auto added = append_auth_headers(config.auth, headers); !added) return added;
        headers.push_back({"Accept", "application/json; charset=utf-8"});
        if (!config.accept_language.empty()) headers.push_back({"Accept-Language", config.accept_language});
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
        redact_credentials(config.auth, scrubbed.body);
        apibind::error e = superoffice::read_error(scrubbed);
        redact_credentials(config.auth, e);
        return e;
    }

    // A 2xx body that does not decode: its error may quote the body.
    void annotate(apibind::error& e, http_response const&) const { redact_credentials(config.auth, e); }

    retry_policy const& retry() const noexcept { return config.retries; }
};

// Per-call additions.
struct request_options {
    std::string select{};                // `$select`: "name,department,category/id"; empty: not sent
    std::vector<http_header> headers{};  // extra headers for this call (appended after the policy's)
};

namespace detail {

inline call_options to_call_options(request_options const& o)
{
    call_options c;
    c.headers = o.headers;
    if (!o.select.empty()) c.query.emplace_back("$select", o.select);
    return c;
}

// result<Empty> -> result<void>, for endpoints that answer 204.
template <class T>
result<void> drop_value(result<T> r)
{
    if (!r) return std::move(r).error();
    return {};
}

}  // namespace detail

// so.email_agent: the EMail agent's calls. Each call has a blocking form (sync transports) and a
// form that takes a handler (async transports): the handler gets the result exactly once, on the
// transport's thread or tick. The client must outlive an async call.
template <class Core>
class email_agent_client {
    using transport_type = std::remove_reference_t<decltype(std::declval<Core&>().transport())>;

public:
    explicit email_agent_client(Core& core) noexcept : core_(&core) {}

    // Starts syncing these accounts from the mail server into the SuperOffice cache. Success means
    // "accepted", possibly a no-op: the server runs one such sync at a time and silently returns
    // after a second when one is active.
    result<void> sync_email_accounts(std::vector<sync_user_account> accounts, request_options const& opts = {})
        requires sync_transport<transport_type>
    {
        return detail::drop_value(core_->template call<email_agent::sync_email_accounts>({std::move(accounts)}, detail::to_call_options(opts)));
    }
    template <class Handler>
        requires async_transport<transport_type> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void sync_email_accounts(std::vector<sync_user_account> accounts, Handler&& handler, request_options const& opts = {})
    {
        core_->template async_call<email_agent::sync_email_accounts>({std::move(accounts)}, void_handler(std::forward<Handler>(handler)),
                                                                     detail::to_call_options(opts));
    }

    // Syncs one account (not throttled by the server).
    result<void> sync_email_account(sync_user_account account, request_options const& opts = {})
        requires sync_transport<transport_type>
    {
        return detail::drop_value(core_->template call<email_agent::sync_email_account>({std::move(account)}, detail::to_call_options(opts)));
    }
    template <class Handler>
        requires async_transport<transport_type> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void sync_email_account(sync_user_account account, Handler&& handler, request_options const& opts = {})
    {
        core_->template async_call<email_agent::sync_email_account>({std::move(account)}, void_handler(std::forward<Handler>(handler)),
                                                                    detail::to_call_options(opts));
    }

    // The accounts that are due for a sync (empty when the server answers 204 or `null`).
    result<std::vector<sync_user_account>> get_ready_sync_email_accounts(request_options const& opts = {})
        requires sync_transport<transport_type>
    {
        return core_->template call<email_agent::get_ready_sync_email_accounts>({}, detail::to_call_options(opts));
    }
    template <class Handler>
        requires async_transport<transport_type> &&
                 std::is_invocable_v<std::decay_t<Handler>&, result<std::vector<sync_user_account>>>
    void get_ready_sync_email_accounts(Handler&& handler, request_options const& opts = {})
    {
        core_->template async_call<email_agent::get_ready_sync_email_accounts>({}, std::forward<Handler>(handler), detail::to_call_options(opts));
    }

private:
    template <class Handler>
    static auto void_handler(Handler&& handler)
    {
        return [h = std::forward<Handler>(handler)]<class T>(result<T> r) mutable { h(detail::drop_value(std::move(r))); };
    }

    Core* core_;
};

// `Transport` may be a reference (shared transport): the deduction guide picks one for an
// lvalue argument, and takes ownership of an rvalue.
template <class Transport>
class client {
public:
    using core_client = apibind::client<Transport, policy>;
    using transport_type = std::remove_reference_t<Transport>;

    client(Transport transport, superoffice::config cfg)
        : core_(std::forward<Transport>(transport), policy{std::move(cfg)}), email_agent(core_)
    {
    }

    // email_agent refers to core_: neither can move without the other.
    client(client const&) = delete;
    client& operator=(client const&) = delete;

    // The generic client, for any descriptor: so.core().call<my_endpoint>(request).
    core_client& core() noexcept { return core_; }
    transport_type& transport() noexcept { return core_.transport(); }
    // Settings may change between calls (a renewed ticket, another language).
    superoffice::config& configuration() noexcept { return core_.policy().config; }
    superoffice::config const& configuration() const noexcept { return core_.policy().config; }

private:
    core_client core_;  // before email_agent, which refers to it

public:
    email_agent_client<core_client> email_agent;
};

template <class Transport>
client(Transport&&, config) -> client<Transport>;

}  // namespace apibind::superoffice

#endif
