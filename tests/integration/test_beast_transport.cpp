// The Beast transports against a scripted loopback server.
#include <apibind/transport/beast.hpp>

#include <support/loopback_http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using apibind::error_code;
using apibind::error_kind;
using apibind::http_request;
using apibind::http_response;
using apibind::result;
using apibind::transport::beast_async_transport;
using apibind::transport::beast_options;
using apibind::transport::beast_sync_transport;
using apibind_test::fault;
using apibind_test::closed_port;
using apibind_test::contains;
using apibind_test::loopback_http_server;
using apibind_test::scripted_response;

static_assert(apibind::sync_transport<beast_sync_transport>);
static_assert(apibind::async_transport<beast_async_transport>);
static_assert(apibind::async_timer<beast_async_transport>);

namespace {

http_request make_request(std::string method, std::string url, std::vector<apibind::http_header> headers = {},
                          std::string body = {})
{
    http_request r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

}  // namespace

TEST_CASE("beast_sync_transport: method, target, headers and body bytes round-trip")
{
    loopback_http_server server;
    std::string const reply_body("ok\0\x01\xff end", 9);
    server.push({201, {{"X-Reply", "yes"}, {"Content-Type", "application/octet-stream"}}, reply_body});

    beast_sync_transport t;
    std::string const sent_body("{\"a\":1}\0\x02\xfe", 10);
    auto r = t.send(make_request("PATCH", server.url() + "/v1/things?x=1&y=2",
                                 {{"Authorization", "Bearer token123"}, {"X-Multi", "one"}, {"X-Multi", "two"}},
                                 sent_body));
    REQUIRE(r.has_value());
    CHECK(r->status == 201);
    CHECK(r->header("x-reply") == "yes");
    CHECK(r->header("Content-Type") == "application/octet-stream");
    CHECK(r->body == reply_body);

    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].method == "PATCH");
    CHECK(reqs[0].target == "/v1/things?x=1&y=2");
    CHECK(reqs[0].header("authorization") == "Bearer token123");
    CHECK(reqs[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(reqs[0].header("User-Agent") == "apibind/0.1");
    CHECK(reqs[0].header("Content-Length") == "10");
    CHECK(reqs[0].body == sent_body);
    int multi = 0;
    for (auto const& [n, v] : reqs[0].headers) multi += n == "X-Multi" && (v == "one" || v == "two");
    CHECK(multi == 2);
}

TEST_CASE("beast_sync_transport: caller's User-Agent wins, empty POST sends Content-Length: 0")
{
    loopback_http_server server;
    server.push({200, {}, "a"});
    server.push({204, {}, ""});
    beast_sync_transport t;
    auto r1 = t.send(make_request("GET", server.url(), {{"User-Agent", "mine/2"}}));
    auto r2 = t.send(make_request("POST", server.url() + "/empty"));
    REQUIRE(r1.has_value());
    REQUIRE(r2.has_value());
    CHECK(r2->status == 204);
    CHECK(r2->body.empty());
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].target == "/");
    CHECK(reqs[0].header("User-Agent") == "mine/2");
    CHECK(reqs[0].header("Content-Length").empty());
    CHECK(reqs[1].header("Content-Length") == "0");
}

TEST_CASE("beast_sync_transport: URL without a path; a fragment is not sent")
{
    loopback_http_server server;
    server.push({200, {}, "root"});
    server.push({200, {}, "q"});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_value());
    auto r2 = t.send(make_request("GET", server.url() + "/p?q=1#frag"));
    REQUIRE(r2.has_value());
    // "http://host?q" has no path: split_url refuses it, so it is never sent.
    auto r3 = t.send(make_request("GET", server.url() + "?q=1"));
    REQUIRE(r3.has_error());
    CHECK(r3.error().kind == error_kind::invalid_argument);
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].target == "/");
    CHECK(reqs[1].target == "/p?q=1");
}

TEST_CASE("beast_sync_transport: keep-alive reuses one connection")
{
    loopback_http_server server;
    server.push({200, {}, "one"});
    server.push({200, {}, "two"});
    beast_sync_transport t;
    auto r1 = t.send(make_request("GET", server.url() + "/1"));
    auto r2 = t.send(make_request("GET", server.url() + "/2"));
    REQUIRE(r1.has_value());
    REQUIRE(r2.has_value());
    CHECK(r1->body == "one");
    CHECK(r2->body == "two");
    CHECK(server.request_count() == 2);
    CHECK(server.connection_count() == 1);
}

