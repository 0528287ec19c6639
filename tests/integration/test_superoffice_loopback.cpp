// The SuperOffice binding over real HTTP: Beast transports to a scripted loopback server, which
// records what actually arrived on the socket.
#include <apibind/superoffice.hpp>
#include <apibind/transport/beast.hpp>

#include <support/loopback_http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace so = apibind::superoffice;
using apibind::error_kind;
using apibind::result;
using apibind::transport::beast_async_transport;
using apibind::transport::beast_sync_transport;
using apibind_test::loopback_http_server;

namespace {

constexpr std::string_view seed_body = R"({
  "SyncUserAccounts": [
    {"AccountId": 257, "AssociateName": "Pagac-Mohr", "AssociateId": 260},
    {"AccountId": 257, "AssociateName": "Pagac-Mohr", "AssociateId": 260}
  ]
})";

std::vector<so::sync_user_account> seed_accounts()
{
    return {{257, "Pagac-Mohr", 260}, {257, "Pagac-Mohr", 260}};
}

so::options seed_config(std::string base_url)
{
    return {.base_url = std::move(base_url), .auth = {.scheme = so::basic{"tje0", "Tje0"}}, .accept_language = "fr,de,ru,zh"};
}

template <class T>
bool ok(result<T> const& r)
{
    if (!r) MESSAGE(to_string(r.error()));
    return r.has_value();
}

// The seed's request, as the server saw it: request line, the sample's four headers (names
// spelled as in the sample), framing, and the body.
void check_seed_request(apibind_test::recorded_request const& got, std::string_view expected_target)
{
    CHECK(got.method == "POST");
    CHECK(got.target == expected_target);

    std::vector<std::pair<std::string, std::string>> sample_headers;
    for (auto const& [name, value] : got.headers)
        if (name == "Authorization" || name == "Accept" || name == "Accept-Language" || name == "Content-Type")
            sample_headers.emplace_back(name, value);
    CHECK(sample_headers == std::vector<std::pair<std::string, std::string>>{
                                {"Authorization", "Basic dGplMDpUamUw"},
                                {"Accept", "application/json; charset=utf-8"},
                                {"Accept-Language", "fr,de,ru,zh"},
                                {"Content-Type", "application/json; charset=utf-8"},
                            });
    CHECK(got.header("Content-Length") == std::to_string(got.body.size()));
    CHECK(boost::json::parse(got.body) == boost::json::parse(seed_body));
    // Nothing else that authenticates or negotiates.
    for (auto const& header : got.headers) {
        // Plain references, not a structured binding: INFO captures them in a lambda, which
        // clang accepts for structured bindings only from clang 16 on.
        auto const& name = header.first;
        auto const& value = header.second;
        INFO("header " << name << ": " << value);
        CHECK((name == "Authorization" || name == "Accept" || name == "Accept-Language" || name == "Content-Type" ||
               apibind::detail::iequals(name, "Host") || apibind::detail::iequals(name, "User-Agent") ||
               apibind::detail::iequals(name, "Content-Length")));
    }
}

}  // namespace

TEST_CASE("superoffice over beast_sync_transport: the server receives the seed's request")
{
    loopback_http_server server;
    // The seed's sample response, byte for byte: 204 with a JSON content type and `null`. (HTTP
    // gives a 204 no body, so those 4 bytes cannot be read as one; the transport may then not
    // reuse the connection. Either way the call succeeds.)
    server.push({204, {{"Content-Type", "application/json; charset=utf-8"}}, "null"});
    server.push({204, {}, ""});

    so::client c(beast_sync_transport{}, seed_config(server.url() + "/Cust12345/api/v1"));
    static_assert(std::is_same_v<decltype(c), so::client<beast_sync_transport>>);  // owns the transport

    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()})));
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()}, so::select("name,department,category/id"))));

    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    check_seed_request(reqs[0], "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts");
    check_seed_request(reqs[1], "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts?$select=name,department,category/id");
}

TEST_CASE("superoffice over beast_sync_transport: the documented target without a tenant prefix")
{
    loopback_http_server server;
    server.push({204, {}, ""});
    beast_sync_transport http;
    so::client c(http, seed_config(server.url() + "/api/v1"));
    static_assert(std::is_same_v<decltype(c), so::client<beast_sync_transport&>>);  // shares it
    REQUIRE(ok(c.email_agent.sync_email_accounts({seed_accounts()}, so::select("name,department,category/id"))));
    REQUIRE(server.request_count() == 1);
    check_seed_request(server.requests()[0], "/api/v1/Agents/EMail/SyncEmailAccounts?$select=name,department,category/id");
}

