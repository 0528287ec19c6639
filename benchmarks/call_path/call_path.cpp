// The whole call path, client side: N `connected_accounts.list({limit: 3})` calls to the fake
// Seam server over one kept-alive connection, per transport, measuring wall time and the CPU
// time (user + system, getrusage) this process spends per call: building the request, JSON
// encoding, HTTP framing, the syscalls, parsing the response and decoding 3 accounts.
//
//   call_path --url http://127.0.0.1:PORT [--calls N] [--warmup N] [--transport beast|curl|beast_async|all]
//
// One line per transport on stdout, tab-separated:
//   transport  calls  wall_s  calls_per_s  cpu_us_per_call  user_us_per_call  system_us_per_call
// run.sh starts the fake server, runs this and js_sdk.mjs, and prints a table.
#include <apibind/seam.hpp>
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
#include <apibind/transport/curl.hpp>
#endif

#include <boost/asio/io_context.hpp>

#include <sys/resource.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view api_key = "seam_labkey1_token";  // the fake's "lab" workspace: 3 accounts

struct cpu_time {
    double user = 0, system = 0;
};

cpu_time cpu_seconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto const tv = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    return {tv(u.ru_utime), tv(u.ru_stime)};
}

double wall_seconds()
{
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

apibind::seam::options seam_options(std::string const& url)
{
    apibind::seam::options o;
    o.credentials = apibind::seam::api_key{std::string(api_key)};
    o.endpoint = url;
    return o;
}

[[noreturn]] void fail(std::string_view transport, apibind::error const& e)
{
    std::fprintf(stderr, "call_path: %.*s: %s\n", static_cast<int>(transport.size()), transport.data(), to_string(e).c_str());
    std::exit(1);
}

// Runs `one_call` warmup + calls times; reports the timed part.
void measure(std::string_view name, int calls, int warmup, std::function<void()> const& one_call)
{
    for (int i = 0; i < warmup; ++i) one_call();
    cpu_time const cpu0 = cpu_seconds();
    double const wall0 = wall_seconds();
    for (int i = 0; i < calls; ++i) one_call();
    cpu_time const cpu1 = cpu_seconds();
    double const wall = wall_seconds() - wall0;
    double const user = cpu1.user - cpu0.user, system = cpu1.system - cpu0.system;
    std::printf("%.*s\t%d\t%.3f\t%.0f\t%.1f\t%.1f\t%.1f\n", static_cast<int>(name.size()), name.data(), calls, wall, calls / wall,
                (user + system) / calls * 1e6, user / calls * 1e6, system / calls * 1e6);
    std::fflush(stdout);
}

template <class Transport>
void bench_sync(std::string_view name, std::string const& url, int calls, int warmup)
{
    apibind::seam::client<Transport> seam(Transport{}, seam_options(url));
    measure(name, calls, warmup, [&] {
        auto accounts = seam.connected_accounts.list({.limit = 3});
        if (!accounts) fail(name, accounts.error());
        if (accounts->size() != 3) {
            std::fprintf(stderr, "call_path: %.*s: expected 3 accounts, got %zu\n", static_cast<int>(name.size()), name.data(),
                         accounts->size());
            std::exit(1);
        }
    });
}

// The async Beast transport, one call at a time (each started when the previous completed).
void bench_beast_async(std::string const& url, int calls, int warmup)
{
    boost::asio::io_context io(1);
    apibind::client<apibind::transport::beast_async_transport, apibind::seam::policy> c(
        apibind::transport::beast_async_transport(io.get_executor()), apibind::seam::policy(seam_options(url)));
    apibind::seam::connected_accounts::list_request req;
    req.limit = 3;
    measure("beast_async", calls, warmup, [&] {
        c.async_call<apibind::seam::connected_accounts::list>(req, [](apibind::result<apibind::seam::connected_accounts::list_response> r) {
            if (!r) fail("beast_async", r.error());
        });
        io.restart();
        io.run();
    });
}

}  // namespace

int main(int argc, char** argv)
{
    std::string url;
    int calls = 2000, warmup = 200;
    std::string which = "all";
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto next = [&]() -> char const* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "call_path: %s needs a value\n", argv[i]);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--url") url = next();
        else if (a == "--calls") calls = std::atoi(next());
        else if (a == "--warmup") warmup = std::atoi(next());
        else if (a == "--transport") which = next();
        else {
            std::fprintf(stderr, "usage: call_path --url URL [--calls N] [--warmup N] [--transport beast|curl|beast_async|all]\n");
            return 2;
        }
    }
    if (url.empty() || calls <= 0 || warmup < 0) {
        std::fprintf(stderr, "call_path: --url is required, --calls > 0\n");
        return 2;
    }
    if (which == "all" || which == "beast") bench_sync<apibind::transport::beast_sync_transport>("beast_sync", url, calls, warmup);
#if defined(APIBIND_HAS_CURL) && APIBIND_HAS_CURL
    if (which == "all" || which == "curl") bench_sync<apibind::transport::curl_transport>("curl", url, calls, warmup);
#else
    if (which == "curl") std::fprintf(stderr, "call_path: built without libcurl (APIBIND_HAS_CURL)\n");
#endif
    if (which == "all" || which == "beast_async") bench_beast_async(url, calls, warmup);
    return 0;
}