TEST_CASE("beast_sync_transport: a connection idle for idle_timeout is replaced")
{
    loopback_http_server server;
    server.push({200, {}, "one"});
    server.push({200, {}, "two"});
    server.push({200, {}, "three"});
    beast_options o;
    o.idle_timeout = std::chrono::milliseconds(100);
    beast_sync_transport t(o);
    REQUIRE(t.send(make_request("GET", server.url())).has_value());
    REQUIRE(t.send(make_request("GET", server.url())).has_value());  // at once: reused
    CHECK(server.connection_count() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_value());
    CHECK(r->body == "three");
    CHECK(server.connection_count() == 2);
    for (int i = 0; i < 100 && server.client_closes() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(server.client_closes() == 1);
}

TEST_CASE("beast_sync_transport: Connection: close from the server is honoured")
{
    loopback_http_server server;
    server.push({200, {{"Connection", "close"}}, "one"});
    server.push({200, {}, "two"});
    beast_sync_transport t;
    auto r1 = t.send(make_request("GET", server.url()));
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r1.has_value());
    REQUIRE(r2.has_value());
    CHECK(r2->body == "two");
    CHECK(server.connection_count() == 2);
}

TEST_CASE("beast_sync_transport: a reused connection closed before any response byte is retried once")
{
    loopback_http_server server;
    server.push({200, {}, "first"});
    server.push({200, {}, "", fault::close_before_response});  // the keep-alive race
    server.push({200, {}, "second"});
    beast_sync_transport t;
    REQUIRE(t.send(make_request("POST", server.url(), {}, "1")).has_value());
    auto safe = make_request("POST", server.url(), {}, "2");
    safe.retry_safe = true;
    auto r = t.send(safe);
    REQUIRE(r.has_value());
    CHECK(r->body == "second");
    CHECK(server.request_count() == 3);
    CHECK(server.connection_count() == 2);
}

TEST_CASE("beast_sync_transport: a request not safe to repeat is not sent again after the server read it and closed")
{
    loopback_http_server server;
    server.push({200, {}, "first"});
    server.push({200, {}, "", fault::close_before_response});  // read it, then closed: it may have acted
    server.push({200, {}, "never"});
    beast_sync_transport t;
    REQUIRE(t.send(make_request("POST", server.url(), {}, "1")).has_value());
    auto r = t.send(make_request("POST", server.url(), {}, "2"));  // retry_safe is false by default
    REQUIRE(r.has_error());
    CHECK(r.error().kind == apibind::error_kind::transport);
    CHECK(server.request_count() == 2);
}

TEST_CASE("beast_sync_transport: never resends once response bytes arrived")
{
    loopback_http_server server;
    server.push({200, {}, "first"});
    server.push({200, {}, "0123456789abcdef", fault::truncated_body});
    server.push({200, {}, "first again"});
    server.push({200, {}, "0123456789abcdef", fault::reset_mid_body});
    beast_sync_transport t;

    REQUIRE(t.send(make_request("POST", server.url())).has_value());
    auto truncated = t.send(make_request("POST", server.url()));
    REQUIRE(truncated.has_error());
    CHECK(truncated.error().code == error_code::protocol_error);
    CHECK(server.request_count() == 2);

    REQUIRE(t.send(make_request("POST", server.url())).has_value());  // on a fresh connection
    auto reset = t.send(make_request("POST", server.url()));           // reused, then reset mid-body
    REQUIRE(reset.has_error());
    CHECK(reset.error().code == error_code::connection_reset);
    CHECK(server.request_count() == 4);
    CHECK(server.connection_count() == 2);
}

TEST_CASE("beast_sync_transport: close before the response on a fresh connection is not retried")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::close_before_response});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url() + "/x"));
    REQUIRE(r.has_error());
    CHECK(r.error().kind == error_kind::transport);
    CHECK(r.error().code == error_code::connection_reset);
    CHECK(contains(r.error().message, "connection closed before the response was complete"));
    CHECK(server.request_count() == 1);
}

TEST_CASE("beast_sync_transport: connection refused")
{
    auto const port = closed_port();
    beast_sync_transport t;
    auto r = t.send(make_request("GET", "http://127.0.0.1:" + std::to_string(port) + "/v1/x?api_key=SECRET1",
                                 {{"Authorization", "Bearer SECRET2"}}, "SECRET3"));
    REQUIRE(r.has_error());
    CHECK(r.error().kind == error_kind::transport);
    CHECK(r.error().code == error_code::connection_refused);
    auto const& m = r.error().message;
    CHECK(contains(m, "127.0.0.1:" + std::to_string(port)));
    CHECK(contains(m, "GET /v1/x"));
    CHECK_FALSE(contains(m, "SECRET"));
}

