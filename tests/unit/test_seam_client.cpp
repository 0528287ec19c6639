// The Seam facade over apibind::testing::mock_transport: exact wire bytes, credentials refused
// before sending, Seam's error bodies, retries per endpoint, pagination, the async forms.
#include <apibind/seam.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <doctest/doctest.h>

#include "support/test_data.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace seam = apibind::seam;
namespace ca = apibind::seam::connected_accounts;
namespace json = apibind::json;
using apibind::testing::mock_transport;
using namespace std::string_view_literals;
using namespace std::chrono_literals;
using header_list = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view test_key = "seam_testkey_0123456789";
constexpr std::string_view base = "https://connect.getseam.com";

using mock_client = seam::client<mock_transport&>;

seam::options key_options(std::string_view key = test_key)
{
    return {.credentials = seam::api_key{std::string(key)}};
}

header_list headers_of(apibind::http_request const& r)
{
    header_list out;
    for (auto const& h : r.headers) out.emplace_back(h.name, h.value);
    return out;
}

std::vector<apibind::http_header> seam_headers(std::string request_id = "request1")
{
    return {{"content-type", "application/json; charset=utf-8"}, {"seam-request-id", std::move(request_id)}};
}

std::string read_data(std::string const& name) { return apibind_test::read_test_data("seam/" + name); }

std::string account_body(std::string_view id)
{
    return R"({"connected_account":{"connected_account_id":")" + std::string(id) +
           R"(","display_name":"d","account_type_display_name":"A","automatically_manage_new_devices":true,)"
           R"("custom_metadata":{},"accepted_capabilities":["lock"]},"ok":true})";
}

std::string page_body(std::vector<std::string> const& ids, std::optional<std::string> next_cursor)
{
    std::string s = R"({"connected_accounts":[)";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i) s += ',';
        s += R"({"connected_account_id":")" + ids[i] + R"(","display_name":")" + ids[i] +
             R"(","account_type_display_name":"A","automatically_manage_new_devices":true,"custom_metadata":{},"accepted_capabilities":[]})";
    }
    s += R"(],"pagination":{"has_next_page":)";
    if (next_cursor)
        s += R"(true,"next_page_cursor":")" + *next_cursor + R"(","next_page_url":"https://x/connected_accounts/list?next_page_cursor=)" + *next_cursor + "\"}";
    else
        s += R"(false,"next_page_cursor":null,"next_page_url":null})";
    s += R"(,"ok":true})";
    return s;
}

header_list expected_headers(bool body = true)
{
    header_list h{{"accept", "application/json"}};
    if (body) h.emplace_back("content-type", "application/json");
    h.emplace_back("authorization", "Bearer " + std::string(test_key));
    h.emplace_back("seam-sdk-name", "apibind");
    h.emplace_back("seam-sdk-version", APIBIND_VERSION_STRING);
    return h;
}

// Records the waits a sync client asks for, instead of sleeping.
struct sleep_recorder {
    std::shared_ptr<std::vector<std::chrono::milliseconds>> waits = std::make_shared<std::vector<std::chrono::milliseconds>>();
    void install(mock_client& c)
    {
        c.set_sleep([w = waits](std::chrono::milliseconds d) { w->push_back(d); });
    }
};

// Transports that model only one of the two concepts: the facade offers only the matching forms.
struct sync_only_transport {
    mock_transport* mock;
    apibind::result<apibind::http_response> send(apibind::http_request const& r) { return mock->send(r); }
};
struct async_only_transport {
    mock_transport* mock;
    void async_send(apibind::http_request r, apibind::response_handler h) { mock->async_send(std::move(r), std::move(h)); }
};
struct account_handler {
    void operator()(apibind::result<seam::connected_account>) const {}
};
template <class C>
concept has_sync_get = requires(C& c) { c.connected_accounts.get(ca::get_request{}); };
template <class C>
concept has_async_get = requires(C& c) { c.connected_accounts.get(ca::get_request{}, account_handler{}); };
template <class C>
concept has_paginate = requires(C& c) { c.connected_accounts.list.pages(); };
template <class C>
concept has_call = requires(C& c) { c.template call<ca::sync>(ca::sync_request{}); };

static_assert(has_sync_get<seam::client<sync_only_transport>> && !has_async_get<seam::client<sync_only_transport>>);
static_assert(has_paginate<seam::client<sync_only_transport>> && has_call<seam::client<sync_only_transport>>);
static_assert(!has_sync_get<seam::client<async_only_transport>> && has_async_get<seam::client<async_only_transport>>);
static_assert(!has_paginate<seam::client<async_only_transport>> && !has_call<seam::client<async_only_transport>>);
static_assert(has_sync_get<mock_client> && has_async_get<mock_client>);

// The paginator and its item view are C++20 input ranges.
using list_paginator = apibind::paginator<mock_client::core_type, ca::list>;
static_assert(std::ranges::input_range<list_paginator>);
static_assert(std::ranges::input_range<list_paginator::item_range>);
static_assert(std::input_iterator<list_paginator::iterator>);
static_assert(std::is_same_v<std::ranges::range_reference_t<list_paginator::item_range>, apibind::result<seam::connected_account>&>);
// Paginated endpoints get page/pages/items/all; the others do not.
template <class V>
concept has_pages = requires(V& v) { v.pages(); };
static_assert(has_pages<decltype(std::declval<mock_client&>().connected_accounts.list)>);
static_assert(!has_pages<decltype(std::declval<mock_client&>().connected_accounts.get)>);

}  // namespace

TEST_SUITE_BEGIN("seam client");

