// apibind::async_call with Asio completion tokens (apibind/asio.hpp), over beast_async_transport
// against the loopback server: a callback, use_awaitable, deferred, use_future; where the
// handler runs; completions that come while the call is being started.
#include <apibind/asio.hpp>
#include <apibind/client.hpp>
#include <apibind/testing/mock_transport.hpp>
#include <apibind/transport/beast.hpp>

#include <support/loopback_http_server.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/describe/class.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>

namespace asio = boost::asio;

namespace {

struct echo_request {
    std::string name;
};
BOOST_DESCRIBE_STRUCT(echo_request, (), (name))

struct echo_response {
    std::string greeting;
};
BOOST_DESCRIBE_STRUCT(echo_response, (), (greeting))

using echo = apibind::endpoint<"/echo", echo_request, echo_response>;
using echo_result = apibind::result<echo_response>;

using beast_client = apibind::client<apibind::transport::beast_async_transport, apibind::basic_policy>;

beast_client make_client(asio::io_context& io, std::string const& url)
{
    apibind::basic_policy policy;
    policy.url = url;
    return beast_client(apibind::transport::beast_async_transport(io.get_executor()), std::move(policy));
}

apibind_test::scripted_response hello(std::string const& name)
{
    return {200, {{"Content-Type", "application/json"}}, "{\"greeting\":\"hello " + name + "\"}"};
}

}  // namespace

TEST_CASE("asio tokens: a plain callback runs on the transport's executor, never inline")
{
    apibind_test::loopback_http_server server;
    server.push(hello("cb"));
    asio::io_context io;
    auto c = make_client(io, server.url());

    std::optional<echo_result> got;
    bool in_strand = false;
    auto executor = c.transport().get_executor();
    auto const* strand = executor.target<asio::strand<asio::any_io_executor>>();
    REQUIRE(strand != nullptr);
    apibind::async_call<echo>(c, {"cb"}, [&](echo_result r) {
        in_strand = strand->running_in_this_thread();
        got = std::move(r);
    });
    CHECK_FALSE(got.has_value());
    io.run();
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->greeting == "hello cb");
    CHECK(in_strand);
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].body == R"({"name":"cb"})");
}

TEST_CASE("asio tokens: call_options are sent")
{
    apibind_test::loopback_http_server server;
    server.push(hello("opts"));
    asio::io_context io;
    auto c = make_client(io, server.url());
    apibind::call_options opts;
    opts.headers.push_back({"X-Extra", "1"});
    opts.query.emplace_back("q", "v");
    std::optional<echo_result> got;
    apibind::async_call<echo>(c, {"opts"}, opts, [&](echo_result r) { got = std::move(r); });
    io.run();
    REQUIRE(got.has_value());
    CHECK(got->has_value());
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].target == "/echo?q=v");
    CHECK(server.requests()[0].header("X-Extra") == "1");
}

TEST_CASE("asio tokens: use_awaitable in a coroutine")
{
    apibind_test::loopback_http_server server;
    server.push(hello("one"));
    server.push({503, {}, "busy"});
    asio::io_context io;
    auto c = make_client(io, server.url());

    std::string first;
    int second_status = 0;
    bool done = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            // Named requests: g++ 12 mis-destroys braced temporaries inside co_await expressions.
            echo_request const one{"one"}, two{"two"};
            echo_result r1 = co_await apibind::async_call<echo>(c, one, asio::use_awaitable);
            if (r1) first = r1->greeting;
            echo_result r2 = co_await apibind::async_call<echo>(c, two, asio::use_awaitable);
            if (!r2) second_status = r2.error().http_status;
            done = true;
        },
        asio::detached);
    io.run();
    CHECK(done);
    CHECK(first == "hello one");
    CHECK(second_status == 503);
    CHECK(server.request_count() == 2);
    CHECK(server.connection_count() == 1);
}

TEST_CASE("asio tokens: deferred starts only when the operation is used")
{
    apibind_test::loopback_http_server server;
    server.push(hello("later"));
    asio::io_context io;
    auto c = make_client(io, server.url());

    echo_request req{"later"};
    auto op = apibind::async_call<echo>(c, req, asio::deferred);
    req.name = "changed";  // the deferred operation holds its own copy
    io.run_for(std::chrono::milliseconds(50));
    CHECK(server.request_count() == 0);

    io.restart();
    std::optional<echo_result> got;
    std::move(op)([&](echo_result r) { got = std::move(r); });
    io.run();
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->greeting == "hello later");
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].body == R"({"name":"later"})");
}

TEST_CASE("asio tokens: deferred composed into a coroutine")
{
    apibind_test::loopback_http_server server;
    server.push(hello("composed"));
    asio::io_context io;
    auto c = make_client(io, server.url());
    std::string got;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            echo_request const req{"composed"};
            auto op = apibind::async_call<echo>(c, req, asio::deferred);
            echo_result r = co_await std::move(op)(asio::use_awaitable);
            if (r) got = r->greeting;
        },
        asio::detached);
    io.run();
    CHECK(got == "hello composed");
}

