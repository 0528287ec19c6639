// The Seam facade over real HTTP (Boost.Beast) against the official fake Seam Connect server
// (scripts/fake_seam), and against a scripted loopback server for what the fake lacks (sync):
// connected accounts, pagination, and locks with their action attempts awaited.
//
// Read-only tests share one fake server and read only the paging workspace and the default seed;
// tests that update or delete start a private server.
#include <apibind/seam.hpp>
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
#include <apibind/transport/curl.hpp>
// The sync tests run once per shipped sync transport.
#define APIBIND_SEAM_SYNC_TRANSPORTS apibind::transport::beast_sync_transport, apibind::transport::curl_transport
#else
#define APIBIND_SEAM_SYNC_TRANSPORTS apibind::transport::beast_sync_transport
#endif

#include <support/fake_seam_server.hpp>
#include <support/seam_raw_policy.hpp>
#include <support/loopback_http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/describe/class.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace seam = apibind::seam;
namespace ca = apibind::seam::connected_accounts;
namespace json = apibind::json;
namespace seed = apibind_test::fake_seam_seed;
using apibind::transport::beast_async_transport;
using apibind::transport::beast_sync_transport;
using namespace std::string_view_literals;

template <class T>
seam::client<T> connect(std::string const& url, seam::credentials credentials)
{
    return seam::client<T>(T{}, {.credentials = std::move(credentials), .endpoint = url});
}

template <class T>
seam::client<T> connect(std::string const& url, std::string_view api_key)
{
    return connect<T>(url, seam::api_key{std::string(api_key)});
}

std::string const& shared_url() { return apibind_test::fake_seam_server::shared().url(); }

std::vector<std::string> ids_of(std::vector<seam::connected_account> const& accounts)
{
    std::vector<std::string> ids;
    for (auto const& a : accounts) ids.push_back(a.connected_account_id);
    return ids;
}

std::vector<std::string> const paging_ids = {"page_ca_1", "page_ca_2", "page_ca_3", "page_ca_4",
                                             "page_ca_5", "page_ca_6", "page_ca_7"};

using unchecked_policy = apibind_test::seam_raw_policy;  // for requests the Seam policy refuses to build

}  // namespace

TEST_SUITE_BEGIN("seam fake server");

TEST_CASE_TEMPLATE("get by id and by email", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    auto seam = connect<T>(shared_url(), seed::paging_api_key);

    auto by_id = seam.connected_accounts.get({.connected_account_id = "page_ca_2"});
    REQUIRE_MESSAGE(by_id.has_value(), apibind::to_string(by_id.error()));
    CHECK(by_id->connected_account_id == "page_ca_2");
    CHECK(by_id->display_name == "page2@example.com");
    CHECK(by_id->created_at->text() == "2024-02-01T00:02:00.000Z");
    CHECK(by_id->account_type == "august");
    REQUIRE(by_id->user_identifier);
    CHECK(by_id->user_identifier->email == "page2@example.com");
    REQUIRE(by_id->accepted_capabilities.size() == 1);
    CHECK(by_id->accepted_capabilities[0] == seam::connected_account_accepted_capability::lock);
    CHECK(by_id->errors.empty());  // the fake sends none (and no key at all)

    auto by_email = seam.connected_accounts.get({.email = "page5@example.com"});
    REQUIRE_MESSAGE(by_email.has_value(), apibind::to_string(by_email.error()));
    CHECK(by_email->connected_account_id == "page_ca_5");

    // The whole response, through the descriptor.
    auto full = seam.template call<ca::get>({.connected_account_id = "page_ca_7"});
    REQUIRE(full.has_value());
    CHECK(full->connected_account.display_name == "page7@example.com");
}

TEST_CASE_TEMPLATE("get with a personal access token and with a client session token", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    auto pat = connect<T>(shared_url(), seam::personal_access_token{std::string(seed::personal_access_token), std::string(seed::workspace_id)});
    auto jane = pat.connected_accounts.get({.connected_account_id = std::string(seed::jane_account_id)});
    REQUIRE_MESSAGE(jane.has_value(), apibind::to_string(jane.error()));
    CHECK(jane->user_identifier->email == "jane@example.com");
    CHECK(jane->account_type_display_name == "Unknown");

    auto cst = connect<T>(shared_url(), seam::client_session_token{std::string(seed::client_session_token)});
    auto mine = cst.connected_accounts.list();
    REQUIRE_MESSAGE(mine.has_value(), apibind::to_string(mine.error()));
    CHECK(ids_of(*mine) == std::vector<std::string>{std::string(seed::john_account_id)});
}

