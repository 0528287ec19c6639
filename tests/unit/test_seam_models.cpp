// Seam models: the seed documents, every body the fake server was recorded sending, each error,
// warning and event variant, unknown values kept, round trips and decode error paths.
#include <apibind/seam.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <doctest/doctest.h>

#include "support/test_data.hpp"

#include <string>
#include <string_view>

namespace {

namespace json = apibind::json;
namespace seam = apibind::seam;
namespace ca = apibind::seam::connected_accounts;
using namespace std::string_view_literals;

std::string read_data(std::string const& name) { return apibind_test::read_test_data("seam/" + name); }

using apibind_test::json_equal;

std::string object_text(boost::json::value const& v) { return boost::json::serialize(v); }

template <class T>
T decode_ok(std::string_view text)
{
    auto r = json::decode<T>(text);
    REQUIRE_MESSAGE(r.has_value(), apibind::to_string(r.error()));
    return std::move(*r);
}

// A connected account with every member the spec defines, every error and warning variant,
// error_code placed last as in the seed.
constexpr std::string_view complete_account = R"({
  "accepted_capabilities": ["lock", "thermostat", "noise_sensor", "access_control"],
  "account_type": "salto_ks",
  "account_type_display_name": "Salto KS",
  "automatically_manage_new_devices": true,
  "connected_account_id": "a289aa54-5488-4707-9a4b-eeea4edf311d",
  "created_at": "2025-06-15T16:54:17.946329Z",
  "custom_metadata": {"id": "internalId1", "vip": true},
  "customer_key": "customer_1",
  "display_name": "jane_doe@example.com",
  "errors": [
    {"created_at": "2025-06-15T16:54:17.946Z", "is_bridge_error": false, "is_connected_account_error": true,
     "message": "Account disconnected", "error_code": "account_disconnected"},
    {"created_at": "2025-06-15T16:54:18.000Z", "message": "Bridge offline", "error_code": "bridge_disconnected"},
    {"created_at": "2025-06-15T16:54:19.000Z", "is_connected_account_error": true, "message": "Limit reached",
     "salto_ks_metadata": {"sites": [{"site_id": "s1", "site_name": "HQ", "site_user_subscription_limit": 100,
                                      "subscribed_site_user_count": 100}]},
     "error_code": "salto_ks_subscription_limit_exceeded"}
  ],
  "warnings": [
    {"created_at": "2025-06-15T16:54:20.000Z", "message": "Maintenance", "warning_code": "scheduled_maintenance_window"},
    {"created_at": "2025-06-15T16:54:21.000Z", "message": "Unknown", "warning_code": "unknown_issue_with_connected_account"},
    {"created_at": "2025-06-15T16:54:22.000Z", "message": "Almost", "salto_ks_metadata": {"sites": [
        {"site_id": "s2", "site_name": "Annex", "site_user_subscription_limit": 50, "subscribed_site_user_count": 41}]},
     "warning_code": "salto_ks_subscription_limit_almost_reached"},
    {"created_at": "2025-06-15T16:54:23.000Z", "message": "Reauthorize", "warning_code": "account_reauthorization_requested"}
  ],
  "image_url": "https://connect.getseam.com/assets/images/logos/salto_ks_logo_square.png",
  "user_identifier": {"api_url": "https://example.com/api", "email": "jane_doe@example.com", "exclusive": true,
                      "phone": "+1555551004", "username": "jane_doe"}
})";

}  // namespace

TEST_SUITE_BEGIN("seam models");