TEST_CASE("beast_sync_transport: request_timeout with a server that never answers")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    beast_options o;
    o.request_timeout = std::chrono::milliseconds(200);
    beast_sync_transport t(o);
    auto const start = std::chrono::steady_clock::now();
    auto r = t.send(make_request("GET", server.url() + "/slow"));
    auto const elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(r.has_error());
    CHECK(r.error().code == error_code::timed_out);
    CHECK(contains(r.error().message, "GET /slow on 127.0.0.1:" + std::to_string(server.port())));
    CHECK(elapsed >= std::chrono::milliseconds(190));
    CHECK(elapsed < std::chrono::seconds(2));

    // The timed-out connection is dropped; the next call works on a new one.
    server.push({200, {}, "late"});
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r2.has_value());
    CHECK(r2->body == "late");
    CHECK(server.connection_count() == 2);
}

TEST_CASE("beast_sync_transport: reset in the middle of the body")
{
    loopback_http_server server;
    server.push({200, {}, std::string(64, 'x'), fault::reset_mid_body});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == error_code::connection_reset);
}

TEST_CASE("beast_sync_transport: truncated body (lying Content-Length) is a protocol error")
{
    loopback_http_server server;
    server.push({200, {}, "short", fault::truncated_body});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().kind == error_kind::transport);
    CHECK(r.error().code == error_code::protocol_error);
}

TEST_CASE("beast_sync_transport: malformed response is a protocol error")
{
    loopback_http_server server;
    server.push({200, {}, "HTTP/1.1 abc Nonsense\r\n\r\n", fault::raw});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == error_code::protocol_error);
}

TEST_CASE("beast_sync_transport: chunked body is decoded, connection stays usable")
{
    loopback_http_server server;
    std::string const body = "{\"items\":[1,2,3],\"more\":\"a chunked body\"}";
    server.push({200, {}, body, fault::chunked});
    server.push({200, {}, "after"});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_value());
    CHECK(r->body == body);
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r2.has_value());
    CHECK(r2->body == "after");
    CHECK(server.connection_count() == 1);
}

TEST_CASE("beast_sync_transport: HEAD response with Content-Length and no body")
{
    loopback_http_server server;
    server.push({200, {}, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", fault::raw});
    server.push({200, {}, "next"});
    beast_sync_transport t;
    auto r = t.send(make_request("HEAD", server.url()));
    REQUIRE(r.has_value());
    CHECK(r->header("Content-Length") == "5");
    CHECK(r->body.empty());
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r2.has_value());
    CHECK(r2->body == "next");
}

TEST_CASE("beast_sync_transport: statuses are returned, redirects not followed")
{
    loopback_http_server server;
    server.push({302, {{"Location", "/elsewhere"}}, "moved"});
    server.push({503, {}, "busy"});
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url() + "/here"));
    REQUIRE(r.has_value());
    CHECK(r->status == 302);
    CHECK(r->header("Location") == "/elsewhere");
    CHECK(r->body == "moved");
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r2.has_value());
    CHECK(r2->status == 503);
    CHECK(server.request_count() == 2);
}

