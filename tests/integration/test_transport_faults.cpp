// The fault matrix: every shipped transport, sync and async (Beast; libcurl when built with it),
// through apibind::client, against the scripted loopback server, which counts what it receives.
// Sync transports are called with client.call; async ones with client.async_call, driven until
// the handler ran (Beast: its io_context; curl: poll/wait). Two endpoints: `get_thing` is
// retry_safe, `create_thing` is not. Retries never sleep: the client's sleep hook (sync) or a
// timer that records the delay and waits zero through the transport's own async_wait (async)
// records the waits. Every call carries credentials (an Authorization header and an api_key
// query parameter) that must never show up in to_string(error).
#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
#include <apibind/transport/curl.hpp>
#include <apibind/transport/curl_asio.hpp>
#include <apibind/transport/curl_async.hpp>
#endif

#include <support/loopback_http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/describe/class.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

using apibind::error_code;
using apibind::error_kind;
using apibind_test::fault;
using apibind_test::closed_port;
using apibind_test::contains;
using apibind_test::loopback_http_server;
using apibind_test::scripted_response;

namespace {

struct thing_request {
    std::string name;
};
BOOST_DESCRIBE_STRUCT(thing_request, (), (name))

struct thing {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(thing, (), (id, name))

using get_thing = apibind::endpoint<"/things/get", thing_request, thing, apibind::retry_safe>;
using create_thing = apibind::endpoint<"/things/create", thing_request, thing>;

constexpr std::string_view secret = "s3cr3t";

apibind::basic_policy fault_policy(std::string url, int max_attempts)
{
    apibind::basic_policy p;
    p.url = std::move(url);
    p.headers.push_back({"Authorization", "Bearer " + std::string(secret)});
    p.retries.max_attempts = max_attempts;
    return p;
}

// How the matrix runs an async transport until a condition holds (or nothing is left to do).
template <class T>
struct async_driver;

template <>
struct async_driver<apibind::transport::beast_async_transport> {
    boost::asio::io_context io;

    apibind::transport::beast_async_transport make(apibind::transport::beast_options o)
    {
        return apibind::transport::beast_async_transport(io.get_executor(), std::move(o));
    }
    template <class Done>
    void run_until(apibind::transport::beast_async_transport&, Done done)
    {
        io.restart();
        while (!done() && io.run_one() > 0) {}
    }
};

#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
template <>
struct async_driver<apibind::transport::curl_async_transport> {
    apibind::transport::curl_async_transport make(apibind::transport::curl_options o)
    {
        return apibind::transport::curl_async_transport(std::move(o));
    }
    template <class Done>
    void run_until(apibind::transport::curl_async_transport& t, Done done)
    {
        t.poll();
        while (!done() && t.pending() > 0) {
            t.wait(std::chrono::milliseconds(200));
            t.poll();
        }
    }
};

template <>
struct async_driver<apibind::transport::curl_asio_transport> {
    boost::asio::io_context io;

    apibind::transport::curl_asio_transport make(apibind::transport::curl_options o)
    {
        return apibind::transport::curl_asio_transport(io.get_executor(), std::move(o));
    }
    template <class Done>
    void run_until(apibind::transport::curl_asio_transport&, Done done)
    {
        io.restart();
        while (!done() && io.run_one() > 0) {}
    }
};
#endif

// An async transport whose retry waits are recorded and shortened to zero: they still go through
// its own async_wait (a timer that fires on the next turn), but the matrix does not sleep.
template <class A>
struct recorded_waits {
    using options_type = typename A::options_type;
    A inner;
    std::vector<std::chrono::milliseconds>* waits;

    void async_send(apibind::http_request req, apibind::response_handler handler)
    {
        inner.async_send(std::move(req), std::move(handler));
    }
    void async_wait(std::chrono::milliseconds d, apibind::detail::unique_function<void()> fn)
    {
        waits->push_back(d);
        inner.async_wait(std::chrono::milliseconds(0), std::move(fn));
    }
};

// A client of transport T on `url`, with credentials in a header; the sleeps it would do.
template <class T, bool = apibind::sync_transport<T>>
struct rig {
    std::vector<std::chrono::milliseconds> sleeps;
    apibind::client<T, apibind::basic_policy> client;

    explicit rig(std::string url, typename T::options_type options = {}, int max_attempts = 3)
        : client(T(std::move(options)), fault_policy(std::move(url), max_attempts))
    {
        client.set_sleep([this](std::chrono::milliseconds d) { sleeps.push_back(d); });
    }

