// Descriptors, request building, response reading, retries, and sync/async calls through the
// mock transport.
#include "test_models.hpp"

#include <apibind/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <thread>

namespace json = apibind::json;
using apibind::error_code;
using apibind::error_kind;
using apibind::http_method;

namespace api {

struct item_request {
    std::string user_id{};
    std::optional<std::int32_t> limit{};
    json::nullable<std::string> cursor{};
    std::optional<std::vector<std::string>> tags{};
    std::optional<json::record<json::any_value>> filter{};
    std::string name{};
};
BOOST_DESCRIBE_STRUCT(item_request, (), (user_id, limit, cursor, tags, filter, name))

struct item_record {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item_record, (), (id))

struct item_response {
    item_record item;
};
BOOST_DESCRIBE_STRUCT(item_response, (), (item))

struct empty {};
BOOST_DESCRIBE_STRUCT(empty, (), ())

using create = apibind::endpoint<"/users/{user_id}/items", item_request, item_response, apibind::query<"limit", "cursor">>;
using read = apibind::endpoint<"/users/{user_id}/items", item_request, item_response, apibind::method<http_method::get>, apibind::retry_safe>;
using remove = apibind::endpoint<"/items/remove", item_request, empty, apibind::method<http_method::delete_>>;
using list_all = apibind::endpoint<"/items", empty, std::vector<item_record>, apibind::retry_safe>;

// A cursor-paginated endpoint that is not Seam's: optional cursor, no has_next_page.
struct page_request {
    std::optional<std::int32_t> limit{};
    std::optional<std::string> page_cursor{};
};
BOOST_DESCRIBE_STRUCT(page_request, (), (limit, page_cursor))
struct page_info {
    json::nullable<std::string> next_page_cursor{};
};
BOOST_DESCRIBE_STRUCT(page_info, (), (next_page_cursor))
struct page_response {
    std::vector<item_record> items;
    page_info pagination;
};
BOOST_DESCRIBE_STRUCT(page_response, (), (items, pagination))

using keyed = apibind::endpoint<"/users/{user_id}/items", item_request, item_response, apibind::response_key<"item">>;
using pages = apibind::endpoint<"/items/pages", page_request, page_response, apibind::retry_safe, apibind::response_key<"items">>;

// A request in several forms (OpenAPI's oneOf body): by id, by email, or by org and login together.
struct find_request {
    std::optional<std::string> account_id{};
    std::optional<std::string> email{};
    std::optional<std::string> org{};
    std::optional<std::string> login{};
    std::optional<bool> verbose{};
};
BOOST_DESCRIBE_STRUCT(find_request, (), (account_id, email, org, login, verbose))
using find = apibind::endpoint<"/accounts/find", find_request, item_response, apibind::response_key<"item">,
                               apibind::one_of<apibind::members<"account_id">, apibind::members<"email">, apibind::members<"org", "login">>>;
static_assert(boost::mp11::mp_size<find::request_forms>::value == 3 && boost::mp11::mp_empty<create::request_forms>::value);

// A request whose forms a member's value chooses (OpenAPI oneOf told apart by a value): "off"
// takes no set point, "cool" the cooling one, "heat" or "warm" the heating one; left out, the
// mode is "off".
enum class mode_t { off, cool, heat };
BOOST_DESCRIBE_ENUM(mode_t, off, cool, heat)
struct set_mode_request {
    std::string device_id{};
    std::optional<json::open_enum<mode_t>> mode{};
    std::optional<double> cool_to{};
    std::optional<double> heat_to{};
};
BOOST_DESCRIBE_STRUCT(set_mode_request, (), (device_id, mode, cool_to, heat_to))
using set_mode = apibind::endpoint<"/thermostat/set_mode", set_mode_request, item_response,
                                   apibind::chosen_by<"mode", apibind::form<apibind::values<"off">, apibind::or_absent>,
                                                      apibind::form<apibind::values<"cool">, apibind::members<"cool_to">>,
                                                      apibind::form<apibind::values<"heat", "warm">, apibind::members<"heat_to">>>>;
static_assert(boost::mp11::mp_size<set_mode::request_choice>::value == 1 && boost::mp11::mp_empty<set_mode::request_forms>::value &&
              boost::mp11::mp_empty<find::request_choice>::value);

static_assert(keyed::response_key == "item" && create::response_key.empty());
static_assert(apibind::paginated_endpoint<pages> && apibind::item_paginated_endpoint<pages> && !apibind::paginated_endpoint<keyed>);

static_assert(create::method == http_method::post && !create::retry_safe && create::has_body);
static_assert(read::retry_safe && read::all_in_query && !read::has_body);
static_assert(remove::response_may_be_empty && !create::response_may_be_empty);
static_assert(!list_all::has_body);
static_assert(std::is_same_v<create::request, item_request> && std::is_same_v<create::response, item_response>);

}  // namespace api

namespace {

using mock = apibind::testing::mock_transport;
using client_t = apibind::client<mock&, apibind::basic_policy>;

// What a binding's view looks like: one facade_call per endpoint.
template <class Core>
struct items_api {
    explicit items_api(Core& core) noexcept : keyed(core), remove(core), list_all(core), pages(core) {}
    apibind::facade_call<Core, api::keyed> keyed;
    apibind::facade_call<Core, api::remove> remove;
    apibind::facade_call<Core, api::list_all> list_all;
    apibind::facade_call<Core, api::pages> pages;
};
static_assert(std::is_same_v<apibind::facade_call<client_t, api::keyed>::value_type, api::item_record>);
static_assert(std::is_same_v<apibind::facade_call<client_t, api::remove>::value_type, void>);
static_assert(std::is_same_v<apibind::facade_call<client_t, api::list_all>::value_type, std::vector<api::item_record>>);
static_assert(std::is_same_v<apibind::facade_call<client_t, api::pages>::value_type, std::vector<api::item_record>>);

// A policy whose completion (facade.hpp) confirms every item_record with one more call to keyed;
// Handle: whether its async_complete returns that call's cancel_handle or nothing.
template <bool Handle>
struct confirming_policy : apibind::basic_policy {
    template <class Core>
    auto async_complete(Core& core, api::item_record v, apibind::detail::unique_function<void(apibind::result<api::item_record>)> h,
                        apibind::call_options const&) const
    {
        auto confirm = [&core, id = v.id, h = std::move(h)]() mutable {
            return core.template async_call<api::keyed>({.user_id = id}, [h = std::move(h)](apibind::result<api::item_response> r) mutable {
                h(r ? apibind::result<api::item_record>(r->item) : apibind::result<api::item_record>(r.error()));
            });
        };
        if constexpr (Handle) return confirm();
        else confirm();
    }
};

std::string items_page(std::vector<std::string> const& ids, char const* next)
{
    std::string s = R"({"items":[)";
    for (std::size_t i = 0; i < ids.size(); ++i) s += (i ? "," : "") + (R"({"id":")" + ids[i] + "\"}");
    s += R"(],"pagination":{"next_page_cursor":)";
    s += next ? "\"" + std::string(next) + "\"" : std::string("null");
    return s + "}}";
}

