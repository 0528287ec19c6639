// apibind::seam::client<Transport>: the Seam Connect facade. Its members are the API's route
// namespaces, each call a facade_call (apibind/facade.hpp) that returns what the official SDKs
// return (the unwrapped resource, or nothing):
//
//   apibind::seam::client<apibind::transport::beast_sync_transport> seam(
//       apibind::transport::beast_sync_transport{}, {.credentials = apibind::seam::api_key{"seam_..."}});
//   auto account = seam.connected_accounts.get({.connected_account_id = "..."});  // result<connected_account>
//   auto synced = seam.connected_accounts.sync({.connected_account_id = "..."});   // result<void>
//   for (auto& a : seam.connected_accounts.list.items({.limit = 100})) ...         // every page
//   auto attempt = seam.locks.unlock_door({.device_id = "..."});  // result<action_attempt>, awaited
//   seam.locks.unlock_door({.device_id = "..."}, {.wait = apibind::no_wait});     // as first answered
//
// With an async transport the same calls take a trailing handler, called exactly once with the
// same result type, where the transport completes (a transport modelling both concepts, like
// testing::mock_transport, offers both forms):
//
//   seam.connected_accounts.get({.connected_account_id = "..."}, [](result<connected_account> r) { ... });
//
// The whole response body (e.g. the account that update returns and the SDK drops) is one
// call<Endpoint> away: seam.call<seam::connected_accounts::update>(req).
//
// The views hold a pointer to the client's core; the client is movable (the views are rebound),
// but must not move while calls are in flight.
#ifndef APIBIND_SEAM_CLIENT_HPP
#define APIBIND_SEAM_CLIENT_HPP

#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/facade.hpp>
#include <apibind/transport.hpp>
#include <apibind/seam/action_attempt.hpp>
#include <apibind/seam/action_attempts.hpp>
#include <apibind/seam/connected_account.hpp>
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/locks.hpp>
#include <apibind/seam/policy.hpp>

#include <chrono>
#include <type_traits>
#include <utility>

namespace apibind::seam {

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
        : core_(std::forward<Transport>(transport), seam::policy(std::move(opts))),
          action_attempts(core_), connected_accounts(core_), locks(core_)
    {
    }
    client(client&& other) noexcept(std::is_nothrow_move_constructible_v<core_type>)
        : core_(std::move(other.core_)), action_attempts(core_), connected_accounts(core_), locks(core_)
    {
    }
    client(client const&) = delete;
    client& operator=(client const&) = delete;
    client& operator=(client&&) = delete;
    ~client() = default;

    action_attempts_api<core_type> action_attempts;
    connected_accounts_api<core_type> connected_accounts;
    locks_api<core_type> locks;  // lock_door / unlock_door return the action attempt, awaited by default

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

    // How a sync client waits between retries and polls (tests, game loops).
    void set_sleep(apibind::detail::unique_function<void(std::chrono::milliseconds)> sleep) { core_.set_sleep(std::move(sleep)); }

    core_type& core() noexcept { return core_; }
    transport_type& transport() noexcept { return core_.transport(); }
    seam::policy const& policy() const noexcept { return core_.policy(); }
    seam::options const& options() const noexcept { return core_.policy().options(); }
};

}  // namespace apibind::seam

#endif
