// apibind_callgrind: runs one apibind codec operation N times, so `valgrind --tool=callgrind`
// gives a repeatable instruction count per operation on a noisy machine (CPU time is also printed,
// as a median over the runs, with the allocations per operation):
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null build-bench/benchmarks/apibind_callgrind decode_into_list 20
//
// Only the N timed operations are instrumented (CALLGRIND_START/STOP_INSTRUMENTATION around the
// loop; one warm-up call before it), so `Collected` / N is the instruction count per operation.
// Operations: decode_account, decode_into_account, encode_account, decode_list, decode_into_list,
// encode_list.
#include "adapters.hpp"
#include "alloc_counter.hpp"
#include "fixtures.hpp"

#include <valgrind/callgrind.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

namespace {

// Keeps the compiler from dropping a result.
volatile std::size_t sink = 0;

int run(char const* name, int n, std::function<std::size_t()> const& op)
{
    sink = sink + op();  // warm-up: thread-local scratch and reused buffers reach their steady state
    std::vector<double> ns;
    ns.reserve(static_cast<std::size_t>(n));
    bench::alloc::snapshot const before = bench::alloc::now();
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < n; ++i) {
        auto const t0 = std::chrono::steady_clock::now();
        sink = sink + op();
        auto const t1 = std::chrono::steady_clock::now();
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    bench::alloc::snapshot const after = bench::alloc::now();
    std::sort(ns.begin(), ns.end());
    std::printf("%s: %d runs, median %.0f ns, %.1f allocations/op, %.0f bytes/op\n", name, n, ns[ns.size() / 2],
                static_cast<double>(after.count - before.count) / n, static_cast<double>(after.bytes - before.bytes) / n);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    namespace a = bench::apibind_codec;
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s operation [runs]\n", argv[0]);
        return 2;
    }
    std::string_view const op = argv[1];
    int const n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
    std::string_view const account = bench::account_document().json;
    std::string_view const list = bench::list_document().json;
    bench::account account_value = bench::expected_account();
    bench::list_response list_value = bench::expected_list();

    if (op == "decode_account")
        return run(argv[1], n, [&] { return a::decode_account(account).value().connected_account_id.size(); });
    if (op == "decode_into_account")
        return run(argv[1], n, [&] { return a::decode_into(account, account_value).has_value() ? 1u : 0u; });
    if (op == "encode_account") return run(argv[1], n, [&] { return a::encode(account_value).size(); });
    if (op == "decode_list")
        return run(argv[1], n, [&] { return a::decode_list(list).value().connected_accounts.size(); });
    if (op == "decode_into_list")
        return run(argv[1], n, [&] { return a::decode_into(list, list_value).has_value() ? 1u : 0u; });
    if (op == "encode_list") return run(argv[1], n, [&] { return a::encode(list_value).size(); });
    std::fprintf(stderr, "unknown operation %s\n", argv[1]);
    return 2;
}