apibind::basic_policy policy(std::string url = "https://api.example.com/v1/")
{
    apibind::basic_policy p;
    p.url = std::move(url);
    p.headers = {{"authorization", "Bearer secret-token-value"}};
    p.retries.jitter = 0;
    return p;
}

}  // namespace

TEST_CASE("requests: path parameters, query members, JSON body, headers")
{
    mock t;
    client_t c(t, policy());
    t.push(200, R"({"item":{"id":"i1"},"ok":true})");
    auto r = c.call<api::create>({.user_id = "u/1 2", .limit = 5, .cursor = json::null, .name = "n\"1"});
    REQUIRE(r);
    CHECK(r->item.id == "i1");
    auto const req = t.last_request();
    CHECK(req.method == "POST");
    CHECK(req.url == "https://api.example.com/v1/users/u%2F1%202/items?limit=5&cursor=");
    CHECK(req.target() == "/v1/users/u%2F1%202/items?limit=5&cursor=");
    CHECK(req.body == R"({"name":"n\"1"})");
    CHECK(req.header("content-type") == "application/json");
    CHECK(req.header("accept") == "application/json");
    CHECK(req.header("Authorization") == "Bearer secret-token-value");
}

TEST_CASE("one_of: exactly one form of the request, checked before anything is sent, sync and async")
{
    mock t;
    client_t c(t, policy());
    std::string const forms = "accounts/find: give exactly one of: account_id | email | org + login";
    auto refused = [&](apibind::result<api::item_response> const& r, std::string const& given) {
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == error_kind::invalid_argument);
        CHECK(r.error().code == error_code::invalid_argument);
        CHECK(r.error().message == forms + " (" + given + ")");
    };
    refused(c.call<api::find>({}), "none given");
    refused(c.call<api::find>({.verbose = true}), "none given");
    refused(c.call<api::find>({.account_id = "a-secret-id", .email = "e@example.com"}), "given: account_id, email");
    refused(c.call<api::find>({.org = "o"}), "given: org");  // half a group
    refused(c.call<api::find>({.email = "e@example.com", .org = "o", .login = "l"}), "given: email, org, login");
    CHECK(t.request_count() == 0);
    // Names only: no value reaches the message.
    CHECK(c.call<api::find>({.account_id = "a-secret-id", .email = "e@x"}).error().message.find("secret") == std::string::npos);

    t.push(200, R"({"item":{"id":"i1"}})");
    REQUIRE(c.call<api::find>({.email = "e@example.com", .verbose = false}).has_value());
    CHECK(t.last_request().body == R"({"email":"e@example.com","verbose":false})");
    t.push(200, R"({"item":{"id":"i2"}})");
    REQUIRE(c.call<api::find>({.org = "o", .login = "l"}).has_value());
    CHECK(t.last_request().body == R"({"org":"o","login":"l"})");
    CHECK(t.request_count() == 2);

    // Async: the handler fails at once, nothing is handed to the transport; the facade too.
    int calls = 0;
    c.async_call<api::find>({}, [&](apibind::result<api::item_response> r) {
        ++calls;
        refused(r, "none given");
    });
    apibind::facade_call<client_t, api::find> find(c);
    find({.account_id = "a", .email = "e"}, [&](apibind::result<api::item_record> r) {
        ++calls;
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message == forms + " (given: account_id, email)");
    });
    CHECK(calls == 2);
    CHECK(t.pending() == 0);
    CHECK(t.request_count() == 2);
    t.push(200, R"({"item":{"id":"i3"}})");
    std::string got;
    find({.account_id = "a"}, [&](apibind::result<api::item_record> r) { got = r ? r->id : "error"; });
    t.run();
    CHECK(got == "i3");
    CHECK(t.last_request().body == R"({"account_id":"a"})");
}

TEST_CASE("chosen_by: the key's value chooses the form; a member another form takes is refused before sending")
{
    mock t;
    client_t c(t, policy());
    auto refused = [&](apibind::result<api::item_response> const& r, std::string const& message) {
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == error_kind::invalid_argument);
        CHECK(r.error().message == message);
        // The same mistake as a validation error of the key's member, without the endpoint's path.
        std::string_view const prefix = "thermostat/set_mode: ";
        REQUIRE(message.starts_with(prefix));
        CHECK(r.error().validation_messages("mode") == std::vector<std::string>{message.substr(prefix.size())});
    };
    using api::mode_t;
    refused(c.call<api::set_mode>({.device_id = "d", .mode = mode_t::off, .cool_to = 20.5}),
            R"(thermostat/set_mode: mode "off" takes none of: cool_to, heat_to (given: cool_to))");
    refused(c.call<api::set_mode>({.device_id = "d", .cool_to = 20.5, .heat_to = 18}),
            "thermostat/set_mode: without mode, it takes none of: cool_to, heat_to (given: cool_to, heat_to)");
    refused(c.call<api::set_mode>({.device_id = "d", .mode = mode_t::cool, .cool_to = 20.5, .heat_to = 18}),
            R"(thermostat/set_mode: mode "cool" takes only: cool_to (given: heat_to))");
    // A second value of a form ("warm", which the enum does not know) chooses it too.
    refused(c.call<api::set_mode>({.device_id = "d", .mode = json::open_enum<mode_t>::from_string("warm"), .cool_to = 20.5}),
            R"(thermostat/set_mode: mode "warm" takes only: heat_to (given: cool_to))");
    CHECK(t.request_count() == 0);

    // Accepted forms are sent as given; a value no form names is the server's to judge.
    std::vector<std::string> sent;
    for (api::set_mode_request const& req : {api::set_mode_request{.device_id = "d"}, api::set_mode_request{.device_id = "d", .mode = mode_t::off},
                                             api::set_mode_request{.device_id = "d", .mode = mode_t::cool, .cool_to = 20.5},
                                             api::set_mode_request{.device_id = "d", .mode = json::open_enum<mode_t>::from_string("warm"), .heat_to = 18},
                                             api::set_mode_request{.device_id = "d", .mode = json::open_enum<mode_t>::from_string("eco"), .cool_to = 24, .heat_to = 18}}) {
        t.push(200, R"({"item":{"id":"i"}})");
        REQUIRE(c.call<api::set_mode>(req).has_value());
        sent.push_back(t.last_request().body);
    }
    CHECK(sent == std::vector<std::string>{R"({"device_id":"d"})", R"({"device_id":"d","mode":"off"})", R"({"device_id":"d","mode":"cool","cool_to":20.5})",
                                          R"({"device_id":"d","mode":"warm","heat_to":18})", R"({"device_id":"d","mode":"eco","cool_to":24,"heat_to":18})"});

    // Async: refused at once, nothing handed to the transport.
    int calls = 0;
    c.async_call<api::set_mode>({.device_id = "d", .mode = mode_t::off, .heat_to = 18}, [&](apibind::result<api::item_response> r) {
        ++calls;
        refused(r, R"(thermostat/set_mode: mode "off" takes none of: cool_to, heat_to (given: heat_to))");
    });
    CHECK(calls == 1);
    CHECK(t.pending() == 0);
    CHECK(apibind::check_request_form<api::set_mode>({.device_id = "d", .mode = mode_t::cool, .cool_to = 1}).has_value());
}

