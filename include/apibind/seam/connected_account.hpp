// apibind::seam::connected_account: the Seam Connect connected-account resource, its
// errors and warnings (tagged unions), and the pagination object of list responses.
// Members are named exactly as the JSON keys, so the struct reads like the API reference.
#ifndef APIBIND_SEAM_CONNECTED_ACCOUNT_HPP
#define APIBIND_SEAM_CONNECTED_ACCOUNT_HPP

#include <apibind/json/any_value.hpp>
#include <apibind/json/defaulted.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/record.hpp>
#include <apibind/json/tagged_union.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace apibind::seam {

// What a connected account was authorised for. Kept open (json::open_enum<capability>): the API
// adds capabilities over time and the fake server already sends others ("access_code").
enum class capability { lock, thermostat, noise_sensor, access_control };
BOOST_DESCRIBE_ENUM(capability, lock, thermostat, noise_sensor, access_control)

// Deprecated by Seam in favour of display_name, still sent.
struct user_identifier {
    std::optional<std::string> api_url{};
    std::optional<std::string> email{};
    std::optional<bool> exclusive{};
    std::optional<std::string> phone{};
    std::optional<std::string> username{};

    friend bool operator==(user_identifier const&, user_identifier const&) = default;
};
BOOST_DESCRIBE_STRUCT(user_identifier, (), (api_url, email, exclusive, phone, username))

struct salto_ks_site {
    std::string site_id{};
    std::string site_name{};
    std::int64_t site_user_subscription_limit = 0;
    std::int64_t subscribed_site_user_count = 0;

    friend bool operator==(salto_ks_site const&, salto_ks_site const&) = default;
};
BOOST_DESCRIBE_STRUCT(salto_ks_site, (), (site_id, site_name, site_user_subscription_limit, subscribed_site_user_count))

struct salto_ks_metadata {
    std::vector<salto_ks_site> sites{};

    friend bool operator==(salto_ks_metadata const&, salto_ks_metadata const&) = default;
};
BOOST_DESCRIBE_STRUCT(salto_ks_metadata, (), (sites))

// ---- errors[] (discriminated by error_code) ----

struct account_disconnected {
    std::string created_at{};
    json::literal<"account_disconnected"> error_code{};
    std::optional<bool> is_bridge_error{};
    std::optional<bool> is_connected_account_error{};
    std::string message{};

    friend bool operator==(account_disconnected const&, account_disconnected const&) = default;
};
BOOST_DESCRIBE_STRUCT(account_disconnected, (), (created_at, error_code, is_bridge_error, is_connected_account_error, message))

struct bridge_disconnected {
    std::string created_at{};
    json::literal<"bridge_disconnected"> error_code{};
    std::optional<bool> is_bridge_error{};
    std::optional<bool> is_connected_account_error{};
    std::string message{};

    friend bool operator==(bridge_disconnected const&, bridge_disconnected const&) = default;
};
BOOST_DESCRIBE_STRUCT(bridge_disconnected, (), (created_at, error_code, is_bridge_error, is_connected_account_error, message))

struct salto_ks_subscription_limit_exceeded {
    std::string created_at{};
    json::literal<"salto_ks_subscription_limit_exceeded"> error_code{};
    std::optional<bool> is_bridge_error{};
    std::optional<bool> is_connected_account_error{};
    std::string message{};
    seam::salto_ks_metadata salto_ks_metadata{};

    friend bool operator==(salto_ks_subscription_limit_exceeded const&, salto_ks_subscription_limit_exceeded const&) = default;
};
BOOST_DESCRIBE_STRUCT(salto_ks_subscription_limit_exceeded, (),
                      (created_at, error_code, is_bridge_error, is_connected_account_error, message, salto_ks_metadata))

// An unknown error_code decodes to json::unrecognised and re-encodes unchanged.
using connected_account_error =
    json::tagged_union<"error_code", account_disconnected, bridge_disconnected, salto_ks_subscription_limit_exceeded>;

// ---- warnings[] (discriminated by warning_code) ----

struct scheduled_maintenance_window {
    std::string created_at{};
    std::string message{};
    json::literal<"scheduled_maintenance_window"> warning_code{};

