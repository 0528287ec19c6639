// The SuperOffice binding: the exact bytes it puts on the wire (no SuperOffice server can run
// here) and how it reads the answers, through apibind::testing::mock_transport.
#include <apibind/superoffice.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace so = apibind::superoffice;
using apibind::error_kind;
using apibind::http_header;
using apibind::result;
using apibind::testing::mock_transport;

namespace {

// The seed's sample body, as printed in the documentation.
constexpr std::string_view seed_body = R"({
  "SyncUserAccounts": [
    {
      "AccountId": 257,
      "AssociateName": "Pagac-Mohr",
      "AssociateId": 260
    },
    {
      "AccountId": 257,
      "AssociateName": "Pagac-Mohr",
      "AssociateId": 260
    }
  ]
})";

constexpr std::string_view tenant_url = "https://sod.superoffice.com/Cust12345/api/v1";

so::options seed_config()
{
    return {.base_url = std::string(tenant_url),
            .auth = {.scheme = so::basic{"tje0", "Tje0"}},
            .accept_language = "fr,de,ru,zh"};
}

std::vector<so::sync_user_account> seed_accounts()
{
    return {{.account_id = 257, .associate_name = "Pagac-Mohr", .associate_id = 260},
            {.account_id = 257, .associate_name = "Pagac-Mohr", .associate_id = 260}};
}

// A result's success, logging the error when there is one (apibind::error has no operator<<).
template <class T>
bool ok(result<T> const& r)
{
    if (!r) MESSAGE(to_string(r.error()));
    return r.has_value();
}

bool json_equal(std::string_view a, std::string_view b)
{
    return boost::json::parse(a) == boost::json::parse(b);
}

bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

// Every text an error carries, and its printed line.
std::vector<std::string> texts_of(apibind::error const& e)
{
    std::vector<std::string> t{to_string(e), e.message, e.api_code, e.path, e.request_id, e.data};
    for (auto const& v : e.validation_errors) {
        t.push_back(v.field);
        t.insert(t.end(), v.messages.begin(), v.messages.end());
    }
    return t;
}

// Not even a piece of one: an excerpt may cut a secret short.
void check_no_secret(apibind::error const& e, std::vector<std::string_view> const& secrets)
{
    for (auto const& text : texts_of(e))
        for (auto secret : secrets) {
            INFO("error text: " << text);
            CHECK_FALSE(contains(text, secret.substr(0, 6)));
        }
}

}  // namespace

// ---- descriptors (contract) ----

TEST_CASE("superoffice: descriptors name their structs, paths, method and retry safety")
{
    namespace ea = so::email_agent;
    static_assert(apibind::endpoint_descriptor<ea::sync_email_accounts>);
    static_assert(apibind::endpoint_descriptor<ea::sync_email_account>);
    static_assert(apibind::endpoint_descriptor<ea::get_ready_sync_email_accounts>);
    static_assert(std::is_same_v<ea::sync_email_accounts::request, ea::sync_email_accounts_request>);
    static_assert(std::is_same_v<ea::get_ready_sync_email_accounts::response, std::vector<so::sync_user_account>>);

    CHECK(ea::sync_email_accounts::path == "/Agents/EMail/SyncEmailAccounts");
    CHECK(ea::sync_email_account::path == "/Agents/EMail/SyncEmailAccount");
    CHECK(ea::get_ready_sync_email_accounts::path == "/Agents/EMail/GetReadySyncEmailAccounts");
    CHECK(ea::sync_email_accounts::method == apibind::http_method::post);
    CHECK(ea::sync_email_account::method == apibind::http_method::post);
    CHECK(ea::get_ready_sync_email_accounts::method == apibind::http_method::post);
    // A 204 may be a silent no-op, and a repeat may start a second sync: not retry-safe.
    CHECK_FALSE(ea::sync_email_accounts::retry_safe);
    CHECK_FALSE(ea::sync_email_account::retry_safe);
    CHECK(ea::get_ready_sync_email_accounts::retry_safe);
    CHECK(ea::sync_email_accounts::response_may_be_empty);
    CHECK(ea::get_ready_sync_email_accounts::response_may_be_empty);
    CHECK_FALSE(ea::get_ready_sync_email_accounts::has_body);
}

