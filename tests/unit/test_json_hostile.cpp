// Hostile and malformed input: always a clear decode error, never a crash or undefined behaviour.
// Also the configurable limits, and that decode_into in a steady loop allocates nothing.
#include "test_models.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace models;
using apibind::error_code;
namespace json = apibind::json;

namespace {

// Counts allocations made by this thread while enabled.
thread_local bool counting = false;
thread_local std::size_t allocations = 0;
thread_local std::size_t allocated_bytes = 0;

struct allocation_counter {
    allocation_counter()
    {
        allocations = 0;
        allocated_bytes = 0;
        counting = true;
    }
    ~allocation_counter() { counting = false; }
    std::size_t count() const { return allocations; }
    std::size_t bytes() const { return allocated_bytes; }
};

std::string nested(std::size_t depth, char open, char close)
{
    return std::string(depth, open) + std::string(depth, close);
}

}  // namespace

// g++ 12 sees through inlining a builtin `new` (e.g. in boost::wrapexcept::clone) paired with the
// std::free below and warns -Wmismatched-new-delete; both sides are these replacements.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
void* operator new(std::size_t n)
{
    if (counting) {
        ++allocations;
        allocated_bytes += n;
    }
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
// The nothrow forms too (std::stable_partition's temporary buffer uses them): otherwise the
// library's or the sanitizer's own nothrow new would be paired with the free() below.
void* operator new(std::size_t n, std::nothrow_t const&) noexcept
{
    if (counting) {
        ++allocations;
        allocated_bytes += n;
    }
    return std::malloc(n ? n : 1);
}
void operator delete(void* p, std::nothrow_t const&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
// The array forms too (json::date_time's long texts use them): the library's would call the
// replacement above, but ASan's and valgrind's own do not.
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new[](std::size_t n, std::nothrow_t const& tag) noexcept { return ::operator new(n, tag); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::nothrow_t const&) noexcept { std::free(p); }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

TEST_CASE("truncated and malformed documents are syntax errors with a position")
{
    std::string const full = R"({"connected_account":{"id":"x","errors":[{"created_at":"t","message":"m","error_code":"account_disconnected"}]}})";
    for (std::size_t n = 0; n < full.size(); ++n) {
        auto r = json::decode<envelope>(std::string_view(full).substr(0, n));
        REQUIRE(!r);
        CHECK(r.error().kind == apibind::error_kind::decode);
    }
    auto cut = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[{"created_at":"t")");
    REQUIRE(!cut);
    CHECK(cut.error().code == error_code::syntax);
    CHECK(cut.error().path == "connected_account.errors[0]");
    CHECK(cut.error().message.find("at byte") != std::string::npos);

    for (std::string bad : {"", " ", "{", "}", "[1,]", R"({"id":"x",})", R"({"id" "x"})", "nul", "tru", "01", "1.", "-", "+1",
                            R"({"id":"x"} extra)", R"({"id":"x"}{})", R"("\x")", R"("\u12")", R"("\ud800")", "[1 2]"}) {
        auto r = json::decode<account>(bad);
        CHECK_MESSAGE(!r, bad);
    }
}

TEST_CASE("wrong types at any position")
{
    CHECK(json::decode<account>("[]").error().code == error_code::type_mismatch);
    CHECK(json::decode<account>("null").error().message == "expected an object, got null");
    CHECK(json::decode<account>(R"({"id":["x"]})").error().message == "expected a string, got an array");
    CHECK(json::decode<account>(R"({"id":"x","colors":{"a":1}})").error().path == "colors");
    CHECK(json::decode<account>(R"({"id":"x","errors":[1]})").error().path == "errors[0]");
    CHECK(json::decode<scalars>(R"({"b":1})").error().message == "expected a boolean, got a number");
    CHECK(json::decode<account>(R"({"id":"x","metadata":[]})").error().message == "expected an object, got an array");
    CHECK(json::decode<std::vector<int>>(R"([1,null])").error().path == "[1]");
}

TEST_CASE("invalid UTF-8 and bad escapes are refused")
{
    CHECK(!json::decode<std::string>("\"\xC3\""));
    CHECK(!json::decode<std::string>("\"\xFF\""));
    CHECK(!json::decode<std::string>("\"\xED\xA0\x80\""));
    CHECK(!json::decode<std::string>(R"("\q")"));
    CHECK(!json::decode<std::string>("\"a\nb\""));  // raw control character
    CHECK(json::decode<std::string>(R"("\ud83d\ude00")").value() == "\xF0\x9F\x98\x80");
}

TEST_CASE("strings: every escape, and invalid UTF-8 or control characters at every position of a 32-byte block")
{
    CHECK(json::decode<std::string>(R"("\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00x")").value() ==
          "\"\\/\b\f\n\r\tA\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x");
    for (std::string bad : {R"("\ud800\u0041")", R"("\udc00")", R"("\ud800")", R"("\u00g0")", R"("\U0041")", R"("\)"}) {
        auto r = json::decode<std::string>(bad);
        REQUIRE_MESSAGE(!r, bad);
        CHECK(r.error().code == error_code::syntax);
    }
    // The plain-run scans read 8, 16 or (with AVX2) 32 bytes at a time: every position of the
    // widest block and across its end, both sides.
    std::string const valid = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";  // 2, 3, 4 bytes; U+10FFFF
    for (std::size_t at = 0; at <= 34; ++at) {
        std::string const before(at, 'a');
        std::string const after(34 - at, 'b');
        CHECK(json::decode<std::string>("\"" + before + valid + after + "\"").value() == before + valid + after);
        CHECK(json::decode<std::string>("\"" + before + "\\n" + after + "\"").value() == before + "\n" + after);
        for (std::string const& bad : {std::string("\x80"), std::string("\xC0\xAF"), std::string("\xC1\xBF"), std::string("\xC3"),
                                      std::string("\xE0\x9F\xBF"), std::string("\xED\xA0\x80"), std::string("\xED\xBF\xBF"),
                                      std::string("\xE2\x82"), std::string("\xF0\x8F\xBF\xBF"), std::string("\xF4\x90\x80\x80"),
                                      std::string("\xF5\x80\x80\x80"), std::string("\xFF")}) {
            auto r = json::decode<std::string>("\"" + before + bad + after + "\"");
            REQUIRE_MESSAGE(!r, at);
            CHECK(r.error().code == error_code::syntax);
            CHECK(r.error().message == "invalid UTF-8 in a string at byte " + std::to_string(1 + at));
        }
        auto control = json::decode<std::string>("\"" + before + "\x1F" + after + "\"");
        REQUIRE(!control);
        CHECK(control.error().message == "control character in a string at byte " + std::to_string(1 + at));
    }
    // In keys too, and in skipped values.
    CHECK(!json::decode<account>("{\"id\":\"x\",\"\xC3\":1}"));
    CHECK(!json::decode<account>("{\"id\":\"x\",\"unknown\":[\"\xED\xA0\x80\"]}"));
}

TEST_CASE("numbers at every integer width's edge, and doubles correctly rounded")
{
    auto edges = [](auto zero, std::string const& min, std::string const& max, std::string const& below, std::string const& above) {
        using T = decltype(zero);
        CHECK(json::decode<T>(min).value() == std::numeric_limits<T>::min());
        CHECK(json::decode<T>(max).value() == std::numeric_limits<T>::max());
        CHECK(json::encode(std::numeric_limits<T>::min()) == min);
        CHECK(json::encode(std::numeric_limits<T>::max()) == max);
        CHECK(json::decode<T>(below).error().code == error_code::out_of_range);
        CHECK(json::decode<T>(above).error().code == error_code::out_of_range);
    };
    edges(std::int8_t{}, "-128", "127", "-129", "128");
    edges(std::uint8_t{}, "0", "255", "-1", "256");
    edges(std::int16_t{}, "-32768", "32767", "-32769", "32768");
    edges(std::uint16_t{}, "0", "65535", "-1", "65536");
    edges(std::int32_t{}, "-2147483648", "2147483647", "-2147483649", "2147483648");
    edges(std::uint32_t{}, "0", "4294967295", "-1", "4294967296");
    CHECK(json::decode<std::int64_t>("-9223372036854775808").value() == std::numeric_limits<std::int64_t>::min());
    CHECK(json::decode<std::int64_t>("9223372036854775807").value() == std::numeric_limits<std::int64_t>::max());
    CHECK(json::decode<std::int64_t>("9223372036854775808").error().code == error_code::out_of_range);  // a uint64
    CHECK(json::decode<std::int64_t>("-9223372036854775809").error().code == error_code::type_mismatch);  // a double
    CHECK(json::decode<std::uint64_t>("18446744073709551615").value() == std::numeric_limits<std::uint64_t>::max());
    CHECK(json::decode<std::uint64_t>("-1").error().code == error_code::out_of_range);
    // Around the 19 digits that always fit in 64 bits: longer runs are checked, so a number that
    // wraps 64 bits (2^65 would wrap to 0, 2^64 + 5 to 5) is a double, never a small integer.
    CHECK(json::decode<std::uint64_t>("9999999999999999999").value() == 9999999999999999999ULL);
    CHECK(json::decode<std::uint64_t>("10000000000000000000").value() == 10000000000000000000ULL);
    CHECK(json::decode<std::uint64_t>("36893488147419103232").error().code == error_code::type_mismatch);
    CHECK(json::decode<std::uint64_t>("18446744073709551621").error().code == error_code::type_mismatch);
    CHECK(json::decode<std::int64_t>("-18446744073709551621").error().code == error_code::type_mismatch);
    CHECK(json::decode<double>("36893488147419103232").value() == 36893488147419103232.0);
    CHECK(json::decode<double>("-1234567890123456789012345").value() == -1234567890123456789012345.0);
    auto raw = json::decode<json::raw_json>("[-0,0.5e-3,18446744073709551616,-9223372036854775809,1E+2]");
    REQUIRE(raw);
    CHECK(raw->text == "[-0,0.5e-3,18446744073709551616,-9223372036854775809,1E+2]");  // exact text kept
    CHECK(std::signbit(json::decode<double>("-0").value()));
    CHECK(json::decode<double>("1.7391353897246315e308").value() == 1.7391353897246315e308);
    CHECK(json::decode<double>("2.2250738585072011e-308").value() == 2.2250738585072011e-308);
    CHECK(json::decode<double>("0.1").value() == 0.1);
    CHECK(json::decode<double>("1e-400").value() == 0.0);  // underflow: zero, like any parser
    CHECK(json::decode<double>("-1e400").error().code == error_code::out_of_range);
    CHECK(json::decode<float>("3.4028235e38").value() == std::numeric_limits<float>::max());
    for (std::string bad : {"01", "-01", "1.", ".5", "1e", "1e+", "-", "--1", "1.e5", "0x10", "Infinity", "NaN", "+0"}) {
        auto r = json::decode<double>(bad);
        CHECK_MESSAGE(!r, bad);
    }
}

TEST_CASE("syntax errors name what was expected and the byte")
{
    CHECK(json::decode<std::vector<int>>("[1,2] x").error().message == "unexpected data after the JSON document at byte 6");
    CHECK(json::decode<std::vector<int>>("[1,,2]").error().message == "expected a value at byte 3");
    CHECK(json::decode<std::vector<int>>("[1 2]").error().message == "expected ',' or ']' at byte 3");
    CHECK(json::decode<account>(R"({"id" "x"})").error().message == "expected ':' after a key at byte 6");
    CHECK(json::decode<account>(R"({"id":"x" "y"})").error().message == "expected ',' or '}' at byte 10");
    CHECK(json::decode<account>(R"({"id":"x",})").error().message == "expected a key (a string) at byte 10");
    CHECK(json::decode<account>(R"({"id":"x","email":tru})").error().message == "invalid literal at byte 18");
    CHECK(json::decode<account>(R"({"id":"x")").error().message == "incomplete JSON at byte 9");
    CHECK(json::decode<account>(" \n\t").error().message == "empty input: no JSON value");
    // A key with escapes decodes to a member's name; a member repeated: the last value stays.
    auto k = json::decode<site>(R"({"site\u005Fid":"a","\u006cimit":5,"site_id":"b"})");
    REQUIRE(k);
    CHECK(k->site_id == "b");
    CHECK(k->limit == 5);
}

TEST_CASE("numbers out of range")
{
    CHECK(json::decode<std::int64_t>("9223372036854775808").error().code == error_code::out_of_range);
    CHECK(json::decode<std::uint64_t>("18446744073709551616").error().code == error_code::type_mismatch);  // parsed as a double
    CHECK(json::decode<std::int16_t>("-32769").error().code == error_code::out_of_range);
    auto huge = json::decode<double>("1e999");
    CHECK((!huge || *huge > 1e308));  // never UB: an error or infinity
}

TEST_CASE("deep nesting is a limit error, never a stack overflow")
{
    for (char open : {'[', '{'}) {
        std::string doc = open == '[' ? nested(100000, '[', ']') : std::string();
        if (open == '{') {
            for (int i = 0; i < 100000; ++i) doc += R"({"a":)";
            doc += "1";
            doc += std::string(100000, '}');
        }
        auto r = json::decode<account>(R"({"id":"x","unknown":)" + doc + "}");
        REQUIRE(!r);
        CHECK(r.error().code == error_code::limit_exceeded);
        CHECK(r.error().message.find("nesting deeper than the limit of 64") == 0);
    }
    // Within the limit, deep unknown subtrees are skipped without recursion.
    CHECK(json::decode<account>(R"({"id":"x","unknown":)" + nested(60, '[', ']') + "}"));
    json::decode_options deep;
    deep.max_depth = 5000;
    CHECK(json::decode<account>(R"({"id":"x","unknown":)" + nested(4000, '[', ']') + "}", deep));
    CHECK(json::decode<json::raw_json>(nested(200, '[', ']'), deep));
}

// A type that nests itself: documents deeper than the decoder's inline frame stack (24 frames)
// move the stack to the heap mid-decode; values, error paths and the round trip stay right.
struct tree_node {
    int value = 0;
    std::vector<tree_node> children;
};
BOOST_DESCRIBE_STRUCT(tree_node, (), (value, children))

TEST_CASE("a self-nesting type deeper than the inline frame stack")
{
    auto chain = [](std::size_t depth, std::string_view innermost) {
        std::string doc;
        for (std::size_t i = 0; i < depth; ++i) doc += R"({"value":)" + std::to_string(i) + R"(,"children":[)";
        doc += innermost;
        for (std::size_t i = 0; i < depth; ++i) doc += "]}";
        return doc;
    };
    // 30 levels: 61 open values (within the default depth limit of 64), 61 frames.
    std::string const doc = chain(30, R"({"value":30,"children":[]})");
    auto r = json::decode<tree_node>(doc);
    REQUIRE(r);
    tree_node const* n = &*r;
    for (int i = 0; i < 30; ++i) {
        CHECK(n->value == i);
        REQUIRE(n->children.size() == 1);
        n = &n->children[0];
    }
    CHECK(n->value == 30);
    CHECK(n->children.empty());
    CHECK(json::encode(*r) == doc);

    auto bad = json::decode<tree_node>(chain(25, R"({"value":"x","children":[]})"));
    REQUIRE(!bad);
    std::string path;
    for (int i = 0; i < 25; ++i) path += (i == 0 ? "" : ".") + std::string("children[0]");
    CHECK(bad.error().path == path + ".value");
    CHECK(bad.error().message == "expected an integer, got a string");
}

TEST_CASE("string and array limits")
{
    json::decode_options small;
    small.max_string_length = 8;
    small.max_array_length = 3;
    auto long_string = json::decode<account>(R"({"id":"123456789"})", small);
    REQUIRE(!long_string);
    CHECK(long_string.error().code == error_code::limit_exceeded);
    CHECK(long_string.error().message == "string longer than the limit of 8");
    auto long_key = json::decode<account>(R"({"id":"1","abcdefghijk":1})", small);
    CHECK(long_key.error().message == "key longer than the limit of 8");
    auto long_array = json::decode<std::vector<int>>("[1,2,3,4]", small);
    REQUIRE(!long_array);
    CHECK(long_array.error().path == "");
    CHECK(long_array.error().message == "array longer than the limit of 3");
    CHECK(json::decode<std::vector<int>>("[1,2,3]", small));
    auto big_record = json::decode<json::record<int>>(R"({"a":1,"b":2,"c":3,"d":4})", small);
    CHECK(big_record.error().code == error_code::limit_exceeded);
}

TEST_CASE("decode allocates only what the result keeps, decode_into in a loop allocates nothing")
{
    // Strings longer than the small-string buffer, so each one that is kept costs one allocation.
    std::string const doc = R"({"connected_account":{"id":"a289aa54-5488-4707-9a4b-eeea4edf311d","email":"jane_doe@example.com",)"
                            R"("errors":[{"created_at":"2025-06-15T16:54:17.946329Z","message":"account is disconnected now",)"
                            R"("error_code":"account_disconnected"}],"colors":["infrared-extended"],)"
                            R"("metadata":{"internal_identifier":"internalId1-long-enough"},"cursor":"cursor-value-long-enough"},"ok":true})";
    envelope target;
    REQUIRE(json::decode_into(target, doc));  // warm up: capacities and the per-thread scratch
    {
        allocation_counter counter;
        for (int i = 0; i < 100; ++i) REQUIRE(json::decode_into(target, doc));
        CHECK(counter.count() == 0);
    }
    {
        allocation_counter counter;
        auto fresh = json::decode<envelope>(doc);
        REQUIRE(fresh);
        // Kept: id, email, errors vector, created_at, message, colors vector, the unknown color,
        // metadata entries vector, its key, its value, cursor = 11 allocations. (A vector of n
        // elements also grows geometrically on the way: the SAX decoder cannot know n up front.)
        CHECK(counter.count() == 11);
    }
}

namespace {

struct open_pending {
    std::string action_attempt_id;
    json::literal<"OPEN_DOOR_NOW"> action_type{};
    json::literal<"pending"> status{};
    json::date_time created_at;
};
BOOST_DESCRIBE_STRUCT(open_pending, (), (action_attempt_id, action_type, status, created_at))

struct open_done {
    std::string action_attempt_id;
    json::literal<"OPEN_DOOR_NOW"> action_type{};
    json::literal<"success"> status{};
    json::date_time created_at;
    std::string note;
};
BOOST_DESCRIBE_STRUCT(open_done, (), (action_attempt_id, action_type, status, created_at, note))

struct managed_on {
    json::bool_literal<true> is_managed{};
    std::string label;
};
BOOST_DESCRIBE_STRUCT(managed_on, (), (is_managed, label))

struct managed_off {
    json::bool_literal<false> is_managed{};
};
BOOST_DESCRIBE_STRUCT(managed_off, (), (is_managed))

struct steady_document {
    std::vector<json::basic_tagged_union<json::tag_keys<"action_type", "status">, open_pending, open_done>> attempts;
    std::vector<json::tagged_union<"is_managed", managed_on, managed_off>> codes;
    json::date_time updated_at;
};
BOOST_DESCRIBE_STRUCT(steady_document, (), (attempts, codes, updated_at))

}  // namespace

TEST_CASE("decode_into allocates nothing in a loop with multi-key and boolean unions and date_time")
{
    std::string const doc =
        R"({"attempts":[{"status":"pending","created_at":"2025-06-15T16:54:17.946329Z","action_type":"OPEN_DOOR_NOW","action_attempt_id":"attempt-id-long-enough-1"},)"
        R"({"action_attempt_id":"attempt-id-long-enough-2","action_type":"OPEN_DOOR_NOW","status":"success","note":"opened without trouble","created_at":"2025-06-15T16:54:18.000000+02:00"},)"
        R"({"action_attempt_id":"attempt-id-long-enough-3","action_type":"OPEN_DOOR_NOW","status":"a-status-nobody-knows"}],)"
        R"("codes":[{"label":"front door code label","is_managed":true},{"is_managed":false},{"is_managed":"not-a-boolean-at-all"}],)"
        R"("updated_at":"2025-06-15T16:54:19.123456789-05:00"})";
    steady_document target;
    REQUIRE(json::decode_into(target, doc));  // warm up: capacities and the per-thread scratch
    REQUIRE(target.attempts.size() == 3);
    CHECK(target.attempts[1].holds<open_done>());
    CHECK(target.attempts[2].is_unrecognised());
    CHECK(target.codes[2].is_unrecognised());
    {
        allocation_counter counter;
        for (int i = 0; i < 100; ++i) REQUIRE(json::decode_into(target, doc));
        CHECK(counter.count() == 0);
    }
    CHECK(target.updated_at.text() == "2025-06-15T16:54:19.123456789-05:00");
}

namespace {

// Members of every leaf kind (decoded without a frame: decoder.hpp, pending_leaf).
struct leaf_row {
    std::string name;
    std::optional<std::string> note;
    bool active = false;
    std::optional<bool> flagged;
    std::int32_t count = 0;
    std::uint64_t big = 0;
    double ratio = 0;
    std::optional<double> score;
    json::nullable<std::string> owner;
    json::literal<"row"> kind{};
    json::date_time at;
    std::optional<json::date_time> seen_at;
};
BOOST_DESCRIBE_STRUCT(leaf_row, (), (name, note, active, flagged, count, big, ratio, score, owner, kind, at, seen_at))

struct leaf_rows {
    std::vector<leaf_row> rows;
};
BOOST_DESCRIBE_STRUCT(leaf_rows, (), (rows))

}  // namespace

TEST_CASE("decode_into of leaf members allocates nothing, with texts growing and shrinking within their capacity")
{
    // Two documents alike, whose texts have other lengths (longer than the small-string buffer):
    // alternating them rewrites each string within the capacity the longer one left.
    std::string const longer =
        R"({"rows":[{"name":"a name that is long enough to allocate","note":"a note that is long enough as well","active":true,)"
        R"("flagged":false,"count":-5,"big":18446744073709551615,"ratio":0.5,"score":3,"owner":"an owner with a long name",)"
        R"("kind":"row","at":"2025-06-15T16:54:17.946329Z","seen_at":"2025-06-15T16:54:18.946329+02:00"},)"
        R"({"name":"second row's name, long enough","note":null,"active":false,"count":7,"big":0,"ratio":-1e-300,"score":null,)"
        R"("owner":null,"kind":"row","at":"2024-01-02T03:04:05.123456Z"}]})";
    std::string const shorter =
        R"({"rows":[{"name":"a shorter name, long still","note":"a shorter note, long still","active":false,)"
        R"("flagged":true,"count":5,"big":1,"ratio":2,"score":-3.25,"owner":"a shorter owner's name",)"
        R"("kind":"row","at":"2025-06-15T16:54:17Z","seen_at":"2025-06-15T16:54:18Z"},)"
        R"({"name":"second row's short name","note":null,"active":true,"count":-7,"big":2,"ratio":1e300,"score":null,)"
        R"("owner":null,"kind":"row","at":"2024-01-02T03:04:05Z"}]})";
    leaf_rows target;
    REQUIRE(json::decode_into(target, longer));  // warm up: capacities and the per-thread scratch
    REQUIRE(json::decode_into(target, shorter));
    {
        allocation_counter counter;
        for (int i = 0; i < 50; ++i) {
            REQUIRE(json::decode_into(target, longer));
            REQUIRE(json::decode_into(target, shorter));
        }
        CHECK(counter.count() == 0);
    }
    REQUIRE(target.rows.size() == 2);
    CHECK(target.rows[0].name == "a shorter name, long still");
    CHECK(target.rows[0].note == "a shorter note, long still");
    CHECK(target.rows[0].flagged == true);
    CHECK(target.rows[0].score == -3.25);
    CHECK(target.rows[0].seen_at->text() == "2025-06-15T16:54:18Z");
    CHECK(target.rows[1].count == -7);
    CHECK(target.rows[1].ratio == 1e300);
    CHECK(!target.rows[1].note);
    CHECK(!target.rows[1].flagged);
    CHECK(target.rows[1].owner.is_null());
    CHECK(!target.rows[1].seen_at);
    REQUIRE(json::decode_into(target, longer));
    CHECK(target.rows[0].name == "a name that is long enough to allocate");
    CHECK(target.rows[0].big == std::numeric_limits<std::uint64_t>::max());
    CHECK(target.rows[1].at.text() == "2024-01-02T03:04:05.123456Z");
}

// ---- the decoder's two paths: the recursive descent (detail/descent.hpp) and the events ----
// decode runs the descent first and the events only when it gives up. What the descent accepts
// must be what the events accept, to the same value; what it gives up on, the events decode or
// refuse with their own error. These tests call both paths directly, to know which one decoded.

namespace descent_models {

// A scalar wire form, a wire form over another wire type, an array wire form, an object wire form.
struct cents {
    std::int64_t value = 0;
};
struct charge {
    cents amount;
};
struct span {
    double from = 0;
    double to = 0;
};
struct boxed {
    site inner;
};

}  // namespace descent_models

template <>
struct apibind::json::wire_traits<descent_models::cents> {
    using wire_type = std::int64_t;
    static std::int64_t to_wire(descent_models::cents const& c) noexcept { return c.value; }
    static bool from_wire(std::int64_t const& w, descent_models::cents& out) noexcept
    {
        out.value = w;
        return w >= 0;
    }
};
template <>
struct apibind::json::wire_traits<descent_models::charge> {
    using wire_type = descent_models::cents;
    static descent_models::cents const& to_wire(descent_models::charge const& c) noexcept { return c.amount; }
    static bool from_wire(descent_models::cents const& w, descent_models::charge& out) noexcept
    {
        out.amount = w;
        return w.value != 13;
    }
};
template <>
struct apibind::json::wire_traits<descent_models::span> {
    using wire_type = std::vector<double>;
    static std::vector<double> to_wire(descent_models::span const& s) { return {s.from, s.to}; }
    static bool from_wire(std::vector<double> const& v, descent_models::span& out)
    {
        if (v.size() != 2) return false;
        out = {v[0], v[1]};
        return true;
    }
};
template <>
struct apibind::json::wire_traits<descent_models::boxed> {
    using wire_type = models::site;
    static models::site const& to_wire(descent_models::boxed const& b) noexcept { return b.inner; }
    static bool from_wire(models::site const& w, descent_models::boxed& out)
    {
        out.inner = w;
        return true;
    }
};

namespace descent_models {

struct mixed {
    json::literal<"v1"> version;
    json::date_time at;
    std::optional<json::date_time> seen_at;
    cents total;
    std::optional<cents> tip;
    std::vector<cents> lines;
    std::optional<charge> fee;
    json::nullable<span> range;
    std::optional<boxed> box;
    std::optional<json::any_value> anything;
    std::optional<json::raw_json> raw;
    std::optional<std::map<std::string, std::int32_t>> counts;
    std::vector<std::optional<std::int32_t>> maybe_ints;
    std::vector<std::vector<std::string>> grid;
    std::optional<std::vector<account_error>> errors;
    std::optional<json::open_enum<color>> shade;
};
BOOST_DESCRIBE_STRUCT(mixed, (), (version, at, seen_at, total, tip, lines, fee, range, box, anything, raw, counts, maybe_ints, grid, errors, shade))
APIBIND_JSON_OPTIONS(mixed, options{}.default_when_absent("lines").default_when_absent("maybe_ints").default_when_absent("grid"))


// Members whose keys are 1 to 36 bytes long, each a prefix of the next: the descent compares the
// key expected next, its quote and its colon as 32 bytes (or two 16-byte blocks) at once.
struct key_lengths {
    std::int32_t a = 0;
    std::int32_t ab = 0;
    std::int32_t abc = 0;
    std::int32_t abcd = 0;
    std::int32_t abcde = 0;
    std::int32_t abcdef = 0;
    std::int32_t abcdefg = 0;
    std::int32_t abcdefgh = 0;
    std::int32_t abcdefghi = 0;
    std::int32_t abcdefghij = 0;
    std::int32_t abcdefghijk = 0;
    std::int32_t abcdefghijkl = 0;
    std::int32_t abcdefghijklm = 0;
    std::int32_t abcdefghijklmn = 0;
    std::int32_t abcdefghijklmno = 0;
    std::int32_t abcdefghijklmnop = 0;
    std::int32_t abcdefghijklmnopq = 0;
    std::int32_t abcdefghijklmnopqr = 0;
    std::int32_t abcdefghijklmnopqrs = 0;
    std::int32_t abcdefghijklmnopqrst = 0;
    std::int32_t abcdefghijklmnopqrstu = 0;
    std::int32_t abcdefghijklmnopqrstuv = 0;
    std::int32_t abcdefghijklmnopqrstuvw = 0;
    std::int32_t abcdefghijklmnopqrstuvwx = 0;
    std::int32_t abcdefghijklmnopqrstuvwxy = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyz = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyza = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzab = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabc = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcd = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcde = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcdef = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcdefg = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcdefgh = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcdefghi = 0;
    std::int32_t abcdefghijklmnopqrstuvwxyzabcdefghij = 0;
};
BOOST_DESCRIBE_STRUCT(key_lengths, (), (a, ab, abc, abcd, abcde, abcdef, abcdefg, abcdefgh, abcdefghi, abcdefghij, abcdefghijk, abcdefghijkl, abcdefghijklm, abcdefghijklmn, abcdefghijklmno, abcdefghijklmnop, abcdefghijklmnopq, abcdefghijklmnopqr, abcdefghijklmnopqrs, abcdefghijklmnopqrst, abcdefghijklmnopqrstu, abcdefghijklmnopqrstuv, abcdefghijklmnopqrstuvw, abcdefghijklmnopqrstuvwx, abcdefghijklmnopqrstuvwxy, abcdefghijklmnopqrstuvwxyz, abcdefghijklmnopqrstuvwxyza, abcdefghijklmnopqrstuvwxyzab, abcdefghijklmnopqrstuvwxyzabc, abcdefghijklmnopqrstuvwxyzabcd, abcdefghijklmnopqrstuvwxyzabcde, abcdefghijklmnopqrstuvwxyzabcdef, abcdefghijklmnopqrstuvwxyzabcdefg, abcdefghijklmnopqrstuvwxyzabcdefgh, abcdefghijklmnopqrstuvwxyzabcdefghi, abcdefghijklmnopqrstuvwxyzabcdefghij))
}  // namespace descent_models

namespace {

namespace jd = apibind::json::detail;

// What each path made of one document; the values as encoded text (the fuzz harness's equality).
struct two_paths {
    bool descent = false;  // decode_by_descent took the document
    bool events = false;   // decode_by_events accepted it
    std::string descent_value;
    std::string events_value;
    apibind::error error;  // the events' error
};

template <class T>
two_paths both_paths(std::string_view doc, json::decode_options const& opt)
{
    two_paths out;
    jd::decode_scratch_lease lease;
    T by_descent{};
    out.descent = jd::decode_by_descent(doc, &by_descent, jd::ops_for<T>(), opt, nullptr, lease.get(), false);
    if (out.descent) out.descent_value = json::encode(by_descent);
    T by_events{};
    out.events = jd::decode_by_events(doc, &by_events, jd::ops_for<T>(), opt, nullptr, lease.get(), out.error);
    if (out.events) out.events_value = json::encode(by_events);
    // The invariant: what the descent takes, the events accept, to the same value.
    if (out.descent) {
        CHECK(out.events);
        CHECK(out.descent_value == out.events_value);
    }
    // The public decode (the descent, then the events over what it left) gives the events' answer.
    auto const pub = json::decode<T>(doc, opt);
    CHECK(pub.has_value() == out.events);
    if (pub && out.events) CHECK(json::encode(*pub) == out.events_value);
    if (!pub && !out.events) CHECK(to_string(pub.error()) == to_string(out.error));
    return out;
}

using both_paths_fn = two_paths (*)(std::string_view, json::decode_options const&);

std::string tree_chain(std::size_t levels)  // 2 * levels + 2 open containers
{
    std::string doc;
    for (std::size_t i = 0; i < levels; ++i) doc += R"({"value":)" + std::to_string(i) + R"(,"children":[)";
    doc += R"({"value":-1,"children":[]})";
    for (std::size_t i = 0; i < levels; ++i) doc += "]}";
    return doc;
}

// Where a tree_chain too deep for the limit is refused: the children array whose element would
// open one container too many.
std::string tree_path(std::size_t levels)
{
    std::string path;
    for (std::size_t i = 0; i < levels; ++i) path += "children[0].";
    return path + "children";
}

std::string scalars_with(std::string_view member, std::string_view value)
{
    std::string doc = R"({"b":true,"i8":0,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"i64":0,"u64":0,"d":0,"f":0,"s":""})";
    std::string const key = "\"" + std::string(member) + "\":";
    auto const at = doc.find(key) + key.size();
    auto const end = doc.find_first_of(",}", at);
    return doc.replace(at, end - at, value);
}

std::string long_colors(std::size_t n)
{
    std::string doc = R"({"id":"x","colors":[)";
    for (std::size_t i = 0; i < n; ++i) doc += (i ? R"(,")" : R"(")") + std::string(i % 3 == 0 ? "red" : i % 3 == 1 ? "blue" : "ultraviolet") + "\"";
    return doc + "]}";
}

std::string const full_mixed =
    R"({"version":"v1","at":"2025-06-15T16:54:17.946329Z","seen_at":"2024-01-02T03:04:05Z","total":1250,"tip":5,"lines":[1,2,3],)"
    R"("fee":7,"range":[1.5,-2],"box":{"site_id":"s","limit":3},"anything":{"a":[1,"x",null,{"b":false}]},"raw":[1, {"c" : "d"}],)"
    R"("counts":{"a":1,"b":-2},"maybe_ints":[1,null,3],"grid":[["a"],[],["b","c"]],)"
    R"("errors":[{"error_code":"account_disconnected","created_at":"t","message":"m"}],"shade":"infrared"})";

}  // namespace

TEST_CASE("the descent decodes ordinary documents, to the value the events decode")
{
    json::decode_options deep;
    deep.max_depth = 200;
    json::decode_options small;
    small.max_string_length = 8;
    small.max_array_length = 3;
    struct row {
        char const* what;
        both_paths_fn run;
        std::string doc;
        json::decode_options opt = {};
    };
    std::vector<row> const rows = {
        {"members in order", &both_paths<account>,
         R"({"id":"a","email":"e@x","errors":[],"colors":["red"],"metadata":{"k":1},"cursor":"c","favourite":"green","extra":{"x":[1]}})"},
        {"members out of order", &both_paths<account>,
         R"({"favourite":"blue","extra":[true],"cursor":"c","metadata":{},"colors":["green"],"errors":[],"email":"e","id":"a"})"},
        {"a member repeated", &both_paths<account>, R"({"id":"a","email":"one","id":"b","email":"two"})"},
        {"keys with escapes that decode to member names", &both_paths<account>, R"({"\u0069d":"a","em\u0061il":"e","f\u0061vourite":"red"})"},
        {"unknown keys with nested values", &both_paths<account>,
         R"({"zzz":{"a":[1,{"b":null}],"c":"}\""},"id":"a","yyy":[[],{},"]"],"email":"e","n":-1.5e3,"t":true,"\u00e9":null})"},
        {"white space everywhere", &both_paths<account>, " {\n \"id\" : \"a\" ,\t\"colors\" : [ \"red\" , \"blue\" ] ,\r\n\"email\":null } \n"},
        {"wrappers null", &both_paths<account>, R"({"id":"a","email":null,"cursor":null,"favourite":null,"extra":null})"},
        {"wrappers absent", &both_paths<account>, R"({"id":"a"})"},
        {"vectors empty", &both_paths<account>, R"({"id":"a","errors":[],"colors":[]})"},
        {"a long vector with open enum values", &both_paths<account>, long_colors(300)},
        {"union: tag first", &both_paths<account_error>, R"({"error_code":"account_disconnected","created_at":"t","message":"m"})"},
        {"union: tag in the middle", &both_paths<account_error>,
         R"({"created_at":"t","error_code":"limit_exceeded","message":"m","salto_ks_metadata":{"sites":[{"site_id":"s","limit":5}]}})"},
        {"union: tag last", &both_paths<account_error>, R"({"created_at":"t","message":"m","is_bridge_error":true,"error_code":"account_disconnected"})"},
        {"union: tag escaped", &both_paths<account_error>, R"({"error\u005fcode":"limit\u005Fexceeded","created_at":"t","message":"m","salto_ks_metadata":{"sites":[]}})"},
        {"union: tag absent", &both_paths<account_error>, R"({"created_at":"t","message":"m"})"},
        {"union: tag unknown", &both_paths<account_error>, R"({"created_at":"t","error_code":"brand_new","details":{"n":[1,2.50]}})"},
        {"union: tag repeated, same value", &both_paths<account_error>,
         R"({"error_code":"account_disconnected","created_at":"t","message":"m","error_code":"account_disconnected"})"},
        {"unions in a vector", &both_paths<std::vector<account_error>>,
         R"([{"error_code":"account_disconnected","created_at":"t","message":"m"},{"error_code":"x"},{},{"message":"m","created_at":"t","error_code":"limit_exceeded","salto_ks_metadata":{"sites":[]}}])"},
        {"a nested struct", &both_paths<envelope>,
         R"({"ok":true,"connected_account":{"id":"a","errors":[{"error_code":"limit_exceeded","created_at":"t","message":"m","salto_ks_metadata":{"sites":[{"limit":1,"site_id":"s"}]}}],"metadata":{"m":{"n":[1]}}}})"},
        {"integers at every width's edges", &both_paths<scalars>,
         R"({"b":false,"i8":-128,"u8":255,"i16":-32768,"u16":65535,"i32":-2147483648,"u32":4294967295,"i64":-9223372036854775808,"u64":18446744073709551615,"d":-1.5e300,"f":3.4028235e38,"s":"\u00e9\n\ud83d\ude00"})"},
        {"integers of 18 and 19 digits, and integers for doubles", &both_paths<scalars>,
         R"({"b":true,"i8":1,"u8":9,"i16":10,"u16":99,"i32":100,"u32":123456789,"i64":999999999999999999,"u64":1000000000000000000,"d":100,"f":7,"s":""})"},
        {"a number as a member's last byte, and numbers with fractions and exponents", &both_paths<scalars>,
         R"({"b":true,"i8":0,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"u64":0,"s":"","d":12.5,"f":1e2,"i64":123456789012345678})"},
        {"integers at the other edges", &both_paths<scalars>,
         R"({"b":true,"i8":127,"u8":0,"i16":32767,"u16":0,"i32":2147483647,"u32":0,"i64":9223372036854775807,"u64":0,"d":0.1,"f":-0,"s":"plain"})"},
        {"renamed keys", &both_paths<camel>, R"({"accountId":7,"$select":"a,b"})"},
        {"pascal case", &both_paths<pascal>, R"({"AssociateName":"n","AccountId":-3})"},
        {"inherited members", &both_paths<derived_part>, R"({"extra_value":3,"base_id":"b"})"},
        {"maps", &both_paths<maps>, R"({"ordered":{"b":2,"a":1},"unordered":{"k":["v","w"]}})"},
        {"an empty struct takes any object", &both_paths<nothing>, R"({"a":[1,{"b":2}],"c":"d"})"},
        {"literal, date_time, wire types, any_value, raw_json, nested vectors", &both_paths<descent_models::mixed>, full_mixed},
        {"mixed with the optional members absent", &both_paths<descent_models::mixed>, R"({"at":"","total":0,"range":null,"version":"v1"})"},
        {"a record of any_value", &both_paths<json::record<json::any_value>>, R"({"a":1,"a":2,"b":{"c":[true,false,null]},"":"e"})"},
        {"any_value at the top", &both_paths<json::any_value>, R"([1,"two",{"three":3.5e-1},null])"},
        {"raw_json at the top", &both_paths<json::raw_json>, R"( {"a" : [1, 2]} )"},
        {"a long vector of integers", &both_paths<std::vector<std::int64_t>>, "[" + [] {
             std::string s;
             for (int i = 0; i < 1000; ++i) s += (i ? "," : "") + std::to_string(i * 7919 - 3000000);
             return s;
         }() + "]"},
        {"vectors of vectors", &both_paths<std::vector<std::vector<int>>>, "[[1,2],[],[3]]"},
        {"optional elements", &both_paths<std::vector<std::optional<color>>>, R"(["red",null,"blue"])"},
        {"a string at the top", &both_paths<std::string>, R"("a\"b")"},
        {"a number at the top", &both_paths<std::int8_t>, "-128"},
        {"a boolean at the top", &both_paths<bool>, "false"},
        {"a self-nesting type, 64 open containers (the default limit)", &both_paths<tree_node>, tree_chain(31)},
        {"a self-nesting type, 96 open containers (the descent's recursion)", &both_paths<tree_node>, tree_chain(47), deep},
        {"a string and a key at max_string_length", &both_paths<account>, R"({"id":"12345678","abcdefgh":"12345678"})", small},
        {"an array at max_array_length", &both_paths<account>, R"({"id":"x","colors":["red","red","red"]})", small},
    };
    for (row const& r : rows) {
        INFO(std::string(r.what));
        INFO(r.doc);
        two_paths const p = r.run(r.doc, r.opt);
        CHECK(p.descent);
        CHECK(p.events);
        CHECK(p.descent_value == p.events_value);
        CHECK(!p.events_value.empty());
    }
}