TEST_CASE_TEMPLATE("list: 7 accounts in pages of 3, following next_page_cursor", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    auto seam = connect<T>(shared_url(), seed::paging_api_key);

    SUBCASE("pages")
    {
        std::vector<std::vector<std::string>> pages;
        for (auto& page : seam.connected_accounts.list.pages({.limit = 3})) {
            REQUIRE_MESSAGE(page.has_value(), apibind::to_string(page.error()));
            pages.push_back(ids_of(page->connected_accounts));
        }
        CHECK(pages == std::vector<std::vector<std::string>>{
                           {"page_ca_1", "page_ca_2", "page_ca_3"}, {"page_ca_4", "page_ca_5", "page_ca_6"}, {"page_ca_7"}});
    }
    SUBCASE("accounts")
    {
        std::vector<std::string> ids;
        for (auto& a : seam.connected_accounts.list.items({.limit = 3})) {
            REQUIRE_MESSAGE(a.has_value(), apibind::to_string(a.error()));
            ids.push_back(a->connected_account_id);
        }
        CHECK(ids == paging_ids);
    }
    SUBCASE("all(), and one request with the fake's default limit")
    {
        auto pages = seam.connected_accounts.list.pages({.limit = 3});
        auto all = pages.all();
        REQUIRE_MESSAGE(all.has_value(), apibind::to_string(all.error()));
        CHECK(ids_of(*all) == paging_ids);
        CHECK(pages.pages_fetched() == 3);

        auto one = seam.connected_accounts.list();
        REQUIRE(one.has_value());
        CHECK(ids_of(*one) == paging_ids);
    }
    SUBCASE("a page's cursor with other parameters is refused by the server")
    {
        auto first = seam.connected_accounts.list.page({.limit = 3});
        REQUIRE(first.has_value());
        REQUIRE(first->pagination.has_next_page);
        REQUIRE(first->pagination.next_page_cursor.has_value());
        auto mismatched = seam.connected_accounts.list.page({.limit = 2, .page_cursor = *first->pagination.next_page_cursor});
        REQUIRE_FALSE(mismatched.has_value());
        CHECK(mismatched.error().kind == apibind::error_kind::api);
        CHECK(mismatched.error().api_code == "mismatched_page_parameters");
        CHECK(mismatched.error().http_status == 400);
    }
}

TEST_CASE("async facade over beast_async_transport")
{
    boost::asio::io_context io;
    seam::client<beast_async_transport> seam(beast_async_transport(io.get_executor()),
                                              {.credentials = seam::api_key{std::string(seed::paging_api_key)}, .endpoint = shared_url()});
    std::optional<apibind::result<seam::connected_account>> got;
    seam.connected_accounts.get({.connected_account_id = "page_ca_4"}, [&](apibind::result<seam::connected_account> r) { got = std::move(r); });
    std::optional<apibind::result<std::vector<seam::connected_account>>> all;
    seam.connected_accounts.list.all({.limit = 3}, [&](apibind::result<std::vector<seam::connected_account>> r) { all = std::move(r); });
    io.run();
    REQUIRE(got);
    REQUIRE_MESSAGE(got->has_value(), apibind::to_string(got->error()));
    CHECK((*got)->display_name == "page4@example.com");
    REQUIRE(all);
    REQUIRE_MESSAGE(all->has_value(), apibind::to_string(all->error()));
    CHECK(ids_of(**all) == paging_ids);
}