    // Every call also sends ?api_key=s3cr3t.
    template <class E>
    apibind::result<thing> call(std::string name = "widget", apibind::call_options opts = {})
    {
        opts.query.emplace_back("api_key", std::string(secret));
        return client.template call<E>(thing_request{std::move(name)}, opts);
    }

    // The transport on its own, bypassing the client.
    apibind::result<apibind::http_response> send(apibind::http_request const& req) { return client.transport().send(req); }
};

// The same for an async transport: each call runs the transport until its handler ran, and
// checks that it ran exactly once (also after the transport ran on until idle).
template <class T>
struct rig<T, false> {
    std::vector<std::chrono::milliseconds> sleeps;
    async_driver<T> driver;  // before the client: it outlives the transport
    apibind::client<recorded_waits<T>, apibind::basic_policy> client;

    explicit rig(std::string url, typename T::options_type options = {}, int max_attempts = 3)
        : client(recorded_waits<T>{driver.make(std::move(options)), &sleeps}, fault_policy(std::move(url), max_attempts))
    {
    }

    template <class E>
    apibind::result<thing> call(std::string name = "widget", apibind::call_options opts = {})
    {
        opts.query.emplace_back("api_key", std::string(secret));
        std::optional<apibind::result<thing>> out;
        int handled = 0;
        client.template async_call<E>(
            thing_request{std::move(name)},
            [&](apibind::result<thing> r) {
                ++handled;
                out = std::move(r);
            },
            opts);
        driver.run_until(client.transport().inner, [&] { return out.has_value(); });
        REQUIRE(out.has_value());
        CHECK(handled == 1);
        return std::move(*out);
    }

    apibind::result<apibind::http_response> send(apibind::http_request req)
    {
        std::optional<apibind::result<apibind::http_response>> out;
        int handled = 0;
        client.transport().inner.async_send(std::move(req), [&](apibind::result<apibind::http_response> r) {
            ++handled;
            out = std::move(r);
        });
        CHECK(handled == 0);  // never inside async_send, even when refused at once
        driver.run_until(client.transport().inner, [&] { return out.has_value(); });
        REQUIRE(out.has_value());
        CHECK(handled == 1);
        return std::move(*out);
    }
};

template <class T>
typename T::options_type options(std::chrono::milliseconds request_timeout = std::chrono::seconds(5),
                                 std::size_t max_body_size = 1024 * 1024)
{
    typename T::options_type o;
    o.connect_timeout = std::chrono::seconds(2);
    o.request_timeout = request_timeout;
    o.max_body_size = max_body_size;
    return o;
}

// The error, checked to be credential-free in every form it is shown.
apibind::error clean(apibind::error e)
{
    std::string const line = to_string(e);
    INFO("error: " << line);
    CHECK(line.find(secret) == std::string::npos);
    CHECK(e.message.find(secret) == std::string::npos);
    return e;
}

scripted_response ok_thing(std::string const& id = "t1")
{
    return {200, {{"Content-Type", "application/json"}}, R"({"id":")" + id + R"(","name":"widget"})"};
}

}  // namespace

#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
#define APIBIND_FAULT_TRANSPORTS                                                                                       \
    apibind::transport::beast_sync_transport, apibind::transport::curl_transport, apibind::transport::beast_async_transport, \
        apibind::transport::curl_async_transport, apibind::transport::curl_asio_transport
#else
#define APIBIND_FAULT_TRANSPORTS apibind::transport::beast_sync_transport, apibind::transport::beast_async_transport
#endif

TEST_CASE_TEMPLATE("faults: a good call sends method, path, query, headers and body", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    server.push(ok_thing("abc"));
    rig<T> r(server.url() + "/v1");
    auto out = r.template call<create_thing>("gizmo");
    REQUIRE(out.has_value());
    CHECK(out->id == "abc");
    REQUIRE(server.request_count() == 1);
    auto const req = server.requests()[0];
    CHECK(req.method == "POST");
    CHECK(req.target == "/v1/things/create?api_key=s3cr3t");
    CHECK(req.header("Authorization") == "Bearer s3cr3t");
    CHECK(req.header("Content-Type") == "application/json");
    CHECK(req.header("Accept") == "application/json");
    CHECK(req.header("Host") == "127.0.0.1:" + std::to_string(server.port()));
    CHECK(req.header("User-Agent") == "apibind/0.1");
    CHECK(req.header("Expect").empty());
    CHECK(req.body == R"({"name":"gizmo"})");
}

TEST_CASE_TEMPLATE("faults: connection refused is retried for any endpoint", T, APIBIND_FAULT_TRANSPORTS)
{
    auto const port = closed_port();
    rig<T> r("http://127.0.0.1:" + std::to_string(port), options<T>());
    auto out = r.template call<create_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.kind == error_kind::transport);
    CHECK(e.code == error_code::connection_refused);
    CHECK(contains(e.message, "POST /things/create on 127.0.0.1:" + std::to_string(port)));
    CHECK(r.sleeps.size() == 2);  // 3 attempts
}