TEST_CASE("the seed's connected_account object sample decodes; the display_name it leaves out stays out")
{
    // Seam's own documentation sample leaves out display_name, which the spec requires; the
    // overrides file makes it json::defaulted with that sample as evidence (scripts/codegen/
    // seam_overrides.json): absent, it reads as empty and is not written back.
    std::string sample = read_data("seed_connected_account_object.json");
    auto without = decode_ok<seam::connected_account>(sample);
    CHECK_FALSE(without.display_name.is_present());
    CHECK(without.display_name.get().empty());
    CHECK(json::encode(without).find(R"("display_name")") == std::string::npos);
    CHECK(json_equal(json::encode(without), sample));
    sample.insert(sample.find('{') + 1, R"("display_name":"jane_doe@example.com",)");
    auto a = decode_ok<seam::connected_account>(sample);
    CHECK(a.connected_account_id == "a289aa54-5488-4707-9a4b-eeea4edf311d");
    CHECK(a.account_type == "salto_space");
    CHECK(a.account_type_display_name == "Salto Space");
    CHECK(a.automatically_manage_new_devices);
    REQUIRE(a.created_at);
    CHECK(a.created_at->text() == "2025-06-15T16:54:17.946329Z");  // exact text, microseconds kept
    REQUIRE(a.custom_metadata.find("id"));
    CHECK(a.custom_metadata.find("id")->as_string() == "internalId1"sv);
    CHECK(a.errors.empty());
    CHECK(a.warnings.empty());
    REQUIRE(a.user_identifier);
    CHECK(a.user_identifier->api_url == "https://example.com/api");
    CHECK(a.user_identifier->email == "jane_doe@example.com");
    CHECK(a.user_identifier->exclusive == true);
    CHECK(a.user_identifier->phone == "+1555551004");
    CHECK(a.user_identifier->username == "jane_doe");
    REQUIRE(a.accepted_capabilities.size() == 1);
    CHECK(a.accepted_capabilities[0] == seam::connected_account_accepted_capability::lock);
    CHECK(a.display_name == "jane_doe@example.com");
    CHECK_FALSE(a.customer_key);
    CHECK_FALSE(a.image_url);
}

TEST_CASE("the seed's get-response samples decode")
{
    SUBCASE("the API reference example: error_code and warning_code last")
    {
        auto r = decode_ok<ca::get_response>(read_data("seed_get_response_example.json"));
        auto const& a = r.connected_account;
        CHECK(a.connected_account_id == "123e4567-e89b-12d3-a456-426614174000");
        CHECK(a.customer_key == "text");
        REQUIRE(a.errors.size() == 1);
        auto const* e = a.errors[0].get_if<seam::connected_account_error_account_disconnected>();
        REQUIRE(e);
        CHECK(e->created_at.text() == "2025-07-04T08:29:56.137Z");
        CHECK(e->message == "text");
        CHECK(e->is_connected_account_error == true);
        CHECK(e->is_bridge_error == true);
        CHECK(a.errors[0].tag() == "account_disconnected");
        REQUIRE(a.warnings.size() == 1);
        CHECK(a.warnings[0].holds<seam::connected_account_warning_scheduled_maintenance_window>());
        CHECK(a.custom_metadata.find("ANY_ADDITIONAL_PROPERTY")->as_string() == "text"sv);
        CHECK(a.user_identifier->exclusive == true);
    }
    SUBCASE("the short JSON-format sample leaves out members the spec requires: a decode error naming the first")
    {
        auto r = json::decode<ca::get_response>(read_data("seed_get_response_json_format.json"));
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == apibind::error_code::missing_member);
        CHECK(r.error().path.rfind("connected_account.", 0) == 0);
    }
}