TEST_CASE("the descent's key compare: every key length, prefixes and extensions of keys, keys near the end")
{
    using descent_models::key_lengths;
    std::vector<std::string> keys;
    for (std::size_t n = 1; n <= 36; ++n) keys.push_back(std::string("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz").substr(0, n));
    auto document = [&](auto key_of) {
        std::string doc = "{";
        for (std::size_t i = 0; i < keys.size(); ++i) doc += (i ? ",\"" : "\"") + key_of(i) + "\":" + std::to_string(i + 1);
        return doc + "}";
    };
    json::decode_options const opt;
    // In order: every key taken by the block compare, but the last few, which stand too near the
    // end of the input for a whole block and take the byte-wise compare.
    std::string const in_order = document([&](std::size_t i) { return keys[i]; });
    two_paths const plain = both_paths<key_lengths>(in_order, opt);
    CHECK(plain.descent);
    auto const decoded = json::decode<key_lengths>(in_order);
    REQUIRE(decoded);
    CHECK(decoded->a == 1);
    CHECK(decoded->abcdefghijklmnop == 16);
    CHECK(decoded->abcdefghijklmnopqrstuvwxyzabcd == 30);
    CHECK(decoded->abcdefghijklmnopqrstuvwxyzabcdefghij == 36);
    // Each key in turn one byte short (another member's key: a member repeated, one missing), one
    // byte longer or with its last byte changed (unknown: the member is missing), followed by a
    // space, or its colon missing: both paths agree, and the descent gives up where the events fail.
    for (std::size_t k = 0; k < keys.size(); ++k) {
        INFO(k);
        auto changed = [&](std::string const& variant) {
            return document([&](std::size_t i) { return i == k ? variant : keys[i]; });
        };
        std::string const& key = keys[k];
        for (std::string const& doc : {changed(key.substr(0, key.size() - 1)), changed(key + "x"), changed(key.substr(0, key.size() - 1) + "!"),
                                       [&] {
                                           std::string d = in_order;
                                           d.insert(d.find("\"" + key + "\":") + key.size() + 2, " ");
                                           return d;
                                       }()}) {
            two_paths const p = both_paths<key_lengths>(doc, opt);
            CHECK(p.descent == p.events);
        }
        std::string no_colon = in_order;
        no_colon.erase(no_colon.find("\"" + key + "\":") + key.size() + 2, 1);
        two_paths const bad = both_paths<key_lengths>(no_colon, opt);
        CHECK(!bad.descent);
        CHECK(!bad.events);
        CHECK(bad.error.code == error_code::syntax);
    }
    // (Keys within 33 bytes of the input's end, compared byte by byte, are in the table of ordinary
    // documents above: {"id":"a"} and the like.)
}