TEST_CASE("wire bytes: every connected_accounts endpoint is a POST with a JSON body and the same headers")
{
    mock_transport t;
    mock_client seam(t, key_options());
    REQUIRE(seam.status().has_value());

    SUBCASE("get")
    {
        t.push(200, account_body("ca_1"), seam_headers());
        auto a = seam.connected_accounts.get({.connected_account_id = "ca_1"});
        REQUIRE(a.has_value());
        CHECK(a->connected_account_id == "ca_1");
        auto r = t.last_request();
        CHECK(r.method == "POST");
        CHECK(r.url == std::string(base) + "/connected_accounts/get");
        CHECK(headers_of(r) == expected_headers());
        CHECK(r.body == R"({"connected_account_id":"ca_1"})");
    }
    SUBCASE("get by email")
    {
        t.push(200, account_body("ca_2"), seam_headers());
        REQUIRE(seam.connected_accounts.get({.email = "jane@example.com"}).has_value());
        CHECK(t.last_request().body == R"({"email":"jane@example.com"})");
    }
    SUBCASE("get by neither or by both: refused before sending, naming the forms, sync and async")
    {
        std::string const forms = "connected_accounts/get: give exactly one of: connected_account_id | email";
        auto neither = seam.connected_accounts.get({});
        REQUIRE_FALSE(neither.has_value());
        CHECK(neither.error().kind == apibind::error_kind::invalid_argument);
        CHECK(neither.error().message == forms + " (none given)");
        auto both = seam.connected_accounts.get({.connected_account_id = "ca_1", .email = "jane@example.com"});
        REQUIRE_FALSE(both.has_value());
        CHECK(both.error().message == forms + " (given: connected_account_id, email)");
        CHECK(apibind::to_string(both.error()).find("jane") == std::string::npos);
        std::string async_message;
        seam.connected_accounts.get({}, [&](apibind::result<apibind::seam::connected_account> r) {
            async_message = r ? "sent" : r.error().message;
        });
        CHECK(async_message == forms + " (none given)");
        CHECK(t.request_count() == 0);
        // The other generated oneOf bodies carry their forms too.
        CHECK(seam.access_methods.delete_({.access_grant_id = "g", .reservation_key = "r"}).error().message ==
              "access_methods/delete: give exactly one of: access_method_id | access_grant_id | reservation_key (given: access_grant_id, reservation_key)");
        // Forms chosen by a value (chosen_by<>): set_hvac_mode's "cool" takes no heating set point.
        using mode = apibind::seam::thermostats::set_hvac_mode_request_hvac_mode_setting;
        CHECK(seam.thermostats.set_hvac_mode({.device_id = "d", .hvac_mode_setting = mode::cool, .heating_set_point_celsius = 20}).error().message ==
              R"(thermostats/set_hvac_mode: hvac_mode_setting "cool" takes only: cooling_set_point_celsius, cooling_set_point_fahrenheit (given: heating_set_point_celsius))");
        CHECK(seam.acs.encoders.simulate.next_credential_encode_will_fail({.acs_encoder_id = "e", .acs_credential_id = "c"}).error().message ==
              "acs/encoders/simulate/next_credential_encode_will_fail: without error_code, it takes none of: acs_credential_id (given: acs_credential_id)");
        CHECK(t.request_count() == 0);
        t.push(200, account_body("ca_1"), seam_headers());  // one form: sent
        REQUIRE(seam.connected_accounts.get({.connected_account_id = "ca_1"}).has_value());
        CHECK(t.last_request().body == R"({"connected_account_id":"ca_1"})");
    }
    SUBCASE("list")
    {
        t.push(200, page_body({"a", "b"}, std::nullopt), seam_headers());
        auto all = seam.connected_accounts.list({.custom_metadata_has = apibind::json::record<apibind::json::any_value>{{"tenant", "alpha"}, {"vip", true}},
                                                 .customer_key = "cust",
                                                 .limit = 10,
                                                 .search = "ali",
                                                 .user_identifier_key = "uik"});
        REQUIRE(all.has_value());
        CHECK(all->size() == 2);
        CHECK((*all)[1].connected_account_id == "b");
        auto r = t.last_request();
        CHECK(r.method == "POST");
        CHECK(r.url == std::string(base) + "/connected_accounts/list");
        CHECK(headers_of(r) == expected_headers());
        CHECK(r.body ==
              R"({"custom_metadata_has":{"tenant":"alpha","vip":true},"customer_key":"cust","limit":10,"search":"ali","user_identifier_key":"uik"})");
    }
    SUBCASE("list with no filters sends {}")
    {
        t.push(200, page_body({}, std::nullopt), seam_headers());
        auto all = seam.connected_accounts.list();
        REQUIRE(all.has_value());
        CHECK(all->empty());
        CHECK(t.last_request().body == "{}");
    }
    SUBCASE("sync")
    {
        t.push(200, R"({"ok":true})", seam_headers());
        auto r = seam.connected_accounts.sync({.connected_account_id = "23e4eb21-6e93-48c4-a077-bf503246d47c"});
        CHECK(r.has_value());
        auto req = t.last_request();
        CHECK(req.method == "POST");
        CHECK(req.url == "https://connect.getseam.com/connected_accounts/sync");
        CHECK(headers_of(req) == expected_headers());
        CHECK(req.body == R"({"connected_account_id":"23e4eb21-6e93-48c4-a077-bf503246d47c"})");
    }
    SUBCASE("update")
    {
        t.push(200, account_body("ca_1"), seam_headers());
        auto r = seam.connected_accounts.update({.automatically_manage_new_devices = false,
                                                 .connected_account_id = "ca_1",
                                                 .custom_metadata = apibind::json::record<apibind::json::any_value>{{"note", "x"}, {"gone", json::null}}});
        CHECK(r.has_value());
        auto req = t.last_request();
        CHECK(req.url == std::string(base) + "/connected_accounts/update");
        CHECK(req.method == "POST");
        CHECK(headers_of(req) == expected_headers());
        CHECK(req.body == R"({"automatically_manage_new_devices":false,"connected_account_id":"ca_1","custom_metadata":{"note":"x","gone":null}})");
    }
    SUBCASE("delete_")
    {
        t.push(200, R"({"ok":true})", seam_headers());
        CHECK(seam.connected_accounts.delete_({.connected_account_id = "ca_3"}).has_value());
        auto req = t.last_request();
        CHECK(req.method == "POST");
        CHECK(req.url == std::string(base) + "/connected_accounts/delete");
        CHECK(headers_of(req) == expected_headers());
        CHECK(req.body == R"({"connected_account_id":"ca_3"})");
    }
    SUBCASE("simulate.disconnect")
    {
        t.push(200, R"({"ok":true})", seam_headers());
        CHECK(seam.connected_accounts.simulate.disconnect({.connected_account_id = "ca_3"}).has_value());
        auto req = t.last_request();
        CHECK(req.url == std::string(base) + "/connected_accounts/simulate/disconnect");
        CHECK(headers_of(req) == expected_headers());
        CHECK(req.body == R"({"connected_account_id":"ca_3"})");
    }
    SUBCASE("call<update> keeps the account the facade drops; call_options add headers")
    {
        t.push(200, account_body("ca_1"), seam_headers());
        apibind::call_options opts;
        opts.headers.push_back({"x-trace", "t1"});
        auto full = seam.call<ca::update>({.connected_account_id = "ca_1", .customer_key = "k"}, opts);
        REQUIRE(full.has_value());
        CHECK(full->connected_account.connected_account_id == "ca_1");
        CHECK(t.last_request().header("x-trace") == "t1"sv);
        CHECK(t.last_request().body == R"({"connected_account_id":"ca_1","customer_key":"k"})");
    }
    CHECK(t.request_count() == 1);
}