TEST_CASE("GET sends every member in the query string, the SDK's way")
{
    mock t;
    client_t c(t, policy());
    t.push(200, R"({"item":{"id":"i1"}})");
    json::record<json::any_value> filter{{"tenant", "alpha"}, {"vip", true}};
    REQUIRE(c.call<api::read>({.user_id = "u", .tags = std::vector<std::string>{"a", "b c"}, .filter = filter, .name = "x"}));
    auto const req = t.last_request();
    CHECK(req.method == "GET");
    CHECK(req.url == "https://api.example.com/v1/users/u/items?tags=a&tags=b%20c&filter.tenant=alpha&filter.vip=true&name=x");
    CHECK(req.body.empty());
    CHECK(req.header("content-type").empty());
}

TEST_CASE("per-call options add headers and query parameters")
{
    mock t;
    client_t c(t, policy());
    t.push(200, "[]");
    apibind::call_options opts;
    opts.headers.push_back({"x-trace", "t1"});
    opts.query.emplace_back("$select", "name,id");
    auto r = c.call<api::list_all>({}, opts);
    REQUIRE(r);
    CHECK(r->empty());
    CHECK(t.last_request().url == "https://api.example.com/v1/items?%24select=name%2Cid");
    CHECK(t.last_request().header("x-trace") == "t1");
    CHECK(t.last_request().body.empty());
}

TEST_CASE("header values with CR or LF are refused before anything is sent")
{
    mock t;
    auto p = policy();
    p.headers.push_back({"x-evil", "a\r\nx-injected: 1"});
    client_t c(t, p);
    auto r = c.call<api::list_all>({});
    REQUIRE(!r);
    CHECK(r.error().kind == error_kind::invalid_argument);
    CHECK(t.request_count() == 0);
    CHECK(to_string(r.error()).find("x-injected") == std::string::npos);
    CHECK(to_string(r.error()).find("secret-token-value") == std::string::npos);
}

TEST_CASE("responses: empty bodies, top-level arrays, HTTP errors, redirects, decode errors")
{
    mock t;
    client_t c(t, policy());
    t.push(204, "");
    CHECK(c.call<api::remove>({.user_id = "u", .name = "n"}));
    t.push(200, " null ");
    CHECK(c.call<api::remove>({.user_id = "u", .name = "n"}));
    t.push(200, R"({"ok":true})");
    CHECK(c.call<api::remove>({.user_id = "u", .name = "n"}));

    t.push(200, R"([{"id":"a"},{"id":"b"}])");
    auto list = c.call<api::list_all>({});
    REQUIRE(list);
    CHECK(list->size() == 2);

    t.push(404, "Not Found\n<html>...");
    auto not_found = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!not_found);
    CHECK(not_found.error().kind == error_kind::http_status);
    CHECK(not_found.error().http_status == 404);
    CHECK(to_string(not_found.error()) == "HTTP error 404: Not Found");

    t.push(302, "", {{"Location", "https://elsewhere.example/login"}});
    auto redirect = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!redirect);
    CHECK(redirect.error().code == error_code::redirect_not_followed);
    CHECK(t.request_count() == 6);  // not followed

    t.push(302, "", {{"Location", "https://user:pw@elsewhere.example/login?api_key=s3cr3t#frag"}});
    auto leaky = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!leaky);
    CHECK(to_string(leaky.error()) == "HTTP error 302: redirect not followed (to https://elsewhere.example/login)");

    t.push(200, R"({"item":{"id":5}})");
    auto bad = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!bad);
    CHECK(bad.error().kind == error_kind::decode);
    CHECK(bad.error().http_status == 200);
    CHECK(bad.error().path == "item.id");
    CHECK(to_string(bad.error()) == "decode error (HTTP 200) type_mismatch at item.id: expected a string, got a number");

    t.push(200, " \r\n");
    auto empty_body = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!empty_body);
    CHECK(to_string(empty_body.error()) == "decode error (HTTP 200) syntax: empty body");
}