TEST_CASE_TEMPLATE("update, then get shows the changes (private server)", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    apibind_test::fake_seam_server fake;
    auto seam = connect<T>(fake.url(), seed::lab_api_key);

    // Designators follow the members' order, which is the spec's (alphabetical).
    auto updated = seam.connected_accounts.update({.automatically_manage_new_devices = false,
                                                   .connected_account_id = "lab_ca_1",
                                                   .custom_metadata = apibind::json::record<apibind::json::any_value>{{"note", "x"}, {"vip", true}, {"gone", json::null}}});
    REQUIRE_MESSAGE(updated.has_value(), apibind::to_string(updated.error()));

    auto a = seam.connected_accounts.get({.connected_account_id = "lab_ca_1"});
    REQUIRE_MESSAGE(a.has_value(), apibind::to_string(a.error()));
    CHECK_FALSE(a->automatically_manage_new_devices);
    REQUIRE(a->custom_metadata.find("note"));
    CHECK(a->custom_metadata.find("note")->as_string() == "x"sv);
    CHECK(a->custom_metadata.find("vip")->as_bool() == true);
    // The fake merges (the spec says "replaces") and stores null instead of deleting the key.
    CHECK(a->custom_metadata.find("tenant")->as_string() == "alpha"sv);
    REQUIRE(a->custom_metadata.find("gone"));
    CHECK(a->custom_metadata.find("gone")->is_null());

    // call<update> returns the account the facade drops.
    auto full = seam.template call<ca::update>({.automatically_manage_new_devices = true, .connected_account_id = "lab_ca_1"});
    REQUIRE(full.has_value());
    CHECK(full->connected_account.automatically_manage_new_devices);

    auto missing = seam.connected_accounts.update({.connected_account_id = "nope"});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().api_code == "connected_account_not_found");
    CHECK(missing.error().data == R"({"connected_account_id":"nope"})");
}

TEST_CASE_TEMPLATE("delete, then get: connected_account_not_found 404 with a request id (private server)", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    apibind_test::fake_seam_server fake;
    auto seam = connect<T>(fake.url(), seed::lab_api_key);

    auto deleted = seam.connected_accounts.delete_({.connected_account_id = "lab_ca_3"});
    REQUIRE_MESSAGE(deleted.has_value(), apibind::to_string(deleted.error()));

    auto r = seam.connected_accounts.get({.connected_account_id = "lab_ca_3"});
    REQUIRE_FALSE(r.has_value());
    auto const& e = r.error();
    CHECK(e.kind == apibind::error_kind::api);
    CHECK(e.http_status == 404);
    CHECK(e.api_code == "connected_account_not_found");
    CHECK(e.message == "Connected account not found");
    CHECK(e.request_id.starts_with("request"));
    CHECK(apibind::to_string(e).find("(request request") != std::string::npos);

    auto again = seam.connected_accounts.delete_({.connected_account_id = "lab_ca_3"});
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().api_code == "connected_account_not_found");

    auto rest = seam.connected_accounts.list();
    REQUIRE(rest.has_value());
    CHECK(ids_of(*rest) == std::vector<std::string>{"lab_ca_1", "lab_ca_2"});
}

TEST_CASE_TEMPLATE("authentication failures", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    SUBCASE("an unknown API key: unauthorized on list")
    {
        auto seam = connect<T>(shared_url(), "seam_nope_nope");
        auto r = seam.connected_accounts.list();
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::api);
        CHECK(r.error().http_status == 401);
        CHECK(r.error().api_code == "unauthorized");
        CHECK(r.error().message == "API Key not found");
        CHECK_FALSE(r.error().request_id.empty());
        CHECK(apibind::to_string(r.error()).find("seam_nope_nope") == std::string::npos);
    }
    SUBCASE("an unknown API key on get: the fake reports its last auth method's failure")
    {
        auto seam = connect<T>(shared_url(), "seam_nope_nope");
        auto r = seam.connected_accounts.get({.connected_account_id = "page_ca_1"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().http_status == 400);
        CHECK(r.error().api_code == "invalid_client_session_token");
    }
    SUBCASE("a personal access token without a workspace is refused before sending")
    {
        auto seam = connect<T>(shared_url(), seam::personal_access_token{std::string(seed::personal_access_token), ""});
        auto r = seam.connected_accounts.list();
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::invalid_argument);
        CHECK(apibind::to_string(r.error()).find(seed::personal_access_token) == std::string::npos);
    }
    SUBCASE("...and the server would refuse it too")
    {
        apibind::client<T, unchecked_policy> raw(
            T{}, unchecked_policy{shared_url(), {{"authorization", "Bearer " + std::string(seed::personal_access_token)}}});
        auto r = raw.template call<ca::list>({});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == apibind::error_kind::api);
        CHECK(r.error().http_status == 401);
        CHECK(r.error().api_code == "access_token_used_for_api_key");
    }
    SUBCASE("a client session token only sees its own accounts")
    {
        auto seam = connect<T>(shared_url(), seam::client_session_token{std::string(seed::client_session_token)});
        auto all = seam.connected_accounts.list.all({.limit = 1});
        REQUIRE(all.has_value());
        CHECK(all->size() == 1);
    }
}