TEST_CASE("credentials: personal access token and client session token headers; custom endpoint")
{
    mock_transport t;
    SUBCASE("personal access token + workspace")
    {
        mock_client seam(t, {.credentials = seam::personal_access_token{"seam_at1_longtoken", "seed_workspace_1"},
                             .endpoint = "http://127.0.0.1:8787/"});
        t.push(200, page_body({}, std::nullopt), seam_headers());
        REQUIRE(seam.connected_accounts.list().has_value());
        auto r = t.last_request();
        CHECK(r.url == "http://127.0.0.1:8787/connected_accounts/list");
        CHECK(headers_of(r) == header_list{{"accept", "application/json"},
                                           {"content-type", "application/json"},
                                           {"authorization", "Bearer seam_at1_longtoken"},
                                           {"seam-workspace", "seed_workspace_1"},
                                           {"seam-sdk-name", "apibind"},
                                           {"seam-sdk-version", APIBIND_VERSION_STRING}});
    }
    SUBCASE("client session token")
    {
        mock_client seam(t, {.credentials = seam::client_session_token{"seam_cst1_token"}});
        t.push(200, account_body("john"), seam_headers());
        REQUIRE(seam.connected_accounts.get({.connected_account_id = "john"}).has_value());
        CHECK(headers_of(t.last_request()) == header_list{{"accept", "application/json"},
                                                          {"content-type", "application/json"},
                                                          {"authorization", "Bearer seam_cst1_token"},
                                                          {"client-session-token", "seam_cst1_token"},
                                                          {"seam-sdk-name", "apibind"},
                                                          {"seam-sdk-version", APIBIND_VERSION_STRING}});
    }
}

