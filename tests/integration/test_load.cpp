// Load: many calls in flight through an async transport against a counting loopback server
// (tests/load/server.mjs, a separate process, so its memory is not ours). Every call ends exactly
// once; a call not safe to retry reaches the server once; with faults (resets, answers past the
// per-attempt limit, 503s) every call still ends, with a value or a typed error, within its
// deadline; and the client's memory does not grow with the number of calls.
//
// APIBIND_LOAD_CALLS sets the number of calls (default 2000, CI); benchmarks/load.sh runs 20000
// and records the peak RSS it prints.
#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
#include <apibind/transport/curl_async.hpp>
#endif

#include <support/node_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/describe/class.hpp>
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define APIBIND_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define APIBIND_TEST_ASAN 1
#endif
#endif
#ifndef APIBIND_TEST_ASAN
#define APIBIND_TEST_ASAN 0
#endif

namespace {

struct thing {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(thing, (), (id, name))

struct things_request {
    std::optional<int> limit{};
};
BOOST_DESCRIBE_STRUCT(things_request, (), (limit))

struct things_response {
    std::vector<thing> items;
};
BOOST_DESCRIBE_STRUCT(things_response, (), (items))

struct repeated_call {
    std::string id;
    std::string method;
    int count = 0;
};
BOOST_DESCRIBE_STRUCT(repeated_call, (), (id, method, count))

struct server_stats {
    long requests = 0;
    long calls = 0;
    std::vector<repeated_call> repeated;
    long resets = 0;
    long delays = 0;
    long unavailable = 0;
    long connections = 0;       // TCP connections the server accepted
    long peak_connections = 0;  // the most open at once
};
BOOST_DESCRIBE_STRUCT(server_stats, (), (requests, calls, repeated, resets, delays, unavailable, connections, peak_connections))

using list_things = apibind::endpoint<"/things/list", things_request, things_response,
                                      apibind::method<apibind::http_method::get>, apibind::retry_safe>;
using create_thing = apibind::endpoint<"/things/create", things_request, things_response>;
using stats = apibind::endpoint<"/_stats", things_request, server_stats, apibind::method<apibind::http_method::get>>;

using beast_client = apibind::client<apibind::transport::beast_async_transport, apibind::basic_policy>;

long calls_to_make()
{
    char const* v = std::getenv("APIBIND_LOAD_CALLS");
    long const n = v ? std::atol(v) : 0;
    return n > 0 ? n : 2000;
}

// Peak resident set of this process, in KiB.
long peak_rss_kib()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

struct load_server : apibind_test::node_server {
    explicit load_server(std::vector<std::string> args = {})
        : node_server({"load_server", std::string(APIBIND_SOURCE_DIR) + "/tests/load/server.mjs", std::move(args),
                       "APIBIND_LOAD_SERVER_URL=", " (is node installed? `bash scripts/install_deps.sh`)"})
    {
    }
};

// Keeps `in_flight` calls running until `total` have been started; every fourth one is a create
// (not safe to retry). Runs the io_context until all have ended.
// `drive()` runs the transport until no call is left (io_context::run, curl_async_transport::run).
template <class Client, class Drive>
struct load_run {
    load_run(Client& c, Drive d, long calls, int concurrent, std::chrono::milliseconds call_deadline = {})
        : client(c), drive(std::move(d)), total(calls), in_flight(concurrent), deadline(call_deadline)
    {
    }

    Client& client;
    Drive drive;
    long total;
    int in_flight;
    std::chrono::milliseconds deadline;

    long started = 0;
    std::vector<unsigned char> ends;     // handler runs per call: must all be 1
    std::map<std::string, long> errors;  // "kind code" -> count
    long ok = 0;
    long late = 0;  // calls that ended past their deadline (plus slack)
    long rss_at_1000 = 0;

    void run()
    {
        ends.assign(static_cast<std::size_t>(total), 0);
        for (int i = 0; i < in_flight && started < total; ++i) start_one();
        drive();
    }