TEST_CASE_TEMPLATE("faults: reset mid-response", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    SUBCASE("retry_safe: retried, then succeeds")
    {
        server.push({200, {}, std::string(64, 'x'), fault::reset_mid_body});
        server.push(ok_thing());
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_value());
        CHECK(server.request_count() == 2);
        CHECK(r.sleeps.size() == 1);
    }
    SUBCASE("not retry_safe: one request, connection_reset")
    {
        server.push({200, {}, std::string(64, 'x'), fault::reset_mid_body});
        auto out = r.template call<create_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::connection_reset);
        CHECK(server.request_count() == 1);
        CHECK(r.sleeps.empty());
    }
    SUBCASE("closed before any response byte on a fresh connection")
    {
        server.push({200, {}, "", fault::close_before_response});
        auto out = r.template call<create_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::connection_reset);
        CHECK(server.request_count() == 1);
    }
}

TEST_CASE_TEMPLATE("faults: a server that never answers times out", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>(std::chrono::milliseconds(150)), 2);
    SUBCASE("retry_safe: retried")
    {
        server.push({200, {}, "", fault::never_answer});
        server.push({200, {}, "", fault::never_answer});
        auto const start = std::chrono::steady_clock::now();
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::timed_out);
        CHECK(server.request_count() == 2);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    }
    SUBCASE("not retry_safe: once")
    {
        server.push({200, {}, "", fault::never_answer});
        auto out = r.template call<create_thing>();
        REQUIRE(out.has_error());
        auto const e = clean(out.error());
        CHECK(e.code == error_code::timed_out);
        CHECK(contains(e.message, "POST /things/create on 127.0.0.1"));
        CHECK(server.request_count() == 1);
    }
}

TEST_CASE_TEMPLATE("faults: truncated body is a protocol error, not retried", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    server.push({200, {}, R"({"id":"t1","name":"wid)", fault::truncated_body});
    auto out = r.template call<get_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.kind == error_kind::transport);
    CHECK(e.code == error_code::protocol_error);
    CHECK(server.request_count() == 1);
}

TEST_CASE_TEMPLATE("faults: Content-Length that lies", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>(std::chrono::milliseconds(300)), 1);
    SUBCASE("shorter than the body: the rest is not taken for the next response")
    {
        server.push({200, {}, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"id\":\"t1\",\"name\":\"widget\"}HTTP/1.1 200 OK\r\n\r\n",
                     fault::raw});
        server.push(ok_thing("t2"));
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).kind == error_kind::decode);
        auto next = r.template call<get_thing>();
        REQUIRE(next.has_value());
        CHECK(next->id == "t2");
        CHECK(server.request_count() == 2);
    }
    SUBCASE("longer than the body, connection left open: timed out")
    {
        server.push({200, {}, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":\"t1\"}", fault::raw});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::timed_out);
    }
    SUBCASE("not a number")
    {
        server.push({200, {}, "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n{}", fault::raw_then_close});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::protocol_error);
    }
}

TEST_CASE_TEMPLATE("faults: chunked bodies are decoded; the connection stays usable", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    server.push({200, {{"Content-Type", "application/json"}}, R"({"id":"chunky","name":"in five-byte chunks"})", fault::chunked});
    server.push(ok_thing("after"));
    auto out = r.template call<get_thing>();
    REQUIRE(out.has_value());
    CHECK(out->id == "chunky");
    CHECK(out->name == "in five-byte chunks");
    auto next = r.template call<get_thing>();
    REQUIRE(next.has_value());
    CHECK(next->id == "after");
    CHECK(server.connection_count() == 1);
}

TEST_CASE_TEMPLATE("faults: 301/302 for a POST are not followed", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    for (int status : {301, 302}) {
        CAPTURE(status);
        server.push({status, {{"Location", server.url() + "/elsewhere"}}, "moved"});
        auto const before = server.request_count();
        auto out = r.template call<create_thing>();
        REQUIRE(out.has_error());
        auto const e = clean(out.error());
        CHECK(e.kind == error_kind::http_status);
        CHECK(e.code == error_code::redirect_not_followed);
        CHECK(e.http_status == status);
        CHECK(server.request_count() == before + 1);
    }
    for (auto const& req : server.requests()) CHECK(req.target.find("/elsewhere") == std::string::npos);
}