TEST_CASE("beast_sync_transport: body over max_body_size")
{
    loopback_http_server server;
    server.push({200, {}, std::string(100, 'b')});
    server.push({200, {}, std::string(100, 'c'), fault::chunked});
    beast_options o;
    o.max_body_size = 16;
    beast_sync_transport t(o);
    auto r = t.send(make_request("GET", server.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == error_code::body_too_large);
    auto r2 = t.send(make_request("GET", server.url()));
    REQUIRE(r2.has_error());
    CHECK(r2.error().code == error_code::body_too_large);
}

TEST_CASE("beast_sync_transport: CR/LF in a header is refused before connecting")
{
    loopback_http_server server;
    beast_sync_transport t;
    auto r = t.send(make_request("GET", server.url(), {{"Authorization", "Bearer SECRET\r\nX-Injected: 1"}}));
    REQUIRE(r.has_error());
    CHECK(r.error().kind == error_kind::invalid_argument);
    CHECK(contains(r.error().message, "Authorization"));
    CHECK_FALSE(contains(r.error().message, "SECRET"));
    CHECK_FALSE(contains(r.error().message, "Injected"));

    auto bad_name = t.send(make_request("GET", server.url(), {{"Authorization: Bearer SECRET", "x"}}));
    REQUIRE(bad_name.has_error());
    CHECK(bad_name.error().kind == error_kind::invalid_argument);
    CHECK_FALSE(contains(bad_name.error().message, "SECRET"));

    auto bad_target = t.send(make_request("GET", server.url() + "/a b\r\nX: y"));
    REQUIRE(bad_target.has_error());
    CHECK(bad_target.error().kind == error_kind::invalid_argument);

    // Then a valid call, so the count below is known to work.
    server.push({200, {}, "fine"});
    REQUIRE(t.send(make_request("GET", server.url())).has_value());
    CHECK(server.connection_count() == 1);
    CHECK(server.request_count() == 1);
}

TEST_CASE("beast_sync_transport: unsupported schemes are refused before connecting")
{
    beast_sync_transport t;
    auto r = t.send(make_request("GET", "ftp://127.0.0.1:1/x"));
    REQUIRE(r.has_error());
    CHECK(r.error().kind == error_kind::invalid_argument);
}

TEST_CASE("beast_async_transport: completes on the caller's io_context, once, never inline")
{
    loopback_http_server server;
    server.push({200, {{"X-Reply", "async"}}, "hello"});
    boost::asio::io_context io;
    beast_async_transport t(io.get_executor());

    int calls = 0;
    std::thread::id called_on;
    result<http_response> got = apibind::make_error(error_kind::transport, error_code::none, "not called");
    t.async_send(make_request("POST", server.url() + "/a", {}, "payload"), [&](result<http_response> r) {
        ++calls;
        called_on = std::this_thread::get_id();
        got = std::move(r);
    });
    CHECK(calls == 0);  // not inline
    io.run();
    CHECK(calls == 1);
    CHECK(called_on == std::this_thread::get_id());
    REQUIRE(got.has_value());
    CHECK(got->status == 200);
    CHECK(got->header("X-Reply") == "async");
    CHECK(got->body == "hello");
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].body == "payload");
}

TEST_CASE("beast_async_transport: max_connections_per_origin = 1 sends queued requests in order on one connection")
{
    loopback_http_server server;
    server.push({200, {}, "a"});
    server.push({200, {}, "b"});
    server.push({200, {}, "c"});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 1;
    beast_async_transport t(io.get_executor(), o);

    std::vector<std::string> bodies;
    for (char const* path : {"/1", "/2", "/3"})  // held by the server: with a pool they would overlap
        t.async_send(make_request("GET", server.url() + path, {{"X-Test-Delay-Ms", "30"}}),
                     [&](result<http_response> r) { bodies.push_back(r.has_value() ? r->body : "error"); });
    io.run();
    CHECK(bodies == std::vector<std::string>{"a", "b", "c"});
    CHECK(server.connection_count() == 1);
    CHECK(server.peak_unanswered() == 1);
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[2].target == "/3");
}

TEST_CASE("beast_async_transport: a pool runs up to max_connections_per_origin exchanges at once")
{
    loopback_http_server server;
    for (int i = 0; i < 8; ++i) server.push({200, {}, "r" + std::to_string(i)});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 3;
    beast_async_transport t(io.get_executor(), o);

    std::vector<std::string> bodies;
    for (int i = 0; i < 8; ++i)
        t.async_send(make_request("GET", server.url() + "/" + std::to_string(i), {{"X-Test-Delay-Ms", "200"}}),
                     [&](result<http_response> r) { bodies.push_back(r.has_value() ? r->body : to_string(r.error())); });
    auto const start = std::chrono::steady_clock::now();
    io.run();
    CHECK(bodies.size() == 8);
    for (auto const& b : bodies) CHECK(b.substr(0, 1) == "r");
    CHECK(server.peak_unanswered() == 3);   // three in flight at once, never more
    CHECK(server.connection_count() == 3);  // and the three connections were reused
    // The idle connections are kept, yet run() returns: no idle timer is left pending.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("beast_async_transport: requests beyond the pool wait and start in FIFO order")
{
    loopback_http_server server;
    for (int i = 0; i < 5; ++i) server.push({200, {}, "ok"});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 2;
    beast_async_transport t(io.get_executor(), o);

    // /a holds one connection; /b, then the waiting /c, /d, /e take turns on the other.
    std::vector<std::string> completed;
    for (std::string path : {"/a", "/b", "/c", "/d", "/e"}) {
        std::vector<apibind::http_header> headers;
        if (path == "/a") headers.push_back({"X-Test-Delay-Ms", "1500"});
        t.async_send(make_request("GET", server.url() + path, headers), [&completed, path](result<http_response> r) {
            completed.push_back(r.has_value() ? path : "error");
        });
    }
    io.run();
    CHECK(completed == std::vector<std::string>{"/b", "/c", "/d", "/e", "/a"});
    CHECK(server.connection_count() == 2);
    CHECK(server.peak_unanswered() == 2);
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 5);
    CHECK(reqs[2].target == "/c");
    CHECK(reqs[3].target == "/d");
    CHECK(reqs[4].target == "/e");
}