TEST_CASE("every 200 body recorded from the fake server decodes into its route's response")
{
    auto const cases = boost::json::parse(read_data("recorded_success_bodies.json")).as_array();
    REQUIRE(cases.size() >= 20);
    int decoded = 0;
    for (auto const& c : cases) {
        std::string const title(c.at("title").as_string());
        std::string const route(c.at("route").as_string());
        std::string const body(c.at("body").as_string());
        CAPTURE(title);
        auto const check = [&](auto r) {
            CHECK_MESSAGE(r.has_value(), (r ? std::string() : apibind::to_string(r.error())));
            ++decoded;
            return r;
        };
        if (route == "/connected_accounts/get") {
            auto r = check(json::decode<ca::get_response>(body));
            if (r) {
                CHECK_FALSE(r->connected_account.connected_account_id.empty());
                CHECK_FALSE(r->connected_account.display_name.get().empty());  // the fake sends it
                CHECK(r->connected_account.errors.empty());               // the fake leaves them out
            }
        } else if (route == "/connected_accounts/list") {
            auto r = check(json::decode<ca::list_response>(body));
            if (r) {
                CHECK_FALSE(r->connected_accounts.empty());
                CHECK(r->pagination.has_next_page == r->pagination.next_page_cursor.has_value());
            }
        } else if (route == "/connected_accounts/update") {
            check(json::decode<ca::update_response>(body));
        } else if (route == "/connected_accounts/delete") {
            check(json::decode<ca::delete_response>(body));
        } else {
            FAIL("unexpected route in the recordings: " << route);
        }
    }
    CHECK(decoded == static_cast<int>(cases.size()));
}

TEST_CASE("a real fake-server body: numbers in custom_metadata, unknown capabilities, extra members")
{
    auto r = decode_ok<ca::get_response>(read_data("get_lab_ca_1.json"));
    auto const& a = r.connected_account;
    CHECK(a.connected_account_id == "lab_ca_1");
    CHECK(a.display_name == "alice@example.com");
    REQUIRE(a.custom_metadata.size() == 2);
    CHECK(a.custom_metadata.find("tenant")->as_string() == "alpha"sv);
    CHECK(a.custom_metadata.find("floor")->as_int64() == 3);  // not allowed by the spec, kept anyway
    REQUIRE(a.accepted_capabilities.size() == 2);
    CHECK(a.accepted_capabilities[0] == seam::connected_account_accepted_capability::lock);
    CHECK_FALSE(a.accepted_capabilities[1].is_known());
    CHECK(a.accepted_capabilities[1].to_string() == "access_code");

    // Re-encoded: the unknown members (provider, workspace_id, bridge_id) are gone; the
    // spec-required errors and warnings the fake left out stay out; everything else is equal.
    CHECK(a.errors.empty());
    CHECK(!a.errors.is_present());
    auto original = boost::json::parse(read_data("get_lab_ca_1.json")).at("connected_account").as_object();
    original.erase("provider");
    original.erase("workspace_id");
    original.erase("bridge_id");
    CHECK(json_equal(json::encode(a), object_text(original)));
}

TEST_CASE("update bodies keep null metadata values; list pages carry the cursor")
{
    auto u = decode_ok<ca::update_response>(read_data("update_lab_ca_1.json"));
    auto const* gone = u.connected_account.custom_metadata.find("gone");
    REQUIRE(gone);
    CHECK(gone->is_null());
    CHECK_FALSE(u.connected_account.automatically_manage_new_devices);

    auto p1 = decode_ok<ca::list_response>(read_data("list_lab_page1.json"));
    CHECK(p1.connected_accounts.size() == 2);
    CHECK(p1.pagination.has_next_page);
    REQUIRE(p1.pagination.next_page_cursor.has_value());
    CHECK(p1.pagination.next_page_cursor->starts_with("WyIy"));
    CHECK(p1.pagination.next_page_url.has_value());

    auto p2 = decode_ok<ca::list_response>(read_data("list_lab_page2.json"));
    CHECK(p2.connected_accounts.size() == 1);
    CHECK_FALSE(p2.pagination.has_next_page);
    CHECK(p2.pagination.next_page_cursor.is_null());
    CHECK(p2.pagination.next_page_url.is_null());
    CHECK(json_equal(json::encode(p2.pagination), R"({"has_next_page":false,"next_page_cursor":null,"next_page_url":null})"));
}