TEST_CASE("retries: safe endpoints retry 5xx and timeouts with bounded exponential backoff")
{
    mock t;
    client_t c(t, policy());
    std::vector<std::chrono::milliseconds> waits;
    c.set_sleep([&](std::chrono::milliseconds d) { waits.push_back(d); });
    t.push(503, "busy");
    t.push_error(apibind::make_error(error_kind::transport, error_code::timed_out, "timed out"));
    t.push(200, R"({"item":{"id":"i"}})");
    REQUIRE(c.call<api::read>({.user_id = "u", .name = "n"}));
    CHECK(t.request_count() == 3);
    CHECK(waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100), std::chrono::milliseconds(200)});

    // Attempts are bounded: the last outcome is returned.
    waits.clear();
    for (int i = 0; i < 3; ++i) t.push(500, "down");
    auto r = c.call<api::read>({.user_id = "u", .name = "n"});
    REQUIRE(!r);
    CHECK(r.error().http_status == 500);
    CHECK(waits.size() == 2);
    // ... and says how many attempts it took, and how long.
    CHECK(r.error().attempts == 3);
    std::string const line = to_string(r.error());
    CHECK(line.starts_with("HTTP error 500: down (after 3 attempts over "));
    CHECK(line.ends_with(" ms)"));

    // A transport error after retries too, timed with the real clock.
    c.set_sleep([](std::chrono::milliseconds) { std::this_thread::sleep_for(std::chrono::milliseconds(30)); });
    for (int i = 0; i < 3; ++i) t.push_error(apibind::make_error(error_kind::transport, error_code::timed_out, "timed out"));
    auto timed_out = c.call<api::read>({.user_id = "u", .name = "n"});
    REQUIRE(!timed_out);
    CHECK(timed_out.error().attempts == 3);
    CHECK(timed_out.error().elapsed >= std::chrono::milliseconds(60));
    CHECK(to_string(timed_out.error()).starts_with("transport error timed_out: timed out (after 3 attempts over "));
}

TEST_CASE("retries: unsafe endpoints are sent once, except after 429 or a refused connection")
{
    mock t;
    client_t c(t, policy());
    std::vector<std::chrono::milliseconds> waits;
    c.set_sleep([&](std::chrono::milliseconds d) { waits.push_back(d); });

    t.push(503, "busy");
    CHECK(!c.call<api::create>({.user_id = "u", .name = "n"}));
    CHECK(t.request_count() == 1);

    t.push_error(apibind::make_error(error_kind::transport, error_code::connection_reset, "reset"));
    CHECK(!c.call<api::create>({.user_id = "u", .name = "n"}));
    CHECK(t.request_count() == 2);

    t.push(429, "slow down", {{"Retry-After", "2"}});
    t.push_error(apibind::make_error(error_kind::transport, error_code::connection_refused, "refused"));
    t.push(200, R"({"item":{"id":"i"}})");
    CHECK(c.call<api::create>({.user_id = "u", .name = "n"}));
    CHECK(t.request_count() == 5);
    CHECK(waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(2000), std::chrono::milliseconds(200)});

    // A Retry-After longer than the policy allows is not waited for.
    waits.clear();
    t.push(429, "later", {{"retry-after", "3600"}});
    auto r = c.call<api::create>({.user_id = "u", .name = "n"});
    REQUIRE(!r);
    CHECK(r.error().http_status == 429);
    CHECK(waits.empty());
}

TEST_CASE("Retry-After: seconds and HTTP dates")
{
    using namespace std::chrono;
    CHECK(apibind::parse_retry_after("120") == milliseconds(120000));
    CHECK(!apibind::parse_retry_after("soon"));
    auto const now = system_clock::time_point(seconds(784111777));  // Sun, 06 Nov 1994 08:49:37 GMT
    CHECK(apibind::parse_retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now) == milliseconds(10000));
    CHECK(apibind::parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now) == milliseconds(0));

    apibind::retry_policy p;
    p.jitter = 0.2;
    apibind::http_response res;
    res.status = 503;
    apibind::result<apibind::http_response> outcome(res);
    CHECK(apibind::retry_delay(p, 1, outcome, 0.0) == milliseconds(100));
    CHECK(apibind::retry_delay(p, 1, outcome, 0.999) == milliseconds(119));
    CHECK(apibind::retry_delay(p, 10, outcome, 0.0) == milliseconds(5000));  // capped
}

TEST_CASE("async calls complete on the transport's tick, retry through its timer, run the handler once")
{
    mock t;
    client_t c(t, policy());
    int calls = 0;
    std::string got;
    t.push(503, "busy", {{"Retry-After", "1"}});
    t.push(200, R"({"item":{"id":"later"}})");
    c.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> r) {
        ++calls;
        got = r ? r->item.id : to_string(r.error());
    });
    CHECK(calls == 0);  // nothing completes inline
    CHECK(t.poll() == 1);  // the 503 arrives, a wait is scheduled
    CHECK(calls == 0);
    CHECK(t.waits() == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000)});
    t.run();
    CHECK(calls == 1);
    CHECK(got == "later");

    // Retried to the end: the error says how many attempts were made.
    for (int i = 0; i < 3; ++i) t.push(503, "busy");
    c.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> r) {
        ++calls;
        got = r ? r->item.id : to_string(r.error());
    });
    t.run();
    CHECK(calls == 2);
    CHECK(got.starts_with("HTTP error 503: busy (after 3 attempts over "));
}

namespace {
// What an observer saw, one line per stage: "retry_scheduled #1 503 100ms".
struct observer_log {
    std::vector<std::string> lines;
    std::vector<apibind::call_event> raw;  // views dangle after the callback: only the scalars are read
    int last_failure_attempts = 0;
    std::string url;
    std::vector<apibind::http_header> headers;

    apibind::call_observer observer()
    {
        return [this](apibind::call_event const& e) {
            std::string line = std::string(to_string(e.stage)) + " #" + std::to_string(e.attempt);
            if (e.status) line += " " + std::to_string(e.status);
            if (e.failure) line += " " + std::string(to_string(e.failure->kind));
            last_failure_attempts = e.failure ? e.failure->attempts : 0;
            if (e.stage == apibind::call_stage::retry_scheduled) line += " " + std::to_string(e.retry_delay.count()) + "ms";
            lines.push_back(line);
            raw.push_back(e);
            url = std::string(e.url);
            headers.assign(e.headers.begin(), e.headers.end());
            CHECK(e.method == "GET");
            CHECK(e.endpoint == "/users/{user_id}/items");
        };
    }
};
}  // namespace