TEST_CASE("bad credentials are refused before anything is sent, without leaking the token")
{
    struct bad_case {
        seam::credentials credentials;
        std::string secret;          // must not appear in the error
        std::string_view expected;   // must appear in the message
    };
    std::vector<bad_case> cases = {
        {seam::api_key{"seam_cst1_SECRETSECRET"}, "seam_cst1_SECRETSECRET", "client session token (seam_cst...) cannot be used as an API key"},
        {seam::api_key{"seam_at1_SECRETSECRET"}, "seam_at1_SECRETSECRET", "personal access token (seam_at...) cannot be used as an API key"},
        {seam::api_key{"seam_pk1_SECRETSECRET"}, "seam_pk1_SECRETSECRET", "publishable key (seam_pk...) cannot be used as an API key"},
        {seam::api_key{"eyJhbGciOiJIUzI1NiJ9.SECRETSECRET"}, "SECRETSECRET", "JWT (ey...) cannot be used as an API key"},
        {seam::api_key{"sk_live_SECRETSECRET"}, "SECRETSECRET", "token of unknown format cannot be used as an API key"},
        {seam::api_key{""}, "", "the token is empty (expected an API key)"},
        {seam::personal_access_token{"seam_at1_SECRETSECRET", ""}, "seam_at1_SECRETSECRET", "needs a workspace id"},
        {seam::personal_access_token{"seam_apikey_SECRETSECRET", "ws"}, "seam_apikey_SECRETSECRET",
         "an API key (seam_...) cannot be used as a personal access token"},
        {seam::client_session_token{"seam_apikey_SECRETSECRET"}, "seam_apikey_SECRETSECRET",
         "an API key (seam_...) cannot be used as a client session token"},
        {seam::credentials{}, "", "none given"},
    };
    for (auto& c : cases) {
        CAPTURE(c.expected);
        mock_transport t;
        t.push(200, account_body("x"), seam_headers());
        mock_client seam(t, {.credentials = c.credentials});
        REQUIRE_FALSE(seam.status().has_value());
        auto r = seam.connected_accounts.get({.connected_account_id = "x"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::invalid_argument);
        CHECK(t.request_count() == 0);
        std::string const text = apibind::to_string(r.error());
        CHECK(text.find(c.expected) != std::string::npos);
        if (!c.secret.empty()) CHECK(text.find(c.secret) == std::string::npos);
        CHECK(text.find("SECRET") == std::string::npos);
        // every endpoint, not just get
        CHECK_FALSE(seam.connected_accounts.sync({.connected_account_id = "x"}).has_value());
        CHECK_FALSE(seam.connected_accounts.delete_({.connected_account_id = "x"}).has_value());
        CHECK(t.request_count() == 0);
    }
}

TEST_CASE("a token with CR/LF is refused before sending and not echoed")
{
    mock_transport t;
    mock_client seam(t, key_options("seam_SECRET\r\nx-injected: 1"));
    auto r = seam.connected_accounts.sync({.connected_account_id = "x"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::invalid_argument);
    CHECK(t.request_count() == 0);
    CHECK(apibind::to_string(r.error()).find("SECRET") == std::string::npos);
}

TEST_CASE("an endpoint that is not an absolute URL is refused")
{
    mock_transport t;
    mock_client seam(t, {.credentials = seam::api_key{std::string(test_key)}, .endpoint = "connect.getseam.com"});
    auto r = seam.connected_accounts.list();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::invalid_argument);
    CHECK(t.request_count() == 0);

    // A URL with user info is refused without repeating it: it would carry the password.
    mock_client with_password(t, {.credentials = seam::api_key{std::string(test_key)}, .endpoint = "https://me:hunter2@connect.getseam.com"});
    auto p = with_password.connected_accounts.list();
    REQUIRE_FALSE(p.has_value());
    CHECK(apibind::to_string(p.error()).find("hunter2") == std::string::npos);
    CHECK(t.request_count() == 0);
}

TEST_CASE("options::from_env with an injected environment")
{
    auto env = [](std::map<std::string, std::string> vars) {
        return [vars = std::move(vars)](char const* name) -> char const* {
            auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        };
    };
    SUBCASE("SEAM_API_KEY, default endpoint")
    {
        auto o = seam::options::from_env(env({{"SEAM_API_KEY", "seam_apikey1_token"}}));
        REQUIRE(o.has_value());
        REQUIRE(std::holds_alternative<seam::api_key>(o->credentials));
        CHECK(std::get<seam::api_key>(o->credentials).token == "seam_apikey1_token");
        CHECK(o->endpoint == "https://connect.getseam.com");
    }
    SUBCASE("personal access token + workspace, SEAM_ENDPOINT wins over SEAM_API_URL")
    {
        auto o = seam::options::from_env(env({{"SEAM_PERSONAL_ACCESS_TOKEN", "seam_at1_longtoken"},
                                              {"SEAM_WORKSPACE_ID", "seed_workspace_1"},
                                              {"SEAM_ENDPOINT", "http://127.0.0.1:1234"},
                                              {"SEAM_API_URL", "http://old"}}));
        REQUIRE(o.has_value());
        auto const& pat = std::get<seam::personal_access_token>(o->credentials);
        CHECK(pat.token == "seam_at1_longtoken");
        CHECK(pat.workspace_id == "seed_workspace_1");
        CHECK(o->endpoint == "http://127.0.0.1:1234");
    }
    SUBCASE("deprecated SEAM_API_URL")
    {
        auto o = seam::options::from_env(env({{"SEAM_API_KEY", "seam_k"}, {"SEAM_API_URL", "http://old"}}));
        REQUIRE(o.has_value());
        CHECK(o->endpoint == "http://old");
    }
    SUBCASE("errors: nothing, both, PAT without workspace, wrong kind; never the token")
    {
        auto none = seam::options::from_env(env({}));
        REQUIRE_FALSE(none.has_value());
        CHECK(none.error().kind == apibind::error_kind::invalid_argument);

        auto both = seam::options::from_env(env({{"SEAM_API_KEY", "seam_k"}, {"SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_x"}}));
        REQUIRE_FALSE(both.has_value());
        CHECK(both.error().message.find("both") != std::string::npos);

        auto no_ws = seam::options::from_env(env({{"SEAM_PERSONAL_ACCESS_TOKEN", "seam_at_SECRET"}}));
        REQUIRE_FALSE(no_ws.has_value());
        CHECK(apibind::to_string(no_ws.error()).find("SECRET") == std::string::npos);

        auto cst = seam::options::from_env(env({{"SEAM_API_KEY", "seam_cst_SECRET"}}));
        REQUIRE_FALSE(cst.has_value());
        CHECK(apibind::to_string(cst.error()).find("SECRET") == std::string::npos);

        auto empty = seam::options::from_env(env({{"SEAM_API_KEY", ""}}));  // empty counts as unset
        REQUIRE_FALSE(empty.has_value());
    }
    SUBCASE("the process environment")
    {
        // Whatever it holds, from_env() must give an answer and never throw.
        auto o = seam::options::from_env();
        (void)o;
    }
}

TEST_CASE("Seam error bodies become API errors with the request id and validation details")
{
    mock_transport t;
    mock_client seam(t, key_options());

    SUBCASE("not found")
    {
        t.push(404, R"({"error":{"type":"connected_account_not_found","message":"Connected account not found"},"ok":false})",
               seam_headers("request22"));
        auto r = seam.connected_accounts.get({.connected_account_id = "nope"});
        REQUIRE_FALSE(r.has_value());
        auto const& e = r.error();
        CHECK(e.kind == apibind::error_kind::api);
        CHECK(e.http_status == 404);
        CHECK(e.api_code == "connected_account_not_found");
        CHECK(e.message == "Connected account not found");
        CHECK(e.request_id == "request22");
        CHECK(e.data.empty());
        CHECK(apibind::to_string(e) == "API error (HTTP 404) connected_account_not_found: Connected account not found (request request22)");
    }
    SUBCASE("data is kept as compact JSON text")
    {
        t.push(404, R"({"error":{"type":"connected_account_not_found","message":"Connected account not found","data":{ "connected_account_id" : "nope" }},"ok":false})",
               seam_headers("request47"));
        auto r = seam.connected_accounts.update({.connected_account_id = "nope"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().data == R"({"connected_account_id":"nope"})");
    }
    SUBCASE("nested validation errors are flattened to dotted fields")
    {
        t.push(400,
               R"({"error":{"type":"invalid_input","message":"Invalid input for \"custom_metadata.a\"","validation_errors":{"_errors":[],"custom_metadata":{"_errors":[],"a":{"_errors":["Expected string, received object","Expected number, received object","Expected null, received object","Expected boolean, received object"]}}}},"ok":false})",
               seam_headers("request40"));
        auto r = seam.connected_accounts.update({.connected_account_id = "lab_ca_1"});
        REQUIRE_FALSE(r.has_value());
        auto const& e = r.error();
        CHECK(e.kind == apibind::error_kind::api);
        CHECK(e.api_code == "invalid_input");
        CHECK(e.http_status == 400);
        REQUIRE(e.validation_errors.size() == 1);
        CHECK(e.validation_errors[0].field == "custom_metadata.a");
        CHECK(e.validation_messages("custom_metadata.a").size() == 4);
        CHECK(e.validation_messages("custom_metadata.a")[0] == "Expected string, received object");
        CHECK(apibind::to_string(e).find("[custom_metadata.a: Expected string, received object;") != std::string::npos);
    }
    SUBCASE("several fields, and form-level messages under the empty field")
    {
        t.push(400, R"({"error":{"type":"invalid_input","message":"Invalid input","validation_errors":{"_errors":["Only one of connected_account_id or email"],"connected_account_id":{"_errors":["Required"]},"email":{"_errors":["Required"]}}},"ok":false})",
               seam_headers("request35"));
        auto r = seam.connected_accounts.get({.connected_account_id = "ca_1"});
        REQUIRE_FALSE(r.has_value());
        auto const& v = r.error().validation_errors;
        REQUIRE(v.size() == 3);
        CHECK(v[0].field == "");
        CHECK(v[1].field == "connected_account_id");
        CHECK(v[2].field == "email");
        CHECK(r.error().validation_messages("email") == std::vector<std::string>{"Required"});
    }
    SUBCASE("oddly shaped validation_errors are skipped, not fatal")
    {
        t.push(400, R"({"error":{"type":"invalid_input","message":"m","validation_errors":{"_errors":"x","a":[1],"b":{"_errors":[1,2]},"c":{"_errors":["ok"]}}},"ok":false})",
               seam_headers());
        auto r = seam.connected_accounts.list({.limit = 0});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::api);
        REQUIRE(r.error().validation_errors.size() == 1);
        CHECK(r.error().validation_errors[0].field == "c");
    }
}