TEST_CASE("superoffice: models are PascalCase on the wire and tolerate carrier metadata")
{
    auto encoded = apibind::json::encode(so::email_agent::sync_email_accounts_request{seed_accounts()});
    CHECK(json_equal(encoded, seed_body));
    CHECK(encoded ==
          R"({"SyncUserAccounts":[{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260},)"
          R"({"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260}]})");

    // decode<E::request> on the seed's raw body, and back.
    auto decoded = apibind::json::decode<so::email_agent::sync_email_accounts::request>(seed_body);
    REQUIRE(decoded.has_value());
    CHECK(decoded->sync_user_accounts == seed_accounts());
    CHECK(json_equal(apibind::json::encode(*decoded), seed_body));

    auto one = apibind::json::decode<so::sync_user_account>(
        R"({"AccountId":1,"TableRight":{"Mask":"Read","Reason":""},"AssociateName":"ab",)"
        R"("FieldProperties":{"AccountId":{"FieldRight":{"Mask":"FULL","Reason":""},"FieldType":"System.Int32","FieldLength":0}},)"
        R"("AssociateId":2})");
    REQUIRE(one.has_value());
    CHECK(*one == so::sync_user_account{1, "ab", 2});

    auto missing = apibind::json::decode<so::sync_user_account>(R"({"AccountId":1,"AssociateName":"ab"})");
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == error_kind::decode);
    CHECK(contains(to_string(missing.error()), "AssociateId"));
}

// ---- the seed's sample request ----

TEST_CASE("superoffice: SyncEmailAccounts sends the seed's sample request")
{
    mock_transport t;
    so::client c(t, seed_config());
    static_assert(std::is_same_v<decltype(c), so::client<mock_transport&>>);
    t.push(204, "", {{"Content-Type", "application/json; charset=utf-8"}});

    auto r = c.email_agent.sync_email_accounts({seed_accounts()});
    REQUIRE(ok(r));

    REQUIRE(t.request_count() == 1);
    auto const req = t.last_request();
    CHECK(req.method == "POST");
    CHECK(req.url == "https://sod.superoffice.com/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts");
    CHECK(req.target() == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts");
    // The sample's headers, in the sample's order, and nothing else.
    std::vector<std::pair<std::string, std::string>> headers;
    for (auto const& h : req.headers) headers.emplace_back(h.name, h.value);
    CHECK(headers == std::vector<std::pair<std::string, std::string>>{
                         {"Authorization", "Basic dGplMDpUamUw"},
                         {"Accept", "application/json; charset=utf-8"},
                         {"Accept-Language", "fr,de,ru,zh"},
                         {"Content-Type", "application/json; charset=utf-8"},
                     });
    CHECK(json_equal(req.body, seed_body));
}

TEST_CASE("superoffice: an Onsite base URL without a tenant prefix gives the documented target")
{
    mock_transport t;
    so::options cfg = seed_config();
    cfg.base_url = "http://crm.example.com/api/v1/";  // a trailing slash is tolerated
    so::client c(t, cfg);
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    CHECK(t.last_request().target() == "/api/v1/Agents/EMail/SyncEmailAccounts");
}

TEST_CASE("superoffice: 204 with an empty body, `null` or an empty object is success")
{
    mock_transport t;
    so::client c(t, seed_config());
    for (std::string body : {"", "null", " null\r\n", "{}"}) {
        t.push(204, body, {{"Content-Type", "application/json; charset=utf-8"}});
        auto r = c.email_agent.sync_email_accounts({seed_accounts()});
        CHECK(ok(r));
    }
    t.push(200, "null");
    CHECK(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
}

TEST_CASE("superoffice: SyncEmailAccount sends one account")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(204, "null");
    REQUIRE(ok(c.email_agent.sync_email_account({{.account_id = 257, .associate_name = "Pagac-Mohr", .associate_id = 260}})));
    auto const req = t.last_request();
    CHECK(req.target() == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccount");
    CHECK(req.body == R"({"SyncUserAccount":{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260}})");
    CHECK(req.header("content-type") == "application/json; charset=utf-8");
}

TEST_CASE("superoffice: GetReadySyncEmailAccounts sends no body and reads a top-level array")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(200,
           R"([{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260,"TableRight":null,"FieldProperties":{}},)"
           R"({"AccountId":12,"AssociateName":"ABC","AssociateId":5}])",
           {{"Content-Type", "application/json; charset=utf-8"}});
    auto r = c.email_agent.get_ready_sync_email_accounts();
    REQUIRE(ok(r));
    CHECK(*r == std::vector<so::sync_user_account>{{257, "Pagac-Mohr", 260}, {12, "ABC", 5}});

    auto const req = t.last_request();
    CHECK(req.method == "POST");
    CHECK(req.target() == "/Cust12345/api/v1/Agents/EMail/GetReadySyncEmailAccounts");
    CHECK(req.body.empty());
    CHECK(req.header("content-type").empty());
    CHECK(req.header("accept") == "application/json; charset=utf-8");

    // The usual flow: what GetReady returned is what SyncEmailAccounts sends.
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({*r})));
    CHECK(t.last_request().body ==
          R"({"SyncUserAccounts":[{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260},)"
          R"({"AccountId":12,"AssociateName":"ABC","AssociateId":5}]})");

    for (std::string body : {"[]", "", "null"}) {
        t.push(body.empty() ? 204 : 200, body);
        auto empty = c.email_agent.get_ready_sync_email_accounts();
        REQUIRE_MESSAGE(empty.has_value(), "body: [" << body << "]");
        CHECK(empty->empty());
    }

    t.push(200, R"({"AccountId":1})");
    auto wrong = c.email_agent.get_ready_sync_email_accounts();
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().kind == error_kind::decode);
    CHECK(wrong.error().http_status == 200);
}

