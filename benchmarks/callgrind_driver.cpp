// apibind_callgrind: runs one contender's operation N times, so `valgrind --tool=callgrind` gives a
// repeatable instruction count per operation on a noisy machine. The contenders are apibind_bench's
// (benchmarks/adapters.hpp), under the same names:
//
//   apibind_callgrind --list                         every operation, one a line
//   apibind_callgrind decode/list/simdjson_ondemand 10
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/dev/null
//       build-bench/benchmarks/apibind_callgrind decode/account/apibind_decode_into 200
//
// Before anything is counted, the operation's result is checked as apibind_bench checks it (a decoded
// struct equal to the expected one, an encoded text JSON-equal to the input document, a floor that
// accepts the document); a wrong result exits 1, so no count is ever taken of it. Then one warm-up call
// (thread-local scratch and reused buffers reach their steady state), then the N calls. Under valgrind
// only those N calls are instrumented (CALLGRIND_START/STOP_INSTRUMENTATION, no clock read inside), so
// `Collected` / N is the instruction count per operation; run natively, each call is timed and the
// median CPU time printed. Allocations per operation are printed either way.
//
// The old names decode_account, decode_into_account, encode_account, decode_list, decode_into_list and
// encode_list still name apibind's six operations.
#include "adapters.hpp"
#include "alloc_counter.hpp"
#include "fixtures.hpp"

#include <apibind/json.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

// Keeps the compiler from dropping a result.
volatile std::size_t sink = 0;

// Keeps the compiler from dropping a memcpy whose destination is never read.
void clobber(void const* p)
{
#if defined(__GNUC__)
    asm volatile("" : : "r"(p) : "memory");
#else
    sink = sink + reinterpret_cast<std::uintptr_t>(p);
#endif
}

struct operation {
    std::string name;                    // kind/document/contender, as apibind_bench names it
    std::function<std::string()> check;  // empty when the result is right, else what is wrong
    std::function<std::size_t()> run;    // one operation
};

template <class T>
std::string decoded(T const& got, T const& want)
{
    return bench::equal(got, want) ? std::string() : std::string("decoded value differs from the expected one");
}

boost::json::value expected_json(std::string_view text, bool is_list)
{
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec) throw std::runtime_error("fixture is not JSON");
    if (is_list && !bench::list_has_ok) {
        if (auto* o = v.if_object()) o->erase("ok");  // older models do not keep "ok"
    }
    return v;
}

std::string encoded(std::string_view got, boost::json::value const& want)
{
    boost::system::error_code ec;
    boost::json::value const g = boost::json::parse(boost::json::string_view(got.data(), got.size()), ec);
    return !ec && g == want ? std::string() : std::string("encoded text is not JSON-equal to the input document");
}

// One document's operations: T is bench::account or bench::list_response.
template <class T>
void add_document(std::vector<operation>& ops, char const* doc, bench::document const& d, T const& want, T const& other,
                  apibind::result<T> (*apibind_decode)(std::string_view), T (*boost_decode)(std::string_view),
                  T (*nlohmann_decode)(std::string_view), T (*rapid_decode)(std::string_view), T (*simd_decode)(std::string_view))
{
    std::string const dec = std::string("decode/") + doc + "/";
    std::string const enc = std::string("encode/") + doc + "/";
    std::string_view const text = d.json;

    ops.push_back({dec + "apibind_decode",
                   [=, &want] {
                       auto r = apibind_decode(text);
                       return r ? decoded(*r, want) : to_string(r.error());
                   },
                   [=] {
                       auto const r = apibind_decode(text);
                       clobber(&r);
                       return r.has_value() ? 1u : 0u;
                   }});
    // decode_into refills one struct; the check starts it from another document, as apibind_bench does.
    auto target = std::make_shared<T>(other);
    ops.push_back({dec + "apibind_decode_into",
                   [=, &want] {
                       for (int i = 0; i < 2; ++i) {
                           if (auto r = bench::apibind_codec::decode_into(text, *target); !r) return to_string(r.error());
                       }
                       return decoded(*target, want);
                   },
                   [=] { return bench::apibind_codec::decode_into(text, *target).has_value() ? 1u : 0u; }});
    auto contender = [&](char const* who, T (*fn)(std::string_view)) {
        ops.push_back({dec + who, [=, &want] { return decoded(fn(text), want); }, [=] {
                           T const v = fn(text);
                           clobber(&v);
                           return sizeof v;
                       }});
    };
    contender("boost_json", boost_decode);
    contender("nlohmann", nlohmann_decode);
    contender("rapidjson", rapid_decode);
    contender("simdjson_ondemand", simd_decode);
    ops.push_back({dec + "floor_boost_null_parser",
                   [=] { return bench::boost_json::validate(text) ? std::string() : std::string("rejects the document"); },
                   [=] { return bench::boost_json::validate(text) ? 1u : 0u; }});
    ops.push_back({dec + "floor_simdjson_dom",
                   [=] { return bench::simd_json::validate(text) ? std::string() : std::string("rejects the document"); },
                   [=] { return bench::simd_json::validate(text) ? 1u : 0u; }});
    auto copy = [](std::string_view from) {
        auto buf = std::make_shared<std::vector<char>>(from.size());
        return std::pair{[=] {
                             std::memcpy(buf->data(), from.data(), from.size());
                             return std::string_view(buf->data(), buf->size()) == from ? std::string() : std::string("copy differs");
                         },
                         [=] {
                             std::memcpy(buf->data(), from.data(), from.size());
                             clobber(buf->data());
                             return from.size();
                         }};
    };
    auto [copy_in_check, copy_in] = copy(text);
    ops.push_back({dec + "floor_memcpy", copy_in_check, copy_in});

    // Encoders write into buffers they keep; the expected text is the input document (less "ok" in
    // older models). The memcpy floor copies apibind's output.
    auto const json = std::make_shared<boost::json::value>(expected_json(text, std::is_same_v<T, bench::list_response>));
    auto encoder = [&](char const* who, std::string_view (*fn)(T const&)) {
        ops.push_back({enc + who, [=, &want] { return encoded(fn(want), *json); }, [=, &want] { return fn(want).size(); }});
    };
    encoder("apibind", &bench::apibind_codec::encode);
    encoder("boost_json", &bench::boost_json::encode);
    encoder("nlohmann", &bench::nlohmann_json::encode);
    encoder("rapidjson", &bench::rapid_json::encode);
    auto const out = std::make_shared<std::string>(bench::apibind_codec::encode(want));
    auto [copy_out_check, copy_out] = copy(*out);
    ops.push_back({enc + "floor_memcpy", copy_out_check, copy_out});
}