TEST_CASE("a complete connected account round-trips JSON-equal, every variant included")
{
    auto a = decode_ok<seam::connected_account>(complete_account);
    REQUIRE(a.errors.size() == 3);
    CHECK(a.errors[0].holds<seam::connected_account_error_account_disconnected>());
    CHECK(a.errors[1].holds<seam::connected_account_error_bridge_disconnected>());
    auto const* limit = a.errors[2].get_if<seam::connected_account_error_salto_ks_subscription_limit_exceeded>();
    REQUIRE(limit);
    REQUIRE(limit->salto_ks_metadata.sites);
    REQUIRE(limit->salto_ks_metadata.sites->size() == 1);
    CHECK((*limit->salto_ks_metadata.sites)[0] ==
          seam::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site{.site_id = "s1", .site_name = "HQ", .site_user_subscription_limit = 100, .subscribed_site_user_count = 100});
    CHECK(limit->is_connected_account_error == true);
    CHECK_FALSE(limit->is_bridge_error);

    REQUIRE(a.warnings.size() == 4);
    CHECK(a.warnings[0].holds<seam::connected_account_warning_scheduled_maintenance_window>());
    CHECK(a.warnings[1].holds<seam::connected_account_warning_unknown_issue_with_connected_account>());
    auto const* almost = a.warnings[2].get_if<seam::connected_account_warning_salto_ks_subscription_limit_almost_reached>();
    REQUIRE(almost);
    CHECK((*almost->salto_ks_metadata.sites)[0].subscribed_site_user_count == 41);
    CHECK(a.warnings[3].holds<seam::connected_account_warning_account_reauthorization_requested>());

    CHECK(a.accepted_capabilities ==
          std::vector<json::open_enum<seam::connected_account_accepted_capability>>{seam::connected_account_accepted_capability::lock, seam::connected_account_accepted_capability::thermostat,
                                                         seam::connected_account_accepted_capability::noise_sensor, seam::connected_account_accepted_capability::access_control});
    CHECK(json_equal(json::encode(a), complete_account));

    // decode(encode(x)) == x as C++ values too.
    CHECK(decode_ok<seam::connected_account>(json::encode(a)) == a);
}

TEST_CASE("round trip of the seed samples is exact, members they leave out stay out")
{
    // errors and warnings (json::defaulted, from scripts/codegen/seam_overrides.json): absent,
    // they decode empty and are left out again.
    std::string sample = read_data("seed_connected_account_object.json");
    sample.insert(sample.find('{') + 1, R"("display_name":"d",)");
    auto const account = decode_ok<seam::connected_account>(sample);
    CHECK(account.display_name == "d");
    CHECK(account.errors.is_present());
    CHECK(json_equal(json::encode(account), sample));

    // The API reference example, envelope and all.
    std::string const example = read_data("seed_get_response_example.json");
    CHECK(json_equal(json::encode(decode_ok<ca::get_response>(example)), example));

    // An account built in code writes every required member.
    seam::connected_account built;
    built.connected_account_id = "x";
    CHECK(json::encode(built).find(R"("display_name":"")") != std::string::npos);
    CHECK(json::encode(built).find(R"("errors":[])") != std::string::npos);
}

TEST_CASE("unknown error and warning codes are kept and re-encoded unchanged")
{
    constexpr std::string_view doc = R"({"connected_account_id":"x","errors":[
        {"message":"new","created_at":"2025-01-01T00:00:00Z","extra":{"nested":[1,2,{"a":null}]},"error_code":"brand_new_error"},
        {"created_at":"2025-01-01T00:00:00Z","message":"m","error_code":"account_disconnected"}],
      "warnings":[{"warning_code":"brand_new_warning","created_at":"2025-01-01T00:00:00Z","message":"w","level":3}],
      "accepted_capabilities":["lock","teleport"],
      "custom_metadata":{"s":"x","b":false,"n":-1.5e3,"z":null,"o":{"deep":["v"]}},
      "account_type_display_name":"A","automatically_manage_new_devices":false,"display_name":"d"})";
    auto a = decode_ok<seam::connected_account>(doc);
    REQUIRE(a.errors.size() == 2);
    CHECK(a.errors[0].is_unrecognised());
    CHECK(a.errors[0].tag() == "brand_new_error");
    CHECK(a.errors[1].holds<seam::connected_account_error_account_disconnected>());
    REQUIRE(a.warnings.size() == 1);
    CHECK(a.warnings[0].is_unrecognised());
    CHECK(a.warnings[0].tag() == "brand_new_warning");
    CHECK(a.accepted_capabilities[1].unknown_value() == "teleport");
    CHECK(a.custom_metadata.find("n")->is_number());
    CHECK(a.custom_metadata.find("o")->is_object());
    CHECK(json_equal(json::encode(a), doc));
}