TEST_CASE("observers: each stage of a call, retries with why and how long, redacted requests")
{
    mock t;
    client_t c(t, policy("https://user:pa55@api.example.com/v1/"));
    observer_log log;
    c.set_observer(log.observer());
    c.set_sleep([](std::chrono::milliseconds) {});
    t.push(503, "busy");
    t.push_error(apibind::make_error(error_kind::transport, error_code::timed_out, "timed out"));
    t.push(200, R"({"item":{"id":"i"}})");
    REQUIRE(c.call<api::read>({.user_id = "u", .limit = 5, .name = "n"}, {.headers = {{"seam-client-session-token", "cst_1"}}}));
    CHECK(log.lines == std::vector<std::string>{"sending #1", "received #1 503", "retry_scheduled #1 503 100ms",
                                                "sending #2", "received #2 transport error", "retry_scheduled #2 transport error 200ms",
                                                "sending #3", "received #3 200", "finished #3 200"});
    CHECK(log.last_failure_attempts == 0);
    for (std::size_t i = 1; i < log.raw.size(); ++i) CHECK(log.raw[i].elapsed >= log.raw[i - 1].elapsed);

    // No credential reaches the observer: user info and the query of such a URL go, and the
    // values of headers that may hold one are replaced.
    CHECK(log.url == "https://api.example.com/v1/users/u/items");
    CHECK(t.last_request().url.find("pa55") != std::string::npos);  // the transport still gets it
    for (auto const& h : log.headers) {
        if (h.name == "authorization" || h.name == "seam-client-session-token") CHECK(h.value == apibind::redacted);
        if (h.name == "accept") CHECK(h.value == "application/json");
        CHECK(h.value.find("secret-token-value") == std::string::npos);
        CHECK(h.value.find("cst_1") == std::string::npos);
    }
    CHECK(log.headers.size() == t.last_request().headers.size());

    // A failed call: `finished` carries the call's error, counted attempts included.
    log.lines.clear();
    for (int i = 0; i < 3; ++i) t.push(500, "down");
    REQUIRE(!c.call<api::read>({.user_id = "u", .name = "n"}));
    REQUIRE(log.lines.size() == 9);
    CHECK(log.lines.back() == "finished #3 500 HTTP error");
    CHECK(log.last_failure_attempts == 3);

    // Async: the same stages, on the transport's tick.
    log.lines.clear();
    t.push(503, "busy", {{"Retry-After", "1"}});
    t.push(200, R"({"item":{"id":"later"}})");
    int handled = 0;
    c.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> r) {
        CHECK(r);
        CHECK(log.lines.back().starts_with("finished"));  // the observer hears of it before the handler
        ++handled;
    });
    CHECK(log.lines == std::vector<std::string>{"sending #1"});
    t.run();
    CHECK(handled == 1);
    CHECK(log.lines == std::vector<std::string>{"sending #1", "received #1 503", "retry_scheduled #1 503 1000ms",
                                                "sending #2", "received #2 200", "finished #2 200"});
}

TEST_CASE("observers: what counts as a credential")
{
    for (auto name : {"Authorization", "proxy-authorization", "Cookie", "x-api-key", "SO-AppToken", "seam-publishable-key",
                      "seam-client-session-token", "svix-signature", "X-Secret"})
        CHECK_MESSAGE(apibind::is_sensitive_header(name), name);
    for (auto name : {"accept", "content-type", "seam-workspace", "seam-sdk-version", "user-agent", "retry-after"})
        CHECK_MESSAGE(!apibind::is_sensitive_header(name), name);

    CHECK(apibind::redact_url("https://api.example.com/v1/x?limit=5&api_key=k1&token=t&name=a#frag") ==
          "https://api.example.com/v1/x?limit=5&api_key=<redacted>&token=<redacted>&name=a");
    CHECK(apibind::redact_url("https://u:p@h.example/p?limit=5") == "https://h.example/p");
    CHECK(apibind::redact_url("http://h.example:8080/p@q") == "http://h.example:8080/p@q");  // an @ in the path is not user info
    CHECK(apibind::redact_url("/relative?x=1") == "/relative?x=1");
}

namespace {
// A transport that takes `takes` to answer and honours the request's time limit as the shipped
// ones do (effective_timeout): past it, a timeout error after waiting that long.
struct slow_transport {
    std::chrono::milliseconds takes;
    std::vector<std::chrono::milliseconds> limits;  // each request's timeout

    apibind::result<apibind::http_response> send(apibind::http_request const& req)
    {
        limits.push_back(req.timeout);
        auto const limit = apibind::effective_timeout(req, std::chrono::milliseconds(30'000));
        if (limit < takes) {
            std::this_thread::sleep_for(limit);
            return apibind::make_error(error_kind::transport, error_code::timed_out, "timed out waiting for the response");
        }
        std::this_thread::sleep_for(takes);
        return apibind::http_response{200, {}, R"({"item":{"id":"i"}})"};
    }
};
}  // namespace

TEST_CASE("time limits: per attempt and per call, set on the client and overridden per call")
{
    using std::chrono::milliseconds;
    apibind::http_request limited;
    CHECK(apibind::effective_timeout(limited, milliseconds(30)) == milliseconds(30));
    limited.timeout = milliseconds(5);
    CHECK(apibind::effective_timeout(limited, milliseconds(30)) == milliseconds(5));
    limited.timeout = milliseconds(50);
    CHECK(apibind::effective_timeout(limited, milliseconds(30)) == milliseconds(30));

    slow_transport slow{milliseconds(300), {}};
    apibind::client<slow_transport&, apibind::basic_policy> c(slow, policy());
    c.set_sleep([](milliseconds) {});

    SUBCASE("an attempt past its limit is a timeout that names the limit; a safe endpoint retries it")
    {
        c.set_timeouts({.attempt = milliseconds(40)});
        auto r = c.call<api::read>({.user_id = "u", .name = "n"});
        REQUIRE(!r);
        CHECK(r.error().code == error_code::timed_out);
        CHECK(r.error().attempts == 3);
        CHECK(to_string(r.error()).starts_with("transport error timed_out: attempt 3 passed its limit of 40 ms (timed out waiting for the response) (after 3 attempts over "));
        CHECK(slow.limits == std::vector<milliseconds>(3, milliseconds(40)));
    }
    SUBCASE("the call's deadline bounds the attempt that would outlast it, and is not retried")
    {
        c.set_timeouts({.call = milliseconds(120), .attempt = milliseconds(1000)});
        auto r = c.call<api::read>({.user_id = "u", .name = "n"});
        REQUIRE(!r);
        CHECK(r.error().code == error_code::deadline_exceeded);
        CHECK(r.error().attempts == 1);
        CHECK(r.error().message == "the call's deadline of 120 ms passed during attempt 1 (timed out waiting for the response)");
        REQUIRE(slow.limits.size() == 1);
        CHECK(slow.limits[0] <= milliseconds(120));
        CHECK(slow.limits[0] >= milliseconds(100));
    }
    SUBCASE("per call: other limits, or none")
    {
        c.set_timeouts({.attempt = milliseconds(40)});
        REQUIRE(c.call<api::read>({.user_id = "u", .name = "n"}, {.timeouts = apibind::call_timeouts{}}));
        CHECK(slow.limits == std::vector<milliseconds>{milliseconds(0)});
        REQUIRE(!c.call<api::read>({.user_id = "u", .name = "n"}, {.timeouts = apibind::call_timeouts{.attempt = milliseconds(10)}}));
        CHECK(slow.limits.back() == milliseconds(10));
    }
}

TEST_CASE("time limits: a retry wait that would pass the deadline ends the call, sync and async")
{
    mock t;
    client_t c(t, policy());
    std::vector<std::chrono::milliseconds> waits;
    c.set_sleep([&](std::chrono::milliseconds d) { waits.push_back(d); });
    c.set_timeouts({.call = std::chrono::milliseconds(300)});

    t.push(503, "busy", {{"Retry-After", "1"}});
    auto r = c.call<api::read>({.user_id = "u", .name = "n"});
    REQUIRE(!r);
    CHECK(r.error().code == error_code::deadline_exceeded);
    CHECK(r.error().message == "the call's deadline of 300 ms leaves no time for attempt 2 (last: HTTP 503)");
    CHECK(t.request_count() == 1);
    CHECK(waits.empty());

    // A wait that fits is taken.
    t.push(503, "busy");
    t.push(200, R"({"item":{"id":"i"}})");
    REQUIRE(c.call<api::read>({.user_id = "u", .name = "n"}));
    CHECK(waits == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100)});

