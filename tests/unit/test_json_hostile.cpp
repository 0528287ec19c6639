// Hostile and malformed input: always a clear decode error, never a crash or undefined behaviour.
// Also the configurable limits, and that decode_into in a steady loop allocates nothing.
#include "test_models.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <cstdlib>
#include <new>

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

TEST_CASE("strings: every escape, and invalid UTF-8 or control characters at every position of a 16-byte block")
{
    CHECK(json::decode<std::string>(R"("\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\ud83d\ude00x")").value() ==
          "\"\\/\b\f\n\r\tA\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x");
    for (std::string bad : {R"("\ud800\u0041")", R"("\udc00")", R"("\ud800")", R"("\u00g0")", R"("\U0041")", R"("\)"}) {
        auto r = json::decode<std::string>(bad);
        REQUIRE_MESSAGE(!r, bad);
        CHECK(r.error().code == error_code::syntax);
    }
    // The plain-run scan reads eight bytes at a time: every position of two words, both sides.
    std::string const valid = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";  // 2, 3, 4 bytes; U+10FFFF
    for (std::size_t at = 0; at <= 16; ++at) {
        std::string const before(at, 'a');
        std::string const after(16 - at, 'b');
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