TEST_CASE("error and warning variants decode wherever the tag stands")
{
    for (auto doc : {R"({"error_code":"bridge_disconnected","created_at":"t","message":"m","is_bridge_error":true})"sv,
                     R"({"created_at":"t","error_code":"bridge_disconnected","message":"m","is_bridge_error":true})"sv,
                     R"({"created_at":"t","message":"m","is_bridge_error":true,"error_code":"bridge_disconnected"})"sv}) {
        CAPTURE(doc);
        auto e = decode_ok<seam::connected_account_error>(doc);
        auto const* b = e.get_if<seam::connected_account_error_bridge_disconnected>();
        REQUIRE(b);
        CHECK(b->is_bridge_error == true);
        CHECK(json_equal(json::encode(e), doc));
    }
    constexpr std::string_view warning = R"({"salto_ks_metadata":{"sites":[]},"created_at":"t","message":"m",
        "warning_code":"salto_ks_subscription_limit_almost_reached"})";
    auto w = decode_ok<seam::connected_account_warning>(warning);
    CHECK(w.holds<seam::connected_account_warning_salto_ks_subscription_limit_almost_reached>());
    CHECK(json_equal(json::encode(w), warning));
}

TEST_CASE("a variant's own members are validated: missing salto_ks_metadata, wrong site count type")
{
    auto missing = json::decode<seam::connected_account_error>(
        R"({"created_at":"t","message":"m","error_code":"salto_ks_subscription_limit_exceeded"})");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == apibind::error_kind::decode);
    CHECK(missing.error().code == apibind::error_code::missing_member);
    CHECK(missing.error().path == "salto_ks_metadata");

    auto wrong = json::decode<ca::get_response>(R"({"connected_account":{"connected_account_id":"x","warnings":[
        {"created_at":"t","message":"m","warning_code":"salto_ks_subscription_limit_almost_reached",
         "salto_ks_metadata":{"sites":[{"site_id":"a","site_name":"b","site_user_subscription_limit":"10","subscribed_site_user_count":1}]}}]}})");
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().code == apibind::error_code::type_mismatch);
    CHECK(wrong.error().path == "connected_account.warnings[0].salto_ks_metadata.sites[0].site_user_subscription_limit");
}

TEST_CASE("decode errors name the path: connected_account.errors[1].created_at")
{
    auto r = json::decode<ca::get_response>(R"({"connected_account":{"connected_account_id":"x","errors":[
        {"created_at":"2025-01-01T00:00:00Z","message":"m","error_code":"account_disconnected"},
        {"message":"m","created_at":1735689600,"error_code":"bridge_disconnected"}]},"ok":true})");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::decode);
    CHECK(r.error().code == apibind::error_code::type_mismatch);
    CHECK(r.error().path == "connected_account.errors[1].created_at");
    CHECK(apibind::to_string(r.error()).find("connected_account.errors[1].created_at") != std::string::npos);
}