TEST_CASE("the descent gives up on what it cannot decode; decode reports the events' error")
{
    json::decode_options small;
    small.max_string_length = 8;
    small.max_array_length = 3;
    json::decode_options tiny_keys;
    tiny_keys.max_string_length = 1;
    json::decode_options deep;
    deep.max_depth = 200;
    json::decode_options depth_100;
    depth_100.max_depth = 100;
    struct row {
        char const* what;
        both_paths_fn run;
        std::string doc;
        error_code code;  // error_code::none: the events accept it
        std::string path;
        json::decode_options opt = {};
    };
    std::vector<row> const rows = {
        {"a type mismatch in a leaf", &both_paths<account>, R"({"id":5})", error_code::type_mismatch, "id"},
        {"a type mismatch in a nested struct", &both_paths<envelope>,
         R"({"connected_account":{"id":"x","errors":[{"error_code":"limit_exceeded","created_at":"t","message":"m","salto_ks_metadata":{"sites":[{"site_id":1,"limit":2}]}}]}})",
         error_code::type_mismatch, "connected_account.errors[0].salto_ks_metadata.sites[0].site_id"},
        {"an object where a vector stands", &both_paths<account>, R"({"id":"x","colors":{"a":1}})", error_code::type_mismatch, "colors"},
        {"a scalar where a struct stands", &both_paths<envelope>, R"({"connected_account":1})", error_code::type_mismatch, "connected_account"},
        {"int8 128", &both_paths<scalars>, scalars_with("i8", "128"), error_code::out_of_range, "i8"},
        {"int8 -129", &both_paths<scalars>, scalars_with("i8", "-129"), error_code::out_of_range, "i8"},
        {"uint8 256", &both_paths<scalars>, scalars_with("u8", "256"), error_code::out_of_range, "u8"},
        {"uint8 -1", &both_paths<scalars>, scalars_with("u8", "-1"), error_code::out_of_range, "u8"},
        {"int16 32768", &both_paths<scalars>, scalars_with("i16", "32768"), error_code::out_of_range, "i16"},
        {"uint32 4294967296", &both_paths<scalars>, scalars_with("u32", "4294967296"), error_code::out_of_range, "u32"},
        {"int64 2^63", &both_paths<scalars>, scalars_with("i64", "9223372036854775808"), error_code::out_of_range, "i64"},
        {"int64 -2^63-1 (a double)", &both_paths<scalars>, scalars_with("i64", "-9223372036854775809"), error_code::type_mismatch, "i64"},
        {"uint64 2^64 (a double)", &both_paths<scalars>, scalars_with("u64", "18446744073709551616"), error_code::type_mismatch, "u64"},
        {"uint64 -1", &both_paths<scalars>, scalars_with("u64", "-1"), error_code::out_of_range, "u64"},
        {"int8 128 at the top", &both_paths<std::int8_t>, "128", error_code::out_of_range, ""},
        {"uint64 2^64 at the top", &both_paths<std::uint64_t>, "18446744073709551616", error_code::type_mismatch, ""},
        {"a fraction for an integer", &both_paths<scalars>, scalars_with("i32", "1.5"), error_code::type_mismatch, "i32"},
        {"an exponent for an integer", &both_paths<scalars>, scalars_with("i64", "12e3"), error_code::type_mismatch, "i64"},
        {"an integer with a leading zero", &both_paths<scalars>, scalars_with("i32", "012"), error_code::syntax, ""},
        {"a missing required member", &both_paths<account>, R"({"email":"e"})", error_code::missing_member, "id"},
        {"a missing member of a union's alternative", &both_paths<account_error>, R"({"error_code":"account_disconnected","created_at":"t"})",
         error_code::missing_member, "message"},
        {"an unknown enum value", &both_paths<account>, R"({"id":"x","favourite":"purple"})", error_code::unknown_enum_value, "favourite"},
        {"a literal mismatch", &both_paths<descent_models::mixed>, R"({"version":"v2","at":"","total":0,"range":null})",
         error_code::unexpected_tag, "version"},
        {"union: the tag repeated with another value", &both_paths<account_error>,
         R"({"error_code":"limit_exceeded","created_at":"t","message":"m","error_code":"account_disconnected"})", error_code::unexpected_tag,
         "error_code"},
        {"a wire value refused", &both_paths<descent_models::mixed>, R"({"version":"v1","at":"","total":-1,"range":null})",
         error_code::type_mismatch, "total"},
        {"a wire-over-wire value refused", &both_paths<descent_models::mixed>, R"({"version":"v1","at":"","total":1,"fee":13,"range":null})",
         error_code::type_mismatch, "fee"},
        {"an array wire value refused", &both_paths<descent_models::mixed>, R"({"version":"v1","at":"","total":1,"range":[1]})",
         error_code::type_mismatch, "range"},
        {"trailing data", &both_paths<account>, R"({"id":"x"} x)", error_code::syntax, ""},
        {"a second document", &both_paths<account>, R"({"id":"x"}{})", error_code::syntax, ""},
        {"a trailing comma in an object", &both_paths<account>, R"({"id":"x",})", error_code::syntax, ""},
        {"a trailing comma in an array", &both_paths<std::vector<int>>, "[1,2,]", error_code::syntax, ""},
        {"a trailing comma in a nested array", &both_paths<account>, R"({"id":"x","colors":["red",]})", error_code::syntax, "colors"},
        {"a missing colon", &both_paths<account>, R"({"id" "x"})", error_code::syntax, "id"},
        {"a string over max_string_length", &both_paths<account>, R"({"id":"123456789"})", error_code::limit_exceeded, "id", small},
        {"an unknown key over max_string_length", &both_paths<account>, R"({"id":"1","abcdefghijk":1})", error_code::limit_exceeded, "", small},
        {"a member's key over max_string_length", &both_paths<account>, R"({"id":"1"})", error_code::limit_exceeded, "", tiny_keys},
        {"an array over max_array_length", &both_paths<account>, R"({"id":"x","colors":["red","red","red","red"]})", error_code::limit_exceeded,
         "colors", small},
        {"a top-level array over max_array_length", &both_paths<std::vector<int>>, "[1,2,3,4]", error_code::limit_exceeded, "", small},
        {"nesting over max_depth (66 > 64)", &both_paths<tree_node>, tree_chain(32), error_code::limit_exceeded, tree_path(31)},
        {"nesting over the descent's recursion, within max_depth (98 <= 200)", &both_paths<tree_node>, tree_chain(48), error_code::none, "", deep},
        {"nesting over both (122 > 100)", &both_paths<tree_node>, tree_chain(60), error_code::limit_exceeded, tree_path(49), depth_100},
        {"invalid UTF-8 in a key", &both_paths<account>, "{\"id\":\"x\",\"\xC3\":1}", error_code::syntax, ""},
        {"invalid UTF-8 in a member-like key", &both_paths<account>, "{\"i\xC3\":\"x\"}", error_code::syntax, ""},
        {"invalid UTF-8 in a value", &both_paths<account>, "{\"id\":\"\xED\xA0\x80\"}", error_code::syntax, "id"},
        {"invalid UTF-8 in a skipped value", &both_paths<account>, "{\"id\":\"x\",\"unknown\":[\"\xFF\"]}", error_code::syntax, ""},
        {"a control character in a value", &both_paths<account>, "{\"id\":\"a\nb\"}", error_code::syntax, "id"},
        {"a bad escape in a key", &both_paths<account>, R"({"\q":1,"id":"x"})", error_code::syntax, ""},
    };
    for (row const& r : rows) {
        INFO(std::string(r.what));
        INFO(r.doc);
        two_paths const p = r.run(r.doc, r.opt);
        CHECK(!p.descent);
        if (r.code == error_code::none) {
            CHECK(p.events);
            continue;
        }
        REQUIRE(!p.events);
        CHECK(p.error.kind == apibind::error_kind::decode);
        CHECK(p.error.code == r.code);
        CHECK(p.error.path == r.path);
    }
}