    // Async: the same rule, the timer is never started.
    t.push(503, "busy", {{"Retry-After", "1"}});
    std::string got;
    c.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> a) {
        got = a ? std::string("ok") : to_string(a.error());
    });
    t.run();
    CHECK(got == "transport error deadline_exceeded: the call's deadline of 300 ms leaves no time for attempt 2 (last: HTTP 503)");
    CHECK(t.waits() == std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(300)});  // the deadline's own timer only

    // The deadline's timer ends a call the transport has not answered (a request stuck in its
    // queue, say); the answer that comes later is dropped.
    struct stuck_transport {
        std::vector<apibind::response_handler> pending;
        std::vector<apibind::detail::unique_function<void()>> timers;
        void async_send(apibind::http_request, apibind::response_handler h) { pending.push_back(std::move(h)); }
        void async_wait(std::chrono::milliseconds, apibind::detail::unique_function<void()> f) { timers.push_back(std::move(f)); }
    } stuck;
    apibind::client<stuck_transport&, apibind::basic_policy> timed(stuck, policy());
    timed.set_timeouts({.call = std::chrono::milliseconds(50)});
    int handled = 0;
    timed.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> a) {
        ++handled;
        got = a ? std::string("ok") : to_string(a.error());
    });
    REQUIRE(stuck.timers.size() == 1);
    stuck.timers[0]();
    CHECK(handled == 1);
    CHECK(got == "transport error deadline_exceeded: the call's deadline of 50 ms passed while attempt 1 was in flight: the server may have received it");
    stuck.pending[0](apibind::http_response{200, {}, R"({"item":{"id":"late"}})"});
    CHECK(handled == 1);
}

TEST_CASE("cancellation: the handler runs once, at once; a retry wait is cut short; a late answer is dropped")
{
    mock t;
    client_t c(t, policy());
    std::vector<std::string> finished;
    c.set_observer([&](apibind::call_event const& e) {
        if (e.stage == apibind::call_stage::finished) finished.push_back(e.failure ? std::string(to_string(e.failure->code)) : "ok");
    });
    int calls = 0;
    std::string got;
    auto handler = [&](apibind::result<api::item_response> r) {
        ++calls;
        got = r ? std::string("ok") : to_string(r.error());
    };

    // In flight: the answer that comes later is dropped.
    t.push(200, R"({"item":{"id":"i"}})");
    apibind::cancel_handle h = c.async_call<api::read>({.user_id = "u", .name = "n"}, handler);
    // The request tells a transport that queues it whether the call still wants it sent.
    apibind::http_request const handed_over = t.last_request();
    REQUIRE(handed_over.abandoned);
    CHECK(!handed_over.abandoned->load());
    CHECK(h.cancel());
    CHECK(handed_over.abandoned->load());
    CHECK(calls == 1);
    CHECK(got == "transport error cancelled: the call was cancelled while attempt 1 was in flight: the server may have received it");
    CHECK(!h.cancel());
    t.run();
    CHECK(calls == 1);
    CHECK(finished == std::vector<std::string>{"cancelled"});

    // Waiting to retry: the wait is cut short, no other attempt is made.
    t.push(503, "busy", {{"Retry-After", "1"}});
    h = c.async_call<api::read>({.user_id = "u", .name = "n"}, handler);
    CHECK(t.poll() == 1);  // the 503 arrives, the wait is scheduled
    CHECK(h.cancel());
    CHECK(calls == 2);
    CHECK(got == "transport error cancelled: the call was cancelled while waiting to retry after attempt 1");
    std::size_t const sent = t.request_count();
    t.run();  // the timer fires: nothing is sent
    CHECK(t.request_count() == sent);
    CHECK(calls == 2);

    // Ended: nothing to cancel.
    t.push(200, R"({"item":{"id":"i"}})");
    h = c.async_call<api::read>({.user_id = "u", .name = "n"}, handler);
    t.run();
    CHECK(calls == 3);
    CHECK(got == "ok");
    CHECK(!h.cancel());
    CHECK(!apibind::cancel_handle{}.cancel());
    CHECK(finished == std::vector<std::string>{"cancelled", "cancelled", "ok"});
}

TEST_CASE("async calls may complete on another thread")
{
    mock t;
    client_t c(t, policy());
    t.push(200, R"({"item":{"id":"x"}})");
    std::thread::id handler_thread;
    c.async_call<api::read>({.user_id = "u", .name = "n"},
                            [&](apibind::result<api::item_response> r) {
                                REQUIRE(r);
                                handler_thread = std::this_thread::get_id();
                            });
    std::thread worker([&] { t.run(); });
    worker.join();
    CHECK(handler_thread != std::this_thread::get_id());
    CHECK(handler_thread != std::thread::id());
}