TEST_CASE("superoffice: $select reaches the server as written")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()}, so::select("name,department,category/id"))));
    CHECK(t.last_request().target() == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts?$select=name,department,category/id");

    // Separators and characters a query cannot hold literally are still encoded.
    t.push(200, "[]");
    REQUIRE(ok(c.email_agent.get_ready_sync_email_accounts({}, so::select("a b&c=d+e;f#g'h%"))));
    CHECK(t.last_request().target() ==
          "/Cust12345/api/v1/Agents/EMail/GetReadySyncEmailAccounts?$select=a%20b%26c%3Dd%2Be%3Bf%23g%27h%25");

    // No select: no query string.
    t.push(200, "[]");
    REQUIRE(ok(c.email_agent.get_ready_sync_email_accounts()));
    CHECK(t.last_request().target() == "/Cust12345/api/v1/Agents/EMail/GetReadySyncEmailAccounts");
}

TEST_CASE("superoffice: query_encoding keeps the core's strict default")
{
    std::string strict, rfc;
    apibind::detail::append_query_pair(strict, "$select", "name,category/id:x@y?z!($*)");
    apibind::detail::append_query_pair(rfc, "$select", "name,category/id:x@y?z!($*)", apibind::query_encoding::rfc3986);
    CHECK(strict == "?%24select=name%2Ccategory%2Fid%3Ax%40y%3Fz%21%28%24%2A%29");
    CHECK(rfc == "?$select=name,category/id:x@y?z!($*)");
    std::string utf8;
    apibind::detail::append_query_pair(utf8, "k", "\xc3\xa9 ~-._", apibind::query_encoding::rfc3986);
    CHECK(utf8 == "?k=%C3%A9%20~-._");
}

TEST_CASE("superoffice: per-call headers are added after the policy's")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()}, {.headers = {{"X-Correlation-Id", "abc"}}})));
    auto const req = t.last_request();
    REQUIRE(req.headers.size() == 5);
    CHECK(req.headers.back().name == "X-Correlation-Id");
    CHECK(req.headers.back().value == "abc");
}