TEST_CASE("the descent never takes a cut document")
{
    json::decode_options deep;
    deep.max_depth = 200;
    struct row {
        both_paths_fn run;
        std::string doc;
        json::decode_options opt = {};
    };
    std::vector<row> const rows = {
        {&both_paths<envelope>,
         R"({"connected_account":{"id":"x","email":"e\u00e9","errors":[{"created_at":"t","message":"m","error_code":"account_disconnected"}],)"
         R"("colors":["red","uv"],"metadata":{"a":[1,-2.5e3,true,null]},"cursor":null,"extra":{"r":[]}},"ok":false})"},
        {&both_paths<scalars>, scalars_with("u64", "18446744073709551615")},
        {&both_paths<descent_models::mixed>, full_mixed},
        {&both_paths<std::vector<std::int32_t>>, "[12,-3,456]"},
        {&both_paths<tree_node>, tree_chain(3)},
        {&both_paths<tree_node>, tree_chain(47), deep},
    };
    for (row const& r : rows) {
        two_paths const whole = r.run(r.doc, r.opt);
        REQUIRE_MESSAGE(whole.descent, r.doc);
        for (std::size_t n = 0; n < r.doc.size(); ++n) {
            std::string_view const cut = std::string_view(r.doc).substr(0, n);
            two_paths const p = r.run(cut, r.opt);
            // A cut number at the end is still a number ("[12" is not, "12" would be): only whole
            // documents are accepted, by either path.
            CHECK_MESSAGE(!p.descent, cut);
            CHECK_MESSAGE(!p.events, cut);
        }
    }
}

