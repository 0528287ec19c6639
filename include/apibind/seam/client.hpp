// apibind::seam::client<Transport>: the Seam Connect facade. Calls read like the seed examples
// and return what the official SDKs return (the unwrapped resource, or nothing):
//
//   apibind::seam::client<apibind::transport::beast_sync_transport> seam(
//       apibind::transport::beast_sync_transport{}, {.credentials = apibind::seam::api_key{"seam_..."}});
//   auto account = seam.connected_accounts.get({.connected_account_id = "..."});  // result<connected_account>
//   auto synced = seam.connected_accounts.sync({.connected_account_id = "..."});   // result<void>
//
// With an async transport the same methods take a trailing handler, called exactly once with
// the same result type, where the transport completes (a transport modelling both concepts,
// like testing::mock_transport, offers both forms):
//
//   seam.connected_accounts.get({.connected_account_id = "..."}, [](result<connected_account> r) { ... });
//
// The whole response body (e.g. the account that update returns and the SDK drops) is one
// call<Endpoint> away: seam.call<seam::connected_accounts::update>(req).
//
// `connected_accounts` is a member object holding a pointer to the client's core; the facade is
// movable (views are rebound), but must not move while calls are in flight.
#ifndef APIBIND_SEAM_CLIENT_HPP
#define APIBIND_SEAM_CLIENT_HPP

#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/seam/connected_account.hpp>
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/paginate.hpp>
#include <apibind/seam/policy.hpp>

#include <chrono>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind::seam {

namespace detail {

template <class Core>
using core_transport_t = std::remove_reference_t<decltype(std::declval<Core&>().transport())>;

template <class Core>
concept sync_core = sync_transport<core_transport_t<Core>>;
template <class Core>
concept async_core = async_transport<core_transport_t<Core>>;

// Runs endpoint E and maps its response with `unwrap` (or drops it, for Out = void).
template <class E, class Out, class Core, class Unwrap>
result<Out> call_unwrapped(Core& core, typename E::request const& req, call_options const& opts, Unwrap const& unwrap)
{
    auto r = core.template call<E>(req, opts);
    if (!r) return std::move(r).error();
    if constexpr (std::is_void_v<Out>) {
        unwrap(std::move(*r));
        return {};
    } else {
        return unwrap(std::move(*r));
    }
}

template <class E, class Out, class Core, class Unwrap, class Handler>
void async_call_unwrapped(Core& core, typename E::request const& req, Handler&& handler, call_options const& opts,
                          Unwrap unwrap)
{
    core.template async_call<E>(
        req,
        [h = std::forward<Handler>(handler), unwrap](result<typename E::response> r) mutable {
            if (!r) {
                h(result<Out>(std::move(r).error()));
                return;
            }
            if constexpr (std::is_void_v<Out>) {
                unwrap(std::move(*r));
                h(result<void>());
            } else {
                h(result<Out>(unwrap(std::move(*r))));
            }
        },
        opts);
}

struct drop_response {
    template <class R>
    void operator()(R&&) const noexcept
    {
    }
};

struct take_account {
    template <class R>
    connected_account operator()(R&& r) const
    {
        return std::move(r.connected_account);
    }
};

struct take_accounts {
    std::vector<connected_account> operator()(connected_accounts::list_response&& r) const { return std::move(r.connected_accounts); }
};

struct keep_response {
    template <class R>
    std::decay_t<R> operator()(R&& r) const
    {
        return std::forward<R>(r);
    }
};

}  // namespace detail

// seam.connected_accounts.simulate: sandbox-only simulations.
template <class Core>
class simulate_api {
public:
    explicit simulate_api(Core& core) noexcept : core_(&core) {}

    result<void> disconnect(connected_accounts::simulate::disconnect_request const& req, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::simulate::disconnect, void>(*core_, req, opts, detail::drop_response{});
    }
    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void disconnect(connected_accounts::simulate::disconnect_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::simulate::disconnect, void>(*core_, req, std::forward<Handler>(handler),
                                                                                   opts, detail::drop_response{});
    }

private:
    Core* core_;
};

// seam.connected_accounts: /connected_accounts/*.
template <class Core>
class connected_accounts_api {
public:
    explicit connected_accounts_api(Core& core) noexcept : simulate(core), core_(&core) {}

    simulate_api<Core> simulate;

    // ---- sync transports ----

    // The account (the SDK's x-response-key `connected_account`).
    result<connected_account> get(connected_accounts::get_request const& req, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::get, connected_account>(*core_, req, opts, detail::take_account{});
    }