// A redirect whose Location echoes the request's query (as http -> https redirects do) would
// put the api_key into the error line: the client must print the Location without its query.
TEST_CASE("faults: a Location that echoes the query does not leak it")
{
    loopback_http_server server;
    rig<apibind::transport::beast_sync_transport> r(server.url(), options<apibind::transport::beast_sync_transport>());
    server.push({301, {{"Location", "https://127.0.0.1/things/create?api_key=s3cr3t"}}, "moved"});
    auto out = r.call<create_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.code == error_code::redirect_not_followed);
}

TEST_CASE_TEMPLATE("faults: 429 with Retry-After is retried for a non-safe endpoint", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    server.push({429, {{"Retry-After", "2"}}, R"({"error":"slow down"})"});
    server.push(ok_thing("made"));
    auto out = r.template call<create_thing>();
    REQUIRE(out.has_value());
    CHECK(out->id == "made");
    CHECK(server.request_count() == 2);
    REQUIRE(r.sleeps.size() == 1);
    CHECK(r.sleeps[0] >= std::chrono::seconds(2));

    // Still 429 after every attempt: the last answer is the error.
    for (int i = 0; i < 3; ++i) server.push({429, {{"Retry-After", "1"}}, "busy"});
    auto out2 = r.template call<create_thing>();
    REQUIRE(out2.has_error());
    CHECK(clean(out2.error()).http_status == 429);
    CHECK(server.request_count() == 5);
}

TEST_CASE_TEMPLATE("faults: 500/502/503 are retried only for retry_safe endpoints", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    SUBCASE("retry_safe: three attempts")
    {
        server.push({500, {}, "boom"});
        server.push({502, {}, "bad gateway"});
        server.push({503, {}, "unavailable"});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        auto const e = clean(out.error());
        CHECK(e.kind == error_kind::http_status);
        CHECK(e.http_status == 503);
        CHECK(server.request_count() == 3);
        CHECK(r.sleeps.size() == 2);
    }
    SUBCASE("not retry_safe: one attempt")
    {
        for (int status : {500, 502, 503}) {
            CAPTURE(status);
            server.push({status, {}, "nope"});
            auto const before = server.request_count();
            auto out = r.template call<create_thing>();
            REQUIRE(out.has_error());
            CHECK(clean(out.error()).http_status == status);
            CHECK(server.request_count() == before + 1);
        }
        CHECK(r.sleeps.empty());
    }
}

TEST_CASE_TEMPLATE("faults: a non-JSON error page is an http_status error", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    server.push({404, {{"Content-Type", "text/html"}}, "<html><body>Not Found</body></html>\n<p>more</p>"});
    auto out = r.template call<create_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.kind == error_kind::http_status);
    CHECK(e.http_status == 404);
    CHECK(contains(e.message, "Not Found"));
    CHECK(server.request_count() == 1);

    // A 200 whose body is not JSON is a decode error.
    server.push({200, {{"Content-Type", "text/html"}}, "<html>ok</html>"});
    auto out2 = r.template call<create_thing>();
    REQUIRE(out2.has_error());
    CHECK(clean(out2.error()).kind == error_kind::decode);
}

TEST_CASE_TEMPLATE("faults: a body over the limit is body_too_large", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>(std::chrono::seconds(5), 1024));
    std::string const huge = R"({"id":")" + std::string(64 * 1024, 'x') + R"(","name":"n"})";
    SUBCASE("with Content-Length")
    {
        server.push({200, {}, huge});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::body_too_large);
        CHECK(server.request_count() == 1);
    }
    SUBCASE("chunked")
    {
        server.push({200, {}, huge, fault::chunked});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_error());
        CHECK(clean(out.error()).code == error_code::body_too_large);
        CHECK(server.request_count() == 1);
    }
    SUBCASE("at the limit is fine")
    {
        std::string const fits = R"({"id":")" + std::string(1024 - 20, 'y') + R"(","name":"n"})";
        REQUIRE(fits.size() == 1024);
        server.push({200, {}, fits});
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_value());
    }
}