    friend bool operator==(scheduled_maintenance_window const&, scheduled_maintenance_window const&) = default;
};
BOOST_DESCRIBE_STRUCT(scheduled_maintenance_window, (), (created_at, message, warning_code))

struct unknown_issue_with_connected_account {
    std::string created_at{};
    std::string message{};
    json::literal<"unknown_issue_with_connected_account"> warning_code{};

    friend bool operator==(unknown_issue_with_connected_account const&, unknown_issue_with_connected_account const&) = default;
};
BOOST_DESCRIBE_STRUCT(unknown_issue_with_connected_account, (), (created_at, message, warning_code))

struct salto_ks_subscription_limit_almost_reached {
    std::string created_at{};
    std::string message{};
    seam::salto_ks_metadata salto_ks_metadata{};
    json::literal<"salto_ks_subscription_limit_almost_reached"> warning_code{};

    friend bool operator==(salto_ks_subscription_limit_almost_reached const&, salto_ks_subscription_limit_almost_reached const&) = default;
};
BOOST_DESCRIBE_STRUCT(salto_ks_subscription_limit_almost_reached, (), (created_at, message, salto_ks_metadata, warning_code))

struct account_reauthorization_requested {
    std::string created_at{};
    std::string message{};
    json::literal<"account_reauthorization_requested"> warning_code{};

    friend bool operator==(account_reauthorization_requested const&, account_reauthorization_requested const&) = default;
};
BOOST_DESCRIBE_STRUCT(account_reauthorization_requested, (), (created_at, message, warning_code))

using connected_account_warning =
    json::tagged_union<"warning_code", scheduled_maintenance_window, unknown_issue_with_connected_account,
                       salto_ks_subscription_limit_almost_reached, account_reauthorization_requested>;

// Values are strings or booleans per the spec; any JSON value is kept (the fake sends numbers
// and nulls). In update requests a json::null value asks to delete the key.
using custom_metadata = json::record<json::any_value>;

struct connected_account {
    json::defaulted<std::vector<json::open_enum<capability>>> accepted_capabilities{};
    std::optional<std::string> account_type{};  // a free string (not an enum in the spec)
    json::defaulted<std::string> account_type_display_name{};
    json::defaulted<bool> automatically_manage_new_devices{};
    std::string connected_account_id{};  // opaque: the fake's IDs are not UUIDs
    std::optional<std::string> created_at{};  // exact text, as sent
    json::defaulted<seam::custom_metadata> custom_metadata{};
    std::optional<std::string> customer_key{};
    json::defaulted<std::string> display_name{};
    json::defaulted<std::vector<connected_account_error>> errors{};
    json::defaulted<std::vector<connected_account_warning>> warnings{};
    std::optional<std::string> image_url{};
    std::optional<seam::user_identifier> user_identifier{};

    friend bool operator==(connected_account const&, connected_account const&) = default;
};
BOOST_DESCRIBE_STRUCT(connected_account, (),
                      (accepted_capabilities, account_type, account_type_display_name, automatically_manage_new_devices,
                       connected_account_id, created_at, custom_metadata, customer_key, display_name, errors, warnings,
                       image_url, user_identifier))

// The spec requires eight members; only connected_account_id is required here.
// - errors, warnings: the fake server leaves both out.
// - display_name: the seed's object and get-response samples leave it out.
// - account_type_display_name, automatically_manage_new_devices, custom_metadata,
//   accepted_capabilities: the seed's smaller get-response sample leaves them out.
// json::defaulted: absent, they take their defaults (empty, false) and remember it, so encoding a
// decoded account leaves them out again and the round trip is exact.

// The `pagination` object of list responses. Follow next_page_cursor (as `page_cursor`), never
// next_page_url: the fake's URL uses a query name it ignores itself.
struct pagination {
    bool has_next_page = false;
    json::nullable<std::string> next_page_cursor{};
    json::nullable<std::string> next_page_url{};

    friend bool operator==(pagination const&, pagination const&) = default;
};
BOOST_DESCRIBE_STRUCT(pagination, (), (has_next_page, next_page_cursor, next_page_url))

}  // namespace apibind::seam

#endif