    // The accounts of ONE request, as the SDK's list() (the server's default limit is large;
    // see paginate() or list_page() for the rest).
    result<std::vector<connected_account>> list(connected_accounts::list_request const& req = {}, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::list, std::vector<connected_account>>(*core_, req, opts,
                                                                                               detail::take_accounts{});
    }

    // One page with its pagination object.
    result<connected_accounts::list_response> list_page(connected_accounts::list_request const& req = {},
                                                        call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return core_->template call<connected_accounts::list>(req, opts);
    }

    // Every page, following next_page_cursor (see paginate.hpp).
    template <class C = Core>  // a template, so that an async-only client never names paginator<Core>
        requires detail::sync_core<C>
    paginator<C> paginate(connected_accounts::list_request first = {}, call_options opts = {}) const
    {
        return paginator<C>(*core_, std::move(first), std::move(opts));
    }

    result<void> sync(connected_accounts::sync_request const& req, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::sync, void>(*core_, req, opts, detail::drop_response{});
    }

    // Like the SDK, returns nothing; call<connected_accounts::update> returns the updated account.
    result<void> update(connected_accounts::update_request const& req, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::update, void>(*core_, req, opts, detail::drop_response{});
    }

    result<void> delete_(connected_accounts::delete_request const& req, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        return detail::call_unwrapped<connected_accounts::delete_, void>(*core_, req, opts, detail::drop_response{});
    }

    // ---- async transports: the same calls with a trailing handler ----

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<connected_account>>
    void get(connected_accounts::get_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::get, connected_account>(*core_, req, std::forward<Handler>(handler), opts,
                                                                                detail::take_account{});
    }

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<std::vector<connected_account>>>
    void list(connected_accounts::list_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::list, std::vector<connected_account>>(
            *core_, req, std::forward<Handler>(handler), opts, detail::take_accounts{});
    }

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<connected_accounts::list_response>>
    void list_page(connected_accounts::list_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::list, connected_accounts::list_response>(
            *core_, req, std::forward<Handler>(handler), opts, detail::keep_response{});
    }

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void sync(connected_accounts::sync_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::sync, void>(*core_, req, std::forward<Handler>(handler), opts,
                                                                    detail::drop_response{});
    }

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void update(connected_accounts::update_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::update, void>(*core_, req, std::forward<Handler>(handler), opts,
                                                                      detail::drop_response{});
    }

    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<void>>
    void delete_(connected_accounts::delete_request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        detail::async_call_unwrapped<connected_accounts::delete_, void>(*core_, req, std::forward<Handler>(handler), opts,
                                                                       detail::drop_response{});
    }

private:
    Core* core_;
};

template <class Transport>
class client {
public:
    using core_type = apibind::client<Transport, seam::policy>;
    using transport_type = std::remove_reference_t<Transport>;

private:
    core_type core_;  // declared before the views, which point at it

public:
    // `Transport` may be a reference type (client<my_transport&>) to share a transport.
    // Bad credentials do not throw: every call then fails with invalid_argument before sending
    // (status() tells at once).
    client(Transport transport, seam::options opts)
        : core_(std::forward<Transport>(transport), seam::policy(std::move(opts))), connected_accounts(core_)
    {
    }
    client(client&& other) noexcept(std::is_nothrow_move_constructible_v<core_type>) : core_(std::move(other.core_)), connected_accounts(core_) {}
    client(client const&) = delete;
    client& operator=(client const&) = delete;
    client& operator=(client&&) = delete;

    connected_accounts_api<core_type> connected_accounts;

    // Any Seam endpoint, with its whole response.
    template <endpoint_descriptor E>
        requires sync_transport<transport_type>
    result<typename E::response> call(typename E::request const& req, call_options const& opts = {})
    {
        return core_.template call<E>(req, opts);
    }
    template <endpoint_descriptor E, class Handler>
        requires async_transport<transport_type> && std::is_invocable_v<std::decay_t<Handler>&, result<typename E::response>>
    void async_call(typename E::request const& req, Handler&& handler, call_options const& opts = {})
    {
        core_.template async_call<E>(req, std::forward<Handler>(handler), opts);
    }

    // Whether the options are usable (credentials, endpoint): the error every call would return.
    result<void> const& status() const noexcept { return core_.policy().status(); }

    // How a sync client waits between retries (tests, game loops).
    void set_sleep(apibind::detail::unique_function<void(std::chrono::milliseconds)> sleep) { core_.set_sleep(std::move(sleep)); }

    core_type& core() noexcept { return core_; }
    transport_type& transport() noexcept { return core_.transport(); }
    seam::policy const& policy() const noexcept { return core_.policy(); }
};

}  // namespace apibind::seam

#endif