TEST_CASE_TEMPLATE("faults: header values with CR/LF are refused before sending", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server;
    rig<T> r(server.url(), options<T>());
    apibind::call_options bad;
    bad.headers.push_back({"X-Note", "a\r\nInjected: 1"});
    auto out = r.template call<create_thing>("x", bad);
    REQUIRE(out.has_error());
    CHECK(clean(out.error()).kind == error_kind::invalid_argument);

    apibind::call_options bad_secret;
    bad_secret.headers.push_back({"X-Token", "s3cr3t\nX-Evil: 1"});
    auto out2 = r.template call<create_thing>("x", bad_secret);
    REQUIRE(out2.has_error());
    CHECK(clean(out2.error()).kind == error_kind::invalid_argument);

    // The transport checks on its own too (for callers that bypass the client).
    apibind::http_request req;
    req.method = "POST";
    req.url = server.url() + "/things/create?api_key=s3cr3t";
    req.headers = {{"Authorization", "Bearer s3cr3t\r\nX-Injected: 1"}};
    auto raw = r.send(req);
    REQUIRE(raw.has_error());
    CHECK(clean(raw.error()).kind == error_kind::invalid_argument);
    CHECK(contains(raw.error().message, "Authorization"));
    req.headers = {{"Bad Name", "v"}};
    REQUIRE(r.send(req).has_error());
    req.headers = {{"X-Nul", std::string("a\0b", 3)}};
    REQUIRE(r.send(req).has_error());

    CHECK(server.request_count() == 0);
    CHECK(server.connection_count() == 0);
}

// ---------------------------------------------------------------------------------------------
// https:// certificate checks, the same for every transport.
// ---------------------------------------------------------------------------------------------
#if APIBIND_TEST_LOOPBACK_TLS

namespace {

struct fault_pki {
    apibind_test::test_ca ca = apibind_test::test_ca::make();
    apibind_test::tls_identity server = ca.issue({"localhost"}, {"127.0.0.1"});
    apibind_test::tls_identity wrong_host = ca.issue({"not-this-host.test"}, {"127.0.0.2"});
};

fault_pki const& pki()
{
    static fault_pki const p;
    return p;
}

}  // namespace

TEST_CASE_TEMPLATE("tls: verified with the CA configured (file, directory, PEM text)", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server(pki().server);
    auto const ca_file = apibind_test::temp_path::file(pki().ca.cert_pem);
    auto const ca_dir = apibind_test::temp_path::directory();
    {
        auto const hashed = ca_dir.path() / pki().ca.hashed_name();
        auto copy = apibind_test::temp_path::file(pki().ca.cert_pem);
        std::filesystem::copy_file(copy.path(), hashed);
    }
    for (int how = 0; how < 3; ++how) {
        CAPTURE(how);
        auto o = options<T>();
        if (how == 0) o.ca_file = ca_file.string();
        if (how == 1) o.ca_path = ca_dir.string();
        if (how == 2) o.ca_pem = pki().ca.cert_pem;
        server.push(ok_thing("secure"));
        server.push(ok_thing("secure again"));
        auto const connections = server.connection_count();
        rig<T> r(server.url(), o);
        // get_thing: a request safe to repeat (the curl transports give one that is not a fresh
        // connection, so only these show the TLS connection kept alive).
        auto out = r.template call<get_thing>();
        REQUIRE(out.has_value());
        CHECK(out->id == "secure");
        auto again = r.template call<get_thing>();
        REQUIRE(again.has_value());
        CHECK(again->id == "secure again");
        CHECK(server.connection_count() == connections + 1);  // kept alive over TLS
    }
    auto const reqs = server.requests();
    REQUIRE(reqs.size() == 6);
    CHECK(reqs[0].header("Authorization") == "Bearer s3cr3t");
    CHECK(reqs[0].target == "/things/get?api_key=s3cr3t");
}

TEST_CASE_TEMPLATE("tls: the system trust store does not trust the throwaway CA", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server(pki().server);
    rig<T> r(server.url(), options<T>());
    auto out = r.template call<get_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.kind == error_kind::transport);
    CHECK(e.code == error_code::tls_failure);
    CHECK(contains(e.message, "certificate"));
    CHECK(server.request_count() == 0);
    CHECK(r.sleeps.empty());  // not retried
}

TEST_CASE_TEMPLATE("tls: a certificate for another host name is refused", T, APIBIND_FAULT_TRANSPORTS)
{
    loopback_http_server server(pki().wrong_host);
    auto o = options<T>();
    o.ca_pem = pki().ca.cert_pem;
    rig<T> r(server.url(), o);
    auto out = r.template call<get_thing>();
    REQUIRE(out.has_error());
    auto const e = clean(out.error());
    CHECK(e.code == error_code::tls_failure);
    CHECK(contains(e.message, "127.0.0.1"));
    CHECK(server.request_count() == 0);

    // By name too: the certificate is for not-this-host.test, not localhost.
    rig<T> by_name(server.url("localhost"), o);
    auto out2 = by_name.template call<get_thing>();
    REQUIRE(out2.has_error());
    CHECK(clean(out2.error()).code == error_code::tls_failure);
    CHECK(server.request_count() == 0);
}