TEST_CASE("missing required members are named")
{
    SUBCASE("connected_account_id")
    {
        auto r = json::decode<ca::get_response>(
            R"({"connected_account":{"accepted_capabilities":[],"account_type_display_name":"A","automatically_manage_new_devices":true,"display_name":"d"},"ok":true})");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == apibind::error_code::missing_member);
        CHECK(r.error().path == "connected_account.connected_account_id");
        CHECK(r.error().message.find("connected_account_id") != std::string::npos);
    }
    SUBCASE("the envelope's connected_account")
    {
        auto r = json::decode<ca::update_response>(R"({"ok":true})");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().path == "connected_account");
    }
    SUBCASE("a list without pagination")
    {
        auto r = json::decode<ca::list_response>(R"({"connected_accounts":[],"ok":true})");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().path == "pagination");
    }
    SUBCASE("an error variant's message")
    {
        auto r = json::decode<seam::connected_account>(
            R"({"connected_account_id":"x","errors":[{"created_at":"t","error_code":"account_disconnected"}]})");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().path == "errors[0].message");
    }
    SUBCASE("an event's workspace_id")
    {
        auto r = json::decode<seam::event>(R"({"event_type":"connected_account.deleted","event_id":"e",
            "connected_account_id":"c","created_at":"t","occurred_at":"t"})");
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().path == "workspace_id");
    }
}

TEST_CASE("empty responses decode Seam's {\"ok\":true} (and an empty object)")
{
    decode_ok<ca::sync_response>(R"({"ok":true})");
    decode_ok<ca::delete_response>(R"({"ok":true})");
    decode_ok<ca::delete_response>("{}");
    decode_ok<ca::simulate::disconnect_response>(R"({"ok":true,"action_attempt":null})");
    CHECK(json::encode(ca::sync_response{}) == "{}");
}

TEST_CASE("request bodies: null metadata values, page_cursor absent / null / set")
{
    // Generated structs declare members in the spec's order (alphabetical for Seam).
    ca::update_request u{.accepted_capabilities = std::vector<json::open_enum<seam::connect_webview_accepted_capability>>{seam::connect_webview_accepted_capability::lock},
                         .automatically_manage_new_devices = false,
                         .connected_account_id = "lab_ca_1",
                         .custom_metadata = json::record<json::any_value>{{"floor", "4"}, {"vip", true}, {"gone", json::null}},
                         .customer_key = {}};
    CHECK(json::encode(u) ==
          R"({"accepted_capabilities":["lock"],"automatically_manage_new_devices":false,"connected_account_id":"lab_ca_1",)"
          R"("custom_metadata":{"floor":"4","vip":true,"gone":null}})");

    ca::list_request l{.limit = 3};
    CHECK(json::encode(l) == R"({"limit":3})");
    l.page_cursor = json::null;
    CHECK(json::encode(l) == R"({"limit":3,"page_cursor":null})");
    l.page_cursor = "abc";
    CHECK(json::encode(l) == R"({"limit":3,"page_cursor":"abc"})");
    CHECK(json::encode(ca::get_request{.email = "jane@example.com"}) == R"({"email":"jane@example.com"})");
}