// ---- authentication ----

TEST_CASE("superoffice: SOTicket with SO-AppToken, Bearer, XSRF and no Accept-Language")
{
    mock_transport t;
    so::client c(t, {.base_url = std::string(tenant_url),
                     .auth = {.scheme = so::so_ticket{"7T:dGlja2V0"}, .app_token = "app-secret-42"}});
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    auto req = t.last_request();
    CHECK(req.header("Authorization") == "SOTicket 7T:dGlja2V0");
    CHECK(req.header("SO-AppToken") == "app-secret-42");
    CHECK(req.header("Accept-Language").empty());
    CHECK(req.header("X-XSRF-TOKEN").empty());
    CHECK(req.headers.front().name == "Authorization");

    c.options().auth = {.scheme = so::bearer{"8A:token.value"}, .xsrf_token = "xsrf-1"};
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    req = t.last_request();
    CHECK(req.header("Authorization") == "Bearer 8A:token.value");
    CHECK(req.header("SO-AppToken").empty());
    CHECK(req.header("X-XSRF-TOKEN").empty());  // only without an Authorization header

    c.options().auth = {.xsrf_token = "xsrf-1"};
    t.push(204, "");
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    req = t.last_request();
    CHECK(req.header("Authorization").empty());
    CHECK(req.header("X-XSRF-TOKEN") == "xsrf-1");
}

TEST_CASE("superoffice: credentials a header cannot carry are refused without being echoed")
{
    mock_transport t;
    struct bad_case {
        so::credentials auth;
        std::string_view secret;
    };
    std::vector<bad_case> cases{
        {{.scheme = so::basic{"tje0", "pw9\r\nX-Evil: 1"}}, "pw9"},
        {{.scheme = so::basic{"tj:e0", "Tje0"}}, "Tje0"},
        {{.scheme = so::so_ticket{"7T:abc\ndef"}}, "7T:abc"},
        {{.scheme = so::so_ticket{""}}, "SOTicket"},
        {{.scheme = so::bearer{"8A:tok\r"}}, "8A:tok"},
        {{.scheme = so::bearer{"8A:ok"}, .app_token = "ap9\nsecret"}, "ap9"},
        {{.xsrf_token = "xq7\rrf"}, "xq7"},
    };
    for (auto const& bc : cases) {
        so::client c(t, {.base_url = std::string(tenant_url), .auth = bc.auth});
        auto r = c.email_agent.sync_email_accounts({seed_accounts()});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind == error_kind::invalid_argument);
        if (bc.secret != "SOTicket") check_no_secret(r.error(), {bc.secret});
    }
    CHECK(t.request_count() == 0);
}

TEST_CASE("superoffice: Basic carries UTF-8 and colons in the password")
{
    std::vector<http_header> h;
    REQUIRE(ok(so::append_auth_headers({.scheme = so::basic{"Aladdin", "open sesame"}}, h)));
    REQUIRE(h.size() == 1);
    CHECK(h[0].value == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");  // RFC 7617's example
    h.clear();
    REQUIRE(ok(so::append_auth_headers({.scheme = so::basic{"test", "123\xC2\xA3"}}, h)));
    CHECK(h[0].value == "Basic dGVzdDoxMjPCow==");  // RFC 7617 section 2.1 (UTF-8)
    h.clear();
    REQUIRE(ok(so::append_auth_headers({.scheme = so::basic{"u", "a:b"}}, h)));
    CHECK(h[0].value == "Basic dTphOmI=");
}

// ---- errors ----

TEST_CASE("superoffice: the WebAPI's error body is an API error")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(404,
           R"({"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"Account 257 not found",)"
           R"("ErrorSource":"SuperOffice.Services.Implementation"})",
           {{"Content-Type", "application/json; charset=utf-8"}});
    auto r = c.email_agent.sync_email_accounts({seed_accounts()});
    REQUIRE_FALSE(r.has_value());
    auto const& e = r.error();
    CHECK(e.kind == error_kind::api);
    CHECK(e.http_status == 404);
    CHECK(e.api_code == "SoNotFoundException");
    CHECK(e.message == "Account 257 not found (source: SuperOffice.Services.Implementation)");
    CHECK(to_string(e) == "API error 404 SoNotFoundException: Account 257 not found (source: SuperOffice.Services.Implementation)");

    // Keys in any order, no source, a multi-line message: still one line.
    t.push(500, R"j({"ErrorMessage":"Boom\r\n  at Foo()","ErrorType":"SoException","Error":true})j");
    r = c.email_agent.sync_email_accounts({seed_accounts()});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == error_kind::api);
    CHECK(r.error().message == "Boom    at Foo()");
    CHECK(r.error().http_status == 500);

    // SyncEmailAccounts is not retry-safe: one attempt on a 500 (the core's retries are on).
    CHECK(t.request_count() == 2);
}