#endif  // APIBIND_TEST_LOOPBACK_TLS

// ---------------------------------------------------------------------------------------------
// curl_async_transport (and curl_asio_transport) beyond the matrix: many transfers at once, its
// timers, cancellation, and what destruction does with work in flight.
// ---------------------------------------------------------------------------------------------
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL

namespace {

using apibind::transport::curl_async_transport;

// Polls (and waits) until `done` or nothing is pending; false if `limit` passed first.
template <class Done>
bool drive(curl_async_transport& t, Done done, std::chrono::milliseconds limit = std::chrono::seconds(10))
{
    auto const end = std::chrono::steady_clock::now() + limit;
    t.poll();
    while (!done() && t.pending() > 0) {
        if (std::chrono::steady_clock::now() > end) return false;
        t.wait(std::chrono::milliseconds(100));
        t.poll();
    }
    return true;
}

apibind::http_request get_request(std::string const& url)
{
    apibind::http_request req;
    req.method = "POST";
    req.url = url + "/things/get";
    req.body = R"({"name":"w"})";
    return req;
}

}  // namespace

TEST_CASE("curl_async: 50 calls in flight on one transport each end exactly once")
{
    loopback_http_server server;
    for (int i = 0; i < 50; ++i) server.push(ok_thing("t" + std::to_string(i)));
    apibind::client<curl_async_transport, apibind::basic_policy> client(curl_async_transport(options<curl_async_transport>()),
                                                                        fault_policy(server.url(), 1));
    std::vector<int> handled(50, 0);
    std::set<std::string> ids;
    for (int i = 0; i < 50; ++i) {
        client.async_call<get_thing>(thing_request{"n" + std::to_string(i)}, [&, i](apibind::result<thing> r) {
            ++handled[static_cast<std::size_t>(i)];
            if (r) ids.insert(r->id);
            else FAIL_CHECK(to_string(r.error()));
        });
    }
    CHECK(client.transport().in_flight() == 50);  // all started, none completed inside async_call
    for (int h : handled) CHECK(h == 0);
    client.transport().run();
    CHECK(client.transport().pending() == 0);
    for (int h : handled) CHECK(h == 1);
    CHECK(ids.size() == 50);
    CHECK(server.request_count() == 50);
    CHECK(server.connection_count() > 1);  // in parallel, not one after another on one connection

    // The connections are kept: more calls reuse them.
    auto const connections = server.connection_count();
    server.push(ok_thing("again"));
    std::optional<apibind::result<thing>> again;
    client.async_call<get_thing>(thing_request{"x"}, [&](apibind::result<thing> r) { again = std::move(r); });
    client.transport().run();
    REQUIRE(again.has_value());
    REQUIRE(again->has_value());
    CHECK(server.connection_count() == connections);
}

TEST_CASE("curl_async: a retry waits through async_wait for the delay asked")
{
    loopback_http_server server;
    server.push({503, {}, "busy"});
    server.push(ok_thing("second"));
    auto policy = fault_policy(server.url(), 3);
    policy.retries.initial_backoff = std::chrono::milliseconds(150);
    apibind::client<curl_async_transport, apibind::basic_policy> client(curl_async_transport(options<curl_async_transport>()),
                                                                        std::move(policy));
    std::optional<apibind::result<thing>> out;
    auto const start = std::chrono::steady_clock::now();
    client.async_call<get_thing>(thing_request{"x"}, [&](apibind::result<thing> r) { out = std::move(r); });
    client.transport().run();
    auto const took = std::chrono::steady_clock::now() - start;
    REQUIRE(out.has_value());
    REQUIRE(out->has_value());
    CHECK((*out)->id == "second");
    CHECK(server.request_count() == 2);
    CHECK(took >= std::chrono::milliseconds(150));
    CHECK(took < std::chrono::seconds(3));
}

TEST_CASE("curl_async: timers run in due order, in poll, never inside async_wait")
{
    curl_async_transport t;
    std::vector<int> order;
    t.async_wait(std::chrono::milliseconds(60), [&] { order.push_back(3); });
    t.async_wait(std::chrono::milliseconds(0), [&] { order.push_back(1); });
    t.async_wait(std::chrono::milliseconds(-5), [&] { order.push_back(2); });
    CHECK(order.empty());
    CHECK(t.pending() == 3);
    CHECK(t.poll() == 2);
    CHECK(order == std::vector<int>{1, 2});
    auto const start = std::chrono::steady_clock::now();
    CHECK(t.run() == 1);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(50));
    CHECK(order == std::vector<int>{1, 2, 3});
    CHECK(t.poll() == 0);
}