TEST_CASE("beast_async_transport: the time a request waits for a connection counts against its timeout")
{
    loopback_http_server server;
    server.push({200, {}, "slow"});
    server.push({200, {}, "never sent"});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 1;
    beast_async_transport t(io.get_executor(), o);

    std::vector<result<http_response>> got;
    t.async_send(make_request("GET", server.url() + "/slow", {{"X-Test-Delay-Ms", "400"}}),
                 [&](result<http_response> r) { got.push_back(std::move(r)); });
    auto waiting = make_request("GET", server.url() + "/waits");
    waiting.timeout = std::chrono::milliseconds(100);
    t.async_send(std::move(waiting), [&](result<http_response> r) { got.push_back(std::move(r)); });
    io.run();
    REQUIRE(got.size() == 2);
    REQUIRE(got[0].has_value());
    CHECK(got[0]->body == "slow");
    REQUIRE(got[1].has_error());
    CHECK(got[1].error().code == error_code::timed_out);
    CHECK(contains(got[1].error().message, "waiting for a free connection"));
    CHECK(server.request_count() == 1);  // the late one was never sent
}

TEST_CASE("beast_async_transport: a request whose call ended while it waited for a connection is never sent")
{
    loopback_http_server server;
    server.push({200, {}, "slow"});
    server.push({200, {}, "never sent"});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 1;
    beast_async_transport t(io.get_executor(), o);

    // What the client sets when a queued call is cancelled (http_request::abandoned).
    auto const call_ended = std::make_shared<std::atomic<bool>>(false);
    std::vector<result<http_response>> got;
    t.async_send(make_request("GET", server.url() + "/slow", {{"X-Test-Delay-Ms", "300"}}), [&](result<http_response> r) {
        got.push_back(std::move(r));
    });
    auto waiting = make_request("GET", server.url() + "/waits");
    waiting.abandoned = call_ended;
    t.async_send(std::move(waiting), [&](result<http_response> r) { got.push_back(std::move(r)); });
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        call_ended->store(true);
    });
    io.run();
    canceller.join();
    REQUIRE(got.size() == 2);
    REQUIRE(got[0].has_value());
    CHECK(got[0]->body == "slow");
    REQUIRE(got[1].has_error());
    CHECK(got[1].error().code == error_code::cancelled);
    CHECK(contains(got[1].error().message, "it was not sent"));
    CHECK(server.request_count() == 1);
}