TEST_CASE("a request that cannot be built fails the async handler at once")
{
    mock t;
    auto p = policy();
    p.headers.push_back({"bad name", "v"});
    client_t c(t, p);
    bool failed = false;
    c.async_call<api::read>({.user_id = "u", .name = "n"}, [&](apibind::result<api::item_response> r) { failed = !r; });
    CHECK(failed);
    CHECK(t.request_count() == 0);
}

TEST_CASE("error lines are readable and carry what the caller needs")
{
    apibind::error e;
    e.kind = error_kind::api;
    e.http_status = 400;
    e.api_code = "invalid_input";
    e.message = "Invalid input";
    e.request_id = "request7";
    e.validation_errors = {{"limit", {"Number must be greater than 0"}}};
    CHECK(to_string(e) == "API error (HTTP 400) invalid_input: Invalid input [limit: Number must be greater than 0] (request request7)");

    // The kind is not said twice; a retried call says how many attempts, over how long.
    CHECK(to_string(apibind::make_error(error_kind::invalid_argument, error_code::invalid_argument, "bad URL")) ==
          "invalid argument: bad URL");
    apibind::error retried = apibind::make_error(error_kind::transport, error_code::connection_refused, "refused");
    retried.attempts = 3;
    retried.elapsed = std::chrono::milliseconds(1250);
    CHECK(to_string(retried) == "transport error connection_refused: refused (after 3 attempts over 1.3 s)");
    CHECK(to_string(apibind::make_error(error_kind::decode, error_code::syntax, "x")) == "decode error syntax: x");
    CHECK(e.validation_messages("limit").size() == 1);
    CHECK(e.validation_messages("other").empty());
}

TEST_CASE("facade_call: unwraps by response_key, result<void> without one, the whole body for an array")
{
    mock t;
    client_t c(t, policy());
    items_api<client_t> items(c);

    t.push(200, R"({"item":{"id":"i1"},"ok":true})");
    apibind::result<api::item_record> one = items.keyed({.user_id = "u"});
    REQUIRE(one.has_value());
    CHECK(one->id == "i1");
    CHECK(t.last_request().url == "https://api.example.com/v1/users/u/items");

    t.push(204, "");
    apibind::result<void> removed = items.remove({.user_id = "u"});
    CHECK(removed.has_value());

    t.push(200, R"([{"id":"a"},{"id":"b"}])");
    auto all = items.list_all();
    REQUIRE(all.has_value());
    CHECK(all->size() == 2);

    t.push(404, "not here");
    auto missing = items.keyed({.user_id = "u"});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().http_status == 404);

    SUBCASE("the async forms: trailing handler, or the handler alone for a request without members")
    {
        std::vector<std::string> got;
        t.push(200, R"({"item":{"id":"i2"}})");
        items.keyed({.user_id = "u"}, [&](apibind::result<api::item_record> r) { got.push_back(r ? r->id : "error"); });
        t.push(200, R"([{"id":"c"}])");
        items.list_all([&](apibind::result<std::vector<api::item_record>> r) { got.push_back(r ? (*r)[0].id : "error"); });
        t.push(500, "down");
        items.remove({.user_id = "u"}, [&](apibind::result<void> r) { got.push_back(r ? "removed" : "remove failed"); },
                     {.headers = {{"x-trace", "1"}}});
        CHECK(got.empty());
        t.run();
        CHECK(got == std::vector<std::string>{"i2", "c", "remove failed"});
        CHECK(t.last_request().header("x-trace") == "1");
    }
}

TEST_CASE("facade async forms return a cancel_handle for the whole operation")
{
    mock t;
    client_t c(t, policy());
    items_api<client_t> items(c);
    int calls = 0;
    std::string got;
    auto on_item = [&](apibind::result<api::item_record> r) {
        ++calls;
        got = r ? r->id : std::string(to_string(r.error().code));
    };

    SUBCASE("a call: cancelled before its answer, the handler once; after it, no effect")
    {
        t.push(200, R"({"item":{"id":"i1"}})");
        apibind::cancel_handle h = items.keyed({.user_id = "u"}, on_item);
        CHECK(h.cancel());
        CHECK(calls == 1);
        CHECK(got == "cancelled");
        t.run();
        CHECK(calls == 1);
        CHECK_FALSE(h.cancel());

        t.push(200, R"({"item":{"id":"i2"}})");
        h = items.keyed({.user_id = "u"}, on_item);
        t.run();
        CHECK(calls == 2);
        CHECK(got == "i2");
        CHECK_FALSE(h.cancel());
        CHECK(calls == 2);
    }
    SUBCASE("async pages and all: the page in flight, and no cursor followed")
    {
        t.push(200, items_page({"a"}, "c1"));
        t.push(200, items_page({"b"}, "c2"));  // the page in flight when cancelled
        std::vector<std::string> seen;
        std::vector<std::string> done;
        auto on_done = [&](apibind::result<void> r) { done.push_back(r ? "ok" : std::string(to_string(r.error().code))); };
        apibind::cancel_handle h = items.pages.pages({}, [&](api::page_response& p) { seen.push_back(p.items[0].id); }, on_done);
        CHECK(t.poll() == 1);  // page 1 handed over; page 2 in flight
        CHECK(seen == std::vector<std::string>{"a"});
        CHECK(h.cancel());
        CHECK(done == std::vector<std::string>{"cancelled"});
        t.run();
        CHECK(seen == std::vector<std::string>{"a"});
        CHECK(done.size() == 1);
        CHECK(t.request_count() == 2);

        // Cancelled from inside on_page: the cursor is not followed.
        t.push(200, items_page({"d"}, "c1"));
        apibind::cancel_handle h2;
        h2 = items.pages.items({}, [&](api::item_record& i) { seen.push_back(i.id); h2.cancel(); }, on_done);
        t.run();
        CHECK(seen == std::vector<std::string>{"a", "d"});
        CHECK(done == std::vector<std::string>{"cancelled", "cancelled"});
        CHECK(t.request_count() == 3);

        t.push(200, items_page({"e"}, "c1"));
        t.push(200, items_page({"f"}, nullptr));
        std::vector<std::string> all;
        h = items.pages.all({}, [&](apibind::result<std::vector<api::item_record>> r) { all.push_back(r ? std::to_string(r->size()) : std::string(to_string(r.error().code))); });
        t.run();
        CHECK(all == std::vector<std::string>{"2"});
        CHECK_FALSE(h.cancel());
        t.push(200, items_page({"g"}, "c1"));
        h = items.pages.all({}, [&](apibind::result<std::vector<api::item_record>> r) { all.push_back(r ? std::to_string(r->size()) : std::string(to_string(r.error().code))); });
        CHECK(h.cancel());
        t.run();
        CHECK(all == std::vector<std::string>{"2", "cancelled"});
        CHECK(t.request_count() == 6);
    }
}