TEST_CASE("superoffice: anything else is an HTTP status error")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(500, "<!DOCTYPE html>\r\n<html><head><title>Runtime Error</title></head><body>Server Error in '/' Application.</body></html>",
           {{"Content-Type", "text/html; charset=utf-8"}});
    auto r = c.email_agent.sync_email_accounts({seed_accounts()});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == error_kind::http_status);
    CHECK(r.error().http_status == 500);
    CHECK(contains(to_string(r.error()), "DOCTYPE"));

    for (std::string body : {"", "{}", R"({"Error":false})", R"({"Message":"Authorization has been denied for this request."})", "[1]"}) {
        t.push(401, body);
        r = c.email_agent.sync_email_accounts({seed_accounts()});
        REQUIRE_FALSE(r.has_value());
        CHECK_MESSAGE(r.error().kind == error_kind::http_status, "body: " << body);
        CHECK(r.error().http_status == 401);
    }
}

TEST_CASE("superoffice: GetReady is retried on a 503, SyncEmailAccounts only on a 429")
{
    mock_transport t;
    so::client c(t, seed_config());
    c.core().set_sleep([](std::chrono::milliseconds) {});
    t.push(503, "");
    t.push(200, "[]");
    REQUIRE(ok(c.email_agent.get_ready_sync_email_accounts()));
    CHECK(t.request_count() == 2);

    t.push(503, "");
    CHECK_FALSE(c.email_agent.sync_email_accounts({seed_accounts()}).has_value());
    CHECK(t.request_count() == 3);

    t.push(429, "");
    t.push(204, "");
    CHECK(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    CHECK(t.request_count() == 5);
}

TEST_CASE("superoffice: no credential appears in any error")
{
    std::string_view const password = "S3cr3t-Pw";
    std::string const basic_value = apibind::detail::base64_encode("tje0:S3cr3t-Pw");
    std::string_view const ticket = "7T:c2VjcmV0LXRpY2tldA==";
    std::string_view const app_token = "app-token-0123456789";
    std::string_view const token = "8A:bearer.secret.value";

    struct scenario {
        so::credentials auth;
        std::vector<std::string_view> secrets;
    };
    std::vector<scenario> scenarios{
        {{.scheme = so::basic{"tje0", std::string(password)}}, {password, basic_value}},
        {{.scheme = so::so_ticket{std::string(ticket)}, .app_token = std::string(app_token)}, {ticket, app_token}},
        {{.scheme = so::bearer{std::string(token)}}, {token}},
    };
    for (auto const& s : scenarios) {
        mock_transport t;
        so::client c(t, {.base_url = std::string(tenant_url), .auth = s.auth, .retry = {.max_attempts = 1}});
        std::string echo;  // a careless server echoing everything it was sent
        {
            std::vector<http_header> h;
            REQUIRE(ok(so::append_auth_headers(s.auth, h)));
            for (auto const& x : h) echo += x.name + ": " + x.value + " ";
        }
        for (auto secret : s.secrets) echo += std::string(secret) + " ";

        // An API error whose message and type quote the credentials.
        t.push(401, R"({"Error":true,"ErrorType":"SoAuthException )" + echo + R"(","ErrorMessage":"Bad login: )" + echo +
                        R"(","ErrorSource":")" + echo + R"("})");
        // An error page that dumps the request headers, secret cut at the excerpt's length.
        t.push(500, std::string(150, '.') + echo + "\r\n<html>");
        // A 2xx body that does not decode.
        t.push(200, R"(["not an account: )" + echo + R"("])");
        for (int i = 0; i < 3; ++i) {
            auto r = c.email_agent.get_ready_sync_email_accounts();
            REQUIRE_FALSE(r.has_value());
            INFO("attempt " << i << ": " << to_string(r.error()));
            check_no_secret(r.error(), s.secrets);
        }
        // The user name is not a secret: it may stay for diagnosis.
    }
}