TEST_CASE("beast_async_transport: idle connections are closed after idle_timeout")
{
    loopback_http_server server;
    for (int i = 0; i < 4; ++i) server.push({200, {}, "ok"});
    boost::asio::io_context io;
    beast_options o;
    o.max_connections_per_origin = 3;
    o.idle_timeout = std::chrono::milliseconds(100);
    beast_async_transport t(io.get_executor(), o);

    // Three connections; two go idle at once and are closed while /slow is still in flight.
    std::size_t closes_seen_by_slow = 0;
    int ok = 0;
    t.async_send(make_request("GET", server.url() + "/slow", {{"X-Test-Delay-Ms", "1000"}}), [&](result<http_response> r) {
        ok += r.has_value();
        closes_seen_by_slow = server.client_closes();
    });
    for (char const* path : {"/quick1", "/quick2"})
        t.async_send(make_request("GET", server.url() + path, {{"X-Test-Delay-Ms", "1"}}),
                     [&](result<http_response> r) { ok += r.has_value(); });
    io.run();
    CHECK(ok == 3);
    CHECK(server.connection_count() == 3);
    CHECK(closes_seen_by_slow == 2);

    // With nothing in flight the last idle connection is closed at the next request.
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    t.async_send(make_request("GET", server.url() + "/later"), [&](result<http_response> r) { ok += r.has_value(); });
    io.restart();
    io.run();
    CHECK(ok == 4);
    CHECK(server.connection_count() == 4);
    for (int i = 0; i < 100 && server.client_closes() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(server.client_closes() == 3);
}

TEST_CASE("beast_async_transport: a kept-alive connection the server closed while idle is replaced")
{
    loopback_http_server server;
    server.push({200, {}, "first", fault::close_after_response});  // keep-alive, yet closed afterwards
    server.push({200, {}, "second"});
    boost::asio::io_context io;
    beast_async_transport t(io.get_executor());

    std::vector<result<http_response>> got;
    t.async_send(make_request("POST", server.url(), {}, "1"), [&](result<http_response> r) { got.push_back(std::move(r)); });
    io.run();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the server's close arrives
    // Not safe to repeat: it may be sent only where the server cannot have seen it.
    t.async_send(make_request("POST", server.url(), {}, "2"), [&](result<http_response> r) { got.push_back(std::move(r)); });
    io.restart();
    io.run();
    REQUIRE(got.size() == 2);
    REQUIRE(got[0].has_value());
    REQUIRE(got[1].has_value());
    CHECK(got[1]->body == "second");
    CHECK(server.request_count() == 2);
    CHECK(server.connection_count() == 2);
}

TEST_CASE("beast_async_transport: refused requests and transport errors go through the handler")
{
    loopback_http_server server;
    boost::asio::io_context io;
    beast_options o;
    o.request_timeout = std::chrono::milliseconds(100);
    beast_async_transport t(io.get_executor(), o);

    std::vector<result<http_response>> got;
    auto record = [&](result<http_response> r) { got.push_back(std::move(r)); };
    t.async_send(make_request("GET", server.url(), {{"X-Bad", "a\nb"}}), record);
    t.async_send(make_request("GET", "gopher://127.0.0.1/"), record);
    server.push({200, {}, "", fault::never_answer});
    t.async_send(make_request("GET", server.url() + "/slow"), record);
    CHECK(got.empty());
    io.run();
    REQUIRE(got.size() == 3);
    CHECK(got[0].error().kind == error_kind::invalid_argument);
    CHECK(got[1].error().kind == error_kind::invalid_argument);
    CHECK(got[2].error().code == error_code::timed_out);
    CHECK(server.request_count() == 1);
}

TEST_CASE("beast_async_transport: async_wait fires after the delay")
{
    boost::asio::io_context io;
    beast_async_transport t(io.get_executor());
    int fired = 0;
    auto const start = std::chrono::steady_clock::now();
    t.async_wait(std::chrono::milliseconds(50), [&] { ++fired; });
    CHECK(fired == 0);
    io.run();
    CHECK(fired == 1);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(50));
}

TEST_CASE("beast_async_transport: destroyed with work pending, every handler still runs once")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    server.push({200, {}, "", fault::never_answer});
    boost::asio::io_context io;
    int failed = 0, timer_fired = 0;
    {
        beast_options o;
        o.max_connections_per_origin = 2;
        beast_async_transport t(io.get_executor(), o);
        auto on_done = [&](result<http_response> r) { failed += r.has_error(); };
        t.async_send(make_request("GET", server.url() + "/in-flight-1"), on_done);
        t.async_send(make_request("GET", server.url() + "/in-flight-2"), on_done);
        t.async_send(make_request("GET", server.url() + "/queued"), on_done);
        t.async_wait(std::chrono::seconds(5), [&] { ++timer_fired; });
        // Run until both connections' requests reached the server, then destroy the transport.
        while (server.request_count() < 2) io.run_for(std::chrono::milliseconds(5));
    }
    auto const start = std::chrono::steady_clock::now();
    io.run();
    CHECK(failed == 3);
    CHECK(timer_fired == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));  // the timer was cancelled
}

// ---------------------------------------------------------------------------------------------
// https:// (OpenSSL). The certificate checks that every sync transport shares (CA file, PEM,
// directory, system store, host name mismatch) are in test_transport_faults.cpp; these are the
// Beast-specific ones: the async form, SNI, keep-alive and framing over TLS.
// ---------------------------------------------------------------------------------------------
#if APIBIND_TEST_LOOPBACK_TLS

namespace {

struct beast_pki {
    apibind_test::test_ca ca = apibind_test::test_ca::make();
    apibind_test::tls_identity server = ca.issue({"localhost"}, {"127.0.0.1", "::1"});
    apibind_test::tls_identity wrong_host = ca.issue({"not-this-host.test"}, {});
};

beast_pki const& pki()
{
    static beast_pki const p;
    return p;
}

beast_options trusting_test_ca()
{
    beast_options o;
    o.ca_pem = pki().ca.cert_pem;
    return o;
}

}  // namespace