TEST_CASE("every error body recorded from the fake server is read as the SDK reads it")
{
    auto const cases = boost::json::parse(read_data("recorded_error_bodies.json")).as_array();
    REQUIRE(cases.size() >= 25);
    for (auto const& c : cases) {
        CAPTURE(std::string(c.at("title").as_string()));
        apibind::http_response res;
        res.status = static_cast<int>(c.at("status").as_int64());
        res.body = std::string(c.at("body").as_string());
        if (auto ct = c.at("content_type").as_string(); !ct.empty()) res.headers.push_back({"content-type", std::string(ct)});
        if (auto id = c.at("request_id").as_string(); !id.empty()) res.headers.push_back({"seam-request-id", std::string(id)});
        apibind::error e = seam::read_error(res);
        CHECK(e.http_status == res.status);
        CHECK(e.request_id == std::string(c.at("request_id").as_string()));
        boost::system::error_code ec;
        auto parsed = boost::json::parse(res.body, ec);
        if (!ec && parsed.is_object()) {
            CHECK(e.kind == apibind::error_kind::api);
            CHECK(e.api_code == std::string(parsed.at("error").at("type").as_string()));
            CHECK(e.message == std::string(parsed.at("error").at("message").as_string()));
            if (e.api_code == "invalid_input") CHECK_FALSE(e.validation_errors.empty());
        } else {
            CHECK(e.kind == apibind::error_kind::http_status);
            CHECK(e.message == res.body);
        }
    }
}

TEST_CASE("bodies that are not Seam's error format give http_status errors, never decode errors")
{
    mock_transport t;
    mock_client seam(t, key_options());
    auto check = [&](int status, std::string body, std::vector<apibind::http_header> headers, std::string_view message) {
        t.push(status, std::move(body), std::move(headers));
        auto r = seam.connected_accounts.sync({.connected_account_id = "lab_ca_1"});  // POST: never retried on 5xx
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::http_status);
        CHECK(r.error().http_status == status);
        CHECK(r.error().message == message);
        return r.error();
    };
    SUBCASE("the fake's plain-text 404 (sync is not implemented there)")
    {
        auto e = check(404, "404", {}, "404");
        CHECK(e.request_id.empty());
        CHECK(apibind::to_string(e) == "HTTP error 404: 404");
    }
    SUBCASE("Invalid JSON")
    {
        check(400, "Invalid JSON", {}, "Invalid JSON");
    }
    SUBCASE("JSON of another shape keeps the request id")
    {
        auto e = check(500, R"({"message":"boom"})", seam_headers("request9"), R"({"message":"boom"})");
        CHECK(e.request_id == "request9");
    }
    SUBCASE("error object without a message (the SDK requires type and message)")
    {
        check(500, R"({"error":{"type":"x"}})", seam_headers(), R"({"error":{"type":"x"}})");
    }
    SUBCASE("an HTML page from a proxy, even if it looks like JSON")
    {
        check(502, R"({"error":{"type":"x","message":"y"}})", {{"content-type", "text/html"}}, R"({"error":{"type":"x","message":"y"}})");
    }
    SUBCASE("empty body")
    {
        check(403, "", {}, "empty body");
    }
}