// ---- async transports ----

TEST_CASE("superoffice: the facade works with an async transport")
{
    mock_transport t;
    so::client c(t, seed_config());
    t.push(204, "null");
    t.push(200, R"([{"AccountId":1,"AssociateName":"a","AssociateId":2}])");
    t.push(404, R"({"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"gone"})");

    std::optional<result<void>> synced;
    std::optional<result<std::vector<so::sync_user_account>>> ready;
    std::optional<result<void>> one;
    c.email_agent.sync_email_accounts({seed_accounts()}, [&](result<void> r) { synced = std::move(r); }, so::select("AccountId"));
    c.email_agent.get_ready_sync_email_accounts([&](result<std::vector<so::sync_user_account>> r) { ready = std::move(r); });
    c.email_agent.sync_email_account({{1, "a", 2}}, [&](result<void> r) { one = std::move(r); });
    CHECK_FALSE(synced.has_value());  // nothing completes before the transport's tick
    t.run();

    REQUIRE(synced.has_value());
    CHECK(synced->has_value());
    REQUIRE(ready.has_value());
    REQUIRE(ready->has_value());
    CHECK((*ready)->size() == 1);
    REQUIRE(one.has_value());
    REQUIRE_FALSE(one->has_value());
    CHECK(one->error().api_code == "SoNotFoundException");

    auto const reqs = t.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].target() == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts?$select=AccountId");
    CHECK(json_equal(reqs[0].body, seed_body));
    CHECK(reqs[0].header("Authorization") == "Basic dGplMDpUamUw");
}

TEST_CASE("superoffice: the client moves; its view follows")
{
    mock_transport t;
    so::client first(t, seed_config());
    so::client moved(std::move(first));
    t.push(204, "");
    CHECK(ok(moved.email_agent.sync_email_account({{1, "a", 2}})));
    CHECK(&moved.transport() == &t);
    CHECK(moved.options().base_url == seed_config().base_url);
}

// ---- base64 ----

TEST_CASE("base64: RFC 4648 test vectors")
{
    using apibind::detail::base64_decode;
    using apibind::detail::base64_encode;
    std::pair<std::string_view, std::string_view> const vectors[] = {
        {"", ""},          {"f", "Zg=="},         {"fo", "Zm8="},         {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    };
    for (auto [plain, encoded] : vectors) {
        CHECK(base64_encode(plain) == encoded);
        auto back = base64_decode(encoded);
        REQUIRE(back);
        CHECK(*back == plain);
    }
    CHECK(base64_encode("tje0:Tje0") == "dGplMDpUamUw");  // the seed's credentials
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    CHECK(base64_decode(base64_encode(all)) == all);
    CHECK(base64_encode("\xfb\xff") == "+/8=");

    std::string out = "Basic ";
    apibind::detail::append_base64(out, "tje0:Tje0");
    CHECK(out == "Basic dGplMDpUamUw");

    for (std::string_view bad : {"Zg", "Zg=", "Z===", "Zm9v!A==", "Zg==Zg==", "Zh==", "Zm9=", "Zm=v", " Zg=="})
        CHECK_MESSAGE(!base64_decode(bad), bad);
}