namespace descent_models {

// json::date_time in every position a leaf or a value can take.
struct times {
    json::date_time at;
    std::optional<json::date_time> maybe;
    json::nullable<json::date_time> or_null;
    json::defaulted<json::date_time> usual;
    std::vector<json::date_time> history;
};
BOOST_DESCRIBE_STRUCT(times, (), (at, maybe, or_null, usual, history))

}  // namespace descent_models

namespace {

// A times document with the text t (JSON string content) in every member.
std::string times_document(std::string_view t)
{
    std::string const q = "\"" + std::string(t) + "\"";
    return R"({"at":)" + q + R"(,"maybe":)" + q + R"(,"or_null":)" + q + R"(,"usual":)" + q + R"(,"history":[)" + q + "," + q + "]}";
}

void check_times(descent_models::times const& x, std::string_view t)
{
    CHECK(x.at.text() == t);
    REQUIRE(x.maybe);
    CHECK(x.maybe->text() == t);
    REQUIRE(x.or_null.has_value());
    CHECK(x.or_null->text() == t);
    CHECK(x.usual.is_present());
    CHECK(x.usual.get().text() == t);
    REQUIRE(x.history.size() == 2);
    CHECK(x.history[0].text() == t);
    CHECK(x.history[1].text() == t);
}

}  // namespace