TEST_CASE("every connected_account.* event type decodes and round-trips")
{
    constexpr std::string_view common = R"("connected_account_id":"ca_1","created_at":"2025-01-01T00:00:00.000Z",)"
                                        R"("event_id":"ev_1","occurred_at":"2025-01-01T00:00:00.000Z","workspace_id":"ws_1")";
    auto const make = [&](std::string_view type, std::string_view extra) {
        std::string s = "{";
        s += extra;
        s += common;
        s += R"(,"event_type":")";
        s += type;
        s += "\"}";
        return s;
    };
    std::vector<std::pair<std::string, std::size_t>> samples = {  // document, index of the expected alternative
        {make("connected_account.connected",
              R"("connect_webview_id":"cw_1","connected_account_custom_metadata":{"a":"b","c":true},"customer_key":"k",)"),
         0},
        {make("connected_account.connected", ""), 0},
        {make("connected_account.created", R"("connect_webview_id":"cw_1",)"), 1},
        {make("connected_account.successful_login", R"("connect_webview_id":"cw_1",)"), 2},
        {make("connected_account.disconnected",
              R"("connected_account_errors":[{"created_at":"t","message":"m","error_code":"account_disconnected"},)"
              R"({"created_at":"t","message":"m","error_code":"future_error"}],"connected_account_warnings":[],)"),
         3},
        {make("connected_account.completed_first_sync", ""), 4},
        {make("connected_account.deleted", R"("connected_account_type":"august","customer_key":"k",)"), 5},
        {make("connected_account.completed_first_sync_after_reconnection", R"("connected_account_custom_metadata":{},)"), 6},
        {make("connected_account.reauthorization_requested", R"("connected_account_errors":[],"connected_account_warnings":[],)"), 7},
    };
    for (auto const& sample : samples) {
        std::string const& doc = sample.first;  // not a structured binding: CAPTURE's lambda captures it
        std::size_t const index = sample.second;
        CAPTURE(doc);
        auto e = decode_ok<seam::event>(doc);
        (void)index;
        CHECK(e.tag() == std::string_view(boost::json::parse(doc).at("event_type").as_string()));
        CHECK_FALSE(e.is_unrecognised());
        CHECK(json_equal(json::encode(e), doc));
    }

    auto d = decode_ok<seam::event>(samples[4].first);
    auto const* disconnected = d.get_if<seam::events::connected_account_disconnected>();
    REQUIRE(disconnected);
    REQUIRE(disconnected->connected_account_errors.size() == 2);
    // The spec gives an event's connected_account_errors as plain {created_at, message, error_code}.
    CHECK(disconnected->connected_account_errors[0].error_code == "account_disconnected");
    CHECK(disconnected->connected_account_errors[1].error_code == "future_error");

    auto del = decode_ok<seam::event>(samples[6].first);
    CHECK(del.get_if<seam::events::connected_account_deleted>()->connected_account_type == "august");
}

TEST_CASE("events: the seed's disconnected event (no connected_account_errors) and unknown event types")
{
    // The seed's sample leaves out connected_account_errors, which the spec requires: named.
    auto d = json::decode<seam::event>(R"({"connected_account_id":"c","created_at":"t","event_id":"e",
        "event_type":"connected_account.disconnected","occurred_at":"t","workspace_id":"w"})");
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().code == apibind::error_code::missing_member);

    constexpr std::string_view other = R"({"event_id":"e","event_type":"device.teleported","device_id":"d1",
        "created_at":"t","occurred_at":"t","workspace_id":"w","nested":{"list":[true,null,1.25]}})";
    auto u = decode_ok<seam::event>(other);
    CHECK(u.is_unrecognised());
    CHECK(u.tag() == "device.teleported");
    CHECK(json_equal(json::encode(u), other));

    // A list of mixed events, as /events/list returns them.
    // Appended, not operator+ on temporaries: GCC 12 reports a false -Warray-bounds on those (PR 105651).
    std::string list = "[";
    list += other;
    list += R"(,{"event_type":"connected_account.created","connect_webview_id":"cw","connected_account_id":"c",)"
            R"("created_at":"t","event_id":"e2","occurred_at":"t","workspace_id":"w"}])";
    auto many = decode_ok<std::vector<seam::event>>(list);
    REQUIRE(many.size() == 2);
    CHECK(many[0].is_unrecognised());
    CHECK(many[1].holds<seam::events::connected_account_created>());
}

TEST_CASE("capabilities: known, unknown, and a closed check")
{
    auto caps = decode_ok<std::vector<json::open_enum<seam::connected_account_accepted_capability>>>(R"(["noise_sensor","access_control","access_code"])");
    CHECK(caps[0] == seam::connected_account_accepted_capability::noise_sensor);
    CHECK(caps[1] == seam::connected_account_accepted_capability::access_control);
    CHECK_FALSE(caps[2].is_known());
    CHECK(json::encode(caps) == R"(["noise_sensor","access_control","access_code"])");
}

TEST_SUITE_END();
