// apibind::seam::connected_accounts: the /connected_accounts/* routes as endpoint descriptors,
// with their request and response structs. Every route is POST with a JSON body, as the seed
// documents show (the API also takes GET for get/list, PATCH for update, DELETE for delete; the
// fake server takes only POST for update, so POST is the one method every server accepts).
//
// Responses model the whole body. Success bodies also carry `"ok": true`; it is not a member
// (unknown keys are skipped): on a 2xx it is always true, and errors arrive as non-2xx with
// `"ok": false`, which errors.hpp reads. So the empty responses are empty structs.
//
// Retry safety (what a repeated request does if the first one did reach the server):
//   get, list            reads                                                  retry_safe
//   sync                 asks for another sync: harmless, idempotent in effect  retry_safe
//   update               sets absolute values: the same state after 1 or 2      retry_safe
//                        applications, whether the server replaces (spec) or
//                        merges (fake) custom_metadata
//   delete_              a repeat after a success answers connected_account_    not safe
//                        not_found, turning success into an error
//   simulate::disconnect a state transition like delete_: not safe             not safe
// Not-safe routes are still retried when the server certainly did not act (429, refused connection).
#ifndef APIBIND_SEAM_CONNECTED_ACCOUNTS_HPP
#define APIBIND_SEAM_CONNECTED_ACCOUNTS_HPP

#include <apibind/endpoint.hpp>
#include <apibind/facade.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/seam/connected_account.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apibind::seam::connected_accounts {

// ---- /connected_accounts/get ----

// Exactly one of the two (the API's oneOf); the server answers invalid_input otherwise.
struct get_request {
    std::optional<std::string> connected_account_id{};
    std::optional<std::string> email{};
};
BOOST_DESCRIBE_STRUCT(get_request, (), (connected_account_id, email))

struct get_response {
    seam::connected_account connected_account{};
    std::optional<bool> ok{};  // always true on success; kept so the envelope round-trips
};
BOOST_DESCRIBE_STRUCT(get_response, (), (connected_account, ok))

using get = apibind::endpoint<"/connected_accounts/get", get_request, get_response, apibind::retry_safe,
                              apibind::response_key<"connected_account">>;

// ---- /connected_accounts/list ----

struct list_request {
    std::optional<seam::custom_metadata> custom_metadata_has{};
    std::optional<std::string> customer_key{};
    std::optional<std::int64_t> limit{};  // > 0; server default 11000 (the fake: 500)
    json::nullable<std::string> page_cursor{};  // absent on the first page; pagination's next_page_cursor after
    std::optional<std::string> search{};  // at least one character
    std::optional<std::string> user_identifier_key{};
};
BOOST_DESCRIBE_STRUCT(list_request, (), (custom_metadata_has, customer_key, limit, page_cursor, search, user_identifier_key))

struct list_response {
    std::vector<seam::connected_account> connected_accounts{};
    seam::pagination pagination{};
    std::optional<bool> ok{};  // always true on success; kept so the envelope round-trips
};
BOOST_DESCRIBE_STRUCT(list_response, (), (connected_accounts, pagination, ok))

using list = apibind::endpoint<"/connected_accounts/list", list_request, list_response, apibind::retry_safe,
                               apibind::response_key<"connected_accounts">>;

// ---- /connected_accounts/sync ----

struct sync_request {
    std::string connected_account_id{};
};
BOOST_DESCRIBE_STRUCT(sync_request, (), (connected_account_id))

struct sync_response {};  // {"ok":true}
BOOST_DESCRIBE_STRUCT(sync_response, (), ())

using sync = apibind::endpoint<"/connected_accounts/sync", sync_request, sync_response, apibind::retry_safe>;

// ---- /connected_accounts/update ----

struct update_request {
    std::string connected_account_id{};
    std::optional<std::vector<json::open_enum<capability>>> accepted_capabilities{};
    std::optional<bool> automatically_manage_new_devices{};
    // Values: string (<= 500 characters) or boolean; json::null deletes the key.
    std::optional<seam::custom_metadata> custom_metadata{};
    std::optional<std::string> customer_key{};
};
BOOST_DESCRIBE_STRUCT(update_request, (),
                      (connected_account_id, accepted_capabilities, automatically_manage_new_devices, custom_metadata,
                       customer_key))

// The updated account (the official SDK discards it, and so does the facade, which has no
// response_key here; call<update> keeps it).
struct update_response {
    seam::connected_account connected_account{};
    std::optional<bool> ok{};  // always true on success; kept so the envelope round-trips
};
BOOST_DESCRIBE_STRUCT(update_response, (), (connected_account, ok))

using update = apibind::endpoint<"/connected_accounts/update", update_request, update_response, apibind::retry_safe>;

// ---- /connected_accounts/delete ----

struct delete_request {
    std::string connected_account_id{};
};
BOOST_DESCRIBE_STRUCT(delete_request, (), (connected_account_id))

struct delete_response {};  // {"ok":true}
BOOST_DESCRIBE_STRUCT(delete_response, (), ())

using delete_ = apibind::endpoint<"/connected_accounts/delete", delete_request, delete_response>;

}  // namespace apibind::seam::connected_accounts

namespace apibind::seam::connected_accounts::simulate {

// ---- /connected_accounts/simulate/disconnect (sandbox workspaces only) ----

struct disconnect_request {
    std::string connected_account_id{};
};
BOOST_DESCRIBE_STRUCT(disconnect_request, (), (connected_account_id))

struct disconnect_response {};  // {"ok":true}
BOOST_DESCRIBE_STRUCT(disconnect_response, (), ())

using disconnect = apibind::endpoint<"/connected_accounts/simulate/disconnect", disconnect_request, disconnect_response>;

}  // namespace apibind::seam::connected_accounts::simulate

namespace apibind::seam {

// The facade's views (seam::client's `connected_accounts` member): one facade_call per endpoint.
template <class Core>
struct connected_accounts_simulate_api {
    explicit connected_accounts_simulate_api(Core& core) noexcept : disconnect(core) {}
    apibind::facade_call<Core, connected_accounts::simulate::disconnect> disconnect;
};

template <class Core>
struct connected_accounts_api {
    explicit connected_accounts_api(Core& core) noexcept
        : simulate(core), delete_(core), get(core), list(core), sync(core), update(core)
    {
    }
    connected_accounts_simulate_api<Core> simulate;
    apibind::facade_call<Core, connected_accounts::delete_> delete_;
    apibind::facade_call<Core, connected_accounts::get> get;    // result<connected_account>
    apibind::facade_call<Core, connected_accounts::list> list;  // result<std::vector<connected_account>>; paginated
    apibind::facade_call<Core, connected_accounts::sync> sync;
    apibind::facade_call<Core, connected_accounts::update> update;  // result<void>, as the SDK
};

}  // namespace apibind::seam

#endif