TEST_CASE("date_time texts of every length around the inline capacity: both paths, decode allocates only for longer ones")
{
    using descent_models::times;
    constexpr std::size_t cap = json::date_time::inline_capacity;
    json::decode_options const opt;
    for (std::size_t n = 0; n <= cap + 2; ++n) {
        CAPTURE(n);
        std::string const t = text_of_length(n);
        std::string const doc = times_document(t);
        two_paths const p = both_paths<times>(doc, opt);
        CHECK(p.descent);
        CHECK(p.events);
        CHECK(p.descent_value == doc);  // byte for byte
        CHECK(p.events_value == doc);
        (void)json::decode<times>(doc);  // warm up the per-thread scratch
        {
            allocation_counter counter;
            auto r = json::decode<times>(doc);
            REQUIRE(r);
            // The history vector, and each of the six texts only when it is longer than the capacity.
            CHECK(counter.count() == (n <= cap ? 1 : 7));
            check_times(*r, t);
        }
        // At the top and in a vector, through the type's own event function.
        CHECK(both_paths<json::date_time>("\"" + t + "\"", opt).descent);
        CHECK(both_paths<std::vector<json::date_time>>("[\"" + t + "\",\"" + t + "\"]", opt).descent);
    }
}

TEST_CASE("date_time in decode_into keeps its storage: long then short, short then long, heap then inline")
{
    using descent_models::times;
    constexpr std::size_t cap = json::date_time::inline_capacity;
    std::string const heap_long = text_of_length(cap + 20, 1);
    std::string const heap_short = text_of_length(cap + 1, 2);
    std::string const inline_long = text_of_length(cap, 3);
    std::string const inline_short = text_of_length(5, 4);

    // Short then long: inline texts cost nothing; each text that outgrows the inline room is one allocation.
    std::string const inline_short_doc = times_document(inline_short);
    std::string const inline_long_doc = times_document(inline_long);
    std::string const heap_short_doc = times_document(heap_short);
    std::string const heap_long_doc = times_document(heap_long);
    times target;
    REQUIRE(json::decode_into(target, inline_short_doc));
    {
        allocation_counter counter;
        REQUIRE(json::decode_into(target, inline_long_doc));
        CHECK(counter.count() == 0);
    }
    check_times(target, inline_long);
    {
        allocation_counter counter;
        REQUIRE(json::decode_into(target, heap_short_doc));
        CHECK(counter.count() == 6);
    }
    check_times(target, heap_short);
    {
        allocation_counter counter;
        REQUIRE(json::decode_into(target, heap_long_doc));  // longer than the heap storage: once more
        CHECK(counter.count() == 6);
    }
    check_times(target, heap_long);
    // Then any mix, long then short, heap then inline and back, without an allocation.
    std::vector<std::string> const texts = {heap_long, inline_short, heap_short, "", inline_long, heap_long, heap_short, inline_short};
    std::vector<std::string> docs;
    for (std::string const& t : texts) docs.push_back(times_document(t));
    {
        allocation_counter counter;
        for (int i = 0; i < 20; ++i) {
            for (std::string const& doc : docs) REQUIRE(json::decode_into(target, doc));
        }
        CHECK(counter.count() == 0);
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(texts[i]);
        REQUIRE(json::decode_into(target, docs[i]));
        check_times(target, texts[i]);
    }
}

TEST_CASE("date_time: escapes, limits and type mismatches agree on both paths, with the messages of a string")
{
    using descent_models::times;
    json::decode_options const opt;
    // Escapes decoded into the reader's scratch, then kept: inline and on the heap.
    struct text_row {
        std::string json;  // the string's content as written
        std::string text;  // as decoded
    };
    std::vector<text_row> const texts = {
        {R"(2025-06-15T16:54:19.123\u00345\"6789-05:00)", "2025-06-15T16:54:19.12345\"6789-05:00"},
        {R"(\u00e9t\u00e9 \\ \/ \n\t, a text with escapes long enough for the heap)", "\u00e9t\u00e9 \\ / \n\t, a text with escapes long enough for the heap"},
        {R"(\"\")", "\"\""},
    };
    for (text_row const& r : texts) {
        CAPTURE(r.json);
        std::string const doc = times_document(r.json);
        two_paths const p = both_paths<times>(doc, opt);
        CHECK(p.descent);
        CHECK(p.events);
        auto x = json::decode<times>(doc);
        REQUIRE(x);
        check_times(*x, r.text);
        CHECK(json::encode(*x) == p.events_value);
        auto again = json::decode<times>(json::encode(*x));
        REQUIRE(again);
        check_times(*again, r.text);
    }

    // What is not a string, and a text over max_string_length: the descent gives up, the events
    // report what they report for a std::string member, at the same path.
    json::decode_options small;
    small.max_string_length = 8;
    struct error_row {
        std::string doc;
        error_code code;
        std::string path;
        std::string message;
        json::decode_options opt = {};
    };
    std::vector<error_row> const errors = {
        {R"({"at":5})", error_code::type_mismatch, "at", "expected a string, got a number"},
        {R"({"at":true})", error_code::type_mismatch, "at", "expected a string, got a boolean"},
        {R"({"at":null})", error_code::type_mismatch, "at", "expected a string, got null"},
        {R"({"at":{"a":1}})", error_code::type_mismatch, "at", "expected a string, got an object"},
        {R"({"at":[]})", error_code::type_mismatch, "at", "expected a string, got an array"},
        {R"({"at":"","maybe":1.5})", error_code::type_mismatch, "maybe", "expected a string, got a number"},
        {R"({"at":"","usual":null})", error_code::type_mismatch, "usual", "expected a string, got null"},
        {R"({"at":"","history":["",7]})", error_code::type_mismatch, "history[1]", "expected a string, got a number"},
        {R"({"at":"123456789"})", error_code::limit_exceeded, "at", "string longer than the limit of 8", small},
        {R"({"at":"","or_null":"123456789"})", error_code::limit_exceeded, "or_null", "string longer than the limit of 8", small},
        // The reader's limit inside an array names the array, as for a vector of std::string.
        {R"({"at":"","history":["12345678","123456789"]})", error_code::limit_exceeded, "history", "string longer than the limit of 8", small},
    };
    for (error_row const& r : errors) {
        CAPTURE(r.doc);
        two_paths const p = both_paths<times>(r.doc, r.opt);
        CHECK(!p.descent);
        REQUIRE(!p.events);
        CHECK(p.error.code == r.code);
        CHECK(p.error.path == r.path);
        CHECK(p.error.message == r.message);
    }
}