    void start_one()
    {
        long const id = started++;
        apibind::call_options opts;
        opts.headers.push_back({"x-call-id", "call-" + std::to_string(id)});
        auto const begin = std::chrono::steady_clock::now();
        auto done = [this, id, begin](apibind::result<things_response> r) {
            ++ends[static_cast<std::size_t>(id)];
            if (r) {
                ++ok;
            } else {
                ++errors[std::string(to_string(r.error().kind)) + " " + std::string(to_string(r.error().code))];
            }
            if (deadline.count() > 0 && std::chrono::steady_clock::now() - begin > deadline + std::chrono::seconds(1)) ++late;
            long const ended = ok + count_errors();
            if (ended == 1000) rss_at_1000 = peak_rss_kib();
            if (started < total) start_one();
        };
        if (id % 4 == 3) client.template async_call<create_thing>({}, std::move(done), opts);
        else client.template async_call<list_things>({.limit = 10}, std::move(done), opts);
    }

    // Calls whose handler ran exactly once.
    long ended_once() const
    {
        long n = 0;
        for (auto e : ends) n += e == 1 ? 1 : 0;
        return n;
    }

    long count_errors() const
    {
        long n = 0;
        for (auto const& [k, v] : errors) n += v;
        return n;
    }
};

template <class Client, class Drive>
server_stats fetch_stats(Client& c, Drive drive)
{
    std::optional<apibind::result<server_stats>> got;
    c.template async_call<stats>({}, [&](apibind::result<server_stats> r) { got = std::move(r); });
    drive();
    REQUIRE(got.has_value());
    REQUIRE_MESSAGE(got->has_value(), to_string(got->error()));
    return **got;
}

apibind::basic_policy load_policy(std::string const& url)
{
    apibind::basic_policy policy;
    policy.url = url;
    policy.retries.initial_backoff = std::chrono::milliseconds(5);
    policy.retries.max_backoff = std::chrono::milliseconds(20);
    return policy;
}

// The checks of a plain run: every call ends once and well; the server saw each once; a pool of
// `pool_size` connections (0: not checked) is used, and never more.
template <class Client, class Drive>
void check_plain_run(Client& c, Drive drive, char const* transport, long pool_size = 0)
{
    load_run run(c, drive, calls_to_make(), 64);
    auto const start = std::chrono::steady_clock::now();
    run.run();
    double const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    long const total = run.total;
    CHECK(run.started == total);
    CHECK(run.ok == total);
    CHECK(run.errors.empty());
    CHECK(run.ended_once() == total);

    server_stats const s = fetch_stats(c, drive);
    CHECK(s.calls == total);  // /_stats itself is not counted
    CHECK(s.repeated.empty());
    if (pool_size > 0) {
        CHECK(s.peak_connections == pool_size);  // 64 calls in flight fill the pool, never more
        CHECK(s.connections == pool_size);       // and its connections are kept alive
    }

    long const rss_end = peak_rss_kib();
    std::printf("load (%s): %ld calls, 64 in flight, %.0f calls/s, %ld connections (at most %ld at once), peak RSS %ld KiB after 1000 calls, %ld KiB after %ld\n",
                transport, total, static_cast<double>(total) / seconds, s.connections, s.peak_connections, run.rss_at_1000,
                rss_end, total);
#if !APIBIND_TEST_ASAN
    // ASan's quarantine keeps freed memory for a while: only a plain build can show flat memory.
    if (total >= 2000) CHECK(rss_end - run.rss_at_1000 < 4096);
#endif
}

// Faults: 5% of requests reset, 5% answered after 1 s (past the 400 ms attempt limit), 2%
// answered 503; a 5 s deadline per call.
template <class Client, class Drive>
void check_run_with_faults(Client& c, Drive drive, char const* transport)
{
    c.set_timeouts({.call = std::chrono::seconds(5), .attempt = std::chrono::milliseconds(400)});
    long const total = std::min(calls_to_make(), 500L);
    load_run run(c, drive, total, 64, std::chrono::seconds(5));
    run.run();

    CHECK(run.ended_once() == total);
    CHECK(run.late == 0);
    CHECK(run.ok + run.count_errors() == total);
    // What may go wrong, and only that: a create that was reset, timed out or answered 503 is not
    // retried; a list is retried and may run out of attempts.
    for (auto const& error_count : run.errors) {
        std::string const& what = error_count.first;
        INFO(what << ": " << error_count.second);
        CHECK((what == "transport error connection_reset" || what == "transport error timed_out" ||
               what == "transport error deadline_exceeded" || what == "HTTP error none"));
    }
    // Most succeed; how many depends on the machines load (a loaded 2-core machine answers some
    // attempts later than their limit).
    CHECK(run.ok > total * 6 / 10);

    c.set_timeouts({});
    server_stats const s = fetch_stats(c, drive);
    CHECK(s.resets > 0);
    CHECK(s.delays > 0);
    CHECK(s.unavailable > 0);
    // Creates are never sent twice; lists may be.
    for (auto const& r : s.repeated) {
        INFO(r.id << " " << r.method << " x" << r.count);
        CHECK(r.method == "GET");
    }
    std::string errors;
    for (auto const& [what, count] : run.errors) errors += ", " + std::to_string(count) + " " + what;
    std::printf("load with faults (%s): %ld calls, %ld ok%s; server: %ld requests, %ld resets, %ld delayed, %ld 503\n",
                transport, total, run.ok, errors.c_str(), s.requests, s.resets, s.delays, s.unavailable);
}

std::vector<std::string> const fault_args = {"--reset", "0.05", "--delay", "0.05", "--delay-ms", "1000", "--unavailable", "0.02"};

}  // namespace

TEST_CASE("load: every call ends exactly once, unsafe calls reach the server once, memory stays flat")
{
    load_server server;
    SUBCASE("beast_async_transport")
    {
        boost::asio::io_context io;
        beast_client c(apibind::transport::beast_async_transport(io.get_executor()), load_policy(server.url()));
        check_plain_run(c, [&io] { io.restart(); io.run(); }, "beast_async_transport",
                        static_cast<long>(apibind::transport::beast_options{}.max_connections_per_origin));
    }
    SUBCASE("beast_async_transport, one connection")
    {
        boost::asio::io_context io;
        apibind::transport::beast_options one;
        one.max_connections_per_origin = 1;  // the transport before connection pools
        beast_client c(apibind::transport::beast_async_transport(io.get_executor(), one), load_policy(server.url()));
        check_plain_run(c, [&io] { io.restart(); io.run(); }, "beast_async_transport, max_connections_per_origin = 1", 1);
    }
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
    SUBCASE("curl_async_transport")
    {
        apibind::client<apibind::transport::curl_async_transport, apibind::basic_policy> c(apibind::transport::curl_async_transport{}, load_policy(server.url()));
        check_plain_run(c, [&c] { c.transport().run(); }, "curl_async_transport");
    }
#endif
}

TEST_CASE("load with faults: resets, answers past the attempt limit, 503s: every call ends in time, typed")
{
    SUBCASE("beast_async_transport")
    {
        load_server server(fault_args);
        boost::asio::io_context io;
        beast_client c(apibind::transport::beast_async_transport(io.get_executor()), load_policy(server.url()));
        check_run_with_faults(c, [&io] { io.restart(); io.run(); }, "beast_async_transport");
    }
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
    SUBCASE("curl_async_transport")
    {
        load_server server(fault_args);
        apibind::client<apibind::transport::curl_async_transport, apibind::basic_policy> c(apibind::transport::curl_async_transport{}, load_policy(server.url()));
        check_run_with_faults(c, [&c] { c.transport().run(); }, "curl_async_transport");
    }
#endif
}