TEST_CASE("a 2xx body that does not match the model is a decode error with the request id")
{
    mock_transport t;
    mock_client seam(t, key_options());
    t.push(200, R"({"connected_account":{"connected_account_id":7},"ok":true})", seam_headers("request5"));
    auto r = seam.connected_accounts.get({.connected_account_id = "x"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::decode);
    CHECK(r.error().path == "connected_account.connected_account_id");
    CHECK(r.error().request_id == "request5");
    CHECK(r.error().http_status == 200);
}

TEST_CASE("retries follow each endpoint's safety")
{
    mock_transport t;
    mock_client seam(t, key_options());
    sleep_recorder sleeps;
    sleeps.install(seam);
    auto const unavailable = [&] { t.push(503, R"({"error":{"type":"service_unavailable","message":"down"},"ok":false})", seam_headers()); };

    SUBCASE("503 on get is retried")
    {
        unavailable();
        unavailable();
        t.push(200, account_body("ca_1"), seam_headers());
        auto r = seam.connected_accounts.get({.connected_account_id = "ca_1"});
        REQUIRE(r.has_value());
        CHECK(t.request_count() == 3);
        REQUIRE(sleeps.waits->size() == 2);
        CHECK((*sleeps.waits)[0] >= 100ms);
        CHECK((*sleeps.waits)[1] >= 200ms);
        // the retried requests are identical
        auto reqs = t.requests();
        CHECK(reqs[0].body == reqs[2].body);
        CHECK(headers_of(reqs[0]) == headers_of(reqs[2]));
    }
    SUBCASE("503 three times on get: the last error is returned")
    {
        unavailable();
        unavailable();
        unavailable();
        auto r = seam.connected_accounts.get({.connected_account_id = "ca_1"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == 503);
        CHECK(r.error().api_code == "service_unavailable");
        CHECK(t.request_count() == 3);
    }
    // retry_safe comes from the route's semantic method: get and list are GETs, update a PATCH;
    // sync is a POST and delete a DELETE.
    SUBCASE("503 on list and update is retried")
    {
        unavailable();
        t.push(200, page_body({"a"}, std::nullopt), seam_headers());
        CHECK(seam.connected_accounts.list().has_value());
        unavailable();
        t.push(200, account_body("a"), seam_headers());
        CHECK(seam.connected_accounts.update({.connected_account_id = "a", .customer_key = "k"}).has_value());
        CHECK(t.request_count() == 4);
    }
    SUBCASE("503 on sync and delete_ is not retried")
    {
        unavailable();
        auto synced = seam.connected_accounts.sync({.connected_account_id = "a"});
        REQUIRE_FALSE(synced.has_value());
        CHECK(synced.error().http_status == 503);
        unavailable();
        t.push(200, R"({"ok":true})", seam_headers());
        auto r = seam.connected_accounts.delete_({.connected_account_id = "ca_3"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == 503);
        CHECK(t.request_count() == 2);
        CHECK(sleeps.waits->empty());
    }
    SUBCASE("503 on simulate.disconnect is not retried")
    {
        unavailable();
        CHECK_FALSE(seam.connected_accounts.simulate.disconnect({.connected_account_id = "ca_3"}).has_value());
        CHECK(t.request_count() == 1);
    }
    SUBCASE("a reset connection on sync is not retried, on get it is")
    {
        t.push_error(apibind::make_error(apibind::error_kind::transport, apibind::error_code::connection_reset, "reset"));
        auto d = seam.connected_accounts.sync({.connected_account_id = "ca_3"});
        REQUIRE_FALSE(d.has_value());
        CHECK(d.error().code == apibind::error_code::connection_reset);
        CHECK(t.request_count() == 1);
        t.push_error(apibind::make_error(apibind::error_kind::transport, apibind::error_code::connection_reset, "reset"));
        t.push(200, account_body("a"), seam_headers());
        CHECK(seam.connected_accounts.get({.connected_account_id = "a"}).has_value());
        CHECK(t.request_count() == 3);
    }
    SUBCASE("429 on delete_ is retried after Retry-After")
    {
        auto headers = seam_headers();
        headers.push_back({"retry-after", "2"});
        t.push(429, R"({"error":{"type":"rate_limited","message":"slow down"},"ok":false})", headers);
        t.push(200, R"({"ok":true})", seam_headers());
        auto r = seam.connected_accounts.delete_({.connected_account_id = "ca_3"});
        CHECK(r.has_value());
        CHECK(t.request_count() == 2);
        REQUIRE(sleeps.waits->size() == 1);
        CHECK((*sleeps.waits)[0] == 2000ms);
    }
    SUBCASE("a Retry-After longer than the policy allows returns the 429")
    {
        auto headers = seam_headers("request3");
        headers.push_back({"retry-after", "3600"});
        t.push(429, R"({"error":{"type":"rate_limited","message":"slow down"},"ok":false})", headers);
        auto r = seam.connected_accounts.get({.connected_account_id = "a"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == 429);
        CHECK(r.error().request_id == "request3");
        CHECK(t.request_count() == 1);
    }
}

TEST_CASE("the retry policy comes from the options")
{
    mock_transport t;
    seam::options o = key_options();
    o.retry.max_attempts = 1;
    mock_client seam(t, std::move(o));
    t.push(503, "unavailable");
    CHECK_FALSE(seam.connected_accounts.get({.connected_account_id = "a"}).has_value());
    CHECK(t.request_count() == 1);
}

TEST_CASE("pagination: three pages, the cursor sent as page_cursor with the other parameters unchanged")
{
    mock_transport t;
    mock_client seam(t, key_options());
    auto const script = [&] {
        t.push(200, page_body({"p1", "p2"}, "cursor_1"), seam_headers());
        t.push(200, page_body({"p3", "p4"}, "cursor_2"), seam_headers());
        t.push(200, page_body({"p5"}, std::nullopt), seam_headers());
    };
    auto const check_requests = [&] {
        auto reqs = t.requests();
        REQUIRE(reqs.size() == 3);
        CHECK(reqs[0].body == R"({"customer_key":"c","limit":2})");
        CHECK(reqs[1].body == R"({"customer_key":"c","limit":2,"page_cursor":"cursor_1"})");
        CHECK(reqs[2].body == R"({"customer_key":"c","limit":2,"page_cursor":"cursor_2"})");
        for (auto const& r : reqs) CHECK(r.url == std::string(base) + "/connected_accounts/list");
    };
    ca::list_request const req{.customer_key = "c", .limit = 2};

    SUBCASE("range of pages")
    {
        script();
        std::vector<std::size_t> sizes;
        for (auto& page : seam.connected_accounts.list.pages(req)) {
            REQUIRE(page.has_value());
            sizes.push_back(page->connected_accounts.size());
        }
        CHECK(sizes == std::vector<std::size_t>{2, 2, 1});
        check_requests();
    }
    SUBCASE("range of items")
    {
        script();
        std::vector<std::string> ids;
        for (auto& account : seam.connected_accounts.list.items(req)) {
            REQUIRE(account.has_value());
            ids.push_back(account->connected_account_id);
        }
        CHECK(ids == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
        check_requests();
    }
    SUBCASE("all(), on the facade and on a paginator")
    {
        script();
        auto pages = seam.connected_accounts.list.pages(req);
        auto all = pages.all();
        REQUIRE(all.has_value());
        CHECK(all->size() == 5);
        CHECK(all->back().connected_account_id == "p5");
        CHECK(pages.pages_fetched() == 3);
        check_requests();
    }
    SUBCASE("over the core client too")
    {
        script();
        auto all = apibind::paginator<mock_client::core_type, ca::list>(seam.core(), req).all();
        REQUIRE(all.has_value());
        CHECK(all->size() == 5);
        check_requests();
    }
    SUBCASE("a page_cursor set in the first request is replaced, not duplicated")
    {
        script();
        ca::list_request r2 = req;
        r2.page_cursor = json::null;
        auto all = seam.connected_accounts.list.all(r2);
        REQUIRE(all.has_value());
        auto reqs = t.requests();
        CHECK(reqs[0].body == R"({"customer_key":"c","limit":2,"page_cursor":null})");
        CHECK(reqs[1].body == R"({"customer_key":"c","limit":2,"page_cursor":"cursor_1"})");
    }
}

TEST_CASE("pagination: errors are elements that end the range")
{
    mock_transport t;
    mock_client seam(t, key_options());

    SUBCASE("a failing second page")
    {
        t.push(200, page_body({"p1"}, "c1"), seam_headers());
        t.push(400, R"({"error":{"type":"mismatched_page_parameters","message":"When using next_page_cursor, ..."},"ok":false})",
               seam_headers("request44"));
        int pages = 0, errors = 0;
        for (auto& page : seam.connected_accounts.list.pages({.limit = 1})) {
            ++pages;
            if (!page) {
                ++errors;
                CHECK(page.error().api_code == "mismatched_page_parameters");
                CHECK(page.error().request_id == "request44");
            }
        }
        CHECK(pages == 2);
        CHECK(errors == 1);
        CHECK(t.request_count() == 2);
    }
    SUBCASE("items: the error is the last element")
    {
        t.push(200, page_body({"p1", "p2"}, "c1"), seam_headers());
        t.push(503, "down");
        t.push(503, "down");
        t.push(503, "down");
        seam.set_sleep([](std::chrono::milliseconds) {});
        std::vector<std::string> seen;
        for (auto& a : seam.connected_accounts.list.items({.limit = 2}))
            seen.push_back(a ? a->connected_account_id : "error " + std::to_string(a.error().http_status));
        CHECK(seen == std::vector<std::string>{"p1", "p2", "error 503"});
    }
    SUBCASE("all() returns the first error")
    {
        t.push(200, page_body({"p1"}, "c1"), seam_headers());
        t.push(404, "404");
        auto all = seam.connected_accounts.list.all({});
        REQUIRE_FALSE(all.has_value());
        CHECK(all.error().kind == apibind::error_kind::http_status);
    }
    SUBCASE("has_next_page without a cursor ends with an error instead of stopping silently")
    {
        t.push(200, R"({"connected_accounts":[],"pagination":{"has_next_page":true,"next_page_cursor":null,"next_page_url":null},"ok":true})",
               seam_headers());
        auto all = seam.connected_accounts.list.all({});
        REQUIRE_FALSE(all.has_value());
        CHECK(all.error().path == "pagination.next_page_cursor");
        CHECK(t.request_count() == 1);
    }
    SUBCASE("the same cursor twice ends with an error instead of looping")
    {
        t.push(200, page_body({"p1"}, "same"), seam_headers());
        t.push(200, page_body({"p1"}, "same"), seam_headers());
        t.push(200, page_body({"p1"}, "same"), seam_headers());
        auto all = seam.connected_accounts.list.all({});
        REQUIRE_FALSE(all.has_value());
        CHECK(all.error().message.find("looping") != std::string::npos);
        CHECK(t.request_count() == 2);
    }
    SUBCASE("an empty first page")
    {
        t.push(200, page_body({}, std::nullopt), seam_headers());
        int n = 0;
        for (auto& a : seam.connected_accounts.list.items({})) {
            (void)a;
            ++n;
        }
        CHECK(n == 0);
        CHECK(t.request_count() == 1);
    }
    SUBCASE("an empty page in the middle is skipped by items()")
    {
        t.push(200, page_body({"a"}, "c1"), seam_headers());
        t.push(200, page_body({}, "c2"), seam_headers());
        t.push(200, page_body({"b"}, std::nullopt), seam_headers());
        std::vector<std::string> ids;
        for (auto& a : seam.connected_accounts.list.items({})) ids.push_back(a->connected_account_id);
        CHECK(ids == std::vector<std::string>{"a", "b"});
    }
}

TEST_CASE("async facade: trailing handlers, completed by the transport's poll()")
{
    mock_transport t;
    mock_client seam(t, key_options());

    std::optional<apibind::result<seam::connected_account>> got;
    t.push(200, account_body("ca_1"), seam_headers());
    seam.connected_accounts.get({.connected_account_id = "ca_1"}, [&](apibind::result<seam::connected_account> r) { got = std::move(r); });
    CHECK_FALSE(got);  // nothing runs before the tick
    CHECK(t.poll() == 1);
    REQUIRE(got);
    REQUIRE(got->has_value());
    CHECK((*got)->connected_account_id == "ca_1");
    CHECK(t.last_request().body == R"({"connected_account_id":"ca_1"})");
    CHECK(headers_of(t.last_request()) == expected_headers());

    int calls = 0;
    t.push(200, R"({"ok":true})", seam_headers());
    seam.connected_accounts.sync({.connected_account_id = "a"}, [&](apibind::result<void> r) {
        ++calls;
        CHECK(r.has_value());
    });
    t.push(200, account_body("a"), seam_headers());
    seam.connected_accounts.update({.automatically_manage_new_devices = true, .connected_account_id = "a"},
                                   [&](apibind::result<void> r) {
                                       ++calls;
                                       CHECK(r.has_value());
                                   });
    t.push(404, R"({"error":{"type":"connected_account_not_found","message":"Connected account not found"},"ok":false})",
           seam_headers("request9"));
    seam.connected_accounts.delete_({.connected_account_id = "gone"}, [&](apibind::result<void> r) {
        ++calls;
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().api_code == "connected_account_not_found");
        CHECK(r.error().request_id == "request9");
    });
    t.push(200, page_body({"a", "b"}, "c1"), seam_headers());
    seam.connected_accounts.list({.limit = 2}, [&](apibind::result<std::vector<seam::connected_account>> r) {
        ++calls;
        REQUIRE(r.has_value());
        CHECK(r->size() == 2);
    });
    t.push(200, page_body({"a"}, "c9"), seam_headers());
    seam.connected_accounts.list.page({.limit = 1}, [&](apibind::result<ca::list_response> r) {
        ++calls;
        REQUIRE(r.has_value());
        CHECK(r->pagination.next_page_cursor.value() == "c9");
    });
    t.push(200, R"({"ok":true})", seam_headers());
    seam.connected_accounts.simulate.disconnect({.connected_account_id = "a"}, [&](apibind::result<void> r) {
        ++calls;
        CHECK(r.has_value());
    });
    t.push(200, account_body("a"), seam_headers());
    seam.async_call<ca::update>({.connected_account_id = "a"}, [&](apibind::result<ca::update_response> r) {
        ++calls;
        CHECK(r->connected_account.connected_account_id == "a");
    });
    CHECK(calls == 0);
    t.run();
    CHECK(calls == 7);
    CHECK(t.request_count() == 8);
}

TEST_CASE("async facade: refused credentials complete inline, retries wait on the transport's timer")
{
    mock_transport t;
    {
        mock_client bad(t, key_options("seam_cst_SECRET"));
        bool called = false;
        bad.connected_accounts.get({.connected_account_id = "x"}, [&](apibind::result<seam::connected_account> r) {
            called = true;
            CHECK(r.error().kind == apibind::error_kind::invalid_argument);
        });
        CHECK(called);
        CHECK(t.request_count() == 0);
    }
    mock_client seam(t, key_options());
    t.push(503, "down");
    t.push(200, account_body("a"), seam_headers());
    bool ok = false;
    seam.connected_accounts.get({.connected_account_id = "a"}, [&](apibind::result<seam::connected_account> r) { ok = r.has_value(); });
    t.run();
    CHECK(ok);
    CHECK(t.request_count() == 2);
    CHECK(t.waits().size() == 1);

    t.push(503, "down");
    bool failed = false;
    seam.connected_accounts.sync({.connected_account_id = "a"}, [&](apibind::result<void> r) { failed = !r.has_value(); });
    t.run();
    CHECK(failed);
    CHECK(t.request_count() == 3);  // not retried
}

TEST_CASE("async pagination: every page in order, then done")
{
    mock_transport t;
    mock_client seam(t, key_options());
    t.push(200, page_body({"p1", "p2"}, "cursor_1"), seam_headers());
    t.push(200, page_body({"p3", "p4"}, "cursor_2"), seam_headers());
    t.push(200, page_body({"p5"}, std::nullopt), seam_headers());

    std::vector<std::string> ids;
    std::optional<apibind::result<void>> done;
    seam.connected_accounts.list.pages(
        {.limit = 2},
        [&](ca::list_response& page) {
            for (auto& a : page.connected_accounts) ids.push_back(a.connected_account_id);
        },
        [&](apibind::result<void> r) { done = r; });
    t.run();
    REQUIRE(done);
    CHECK(done->has_value());
    CHECK(ids == std::vector<std::string>{"p1", "p2", "p3", "p4", "p5"});
    auto reqs = t.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[1].body == R"({"limit":2,"page_cursor":"cursor_1"})");
    CHECK(reqs[2].body == R"({"limit":2,"page_cursor":"cursor_2"})");

    SUBCASE("stop early")
    {
        t.push(200, page_body({"x"}, "c"), seam_headers());
        int pages = 0;
        bool finished = false;
        seam.connected_accounts.list.pages(
            {},
            [&](ca::list_response&) {
                ++pages;
                return false;
            },
            [&](apibind::result<void> r) { finished = r.has_value(); });
        t.run();
        CHECK(pages == 1);
        CHECK(finished);
        CHECK(t.request_count() == 4);
    }
    SUBCASE("flatten, with an error on the second page")
    {
        t.push(200, page_body({"x"}, "c"), seam_headers());
        t.push(404, "404");
        std::optional<apibind::result<std::vector<seam::connected_account>>> all;
        seam.connected_accounts.list.all({}, [&](apibind::result<std::vector<seam::connected_account>> r) { all = std::move(r); });
        t.run();
        REQUIRE(all);
        REQUIRE_FALSE(all->has_value());
        CHECK(all->error().http_status == 404);
    }
    SUBCASE("flatten")
    {
        t.push(200, page_body({"x"}, "c"), seam_headers());
        t.push(200, page_body({"y"}, std::nullopt), seam_headers());
        std::optional<apibind::result<std::vector<seam::connected_account>>> all;
        seam.connected_accounts.list.all({}, [&](apibind::result<std::vector<seam::connected_account>> r) { all = std::move(r); });
        t.run();
        REQUIRE(all);
        REQUIRE(all->has_value());
        CHECK((*all)->size() == 2);
    }
}

TEST_CASE("the facade moves; its views follow")
{
    mock_transport t;
    auto make = [&] { return mock_client(t, key_options()); };
    mock_client first = make();
    mock_client seam(std::move(first));
    t.push(200, account_body("a"), seam_headers());
    CHECK(seam.connected_accounts.get({.connected_account_id = "a"}).has_value());
    CHECK(&seam.transport() == &t);
    CHECK(seam.policy().options().endpoint == "https://connect.getseam.com");
}

TEST_CASE("sync-only and async-only transports")
{
    mock_transport t;
    seam::client<sync_only_transport> s(sync_only_transport{&t}, key_options());
    t.push(200, R"({"ok":true})", seam_headers());
    CHECK(s.connected_accounts.sync({.connected_account_id = "a"}).has_value());

    seam::client<async_only_transport> a(async_only_transport{&t}, key_options());
    t.push(200, account_body("b"), seam_headers());
    std::string id;
    a.connected_accounts.get({.connected_account_id = "b"}, [&](apibind::result<seam::connected_account> r) { id = r->connected_account_id; });
    t.run();
    CHECK(id == "b");
}

TEST_SUITE_END();
