// apibind::split_url and the header helpers of <apibind/transport.hpp>.
#include <apibind/transport.hpp>

#include <doctest/doctest.h>

#include <string_view>

using namespace std::string_view_literals;

TEST_CASE("split_url: scheme, host, explicit port and target")
{
    apibind::url_parts p;
    REQUIRE(apibind::split_url("http://127.0.0.1:8080/connected_accounts/get?x=1", p));
    CHECK(p.scheme == "http"sv);
    CHECK(p.host == "127.0.0.1"sv);
    CHECK(p.port == "8080"sv);
    CHECK(p.target == "/connected_accounts/get?x=1"sv);
}

TEST_CASE("split_url: default ports and target")
{
    apibind::url_parts p;
    REQUIRE(apibind::split_url("https://connect.getseam.com", p));
    CHECK(p.host == "connect.getseam.com"sv);
    CHECK(p.port == "443"sv);
    CHECK(p.target == "/"sv);

    REQUIRE(apibind::split_url("http://localhost/x?q=2", p));
    CHECK(p.host == "localhost"sv);
    CHECK(p.port == "80"sv);
    CHECK(p.target == "/x?q=2"sv);
}

TEST_CASE("split_url: bracketed IPv6 host")
{
    apibind::url_parts p;
    REQUIRE(apibind::split_url("http://[::1]:9000/a", p));
    CHECK(p.host == "[::1]"sv);
    CHECK(p.port == "9000"sv);
    CHECK(p.target == "/a"sv);

    REQUIRE(apibind::split_url("https://[::1]/", p));
    CHECK(p.host == "[::1]"sv);
    CHECK(p.port == "443"sv);
}

TEST_CASE("split_url: rejects what is not an absolute URL")
{
    apibind::url_parts p;
    CHECK_FALSE(apibind::split_url("", p));
    CHECK_FALSE(apibind::split_url("/relative/path", p));
    CHECK_FALSE(apibind::split_url("://host", p));
    CHECK_FALSE(apibind::split_url("http://", p));
    CHECK_FALSE(apibind::split_url("http://host:/x", p));      // empty port
    CHECK_FALSE(apibind::split_url("http://host:80a/x", p));   // non-digit port
    CHECK_FALSE(apibind::split_url("http://user@host/x", p));  // userinfo refused
    CHECK_FALSE(apibind::split_url("http://[::1/x", p));       // unclosed bracket
    CHECK_FALSE(apibind::split_url("http://[::1]x/", p));      // junk after bracket
    CHECK_FALSE(apibind::split_url("ftp://host/x", p));        // no default port for ftp
    CHECK(apibind::split_url("ftp://host:21/x", p));           // ...but an explicit one is fine
}

TEST_CASE("http_request::target and case-insensitive header lookup")
{
    apibind::http_request req;
    req.url = "https://connect.getseam.com/devices/list?limit=5";
    req.headers.push_back({"Content-Type", "application/json"});
    CHECK(req.target() == "/devices/list?limit=5"sv);
    CHECK(req.header("content-type") == "application/json"sv);
    CHECK(req.header("CONTENT-TYPE") == "application/json"sv);
    CHECK(req.header("authorization").empty());
}

TEST_CASE("header validation refuses request splitting")
{
    CHECK(apibind::is_valid_header_value("Bearer seam_abc"));
    CHECK_FALSE(apibind::is_valid_header_value("x\r\nInjected: 1"));
    CHECK_FALSE(apibind::is_valid_header_value(std::string_view("a\0b", 3)));
    CHECK(apibind::is_valid_header_name("X-Request-Id"));
    CHECK_FALSE(apibind::is_valid_header_name(""));
    CHECK_FALSE(apibind::is_valid_header_name("Bad Name"));
    CHECK_FALSE(apibind::is_valid_header_name("Bad:Name"));
}