TEST_CASE("decode_into through the descent over a value from another document equals a fresh decode")
{
    std::vector<std::string> const accounts = {
        R"({"id":"first, a long identifier","email":"e@x","errors":[{"error_code":"limit_exceeded","created_at":"t","message":"m","salto_ks_metadata":{"sites":[{"site_id":"s","limit":5},{"site_id":"u","limit":6}]}},{"error_code":"new","z":1}],"colors":["red","uv","blue"],"metadata":{"k":1,"l":[2]},"cursor":"c","favourite":"green","extra":{"x":[1]}})",
        R"({"id":"b","errors":[{"created_at":"t2","message":"m2","error_code":"account_disconnected"}],"cursor":null})",
        R"({"id":"c","colors":[],"metadata":{"only":{}},"favourite":null,"extra":null,"email":"long enough to need a heap buffer"})",
        R"({"errors":[],"id":"d"})",
    };
    for (std::string const& before : accounts) {
        for (std::string const& doc : accounts) {
            INFO(before);
            INFO(doc);
            auto const fresh = json::decode<account>(doc);
            REQUIRE(fresh);
            account used;
            REQUIRE(json::decode_into(used, before));
            // The descent itself, over the used value.
            account direct = used;
            jd::decode_scratch_lease lease;
            CHECK(jd::decode_by_descent(doc, &direct, jd::ops_for<account>(), {}, nullptr, lease.get(), true));
            CHECK(json::encode(direct) == json::encode(*fresh));
            // The public API.
            REQUIRE(json::decode_into(used, doc));
            CHECK(json::encode(used) == json::encode(*fresh));
        }
    }
    // A used value the descent left partly updated when it gave up: the events decode over it.
    std::vector<std::string> const mixes = {full_mixed, R"({"at":"x","total":3,"range":null,"version":"v1","lines":[9]})"};
    for (std::string const& before : mixes) {
        for (std::string const& doc : mixes) {
            descent_models::mixed used;
            REQUIRE(json::decode_into(used, before));
            descent_models::mixed direct = used;
            jd::decode_scratch_lease lease;
            CHECK(jd::decode_by_descent(doc, &direct, jd::ops_for<descent_models::mixed>(), {}, nullptr, lease.get(), true));
            CHECK(json::encode(direct) == json::encode(json::decode<descent_models::mixed>(doc).value()));
            std::string const failing = doc.substr(0, doc.size() - 1) + R"(,"shade":5})";  // the last member fails
            CHECK(!jd::decode_by_descent(failing, &direct, jd::ops_for<descent_models::mixed>(), {}, nullptr, lease.get(), true));
            CHECK(!json::decode_into(used, failing));
            REQUIRE(json::decode_into(used, doc));
            CHECK(json::encode(used) == json::encode(json::decode<descent_models::mixed>(doc).value()));
        }
    }
}

// ---- decode_into: a reused union reads its object as the alternative it holds first ----

namespace held_models {

struct leaf_x {
    json::literal<"x"> type{};
    std::string text;
};
BOOST_DESCRIBE_STRUCT(leaf_x, (), (type, text))
struct leaf_y {
    std::vector<std::int32_t> values;
    json::literal<"y"> type{};
};
BOOST_DESCRIBE_STRUCT(leaf_y, (), (values, type))
using inner_union = json::tagged_union<"type", leaf_x, leaf_y>;

struct outer_a {
    std::string note;
    std::vector<inner_union> items;
    json::literal<"a"> kind{};
    std::optional<inner_union> one;
};
BOOST_DESCRIBE_STRUCT(outer_a, (), (note, items, kind, one))
struct outer_b {
    json::literal<"b"> kind{};
    inner_union item;
    json::record<inner_union> named;
    std::int64_t count = 0;
};
BOOST_DESCRIBE_STRUCT(outer_b, (), (kind, item, named, count))
using outer_union = json::tagged_union<"kind", outer_a, outer_b>;

struct holder {
    std::vector<outer_union> list;
    std::optional<outer_union> maybe;
    json::defaulted<std::vector<inner_union>> plain;
};
BOOST_DESCRIBE_STRUCT(holder, (), (list, maybe, plain))

}  // namespace held_models

TEST_CASE("decode_into: a union that holds another alternative, tags anywhere, nested unions, bad documents: as a fresh decode")
{
    using held_models::holder;
    // Each document decoded over a target that first took each other one (or failed on it part
    // way): alternatives that stay, that change, that become json::unrecognised and back; the tag
    // first, last, twice, escaped, of the wrong type; a failure after the tag matched.
    std::vector<std::string> const docs = {
        R"({"list":[{"kind":"a","note":"first","items":[{"type":"x","text":"t"},{"values":[1,2],"type":"y"}],"one":{"text":"o","type":"x"}},)"
        R"({"item":{"type":"y","values":[3]},"kind":"b","named":{"k":{"type":"x","text":"n"}},"count":2}],"maybe":{"kind":"a","note":"m"},"plain":[{"type":"x","text":"p"}]})",
        R"({"list":[{"item":{"values":[],"type":"y"},"kind":"b"},{"note":"second","kind":"a","items":[{"values":[9],"type":"y"},{"text":"u","type":"x"},{"type":"x","text":"v"}]}],"maybe":{"kind":"b","item":{"type":"x","text":"q"}},"plain":[{"values":[1],"type":"y"},{"type":"x","text":"r"}]})",
        R"({"list":[{"kind":"a","note":"only"}],"plain":[]})",
        R"({"list":[{"note":"unknown tag","kind":"c"},{"kind":"b","item":{"type":"z"}},{"kind":"a"}],"maybe":null})",
        R"({"list":[{"note":"no tag"},{"kind":true,"note":"tag of the wrong type"}]})",
        R"({"list":[{"k\u0069nd":"\u0061","note":"escaped key and tag"},{"kind":"b","item":{"t\u0079pe":"x","text":"e"}}]})",
        R"({"list":[{"kind":"a","note":"tag twice","kind":"a"},{"kind":"a","kind":"b"},{"kind":"b","kind":"a","item":{"type":"x","text":"w"}}]})",
        R"({"list":[{"kind":"a","note":"fails after its tag","items":[{"type":"x","text":5}]}]})",
        R"({"list":[{"note":"fails before its tag","items":[{"type":"y","values":["no"]}],"kind":"a"}]})",
        R"({"list":[{"kind":"b","item":{"type":"x","text":"missing count is fine"},"named":{}},{"kind":"a","items":[{"type":"y"}]}]})",
        R"({"list":[{"kind":"b"}]})",
        R"({"list":[{"kind":"a","items":[{"type":"x","text":"cut"}])",
    };
    for (std::string const& before : docs) {
        for (std::string const& doc : docs) {
            INFO(before);
            INFO(doc);
            auto const fresh = json::decode<holder>(doc);
            holder used;
            (void)json::decode_into(used, before);  // may fail part way: the target is then partly updated
            // The descent itself over the used value: what it takes, it takes as a fresh decode would.
            holder direct = used;
            jd::decode_scratch_lease lease;
            if (jd::decode_by_descent(doc, &direct, jd::ops_for<holder>(), {}, nullptr, lease.get(), true)) {
                REQUIRE(fresh);
                CHECK(json::encode(direct) == json::encode(*fresh));
            }
            // The public API: the same value, or the same error.
            auto const into = json::decode_into(used, doc);
            CHECK(into.has_value() == fresh.has_value());
            if (into && fresh) CHECK(json::encode(used) == json::encode(*fresh));
            if (!into && !fresh) CHECK(to_string(into.error()) == to_string(fresh.error()));
            // And once more over its own value (every union now holds the document's alternative).
            if (fresh) {
                holder again = *fresh;
                holder blank;
                CHECK(jd::decode_by_descent(doc, &again, jd::ops_for<holder>(), {}, nullptr, lease.get(), true) ==
                      jd::decode_by_descent(doc, &blank, jd::ops_for<holder>(), {}, nullptr, lease.get(), false));
                REQUIRE(json::decode_into(again, doc));
                CHECK(json::encode(again) == json::encode(*fresh));
            }
        }
    }
}

// ---- the union look-ahead (reader.hpp): 64-byte masks, checked against the contract byte by byte ----

