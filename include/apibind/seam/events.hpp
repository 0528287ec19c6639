// apibind::seam::event: the payloads of Seam's connected_account.* events (webhooks and
// /events/list), one struct per event type, discriminated by `event_type`.
// An event type the model does not know decodes to json::unrecognised and re-encodes unchanged,
// so a webhook handler can pass along or log what it does not understand.
#ifndef APIBIND_SEAM_EVENTS_HPP
#define APIBIND_SEAM_EVENTS_HPP

#include <apibind/json/defaulted.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/tagged_union.hpp>
#include <apibind/seam/connected_account.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <vector>

namespace apibind::seam::events {

struct connected_account_connected {
    std::optional<std::string> connect_webview_id{};
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::optional<std::string> customer_key{};
    std::string event_id{};
    json::literal<"connected_account.connected"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_connected const&, connected_account_connected const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_connected, (),
                      (connect_webview_id, connected_account_custom_metadata, connected_account_id, created_at, customer_key,
                       event_id, event_type, occurred_at, workspace_id))

struct connected_account_created {
    std::string connect_webview_id{};
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.created"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_created const&, connected_account_created const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_created, (),
                      (connect_webview_id, connected_account_custom_metadata, connected_account_id, created_at, event_id,
                       event_type, occurred_at, workspace_id))

// Deprecated by Seam in favour of connect_webview.login_succeeded; still modelled.
struct connected_account_successful_login {
    std::string connect_webview_id{};
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.successful_login"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_successful_login const&, connected_account_successful_login const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_successful_login, (),
                      (connect_webview_id, connected_account_custom_metadata, connected_account_id, created_at, event_id,
                       event_type, occurred_at, workspace_id))

struct connected_account_disconnected {
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    json::defaulted<std::vector<connected_account_error>> connected_account_errors{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.disconnected"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_disconnected const&, connected_account_disconnected const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_disconnected, (),
                      (connected_account_custom_metadata, connected_account_errors, connected_account_id, created_at,
                       event_id, event_type, occurred_at, workspace_id))


struct connected_account_completed_first_sync {
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.completed_first_sync"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_completed_first_sync const&, connected_account_completed_first_sync const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_completed_first_sync, (),
                      (connected_account_custom_metadata, connected_account_id, created_at, event_id, event_type,
                       occurred_at, workspace_id))

struct connected_account_deleted {
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::optional<std::string> connected_account_type{};
    std::string created_at{};
    std::optional<std::string> customer_key{};
    std::string event_id{};
    json::literal<"connected_account.deleted"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_deleted const&, connected_account_deleted const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_deleted, (),
                      (connected_account_custom_metadata, connected_account_id, connected_account_type, created_at,
                       customer_key, event_id, event_type, occurred_at, workspace_id))

struct connected_account_completed_first_sync_after_reconnection {
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.completed_first_sync_after_reconnection"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_completed_first_sync_after_reconnection const&,
                           connected_account_completed_first_sync_after_reconnection const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_completed_first_sync_after_reconnection, (),
                      (connected_account_custom_metadata, connected_account_id, created_at, event_id, event_type,
                       occurred_at, workspace_id))

struct connected_account_reauthorization_requested {
    std::optional<seam::custom_metadata> connected_account_custom_metadata{};
    std::string connected_account_id{};
    std::string created_at{};
    std::string event_id{};
    json::literal<"connected_account.reauthorization_requested"> event_type{};
    std::string occurred_at{};
    std::string workspace_id{};

    friend bool operator==(connected_account_reauthorization_requested const&,
                           connected_account_reauthorization_requested const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account_reauthorization_requested, (),
                      (connected_account_custom_metadata, connected_account_id, created_at, event_id, event_type,
                       occurred_at, workspace_id))

}  // namespace apibind::seam::events

namespace apibind::seam {

// Any connected_account.* event; other event types are kept as json::unrecognised.
using event = json::tagged_union<"event_type", events::connected_account_connected, events::connected_account_created,
                                 events::connected_account_successful_login, events::connected_account_disconnected,
                                 events::connected_account_completed_first_sync, events::connected_account_deleted,
                                 events::connected_account_completed_first_sync_after_reconnection,
                                 events::connected_account_reauthorization_requested>;

}  // namespace apibind::seam

#endif