TEST_CASE_TEMPLATE("invalid input comes back with validation details", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    auto seam = connect<T>(shared_url(), seed::paging_api_key);

    auto zero = seam.connected_accounts.list({.limit = 0});
    REQUIRE_FALSE(zero.has_value());
    CHECK(zero.error().kind == apibind::error_kind::api);
    CHECK(zero.error().http_status == 400);
    CHECK(zero.error().api_code == "invalid_input");
    CHECK(zero.error().validation_messages("limit") == std::vector<std::string>{"Number must be greater than 0"});

    // get's oneOf body: neither form is refused before it is sent (apibind::one_of<>), naming both.
    auto neither = seam.connected_accounts.get({});
    REQUIRE_FALSE(neither.has_value());
    CHECK(neither.error().kind == apibind::error_kind::invalid_argument);
    CHECK(neither.error().message == "connected_accounts/get: give exactly one of: connected_account_id | email (none given)");

    // A nested object as a metadata value (the spec allows strings and booleans): refused, no change made.
    auto nested = seam.connected_accounts.update(
        {.connected_account_id = "page_ca_1",
         .custom_metadata = apibind::json::record<apibind::json::any_value>{{"a", json::any_value::from_json_text(json::value_kind::object, R"({"b":1})")}}});
    REQUIRE_FALSE(nested.has_value());
    CHECK(nested.error().api_code == "invalid_input");
    CHECK(nested.error().validation_messages("custom_metadata.a").size() == 4);

    auto bad_cursor = seam.connected_accounts.list.page({.page_cursor = "notbase64!!"});
    REQUIRE_FALSE(bad_cursor.has_value());
    CHECK(bad_cursor.error().validation_messages("page_cursor") == std::vector<std::string>{"Invalid base64"});
}