TEST_CASE("curl_async: a refused request completes on the next poll, with curl_transport's message")
{
    curl_async_transport t;
    apibind::http_request req = get_request("http://127.0.0.1:1");
    req.headers = {{"Authorization", "Bearer s3cr3t\r\nX-Injected: 1"}};
    std::optional<apibind::result<apibind::http_response>> out;
    t.async_send(req, [&](apibind::result<apibind::http_response> r) { out = std::move(r); });
    CHECK_FALSE(out.has_value());
    CHECK(t.pending() == 1);
    CHECK(t.in_flight() == 0);
    CHECK(t.poll() == 1);
    REQUIRE(out.has_value());
    REQUIRE(out->has_error());
    CHECK(clean(out->error()).kind == error_kind::invalid_argument);
    apibind::transport::curl_transport sync;
    CHECK(sync.send(req).error().message == out->error().message);
}

TEST_CASE("curl_async: the request's own time limit applies when shorter")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    curl_async_transport t(options<curl_async_transport>(std::chrono::seconds(20)));
    auto req = get_request(server.url());
    req.timeout = std::chrono::milliseconds(150);
    std::optional<apibind::result<apibind::http_response>> out;
    auto const start = std::chrono::steady_clock::now();
    t.async_send(req, [&](apibind::result<apibind::http_response> r) { out = std::move(r); });
    REQUIRE(drive(t, [&] { return out.has_value(); }));
    REQUIRE(out.has_value());
    REQUIRE(out->has_error());
    CHECK(clean(out->error()).code == error_code::timed_out);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("curl_async: a transfer whose call has ended is stopped (http_request::abandoned)")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    curl_async_transport t(options<curl_async_transport>(std::chrono::seconds(20)));
    auto req = get_request(server.url());
    auto const call_ended = std::make_shared<std::atomic<bool>>(false);
    req.abandoned = call_ended;  // what the client sets for an async call
    std::optional<apibind::result<apibind::http_response>> out;
    t.async_send(req, [&](apibind::result<apibind::http_response> r) { out = std::move(r); });
    REQUIRE(drive(t, [&] { return server.request_count() == 1; }));
    auto const ended_at = std::chrono::steady_clock::now();
    call_ended->store(true);
    REQUIRE(drive(t, [&] { return out.has_value(); }));
    REQUIRE(out->has_error());
    CHECK(clean(out->error()).code == error_code::cancelled);
    CHECK(contains(out->error().message, "the transfer was stopped"));
    // libcurl asks about once a second; the transport's own limit (20 s) is not waited for.
    CHECK(std::chrono::steady_clock::now() - ended_at < std::chrono::seconds(5));
    CHECK(t.pending() == 0);
}

TEST_CASE("curl_async: cancelling through the client's cancel_handle leaves the transport usable")
{
    loopback_http_server server;
    apibind::client<curl_async_transport, apibind::basic_policy> client(
        curl_async_transport(options<curl_async_transport>(std::chrono::milliseconds(300))), fault_policy(server.url(), 3));
    auto& t = client.transport();

    SUBCASE("mid-flight: the handler runs at once; the transfer is stopped, nothing reaches the handler again")
    {
        server.push({200, {}, "", fault::never_answer});
        int handled = 0;
        std::optional<apibind::error> failure;
        auto handle = client.async_call<create_thing>(thing_request{"x"}, [&](apibind::result<thing> r) {
            ++handled;
            if (!r) failure = r.error();
        });
        REQUIRE(drive(t, [&] { return server.request_count() == 1; }));
        CHECK(t.in_flight() == 1);
        CHECK(handle.cancel());
        CHECK(handled == 1);
        REQUIRE(failure.has_value());
        CHECK(failure->code == error_code::cancelled);
        CHECK(contains(failure->message, "the server may have received it"));
        CHECK_FALSE(handle.cancel());
        t.run();  // the transfer is stopped (or ends by its own limit); the client drops its outcome
        CHECK(handled == 1);
        CHECK(t.pending() == 0);
    }
    SUBCASE("during a retry wait: the wait is cut short for the caller, no attempt follows")
    {
        server.push({503, {}, "busy"});
        int handled = 0;
        std::optional<apibind::error> failure;
        auto handle = client.async_call<get_thing>(thing_request{"x"}, [&](apibind::result<thing> r) {
            ++handled;
            if (!r) failure = r.error();
        });
        // After the 503, only the client's retry timer is left.
        REQUIRE(drive(t, [&] { return t.in_flight() == 0 && t.pending() == 1; }));
        CHECK(handle.cancel());
        CHECK(handled == 1);
        REQUIRE(failure.has_value());
        CHECK(contains(failure->message, "while waiting to retry after attempt 1"));
        t.run();  // the timer fires; the cancelled call sends nothing more
        CHECK(handled == 1);
        CHECK(server.request_count() == 1);
    }
    SUBCASE("cancelled at once, before any poll")
    {
        int handled = 0;
        auto handle = client.async_call<get_thing>(thing_request{"x"}, [&](apibind::result<thing> r) {
            ++handled;
            CHECK(r.has_error());
        });
        CHECK(handle.cancel());
        CHECK(handled == 1);
        t.run();
        CHECK(handled == 1);
    }

    // The transport goes on as before.
    server.push(ok_thing("after"));
    std::optional<apibind::result<thing>> next;
    client.async_call<get_thing>(thing_request{"y"}, [&](apibind::result<thing> r) { next = std::move(r); });
    t.run();
    REQUIRE(next.has_value());
    REQUIRE(next->has_value());
    CHECK((*next)->id == "after");
}