TEST_CASE("superoffice over beast_sync_transport: GetReady, SyncEmailAccount and errors")
{
    loopback_http_server server;
    server.push({200,
                 {{"Content-Type", "application/json; charset=utf-8"}},
                 R"([{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260,"TableRight":{"Mask":"Read","Reason":""},)"
                 R"("FieldProperties":{}}])"});
    server.push({204, {}, ""});
    server.push({404,
                 {{"Content-Type", "application/json; charset=utf-8"}},
                 R"({"Error":true,"ErrorType":"SoNotFoundException","ErrorMessage":"No such account","ErrorSource":"SuperOffice.Services"})"});
    server.push({500, {{"Content-Type", "text/html"}}, "<html><body>Server Error in '/' Application. Tje0</body></html>"});

    so::client c(beast_sync_transport{}, seed_config(server.url() + "/Cust12345/api/v1"));
    auto ready = c.email_agent.get_ready_sync_email_accounts();
    REQUIRE(ok(ready));
    REQUIRE(ready->size() == 1);
    CHECK((*ready)[0] == so::sync_user_account{257, "Pagac-Mohr", 260});

    REQUIRE(ok(c.email_agent.sync_email_account({(*ready)[0]})));

    auto missing = c.email_agent.sync_email_account({{1, "x", 2}});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().kind == error_kind::api);
    CHECK(missing.error().http_status == 404);
    CHECK(missing.error().api_code == "SoNotFoundException");
    CHECK(missing.error().message == "No such account (source: SuperOffice.Services)");

    auto broken = c.email_agent.sync_email_account({{1, "x", 2}});
    REQUIRE_FALSE(broken.has_value());
    CHECK(broken.error().kind == error_kind::http_status);
    CHECK(broken.error().http_status == 500);
    CHECK(to_string(broken.error()).find("Tje0") == std::string::npos);  // the password, echoed by the page

    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 4);
    CHECK(reqs[0].target == "/Cust12345/api/v1/Agents/EMail/GetReadySyncEmailAccounts");
    CHECK(reqs[0].body.empty());
    CHECK(reqs[0].header("Content-Type").empty());
    CHECK(reqs[0].header("Authorization") == "Basic dGplMDpUamUw");
    CHECK(reqs[1].target == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccount");
    CHECK(reqs[1].body == R"({"SyncUserAccount":{"AccountId":257,"AssociateName":"Pagac-Mohr","AssociateId":260}})");
}

TEST_CASE("superoffice over beast_async_transport: SOTicket, SO-AppToken and the seed's body")
{
    loopback_http_server server;
    server.push({204, {{"Content-Type", "application/json; charset=utf-8"}}, "null"});
    server.push({200, {}, R"([{"AccountId":1,"AssociateName":"a","AssociateId":2}])"});

    boost::asio::io_context io;
    apibind::transport::beast_options one_connection;
    one_connection.max_connections_per_origin = 1;  // the scripted answers go out in the order requests arrive
    so::client c(beast_async_transport(io.get_executor(), one_connection),
                 {.base_url = server.url() + "/Cust12345/api/v1",
                  .auth = {.scheme = so::so_ticket{"7T:dGlja2V0"}, .app_token = "app-token-1"},
                  .accept_language = "fr,de,ru,zh"});

    std::optional<result<void>> synced;
    std::optional<result<std::vector<so::sync_user_account>>> ready;
    c.email_agent.sync_email_accounts({seed_accounts()}, [&](result<void> r) { synced = std::move(r); });
    c.email_agent.get_ready_sync_email_accounts([&](result<std::vector<so::sync_user_account>> r) { ready = std::move(r); });
    io.run();

    REQUIRE(synced.has_value());
    CHECK(ok(*synced));
    REQUIRE(ready.has_value());
    REQUIRE(ok(*ready));
    CHECK((*ready)->size() == 1);

    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].method == "POST");
    CHECK(reqs[0].target == "/Cust12345/api/v1/Agents/EMail/SyncEmailAccounts");
    CHECK(reqs[0].header("Authorization") == "SOTicket 7T:dGlja2V0");
    CHECK(reqs[0].header("SO-AppToken") == "app-token-1");
    CHECK(reqs[0].header("Accept") == "application/json; charset=utf-8");
    CHECK(reqs[0].header("Content-Type") == "application/json; charset=utf-8");
    CHECK(boost::json::parse(reqs[0].body) == boost::json::parse(seed_body));
}