TEST_CASE("beast https: sync GET and POST over one verified, kept-alive TLS connection")
{
    loopback_http_server server(pki().server);
    server.push({200, {{"X-Reply", "tls"}}, "secure one"});
    server.push({201, {}, "secure two"});
    beast_sync_transport t(trusting_test_ca());
    auto r1 = t.send(make_request("GET", server.url() + "/a?x=1"));
    REQUIRE(r1.has_value());
    CHECK(r1->body == "secure one");
    CHECK(r1->header("X-Reply") == "tls");
    auto r2 = t.send(make_request("POST", server.url() + "/b", {{"Content-Type", "application/json"}}, "{\"k\":1}"));
    REQUIRE(r2.has_value());
    CHECK(r2->status == 201);
    CHECK(r2->body == "secure two");
    CHECK(server.connection_count() == 1);
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].target == "/a?x=1");
    CHECK(reqs[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(reqs[0].tls_server_name.empty());  // no SNI for an IP address (RFC 6066)
    CHECK(reqs[1].body == "{\"k\":1}");
}

TEST_CASE("beast https: a host name is sent as SNI and verified")
{
    loopback_http_server server(pki().server);
    server.push({200, {}, "by name"});
    beast_sync_transport t(trusting_test_ca());
    auto r = t.send(make_request("GET", server.url("localhost") + "/n"));
    REQUIRE(r.has_value());
    CHECK(r->body == "by name");
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].tls_server_name == "localhost");
    CHECK(server.requests()[0].header("Host") == "localhost:" + std::to_string(server.port()));
}

TEST_CASE("beast https: async transport, verified and failing")
{
    loopback_http_server server(pki().server);
    loopback_http_server wrong(pki().wrong_host);
    server.push({200, {}, "async secure"});
    server.push({200, {}, "again"});
    boost::asio::io_context io;
    beast_options one_connection = trusting_test_ca();
    one_connection.max_connections_per_origin = 1;  // /1 then /2 on one kept-alive TLS connection
    beast_async_transport trusting(io.get_executor(), one_connection);
    beast_async_transport system_store(io.get_executor());  // the test CA is not in it

    std::vector<result<http_response>> got(4, apibind::make_error(error_kind::transport, error_code::none, "not called"));
    trusting.async_send(make_request("GET", server.url() + "/1"), [&](result<http_response> r) { got[0] = std::move(r); });
    trusting.async_send(make_request("GET", server.url() + "/2"), [&](result<http_response> r) { got[1] = std::move(r); });
    system_store.async_send(make_request("GET", server.url() + "/3"), [&](result<http_response> r) { got[2] = std::move(r); });
    trusting.async_send(make_request("GET", wrong.url() + "/4"), [&](result<http_response> r) { got[3] = std::move(r); });
    io.run();
    REQUIRE(got[0].has_value());
    CHECK(got[0]->body == "async secure");
    REQUIRE(got[1].has_value());
    CHECK(got[1]->body == "again");
    REQUIRE(got[2].has_error());
    CHECK(got[2].error().code == error_code::tls_failure);
    CHECK(contains(got[2].error().message, "certificate verification failed"));
    REQUIRE(got[3].has_error());
    CHECK(got[3].error().code == error_code::tls_failure);
    CHECK(contains(got[3].error().message, "not valid for the host name '127.0.0.1'"));
    CHECK(server.request_count() == 2);
    CHECK(server.connection_count() == 2);  // one kept alive + the refused handshake
    CHECK(wrong.request_count() == 0);
}

TEST_CASE("beast https: a pool of verified TLS connections")
{
    loopback_http_server server(pki().server);
    for (int i = 0; i < 6; ++i) server.push({200, {}, "secure"});
    boost::asio::io_context io;
    beast_options o = trusting_test_ca();
    o.max_connections_per_origin = 3;
    beast_async_transport t(io.get_executor(), o);
    int ok = 0;
    for (int i = 0; i < 6; ++i)  // three at once, each on its own connection (one CA load for all)
        t.async_send(make_request("GET", server.url() + "/" + std::to_string(i), {{"X-Test-Delay-Ms", "100"}}),
                     [&](result<http_response> r) { ok += r.has_value() && r->body == "secure"; });
    io.run();
    CHECK(ok == 6);
    CHECK(server.connection_count() == 3);
    CHECK(server.peak_unanswered() == 3);
}

TEST_CASE("beast https: switching between http and https origins on one transport")
{
    loopback_http_server secure(pki().server);
    loopback_http_server plain;
    secure.push({200, {}, "s1"});
    plain.push({200, {}, "p1"});
    secure.push({200, {}, "s2"});
    beast_sync_transport t(trusting_test_ca());
    auto a = t.send(make_request("GET", secure.url()));
    auto b = t.send(make_request("GET", plain.url()));
    auto c = t.send(make_request("GET", secure.url()));
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(c.has_value());
    CHECK(a->body == "s1");
    CHECK(b->body == "p1");
    CHECK(c->body == "s2");
}