std::vector<operation> operations()
{
    static bench::list_response const other_list = [] {  // decode_into must shrink, grow and overwrite
        bench::list_response l;
        l.connected_accounts = {bench::make_account(1), bench::make_account(2)};
        return l;
    }();
    static bench::account const other_account = bench::make_account(3);
    std::vector<operation> ops;
    add_document(ops, "account", bench::account_document(), bench::expected_account(), other_account,
                 &bench::apibind_codec::decode_account, &bench::boost_json::decode_account, &bench::nlohmann_json::decode_account,
                 &bench::rapid_json::decode_account, &bench::simd_json::decode_account);
    add_document(ops, "list", bench::list_document(), bench::expected_list(), other_list, &bench::apibind_codec::decode_list,
                 &bench::boost_json::decode_list, &bench::nlohmann_json::decode_list, &bench::rapid_json::decode_list,
                 &bench::simd_json::decode_list);
    return ops;
}

// The names apibind_callgrind had when it ran apibind alone.
std::string_view canonical(std::string_view name)
{
    static constexpr std::pair<std::string_view, std::string_view> old[] = {
        {"decode_account", "decode/account/apibind_decode"}, {"decode_into_account", "decode/account/apibind_decode_into"},
        {"encode_account", "encode/account/apibind"},        {"decode_list", "decode/list/apibind_decode"},
        {"decode_into_list", "decode/list/apibind_decode_into"}, {"encode_list", "encode/list/apibind"}};
    for (auto const& [from, to] : old) {
        if (name == from) return to;
    }
    return name;
}

int run(operation const& op, int n)
{
    std::string problem;
    try {
        problem = op.check();  // also the warm-up
    } catch (std::exception const& e) {
        problem = std::string("threw: ") + e.what();
    }
    if (!problem.empty()) {
        std::fprintf(stderr, "VALIDATION FAILED: %s: %s\n", op.name.c_str(), problem.c_str());
        return 1;
    }
    sink = sink + op.run();  // warm-up of the exact operation that is counted

    std::vector<double> ns;
    bench::alloc::snapshot before{};
    bench::alloc::snapshot after{};
    if (RUNNING_ON_VALGRIND) {
        // Nothing but the operations between START and STOP: Collected / n is exact.
        before = bench::alloc::now();
        CALLGRIND_START_INSTRUMENTATION;
        for (int i = 0; i < n; ++i) sink = sink + op.run();
        CALLGRIND_STOP_INSTRUMENTATION;
        after = bench::alloc::now();
    } else {
        ns.reserve(static_cast<std::size_t>(n));
        before = bench::alloc::now();
        for (int i = 0; i < n; ++i) {
            auto const t0 = std::chrono::steady_clock::now();
            sink = sink + op.run();
            auto const t1 = std::chrono::steady_clock::now();
            ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
        }
        after = bench::alloc::now();
        std::sort(ns.begin(), ns.end());
    }
    std::printf("%s: %d runs, ", op.name.c_str(), n);
    if (!ns.empty()) std::printf("median %.0f ns, ", ns[ns.size() / 2]);
    std::printf("%.1f allocations/op, %.0f bytes/op\n", static_cast<double>(after.count - before.count) / n,
                static_cast<double>(after.bytes - before.bytes) / n);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s --list | --simdjson-implementation | operation [runs]\n", argv[0]);
        return 2;
    }
    std::string_view const name = canonical(argv[1]);
    if (name == "--simdjson-implementation") {
        std::printf("%s\n", bench::simd_json::implementation().c_str());
        return 0;
    }
    std::vector<operation> const ops = operations();
    if (name == "--list") {
        for (auto const& op : ops) std::printf("%s\n", op.name.c_str());
        return 0;
    }
    int const n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
    for (auto const& op : ops) {
        if (op.name == name) return run(op, n);
    }
    std::fprintf(stderr, "unknown operation %s (--list names them)\n", argv[1]);
    return 2;
}