namespace {

// What the look-ahead must find, read one byte at a time: the first string or boolean value of
// each key at the object's top level (keys and values with escapes decoded), from `body` (just
// after the object's '{'). Only ever given valid documents.
struct looked {
    std::string text[4];
    jd::tag_kind kind[4] = {};
};

looked reference_look_ahead(std::string_view body, std::vector<std::string_view> const& keys)
{
    looked r;
    std::size_t i = 0;
    std::size_t left = keys.size();
    auto const space = [&] {
        while (i < body.size() && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) ++i;
    };
    auto const string = [&](std::string& out) {  // at its opening quote
        std::size_t j = i + 1;
        bool escaped = false;
        while (body[j] != '"') {
            if (body[j] == '\\') {
                escaped = true;
                ++j;
            }
            ++j;
        }
        std::string_view const raw = body.substr(i + 1, j - i - 1);
        if (escaped) REQUIRE(jd::decode_escapes(raw, out));
        else out.assign(raw);
        i = j + 1;
    };
    for (;;) {
        space();
        if (body[i] != '"') return r;
        std::string key;
        string(key);
        std::size_t tag = keys.size();
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (key == keys[k] && r.kind[k] == jd::tag_kind::absent) tag = k;
        space();
        ++i;  // ':'
        space();
        std::string value;
        if (body[i] == '"') {
            string(value);
            if (tag != keys.size()) {
                r.text[tag] = value;
                r.kind[tag] = jd::tag_kind::string;
                if (--left == 0) return r;
            }
        } else if (body[i] == '{' || body[i] == '[') {
            std::size_t depth = 0;
            do {
                if (body[i] == '"') {
                    string(value);
                    continue;
                }
                if (body[i] == '{' || body[i] == '[') ++depth;
                if (body[i] == '}' || body[i] == ']') --depth;
                ++i;
            } while (depth != 0);
        } else {
            std::size_t const start = i;
            while (body[i] != ',' && body[i] != '}' && body[i] != ']' && body[i] != ' ' && body[i] != '\n' && body[i] != '\r' && body[i] != '\t')
                ++i;
            std::string_view const word = body.substr(start, i - start);
            if (tag != keys.size() && (word == "true" || word == "false")) {
                r.text[tag] = std::string(word);
                r.kind[tag] = jd::tag_kind::boolean;
                if (--left == 0) return r;
            }
        }
        space();
        if (body[i] != ',') return r;
        ++i;
    }
}

// The look-ahead over `doc` (its '{' first), from a buffer of exactly its size: a read past its
// end is one that valgrind and ASan see.
looked look_ahead(std::string_view doc, std::vector<std::string_view> const& keys)
{
    std::vector<char> exact(doc.begin(), doc.end());
    char const* const begin = exact.data();
    std::string_view values[4];
    std::string value_text[4];
    std::string scratch;
    looked r;
    jd::look_ahead_tags(begin + 1, begin + exact.size(), keys.data(), keys.size(), values, value_text, r.kind, scratch);
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (r.kind[k] == jd::tag_kind::absent) continue;
        r.text[k] = std::string(values[k]);
        // A view into the input, or into the tag's own buffer when the value had escapes.
        bool const in_input = values[k].data() >= begin && values[k].data() + values[k].size() <= begin + exact.size();
        CHECK((in_input || values[k].data() == value_text[k].data()));
    }
    return r;
}

bool same_look(looked const& a, looked const& b, std::size_t keys)
{
    for (std::size_t k = 0; k < keys; ++k)
        if (a.kind[k] != b.kind[k] || (a.kind[k] != jd::tag_kind::absent && a.text[k] != b.text[k])) return false;
    return true;
}

// Member values of every kind, with what makes a scan go wrong: escaped quotes and backslashes
// (runs of both parities, at a string's end), brackets and tag-like text inside strings, nested
// values holding the tag key, strings and nested values longer than a 64-byte mask.
std::vector<std::string> const look_ahead_values = {
    R"("")",
    R"("plain")",
    R"("q\"")",
    R"("\\")",
    R"("\\\\")",
    R"("\\\"")",
    R"("a\\\\\"b\\")",
    R"("}]{[ \" ,\"error_code\":\"limit_exceeded\" ")",
    R"("\u0022\\u0022\"")",
    "\"" + std::string(70, 'x') + "\\\"" + std::string(70, 'y') + "\"",
    "\"" + std::string(63, '\\') + std::string(63, '\\') + "\"",
    R"(0)",
    R"(-1.5e+3)",
    R"(12345678901234567890)",
    R"(true)",
    R"(false)",
    R"(null)",
    R"([])",
    R"({})",
    R"([1,[2,[3,[]]],{"a":"}]\"[{"},"\\"])",
    R"({"error_code":"limit_exceeded","x":[{"error_code":true}],"s":"\\\\\"}"})",
    "{\"s\":\"" + std::string(60, ']') + "\\\\\\\"" + std::string(60, '}') + "\",\"t\":[\"" + std::string(64, '\\') + "\"]}",
    " [ { \"a\" : [ \"]\" , { } ] } , \"\\\"\" ] ",
};

}  // namespace

TEST_CASE("look-ahead: escaped bytes from 64-bit masks, carried across chunks")
{
    // Every escape state, against a byte-by-byte walk over runs of random backslashes.
    std::uint64_t seed = 0x9E3779B97F4A7C15U;
    auto const next = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return seed;
    };
    for (int round = 0; round < 4000; ++round) {
        std::uint64_t carry = 0;
        bool escape_next = false;
        for (int chunk = 0; chunk < 4; ++chunk) {
            std::uint64_t backslash = next();
            if (round % 3 == 1) backslash |= next();  // long runs
            if (round % 3 == 2) backslash &= next();  // short ones
            std::uint64_t expected = 0;
            for (int i = 0; i < 64; ++i) {
                if (escape_next) {
                    expected |= std::uint64_t{1} << i;
                    escape_next = false;
                } else if ((backslash >> i) & 1U) {
                    escape_next = true;
                }
            }
            REQUIRE(jd::escaped_bits(backslash, carry) == expected);
            REQUIRE((carry != 0) == escape_next);
        }
    }
}

TEST_CASE("look-ahead: skip_nested ends exactly at the closing bracket, at every offset, and never past the input")
{
    for (std::string const& v : look_ahead_values) {
        if (v.find_first_not_of(' ') == std::string::npos || (v[v.find_first_not_of(' ')] != '[' && v[v.find_first_not_of(' ')] != '{')) continue;
        std::size_t const open = v.find_first_not_of(' ');
        std::size_t const close = v.find_last_not_of(' ');
        for (std::size_t pad = 0; pad <= 70; ++pad) {
            std::string const doc = std::string(pad, ' ') + v + ",\"x\":1}";
            INFO(doc);
            std::vector<char> exact(doc.begin(), doc.end());
            char const* const begin = exact.data();
            CHECK(jd::skip_nested(begin + pad + open + 1, begin + exact.size()) == begin + pad + close + 1);
            // Cut anywhere before the closing bracket: nullptr, and no read past the cut.
            for (std::size_t cut = pad + open + 1; cut <= pad + close; ++cut) {
                std::vector<char> part(doc.begin(), doc.begin() + static_cast<std::ptrdiff_t>(cut));
                CHECK(jd::skip_nested(part.data() + pad + open + 1, part.data() + part.size()) == nullptr);
            }
        }
    }
}

TEST_CASE("look-ahead: the tag after values of every kind, at every offset across a 64-byte mask, as byte by byte")
{
    std::vector<std::string_view> const one = {"error_code"};
    std::vector<std::string_view> const two = {"kind", "error_code"};
    std::vector<std::string> const tags = {
        R"("error_code":"account_disconnected")",
        R"("error\u005fcode" : "account\u005Fdisconnected")",
        R"("\u0065\u0072\u0072\u006f\u0072\u005f\u0063\u006f\u0064\u0065":"x\"y")",  // 60 raw bytes for a 10-byte key
        R"("error_code":5,"error_code":"late")",  // a number is no tag: the string after it is
        R"("error_code":true,"kind":false)",
        R"("error_cod":"x","error_code_":"y","err\\or_code":"z")",  // no tag key at all
        R"("kind":"k","error_code":"first","error_code":"second")",
    };
    std::size_t documents = 0;
    for (std::string const& v : look_ahead_values) {
        for (std::string const& tag : tags) {
            for (std::size_t pad = 0; pad <= 66; ++pad) {
                for (bool spaced : {false, true}) {
                    std::string const sp = spaced ? " \n" : "";
                    std::string const doc = "{" + sp + "\"p\":\"" + std::string(pad, '.') + "\"," + sp + "\"v\"" + sp + ":" + sp + v + sp + "," + tag + sp + "}";
                    INFO(doc);
                    std::string_view const body = std::string_view(doc).substr(1);
                    for (auto const* keys : {&one, &two}) {
                        looked const expected = reference_look_ahead(body, *keys);
                        looked const got = look_ahead(doc, *keys);
                        CHECK(same_look(got, expected, keys->size()));
                        ++documents;
                        // Cut at every byte (some pads only: the cuts are many): a tag found is the
                        // whole document's, and nothing past the cut is read.
                        if (pad % 16 == 0 || pad % 16 == 15) {
                            for (std::size_t cut = 1; cut < doc.size(); ++cut) {
                                looked const part = look_ahead(std::string_view(doc).substr(0, cut), *keys);
                                for (std::size_t k = 0; k < keys->size(); ++k) {
                                    if (part.kind[k] == jd::tag_kind::absent) continue;
                                    CHECK(part.kind[k] == expected.kind[k]);
                                    CHECK(part.text[k] == expected.text[k]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    CHECK(documents > 4000);
}

TEST_CASE("look-ahead: decode chooses the alternative by a tag after nested values, strings with escapes and brackets, at every offset")
{
    for (std::string const& v : look_ahead_values) {
        for (std::size_t pad = 0; pad <= 70; ++pad) {
            std::string const last = "{\"created_at\":\"" + std::string(pad, 't') + "\",\"v\":" + v + R"(,"message":"m\"}{","error_code":"account_disconnected"})";
            INFO(last);
            auto r = json::decode<account_error>(last);
            REQUIRE(r);
            REQUIRE(r->holds<disconnected>());
            CHECK(r->get_if<disconnected>()->created_at == std::string(pad, 't'));
            CHECK(r->get_if<disconnected>()->message == "m\"}{");
            // No tag at the top level (only inside v, if anywhere): unrecognised, kept raw.
            std::string const none = "{\"created_at\":\"" + std::string(pad, 't') + "\",\"v\":" + v + "}";
            auto u = json::decode<account_error>(none);
            REQUIRE(u);
            CHECK(u->is_unrecognised());
            CHECK(u->tag().empty());
        }
    }
}