TEST_CASE_TEMPLATE("sync and simulate.disconnect: the fake does not implement them (plain-text 404)", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    auto seam = connect<T>(shared_url(), seed::paging_api_key);
    auto r = seam.connected_accounts.sync({.connected_account_id = "page_ca_1"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::http_status);
    CHECK(r.error().http_status == 404);
    CHECK(r.error().message == "404");
    CHECK(r.error().request_id.empty());

    auto d = seam.connected_accounts.simulate.disconnect({.connected_account_id = "page_ca_1"});
    REQUIRE_FALSE(d.has_value());
    CHECK(d.error().kind == apibind::error_kind::http_status);
    CHECK(d.error().http_status == 404);
}

TEST_CASE_TEMPLATE("sync over real HTTP: the bytes on the wire, and {\"ok\":true} accepted", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    apibind_test::loopback_http_server server;
    server.push({200, {{"content-type", "application/json; charset=utf-8"}, {"seam-request-id", "request1"}}, R"({"ok":true})"});
    auto seam = connect<T>(server.url(), "seam_test_key");

    auto r = seam.connected_accounts.sync({.connected_account_id = "23e4eb21-6e93-48c4-a077-bf503246d47c"});
    REQUIRE_MESSAGE(r.has_value(), apibind::to_string(r.error()));

    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    auto const& q = reqs[0];
    CHECK(q.method == "POST");
    CHECK(q.target == "/connected_accounts/sync");
    CHECK(q.header("authorization") == "Bearer seam_test_key");
    CHECK(q.header("content-type") == "application/json");
    CHECK(q.header("accept") == "application/json");
    CHECK(q.header("seam-sdk-name") == "apibind");
    CHECK(q.header("seam-sdk-version") == APIBIND_VERSION_STRING);
    CHECK(q.header("host") == server.url().substr(std::string_view("http://").size()));
    CHECK(q.body == R"({"connected_account_id":"23e4eb21-6e93-48c4-a077-bf503246d47c"})");
    CHECK(q.header("content-length") == std::to_string(q.body.size()));
}

TEST_CASE_TEMPLATE("over real HTTP: a 503 is retried for update (PATCH), not for sync (POST)", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    apibind_test::loopback_http_server server;
    server.push({503, {{"content-type", "application/json"}}, R"({"error":{"type":"unavailable","message":"try again"},"ok":false})"});
    server.push({200, {{"content-type", "application/json"}},
                 R"({"connected_account":{"connected_account_id":"x","display_name":"d","account_type_display_name":"A",)"
                 R"("automatically_manage_new_devices":true,"custom_metadata":{},"accepted_capabilities":[]},"ok":true})"});
    server.push({503, {{"content-type", "application/json"}}, R"({"error":{"type":"unavailable","message":"try again"},"ok":false})"});
    auto seam = connect<T>(server.url(), "seam_test_key");
    seam.set_sleep([](std::chrono::milliseconds) {});
    auto r = seam.connected_accounts.update({.connected_account_id = "x", .customer_key = "k"});
    REQUIRE_MESSAGE(r.has_value(), apibind::to_string(r.error()));
    CHECK(server.request_count() == 2);
    auto s = seam.connected_accounts.sync({.connected_account_id = "x"});
    REQUIRE_FALSE(s.has_value());
    CHECK(s.error().http_status == 503);
    CHECK(server.request_count() == 3);
}

// ---- locks and action attempts ----

namespace {

// The fake's test helper that sets an action attempt's outcome (no auth). Not in Seam's spec.
struct fake_action_attempt_error {
    std::string type{};
    std::string message{};
};
BOOST_DESCRIBE_STRUCT(fake_action_attempt_error, (), (type, message))
struct fake_update_action_attempt_request {
    std::string action_attempt_id{};
    std::string status{};
    std::optional<fake_action_attempt_error> error{};
};
BOOST_DESCRIBE_STRUCT(fake_update_action_attempt_request, (), (action_attempt_id, status, error))
struct fake_update_action_attempt_response {};
BOOST_DESCRIBE_STRUCT(fake_update_action_attempt_response, (), ())
using fake_update_action_attempt =
    apibind::endpoint<"/_fake/update_action_attempt", fake_update_action_attempt_request, fake_update_action_attempt_response>;

std::string attempt_id(seam::action_attempt const& a)
{
    return a.visit([](auto const& alt) -> std::string {
        if constexpr (requires { alt.action_attempt_id; }) return alt.action_attempt_id;
        else return {};
    });
}

}  // namespace

TEST_CASE_TEMPLATE("locks.unlock_door and lock_door, awaited to success (private server)", T, APIBIND_SEAM_SYNC_TRANSPORTS)
{
    apibind_test::fake_seam_server fake;
    auto seam = connect<T>(fake.url(), seed::lab_api_key);

    auto unlocked = seam.locks.unlock_door({.device_id = "lab_dev_1"});
    REQUIRE_MESSAGE(unlocked.has_value(), apibind::to_string(unlocked.error()));
    CHECK(unlocked->template get_if<seam::action_attempts::unlock_door_success>() != nullptr);

    auto locked = seam.locks.lock_door({.device_id = "lab_dev_1"});
    REQUIRE_MESSAGE(locked.has_value(), apibind::to_string(locked.error()));
    CHECK(locked->template get_if<seam::action_attempts::lock_door_success>() != nullptr);

    // Unawaited, the fake answers `pending`; forced to `error`, waiting for it fails with its error.
    auto pending = seam.locks.unlock_door({.device_id = "lab_dev_2"}, {.wait = apibind::no_wait});
    REQUIRE(pending.has_value());
    CHECK(pending->tag_value("status") == "pending"sv);
    std::string const id = attempt_id(*pending);
    REQUIRE_FALSE(id.empty());
    auto forced = seam.template call<fake_update_action_attempt>(
        {.action_attempt_id = id, .status = "error", .error = fake_action_attempt_error{"lock_jammed", "The lock is jammed"}});
    REQUIRE_MESSAGE(forced.has_value(), apibind::to_string(forced.error()));
    auto failed = seam.action_attempts.get({.action_attempt_id = id});
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().kind == apibind::error_kind::action_attempt_failed);
    CHECK(failed.error().api_code == "lock_jammed");
    CHECK(failed.error().message == "The lock is jammed");

    auto missing = seam.locks.unlock_door({.device_id = "no_such_device"});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().api_code == "device_not_found");
}

TEST_CASE("locks.unlock_door awaited over beast_async_transport (private server)")
{
    apibind_test::fake_seam_server fake;
    boost::asio::io_context io;
    seam::client<beast_async_transport> seam(beast_async_transport(io.get_executor()),
                                              {.credentials = seam::api_key{std::string(seed::lab_api_key)}, .endpoint = fake.url()});
    std::optional<apibind::result<seam::action_attempt>> got;
    seam.locks.unlock_door({.device_id = "lab_dev_1"}, [&](apibind::result<seam::action_attempt> r) { got = std::move(r); });
    io.run();
    REQUIRE(got);
    REQUIRE_MESSAGE(got->has_value(), apibind::to_string(got->error()));
    CHECK((*got)->tag_value("status") == "success"sv);
}

TEST_SUITE_END();
