// apibind_bench: decode and encode of two Seam documents by apibind, Boost.JSON, nlohmann/json,
// RapidJSON and simdjson, side by side, with floors (memcpy, validation-only parses).
// Every contender's output is checked against the expected value BEFORE anything is timed.
#include "adapters.hpp"
#include "alloc_counter.hpp"
#include "fixtures.hpp"

#include <apibind/json.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/version.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace bench {
namespace {

// ---------------------------------------------------------------------------
// Validation: nobody wins by doing less.
// ---------------------------------------------------------------------------

int g_failures = 0;

void check(bool ok, std::string const& what)
{
    if (!ok) {
        std::fprintf(stderr, "VALIDATION FAILED: %s\n", what.c_str());
        ++g_failures;
    }
}

template <class T>
bool decoded_equal(char const* who, char const* doc, T const& got, T const& want)
{
    bool const ok = equal(got, want);
    if (!ok) {
        // Show the difference through apibind's encoding (itself checked against the input below).
        std::string a = apibind::json::encode(got), b = apibind::json::encode(want);
        std::size_t i = 0;
        while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
        std::size_t const from = i > 80 ? i - 80 : 0;
        std::fprintf(stderr, "%s/%s decoded value differs at byte %zu of its encoding:\n  got  ...%s\n  want ...%s\n", who, doc, i,
                     a.substr(from, 160).c_str(), b.substr(from, 160).c_str());
    }
    return ok;
}

boost::json::value parse_or_null(std::string_view text)
{
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    if (ec) return nullptr;
    return v;
}

template <class T, class Decode>
void check_decoder(char const* who, char const* doc, Decode&& decode, T const& want)
{
    try {
        T const got = decode();
        check(decoded_equal(who, doc, got, want), std::string(who) + ": decoded " + doc + " differs from the expected value");
    } catch (std::exception const& e) {
        check(false, std::string(who) + ": decoding " + doc + " threw: " + e.what());
    }
}

void check_encoder(char const* who, char const* doc, std::string_view got, boost::json::value const& want)
{
    boost::json::value const g = parse_or_null(got);
    check(!g.is_null() && g == want, std::string(who) + ": encoded " + doc + " is not JSON-equal to the expected document");
}

template <class T, class Apibind, class DecodeInto>
void validate_document(char const* doc, document const& d, T const& want, Apibind&& apibind_decode, DecodeInto&& decode_into,
                       T (*boost_decode)(std::string_view), T (*nlohmann_decode)(std::string_view),
                       T (*rapid_decode)(std::string_view), T (*simd_decode)(std::string_view), T const& other)
{
    std::string_view const text = d.json;

    // apibind decode<T>, and decode_into over a target that held a different document.
    check_decoder("apibind decode", doc, [&] {
        auto r = apibind_decode(text);
        if (!r) throw std::runtime_error(to_string(r.error()));
        return std::move(*r);
    }, want);
    check_decoder("apibind decode_into", doc, [&] {
        T target = other;
        for (int i = 0; i < 2; ++i) {
            auto r = decode_into(text, target);
            if (!r) throw std::runtime_error(to_string(r.error()));
        }
        return target;
    }, want);
    check_decoder("boost_json", doc, [&] { return boost_decode(text); }, want);
    check_decoder("nlohmann", doc, [&] { return nlohmann_decode(text); }, want);
    check_decoder("rapidjson", doc, [&] { return rapid_decode(text); }, want);
    check_decoder("simdjson", doc, [&] { return simd_decode(text); }, want);

    // Encoders: the input document, less the members the structs do not model ("ok", in older models).
    boost::json::value expected = parse_or_null(text);
    if constexpr (std::is_same_v<T, list_response> && !list_has_ok) {
        if (auto* o = expected.if_object()) o->erase("ok");
    }
    check_encoder("apibind", doc, std::string(apibind_codec::encode(want)), expected);
    check_encoder("boost_json", doc, std::string(boost_json::encode(want)), expected);
    check_encoder("nlohmann", doc, std::string(nlohmann_json::encode(want)), expected);
    check_encoder("rapidjson", doc, std::string(rapid_json::encode(want)), expected);

    check(boost_json::validate(text), std::string("boost_json null parser rejects ") + doc);
    check(simd_json::validate(text), std::string("simdjson DOM parser rejects ") + doc);
}

void validate_all()
{
    list_response other_list;  // decode_into must shrink, grow and overwrite
    other_list.connected_accounts = {make_account(1), make_account(2)};
    validate_document("account", account_document(), expected_account(), &apibind_codec::decode_account,
                      [](std::string_view t, account& a) { return apibind_codec::decode_into(t, a); }, &boost_json::decode_account,
                      &nlohmann_json::decode_account, &rapid_json::decode_account, &simd_json::decode_account, make_account(3));
    validate_document("list", list_document(), expected_list(), &apibind_codec::decode_list,
                      [](std::string_view t, list_response& l) { return apibind_codec::decode_into(t, l); }, &boost_json::decode_list,
                      &nlohmann_json::decode_list, &rapid_json::decode_list, &simd_json::decode_list, other_list);
}

// ---------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------

// Runs op in the timing loop; reports bytes/s over `bytes` and allocations per operation.
template <class Op>
void timed(benchmark::State& state, std::size_t bytes, Op&& op)
{
    op();  // warm caches and reusable buffers outside the count
    alloc::snapshot const before = alloc::now();
    for (auto _ : state) op();
    alloc::snapshot const after = alloc::now();
    auto const n = static_cast<double>(state.iterations());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
    state.counters["allocs_per_op"] = benchmark::Counter(static_cast<double>(after.count - before.count) / n);
    state.counters["alloc_bytes_per_op"] = benchmark::Counter(static_cast<double>(after.bytes - before.bytes) / n);
}

[[noreturn]] void die(char const* what)
{
    std::fprintf(stderr, "benchmark operation failed: %s\n", what);
    std::abort();
}

template <class T>
struct doc_traits;
template <>
struct doc_traits<account> {
    static constexpr char const* name = "account";
    static document const& doc() { return account_document(); }
    static account const& value() { return expected_account(); }
    static constexpr auto apibind_decode = &apibind_codec::decode_account;
    static constexpr auto boost_decode = &boost_json::decode_account;
    static constexpr auto nlohmann_decode = &nlohmann_json::decode_account;
    static constexpr auto rapid_decode = &rapid_json::decode_account;
    static constexpr auto simd_decode = &simd_json::decode_account;
};
template <>
struct doc_traits<list_response> {
    static constexpr char const* name = "list";
    static document const& doc() { return list_document(); }
    static list_response const& value() { return expected_list(); }
    static constexpr auto apibind_decode = &apibind_codec::decode_list;
    static constexpr auto boost_decode = &boost_json::decode_list;
    static constexpr auto nlohmann_decode = &nlohmann_json::decode_list;
    static constexpr auto rapid_decode = &rapid_json::decode_list;
    static constexpr auto simd_decode = &simd_json::decode_list;
};

template <class T>
void register_document()
{
    using tr = doc_traits<T>;
    std::string const d = std::string("/") + tr::name + "/";
    std::string_view const text = tr::doc().json;
    std::size_t const in = text.size();

    benchmark::RegisterBenchmark(("decode" + d + "apibind_decode").c_str(), [text, in](benchmark::State& s) {
        timed(s, in, [&] {
            auto r = tr::apibind_decode(text);
            if (!r) die("apibind decode");
            benchmark::DoNotOptimize(r);
        });
    });
    benchmark::RegisterBenchmark(("decode" + d + "apibind_decode_into").c_str(), [text, in](benchmark::State& s) {
        T target{};
        timed(s, in, [&] {
            if (!apibind_codec::decode_into(text, target)) die("apibind decode_into");
            benchmark::DoNotOptimize(target);
        });
    });
    auto decode_bench = [&](char const* who, T (*fn)(std::string_view)) {
        benchmark::RegisterBenchmark(("decode" + d + who).c_str(), [text, in, fn](benchmark::State& s) {
            timed(s, in, [&] {
                T v = fn(text);
                benchmark::DoNotOptimize(v);
            });
        });
    };
    decode_bench("boost_json", tr::boost_decode);
    decode_bench("nlohmann", tr::nlohmann_decode);
    decode_bench("rapidjson", tr::rapid_decode);
    decode_bench("simdjson_ondemand", tr::simd_decode);

    benchmark::RegisterBenchmark(("decode" + d + "floor_memcpy").c_str(), [text, in](benchmark::State& s) {
        std::vector<char> buf(in);
        timed(s, in, [&] {
            std::memcpy(buf.data(), text.data(), in);
            benchmark::DoNotOptimize(buf.data());
            benchmark::ClobberMemory();
        });
    });
    benchmark::RegisterBenchmark(("decode" + d + "floor_boost_null_parser").c_str(), [text, in](benchmark::State& s) {
        timed(s, in, [&] {
            if (!boost_json::validate(text)) die("boost null parser");
        });
    });
    benchmark::RegisterBenchmark(("decode" + d + "floor_simdjson_dom").c_str(), [text, in](benchmark::State& s) {
        timed(s, in, [&] {
            if (!simd_json::validate(text)) die("simdjson dom");
        });
    });

    // Encode: bytes/s over the output of apibind (all outputs are JSON-equal; sizes differ by escaping).
    std::size_t const out = apibind_codec::encode(tr::value()).size();
    auto encode_bench = [&](char const* who, std::string_view (*fn)(T const&)) {
        benchmark::RegisterBenchmark(("encode" + d + who).c_str(), [out, fn](benchmark::State& s) {
            T const& v = tr::value();
            timed(s, out, [&] {
                std::string_view const text = fn(v);
                benchmark::DoNotOptimize(text.data());
                benchmark::ClobberMemory();
            });
        });
    };
    encode_bench("apibind", &apibind_codec::encode);
    encode_bench("boost_json", &boost_json::encode);
    encode_bench("nlohmann", &nlohmann_json::encode);
    encode_bench("rapidjson", &rapid_json::encode);
    benchmark::RegisterBenchmark(("encode" + d + "floor_memcpy").c_str(), [out](benchmark::State& s) {
        std::string const src = std::string(apibind_codec::encode(tr::value()));
        std::vector<char> buf(out);
        timed(s, out, [&] {
            std::memcpy(buf.data(), src.data(), out);
            benchmark::DoNotOptimize(buf.data());
            benchmark::ClobberMemory();
        });
    });
}

}  // namespace
}  // namespace bench

int main(int argc, char** argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    bench::validate_all();
    if (bench::g_failures) {
        std::fprintf(stderr, "%d validation failure(s): refusing to time contenders that do not produce the same result\n",
                     bench::g_failures);
        return 1;
    }
    std::fprintf(stderr, "validation: every contender decodes and encodes both documents identically\n");

    benchmark::AddCustomContext("simdjson_implementation", bench::simd_json::implementation());
    benchmark::AddCustomContext("boost_version", BOOST_LIB_VERSION);
    benchmark::AddCustomContext("account_bytes", std::to_string(bench::account_document().json.size()));
    benchmark::AddCustomContext("list_bytes", std::to_string(bench::list_document().json.size()));
    benchmark::AddCustomContext("list_accounts", std::to_string(bench::list_size));

    bench::register_document<bench::account>();
    bench::register_document<bench::list_response>();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