TEST_CASE_TEMPLATE("facade completion: the handle cancels the call and the completion's calls", P, confirming_policy<true>, confirming_policy<false>)
{
    mock t;
    using core_t = apibind::client<mock&, P>;
    P p;
    p.url = "https://api.example.com";
    core_t c(t, p);
    apibind::facade_call<core_t, api::keyed> keyed(c);
    int calls = 0;
    std::string got;
    auto handler = [&](apibind::result<api::item_record> r) {
        ++calls;
        got = r ? r->id : std::string(to_string(r.error().code));
    };

    // Not cancelled: the call, then the confirming call.
    t.push(200, R"({"item":{"id":"i1"}})");
    t.push(200, R"({"item":{"id":"i1-confirmed"}})");
    apibind::cancel_handle h = keyed({.user_id = "u"}, handler);
    t.run();
    CHECK(calls == 1);
    CHECK(got == "i1-confirmed");
    CHECK_FALSE(h.cancel());
    CHECK(calls == 1);

    // Cancelled during the completion's call: the handler once, with cancelled; its answer dropped.
    t.push(200, R"({"item":{"id":"i2"}})");
    t.push(200, R"({"item":{"id":"i2-confirmed"}})");
    h = keyed({.user_id = "u"}, handler);
    CHECK(t.poll() == 1);  // the first answer: the confirming call is in flight
    CHECK(t.request_count() == 4);
    CHECK(h.cancel());
    CHECK(calls == 2);
    CHECK(got == "cancelled");
    t.run();
    CHECK(calls == 2);
    CHECK(got == "cancelled");
    CHECK_FALSE(h.cancel());
}

TEST_CASE("paginator: any endpoint with page_cursor and pagination.next_page_cursor")
{
    mock t;
    client_t c(t, policy());
    items_api<client_t> items(c);
    auto script = [&] {
        t.push(200, items_page({"a", "b"}, "c1"));
        t.push(200, items_page({"c"}, "c2"));
        t.push(200, items_page({"d"}, nullptr));
    };
    auto check_cursors = [&] {
        auto reqs = t.requests();
        REQUIRE(reqs.size() == 3);
        CHECK(reqs[0].body == R"({"limit":2})");
        CHECK(reqs[1].body == R"({"limit":2,"page_cursor":"c1"})");
        CHECK(reqs[2].body == R"({"limit":2,"page_cursor":"c2"})");
    };

    SUBCASE("pages, then stop at a null cursor")
    {
        script();
        std::vector<std::size_t> sizes;
        for (auto& page : items.pages.pages({.limit = 2})) sizes.push_back(page.value().items.size());
        CHECK(sizes == std::vector<std::size_t>{2, 1, 1});
        check_cursors();
    }
    SUBCASE("items")
    {
        script();
        std::string ids;
        for (auto& item : items.pages.items({.limit = 2})) ids += item.value().id;
        CHECK(ids == "abcd");
        check_cursors();
    }
    SUBCASE("all, and page() for one whole response")
    {
        script();
        auto all = items.pages.all({.limit = 2});
        REQUIRE(all.has_value());
        CHECK(all->size() == 4);
        check_cursors();
        t.push(200, items_page({"x"}, "next"));
        auto first = items.pages.page({.limit = 1});
        REQUIRE(first.has_value());
        CHECK(first->pagination.next_page_cursor.value() == "next");
    }
    SUBCASE("an error mid-way is the last element")
    {
        t.push(200, items_page({"a"}, "c1"));
        t.push(400, "bad cursor");
        std::vector<std::string> seen;
        for (auto& item : items.pages.items({})) seen.push_back(item ? item->id : "error " + std::to_string(item.error().http_status));
        CHECK(seen == std::vector<std::string>{"a", "error 400"});
        t.push(200, items_page({"a"}, "c1"));
        t.push(400, "bad cursor");
        auto all = items.pages.all({});
        REQUIRE_FALSE(all.has_value());
        CHECK(all.error().http_status == 400);
    }
    SUBCASE("async: per page, per item (stopping early), all")
    {
        script();
        std::vector<std::size_t> sizes;
        std::optional<apibind::result<void>> done;
        items.pages.pages({.limit = 2}, [&](api::page_response& p) { sizes.push_back(p.items.size()); },
                          [&](apibind::result<void> r) { done = r; });
        CHECK(t.request_count() == 1);
        t.run();
        REQUIRE(done);
        CHECK(done->has_value());
        CHECK(sizes == std::vector<std::size_t>{2, 1, 1});
        check_cursors();

        t.push(200, items_page({"a", "b"}, "c1"));
        std::string ids;
        done.reset();
        items.pages.items({}, [&](api::item_record& i) { ids += i.id; return i.id != "a"; }, [&](apibind::result<void> r) { done = r; });
        t.run();
        CHECK(ids == "a");
        REQUIRE(done);
        CHECK(done->has_value());
        CHECK(t.request_count() == 4);

        t.push(200, items_page({"a"}, "c1"));
        t.push(200, items_page({"b"}, nullptr));
        std::optional<apibind::result<std::vector<api::item_record>>> all;
        items.pages.all({}, [&](apibind::result<std::vector<api::item_record>> r) { all = std::move(r); });
        t.run();
        REQUIRE(all);
        REQUIRE(all->has_value());
        CHECK((*all)->size() == 2);

        t.push(200, items_page({"a"}, "c1"));
        t.push(503, "down");
        t.push(503, "down");
        t.push(503, "down");
        all.reset();
        items.pages.all({}, [&](apibind::result<std::vector<api::item_record>> r) { all = std::move(r); });
        t.run();
        REQUIRE(all);
        REQUIRE_FALSE(all->has_value());
        CHECK(all->error().http_status == 503);
    }
}