TEST_CASE("asio tokens: use_future with the io_context on another thread")
{
    apibind_test::loopback_http_server server;
    server.push(hello("future"));
    server.push({200, {}, "not json"});
    asio::io_context io;
    auto work = asio::make_work_guard(io);
    std::thread runner([&] { io.run(); });
    {
        auto c = make_client(io, server.url());
        std::future<echo_result> f = apibind::async_call<echo>(c, {"future"}, asio::use_future);
        REQUIRE(f.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        echo_result r = f.get();
        REQUIRE(r.has_value());
        CHECK(r->greeting == "hello future");

        auto f2 = apibind::async_call<echo>(c, {"x"}, asio::use_future);
        REQUIRE(f2.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        echo_result r2 = f2.get();
        REQUIRE(r2.has_error());
        CHECK(r2.error().kind == apibind::error_kind::decode);
        // The client (and its transport) go away here, before the io_context stops.
    }
    work.reset();
    runner.join();
}

TEST_CASE("asio tokens: a handler bound to another executor runs there")
{
    apibind_test::loopback_http_server server;
    server.push(hello("bound"));
    asio::io_context io;     // runs the transport
    asio::io_context other;  // where the handler must run
    auto c = make_client(io, server.url());

    std::thread::id ran_on;
    bool ran = false;
    apibind::async_call<echo>(c, {"bound"}, asio::bind_executor(other, [&](echo_result r) {
                                  ran = r.has_value();
                                  ran_on = std::this_thread::get_id();
                              }));
    std::thread transport_thread([&] { io.run(); });
    transport_thread.join();  // the exchange is done, but `other` has not run yet
    CHECK_FALSE(ran);
    other.run();  // work was counted: run() had something to wait for
    CHECK(ran);
    CHECK(ran_on == std::this_thread::get_id());
}

TEST_CASE("asio tokens: a request refused before sending completes through the executor, not inline")
{
    apibind_test::loopback_http_server server;
    asio::io_context io;
    auto c = make_client(io, server.url());
    apibind::call_options bad;
    bad.headers.push_back({"X-Bad", "a\r\nInjected: 1"});

    std::optional<echo_result> got;
    apibind::async_call<echo>(c, {"x"}, bad, [&](echo_result r) { got = std::move(r); });
    CHECK_FALSE(got.has_value());  // posted, not run inside async_call
    io.run();
    REQUIRE(got.has_value());
    REQUIRE(got->has_error());
    CHECK(got->error().kind == apibind::error_kind::invalid_argument);
    CHECK(server.request_count() == 0);

    // The same with a coroutine: the refusal arrives as the co_await's value.
    io.restart();
    apibind::error_kind kind = apibind::error_kind::transport;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            echo_request const req{"x"};
            echo_result r = co_await apibind::async_call<echo>(c, req, bad, asio::use_awaitable);
            if (!r) kind = r.error().kind;
        },
        asio::detached);
    io.run();
    CHECK(kind == apibind::error_kind::invalid_argument);
}

TEST_CASE("asio tokens: a transport without an executor completes where it completes")
{
    // mock_transport completes on poll(): with a plain callback there is no executor anywhere.
    apibind::basic_policy policy;
    policy.url = "http://api.test";
    apibind::testing::mock_transport mock;
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> c(mock, policy);
    c.transport().push(200, R"({"greeting":"hi mock"})");

    std::optional<echo_result> got;
    apibind::async_call<echo>(c, {"m"}, [&](echo_result r) { got = std::move(r); });
    CHECK_FALSE(got.has_value());
    c.transport().run();
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    CHECK((*got)->greeting == "hi mock");

    // use_future works there too.
    c.transport().push(200, R"({"greeting":"future mock"})");
    auto f = apibind::async_call<echo>(c, {"m"}, asio::use_future);
    c.transport().run();
    REQUIRE(f.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
    CHECK(f.get()->greeting == "future mock");
}

TEST_CASE("asio tokens: a cancellation slot cancels the call: the handler completes once, with cancelled")
{
    using fault = apibind_test::fault;
    apibind_test::loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    asio::io_context io;
    apibind::transport::beast_options options;
    options.request_timeout = std::chrono::milliseconds(1500);  // ends the unanswered read, so io.run() returns
    beast_client c(apibind::transport::beast_async_transport(io.get_executor(), options), apibind::basic_policy{server.url(), {}, {}});

    asio::cancellation_signal signal;
    int calls = 0;
    std::optional<echo_result> got;
    apibind::async_call<echo>(c, {"slow"}, asio::bind_cancellation_slot(signal.slot(), [&](echo_result r) {
                                  ++calls;
                                  got = std::move(r);
                              }));
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (server.request_count() == 0 && std::chrono::steady_clock::now() < until) io.run_for(std::chrono::milliseconds(5));
    REQUIRE(server.request_count() == 1);
    signal.emit(asio::cancellation_type::terminal);
    io.run_for(std::chrono::milliseconds(50));
    REQUIRE(got.has_value());
    REQUIRE_FALSE(got->has_value());
    CHECK(got->error().code == apibind::error_code::cancelled);
    CHECK(got->error().message.find("in flight: the server may have received it") != std::string::npos);
    io.run();  // the transport's own timeout ends the read; the late outcome is dropped
    CHECK(calls == 1);
}

TEST_CASE("asio tokens: `||` in a coroutine cancels the call that lost")
{
    using namespace asio::experimental::awaitable_operators;
    using fault = apibind_test::fault;
    apibind_test::loopback_http_server server;
    server.push({200, {}, "", fault::never_answer});
    asio::io_context io;
    apibind::transport::beast_options options;
    options.request_timeout = std::chrono::milliseconds(1500);
    beast_client c(apibind::transport::beast_async_transport(io.get_executor(), options), apibind::basic_policy{server.url(), {}, {}});

    std::size_t winner = 99;
    std::chrono::steady_clock::duration took{};
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto const start = std::chrono::steady_clock::now();
            asio::steady_timer timer(io, std::chrono::milliseconds(100));
            echo_request const slow{"slow"};
            auto v = co_await (apibind::async_call<echo>(c, slow, asio::use_awaitable) || timer.async_wait(asio::use_awaitable));
            winner = v.index();
            took = std::chrono::steady_clock::now() - start;
        },
        asio::detached);
    io.run();
    CHECK(winner == 1);
    // `||` waits for the loser to finish: without cancellation that is the transport's 1.5 s.
    CHECK(took < std::chrono::milliseconds(1000));
}