TEST_CASE("curl_async: destroyed with work pending, handlers are dropped uncalled and released")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    auto const token = std::make_shared<int>(0);
    int called = 0;
    {
        curl_async_transport t(options<curl_async_transport>());
        t.async_send(get_request(server.url()), [&called, token](apibind::result<apibind::http_response>) { ++called; });
        t.async_send(get_request("ftp://127.0.0.1"), [&called, token](apibind::result<apibind::http_response>) { ++called; });
        t.async_wait(std::chrono::milliseconds(0), [&called, token] { ++called; });
        t.async_wait(std::chrono::seconds(60), [&called, token] { ++called; });
        REQUIRE(drive(t, [&] { return server.request_count() == 1; }));  // the transfer is on the wire
        CHECK(called == 2);  // the refusal and the due timer
        CHECK(t.in_flight() == 1);
        CHECK(t.pending() == 2);
        CHECK(token.use_count() == 3);
    }
    CHECK(called == 2);
    CHECK(token.use_count() == 1);  // every handler destroyed
}

TEST_CASE("curl_async: wake() ends a wait from another thread")
{
    curl_async_transport t;
    t.async_wait(std::chrono::seconds(30), [] {});
    std::thread waker([&t] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        t.wake();
    });
    auto const start = std::chrono::steady_clock::now();
    t.wait(std::chrono::seconds(20));
    auto const took = std::chrono::steady_clock::now() - start;
    waker.join();
    CHECK(took < std::chrono::seconds(10));
}

TEST_CASE("curl_asio: 50 calls at once from an io_context; handlers on its strand; idle when done")
{
    loopback_http_server server;
    for (int i = 0; i < 50; ++i) server.push(ok_thing("t" + std::to_string(i)));
    boost::asio::io_context io;
    apibind::client<apibind::transport::curl_asio_transport, apibind::basic_policy> client(
        apibind::transport::curl_asio_transport(io.get_executor(), options<apibind::transport::curl_asio_transport>()),
        fault_policy(server.url(), 1));
    std::vector<int> handled(50, 0);
    int on_strand = 0;
    for (int i = 0; i < 50; ++i) {
        client.async_call<get_thing>(thing_request{"n"}, [&, i](apibind::result<thing> r) {
            ++handled[static_cast<std::size_t>(i)];
            auto const* strand = client.transport().get_executor().target<boost::asio::strand<boost::asio::any_io_executor>>();
            on_strand += strand != nullptr && strand->running_in_this_thread() ? 1 : 0;
            CHECK(r.has_value());
        });
    }
    for (int h : handled) CHECK(h == 0);
    io.run();  // returns: the transport stops polling once nothing is pending
    for (int h : handled) CHECK(h == 1);
    CHECK(on_strand == 50);
    CHECK(server.request_count() == 50);
}

TEST_CASE("curl_asio: destroyed with a transfer in flight, its handler is dropped uncalled")
{
    loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    boost::asio::io_context io;
    auto const token = std::make_shared<int>(0);
    int called = 0;
    {
        apibind::transport::curl_asio_transport t(io.get_executor(), options<apibind::transport::curl_asio_transport>());
        t.async_send(get_request(server.url()), [&called, token](apibind::result<apibind::http_response>) { ++called; });
        while (server.request_count() == 0 && io.run_one_for(std::chrono::seconds(5)) > 0) {}
        REQUIRE(server.request_count() == 1);
    }
    io.restart();
    io.run_for(std::chrono::milliseconds(100));  // the cancelled timer's handler finds the state gone
    CHECK(called == 0);
    CHECK(token.use_count() == 1);
}

#endif  // APIBIND_HAS_CURL