TEST_CASE("beast https: framing and faults over TLS")
{
    loopback_http_server server(pki().server);
    beast_options o = trusting_test_ca();
    o.request_timeout = std::chrono::milliseconds(200);
    beast_sync_transport t(o);

    SUBCASE("chunked body")
    {
        server.push({200, {}, "{\"chunked\":\"over tls\"}", fault::chunked});
        auto r = t.send(make_request("GET", server.url()));
        REQUIRE(r.has_value());
        CHECK(r->body == "{\"chunked\":\"over tls\"}");
    }
    SUBCASE("a body delimited by the end of the connection, closed without close_notify")
    {
        server.push({200, {}, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", fault::raw_then_close});
        auto r = t.send(make_request("GET", server.url()));
        REQUIRE(r.has_value());
        CHECK(r->body == "until the end");
    }
    SUBCASE("truncated body is a protocol error")
    {
        server.push({200, {}, "short", fault::truncated_body});
        auto r = t.send(make_request("GET", server.url()));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::protocol_error);
    }
    SUBCASE("reset mid-body")
    {
        server.push({200, {}, std::string(64, 'x'), fault::reset_mid_body});
        auto r = t.send(make_request("GET", server.url()));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::connection_reset);
    }
    SUBCASE("no answer: timed out")
    {
        server.push({200, {}, "", fault::never_answer});
        auto r = t.send(make_request("GET", server.url()));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::timed_out);
    }
    SUBCASE("a kept-alive TLS connection closed by the server is replaced once")
    {
        server.push({200, {}, "first"});
        server.push({200, {}, "", fault::close_before_response});
        server.push({200, {}, "second"});
        REQUIRE(t.send(make_request("POST", server.url(), {}, "1")).has_value());
        auto safe = make_request("POST", server.url(), {}, "2");
        safe.retry_safe = true;
        auto r = t.send(safe);
        REQUIRE(r.has_value());
        CHECK(r->body == "second");
        CHECK(server.request_count() == 3);
        CHECK(server.connection_count() == 2);
    }
    SUBCASE("body over max_body_size")
    {
        beast_options small = trusting_test_ca();
        small.max_body_size = 8;
        beast_sync_transport t2(small);
        server.push({200, {}, std::string(100, 'b')});
        auto r = t2.send(make_request("GET", server.url()));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::body_too_large);
    }
}

TEST_CASE("beast https: handshake problems")
{
    SUBCASE("a plain HTTP server on the other end")
    {
        loopback_http_server plain;
        beast_options o = trusting_test_ca();
        o.connect_timeout = std::chrono::milliseconds(300);
        beast_sync_transport t(o);
        // The plain server waits for "\r\n\r\n", which a ClientHello never contains: the
        // handshake times out (bounded by connect_timeout).
        auto const start = std::chrono::steady_clock::now();
        auto r = t.send(make_request("GET", "https://127.0.0.1:" + std::to_string(plain.port()) + "/"));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::timed_out);
        CHECK(contains(r.error().message, "TLS handshake"));
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
        CHECK(plain.request_count() == 0);
    }
    SUBCASE("a CA file that does not exist")
    {
        loopback_http_server server(pki().server);
        beast_options o;
        o.ca_file = "/nonexistent/apibind-ca.pem";
        beast_sync_transport t(o);
        auto r = t.send(make_request("GET", server.url(), {{"Authorization", "Bearer SECRET"}}));
        REQUIRE(r.has_error());
        CHECK(r.error().code == error_code::tls_failure);
        CHECK(contains(r.error().message, "/nonexistent/apibind-ca.pem"));
        CHECK_FALSE(contains(r.error().message, "SECRET"));
        CHECK(server.connection_count() == 0);
    }
    SUBCASE("http:// to a TLS server")
    {
        loopback_http_server server(pki().server);
        beast_options o;
        o.request_timeout = std::chrono::milliseconds(300);
        beast_sync_transport t(o);
        auto r = t.send(make_request("GET", "http://127.0.0.1:" + std::to_string(server.port()) + "/"));
        REQUIRE(r.has_error());
        CHECK(r.error().kind == error_kind::transport);
        CHECK(server.request_count() == 0);
    }
}

#endif  // APIBIND_TEST_LOOPBACK_TLS
