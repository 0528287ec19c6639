// The codec rules of DESIGN.md, one test case each.
#include "test_models.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>

using namespace models;
using apibind::error_code;
using apibind::error_kind;
namespace json = apibind::json;

TEST_CASE("scalars decode with range checks and encode back")
{
    std::string const doc = R"({"b":true,"i8":-128,"u8":255,"i16":-32768,"u16":65535,"i32":-2147483648,"u32":4294967295,)"
                            R"("i64":-9223372036854775808,"u64":18446744073709551615,"d":1.5e300,"f":0.25,"s":"a\"b\\c\n\u00e9\u20ac\ud83d\ude00"})";
    auto r = json::decode<scalars>(doc);
    REQUIRE(r);
    CHECK(r->b);
    CHECK(r->i8 == -128);
    CHECK(r->u8 == 255);
    CHECK(r->i64 == std::numeric_limits<std::int64_t>::min());
    CHECK(r->u64 == std::numeric_limits<std::uint64_t>::max());
    CHECK(r->d == 1.5e300);
    CHECK(r->s == "a\"b\\c\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    CHECK(json_equal(json::encode(*r), doc));

    auto over = json::decode<scalars>(R"({"b":true,"i8":128,"u8":0,"i16":0,"u16":0,"i32":0,"u32":0,"i64":0,"u64":0,"d":0,"f":0,"s":""})");
    REQUIRE(!over);
    CHECK(over.error().code == error_code::out_of_range);
    CHECK(over.error().path == "i8");
    CHECK(to_string(over.error()) == "decode error out_of_range at i8: number 128 is out of range [-128, 127]");

    auto negative_unsigned = json::decode<std::uint32_t>("-1");
    REQUIRE(!negative_unsigned);
    CHECK(negative_unsigned.error().code == error_code::out_of_range);

    auto fraction = json::decode<std::int32_t>("1.5");
    REQUIRE(!fraction);
    CHECK(fraction.error().code == error_code::type_mismatch);
    CHECK(fraction.error().message == "expected an integer, got 1.5");

    auto integral_double = json::decode<double>("3");
    REQUIRE(integral_double);
    CHECK(*integral_double == 3.0);
}

TEST_CASE("top-level values of every kind")
{
    CHECK(json::decode<std::string>(R"("x")").value() == "x");
    CHECK(json::decode<bool>("false").value() == false);
    CHECK(json::decode<std::vector<int>>("[1,2,3]").value() == std::vector<int>{1, 2, 3});
    CHECK(json::decode<std::optional<int>>("null").value() == std::nullopt);
    CHECK(json::encode(std::vector<std::string>{"a", "b"}) == R"(["a","b"])");
    CHECK(json::encode(std::optional<int>{}) == "null");
    CHECK(json::encode(std::numeric_limits<double>::quiet_NaN()) == "null");
}

TEST_CASE("unknown keys are skipped at any depth, absent optionals stay empty")
{
    auto r = json::decode<envelope>(R"({"unknown":{"a":[{"b":[[[{"c":null}]]]}],"d":"e"},"connected_account":)"
                                    R"({"zzz":[1,{"y":2}],"id":"x","more":{"deep":{"deeper":true}}},"trailing":[]})");
    REQUIRE(r);
    CHECK(r->connected_account.id == "x");
    CHECK(!r->connected_account.email);
    CHECK(!r->ok);
    CHECK(r->connected_account.errors.empty());
    CHECK(r->connected_account.cursor.is_absent());
}

TEST_CASE("an absent required member is reported by name with its path")
{
    auto r = json::decode<envelope>(R"({"connected_account":{"email":"a@b"}})");
    REQUIRE(!r);
    CHECK(r.error().kind == error_kind::decode);
    CHECK(r.error().code == error_code::missing_member);
    CHECK(r.error().path == "connected_account.id");
    CHECK(r.error().message == "missing required member \"id\"");

    auto top = json::decode<envelope>("{}");
    REQUIRE(!top);
    CHECK(top.error().path == "connected_account");
}

TEST_CASE("errors carry the JSON path down to the failing value")
{
    auto r = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                    R"({"created_at":"t","message":"m","error_code":"account_disconnected"},)"
                                    R"({"created_at":"t","message":"m","error_code":"limit_exceeded",)"
                                    R"("salto_ks_metadata":{"sites":[{"site_id":"s","limit":"many"}]}}]}})");
    REQUIRE(!r);
    CHECK(r.error().path == "connected_account.errors[1].salto_ks_metadata.sites[0].limit");
    CHECK(r.error().code == error_code::type_mismatch);
    CHECK(r.error().message == "expected an integer, got a string");

    auto created = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                          R"({"created_at":"t","message":"m","error_code":"account_disconnected"},)"
                                          R"({"created_at":5,"message":"m","error_code":"account_disconnected"}]}})");
    REQUIRE(!created);
    CHECK(created.error().path == "connected_account.errors[1].created_at");
    CHECK(to_string(created.error()) ==
          "decode error type_mismatch at connected_account.errors[1].created_at: expected a string, got a number");

    auto metadata_key = json::decode<std::vector<json::record<std::vector<int>>>>(R"([{"a":[1]},{"b":[1,"x"]}])");
    REQUIRE(!metadata_key);
    CHECK(metadata_key.error().path == "[1].b[1]");
}

TEST_CASE("described enums are strings; unknown values are errors for closed enums")
{
    CHECK(json::decode<color>(R"("green")").value() == color::green);
    CHECK(json::encode(color::blue) == R"("blue")");
    auto bad = json::decode<color>(R"("purple")");
    REQUIRE(!bad);
    CHECK(bad.error().code == error_code::unknown_enum_value);
    CHECK(bad.error().message == "unknown value \"purple\", expected one of red,green,blue");
}

TEST_CASE("open enums keep values the model does not know")
{
    auto r = json::decode<std::vector<json::open_enum<color>>>(R"(["red","ultraviolet"])");
    REQUIRE(r);
    REQUIRE(r->size() == 2);
    CHECK((*r)[0] == color::red);
    CHECK((*r)[0].is_known());
    CHECK(!(*r)[1].is_known());
    CHECK((*r)[1].unknown_value() == "ultraviolet");
    CHECK((*r)[1].to_string() == "ultraviolet");
    CHECK(json::encode(*r) == R"(["red","ultraviolet"])");
}

TEST_CASE("tagged unions find the tag wherever it stands and validate the chosen alternative")
{
    std::string const doc = R"([{"message":"m","created_at":"t1","is_bridge_error":false,"error_code":"account_disconnected"},)"
                            R"({"error_code":"limit_exceeded","created_at":"t2","message":"n","salto_ks_metadata":{"sites":[{"site_id":"s","limit":5}]}}])";
    auto r = json::decode<std::vector<account_error>>(doc);
    REQUIRE(r);
    REQUIRE(r->size() == 2);
    auto const* first = (*r)[0].get_if<disconnected>();
    REQUIRE(first);
    CHECK(first->created_at == "t1");
    CHECK(first->is_bridge_error == false);
    CHECK((*r)[0].tag() == "account_disconnected");
    auto const* second = (*r)[1].get_if<limit_exceeded>();
    REQUIRE(second);
    CHECK(second->salto_ks_metadata.sites.at(0).limit == 5);
    CHECK(json_equal(json::encode(*r), doc));

    // The chosen alternative is validated like any struct.
    auto missing = json::decode<account_error>(R"({"error_code":"account_disconnected","created_at":"t"})");
    REQUIRE(!missing);
    CHECK(missing.error().code == error_code::missing_member);
    CHECK(missing.error().path == "message");
}

TEST_CASE("an unknown tag is kept as the raw object and encodes back unchanged")
{
    std::string const doc = R"({"created_at":"t","error_code":"brand_new_error","message":"m","details":{"n":[1,2.50,"x\n"],"ok":null}})";
    auto r = json::decode<account_error>(doc);
    REQUIRE(r);
    REQUIRE(r->is_unrecognised());
    CHECK(r->tag() == "brand_new_error");
    CHECK(json_equal(r->get_if<json::unrecognised>()->raw.text, doc));
    CHECK(json_equal(json::encode(*r), doc));

    auto no_tag = json::decode<account_error>(R"({"message":"m"})");
    REQUIRE(no_tag);
    CHECK(no_tag->is_unrecognised());
    CHECK(no_tag->tag().empty());

    auto not_object = json::decode<account_error>(R"("account_disconnected")");
    REQUIRE(!not_object);
    CHECK(not_object.error().code == error_code::type_mismatch);
}

TEST_CASE("tagged unions: the tag is read ahead wherever it stands, escaped, repeated or of another type")
{
    // First, between, last; before it a string holding braces and an escaped tag, and nested
    // values holding the tag key (only the object's own top level counts).
    for (std::string const& doc :
         {std::string(R"({"error_code":"account_disconnected","created_at":"t","message":"m"})"),
          std::string(R"({"created_at":"t","error_code":"account_disconnected","message":"m"})"),
          std::string(R"({"created_at":"t","message":"m","error_code":"account_disconnected"})"),
          std::string(R"({"created_at":"t","message":"m\\\"error_code\":\"limit_exceeded\" }{[","x":{"error_code":"limit_exceeded","a":[{"error_code":true}]},"error_code":"account_disconnected"})")}) {
        auto r = json::decode<account_error>(doc);
        REQUIRE_MESSAGE(r, doc);
        REQUIRE_MESSAGE(r->holds<disconnected>(), doc);
        CHECK(r->get_if<disconnected>()->created_at == "t");
    }
    // A tag key and value with escapes that decode to the tag; a member key with escapes.
    auto esc = json::decode<account_error>(
        R"({"cre\u0061ted_at":"t","error\u005fcode":"limit\u005Fexceeded","message":"m","salto_ks_metadata":{"sites":[]}})");
    REQUIRE(esc);
    REQUIRE(esc->holds<limit_exceeded>());
    CHECK(esc->get_if<limit_exceeded>()->created_at == "t");
    // A repeated tag: the first value chooses; the alternative then validates every value it gets.
    auto same = json::decode<account_error>(R"({"error_code":"account_disconnected","created_at":"t","message":"m","error_code":"account_disconnected"})");
    REQUIRE(same);
    CHECK(same->holds<disconnected>());
    auto differ = json::decode<account_error>(R"({"error_code":"limit_exceeded","created_at":"t","message":"m","error_code":"account_disconnected"})");
    REQUIRE(!differ);
    CHECK(differ.error().code == error_code::unexpected_tag);
    CHECK(differ.error().path == "error_code");
    // A tag that is not a string (nor a boolean): no tag, the object is kept raw.
    std::string const number_tag = R"({"error_code":5,"message":"m","n":[{"error_code":"limit_exceeded"}]})";
    auto num = json::decode<account_error>(number_tag);
    REQUIRE(num);
    REQUIRE(num->is_unrecognised());
    CHECK(num->tag().empty());
    CHECK(json_equal(json::encode(*num), number_tag));
    // Malformed or cut inside the union's object: a syntax error with its position, as anywhere.
    auto bad = json::decode<account_error>(R"({"error_code":"account_disconnected","created_at":"t",,"message":"m"})");
    REQUIRE(!bad);
    CHECK(bad.error().code == error_code::syntax);
    CHECK(bad.error().message == "expected a key (a string) at byte 54");
    auto cut = json::decode<std::vector<account_error>>(R"([{"created_at":"t","error_code":"account_disc)");
    REQUIRE(!cut);
    CHECK(cut.error().code == error_code::syntax);
    CHECK(cut.error().path == "[0]");
}

TEST_CASE("tagged unions: the look-ahead passes over white space and every kind of value before the tag")
{
    // Unknown members of every kind (numbers with exponents, literals, nested arrays and objects
    // with strings holding brackets and escaped quotes) and white space everywhere JSON allows it,
    // all before the tag: the look-ahead must find where each value ends without decoding it.
    std::string const doc = " {\n\t\"n\" : -1.5e+3 ,\r\n \"t\":true, \"f\" :false,\"z\": null ,"
                            "\"a\" : [ 1, [ ], { \"error_code\" : \"limit_exceeded\" }, \"]}\\\"[{\" ] ,"
                            "\"o\":{\"x\":{\"y\":[{}]},\"s\":\"}\"} , \"created_at\" : \"t\" ,\"message\":\"m\" ,"
                            "\"error_code\"\t:\t\"account_disconnected\"\n}\n";
    auto r = json::decode<account_error>(doc);
    REQUIRE(r);
    REQUIRE(r->holds<disconnected>());
    CHECK(r->get_if<disconnected>()->created_at == "t");
    CHECK(r->get_if<disconnected>()->message == "m");
    // The same members with the tag first and in the middle choose the same alternative.
    auto first = json::decode<account_error>(R"({"error_code":"limit_exceeded","n":12,"created_at":"t","message":"m","salto_ks_metadata":{"sites":[{"site_id":"s","limit":1}]}})");
    REQUIRE(first);
    REQUIRE(first->holds<limit_exceeded>());
    CHECK(first->get_if<limit_exceeded>()->salto_ks_metadata.sites.at(0).limit == 1);
    // A key that only starts like the tag key, or a value that only starts like a tag: no match.
    auto prefix = json::decode<account_error>(R"({"error_code_x":"account_disconnected","error_cod":"account_disconnected","message":"m"})");
    REQUIRE(prefix);
    CHECK(prefix->is_unrecognised());
    CHECK(prefix->tag().empty());
    // The tag's value after a non-string value of the same key (not a tag): the string chooses,
    // then the alternative's literal refuses the number the reader meets first.
    auto late = json::decode<account_error>(R"({"error_code":1,"created_at":"t","message":"m","error_code":"account_disconnected"})");
    REQUIRE(!late);
    CHECK(late.error().code == error_code::type_mismatch);
    CHECK(late.error().path == "error_code");
    // Cut after the tag key, inside a nested value, inside a string: syntax errors from the reader.
    for (std::string const cut : {R"({"created_at":"t","error_code")", R"({"created_at":"t","x":[{"a":)", R"({"created_at":"t","x":"ab\)"}) {
        auto c = json::decode<account_error>(cut);
        REQUIRE_MESSAGE(!c, cut);
        CHECK_MESSAGE(c.error().code == error_code::syntax, cut);
    }
}

TEST_CASE("records keep every value, including types the spec does not promise")
{
    std::string const doc = R"({"id":"x","errors":[],"colors":[],"metadata":{"tenant":"alpha","floor":3,"vip":true,"gone":null,"ratio":-0.5e-3,"nested":{"a":[1,"b"]},"list":[]}})";
    auto r = json::decode<account>(doc);
    REQUIRE(r);
    auto const& md = r->metadata;
    REQUIRE(md.size() == 7);
    CHECK(md.find("tenant")->as_string() == "alpha");
    CHECK(md.find("floor")->as_int64() == 3);
    CHECK(md.find("vip")->as_bool() == true);
    CHECK(md.find("gone")->is_null());
    CHECK(md.find("ratio")->text() == "-0.5e-3");  // numbers keep their exact text
    CHECK(md.find("nested")->is_object());
    CHECK(md.find("nested")->text() == R"({"a":[1,"b"]})");
    CHECK(md.find("list")->is_array());
    CHECK(md.entries()[0].first == "tenant");  // wire order kept
    CHECK(json_equal(json::encode(*r), doc));
}

TEST_CASE("nullable tells absent, null and a value apart")
{
    auto absent = json::decode<account>(R"({"id":"x"})").value();
    CHECK(absent.cursor.is_absent());
    auto null = json::decode<account>(R"({"id":"x","cursor":null})").value();
    CHECK(null.cursor.is_null());
    auto value = json::decode<account>(R"({"id":"x","cursor":"c1"})").value();
    CHECK(value.cursor.has_value());
    CHECK(*value.cursor == "c1");

    CHECK(json::encode(absent).find("cursor") == std::string::npos);
    CHECK(json::encode(null).find(R"("cursor":null)") != std::string::npos);
    CHECK(json::encode(value).find(R"("cursor":"c1")") != std::string::npos);

    // Seam's update: `"key": null` in custom_metadata means delete.
    json::record<json::any_value> update{{"keep", "v"}, {"gone", json::null}};
    CHECK(json::encode(update) == R"({"keep":"v","gone":null})");
}

TEST_CASE("raw_json holds any value as compact text")
{
    auto r = json::decode<account>(R"({"id":"x","extra": { "a" : [ 1 , true , null , "s\"" ] , "b" : { } } })");
    REQUIRE(r);
    REQUIRE(r->extra);
    CHECK(r->extra->text == R"({"a":[1,true,null,"s\""],"b":{}})");
    CHECK(json::decode<json::raw_json>("12.50").value().text == "12.50");
    CHECK(json::decode<json::raw_json>(R"("\u00e9")").value().text == "\"\xC3\xA9\"");
}

TEST_CASE("rename policies and per-member keys, with no runtime cost")
{
    auto p = json::decode<pascal>(R"({"AccountId":257,"AssociateName":"Pagac-Mohr"})");
    REQUIRE(p);
    CHECK(p->account_id == 257);
    CHECK(json::encode(*p) == R"({"AccountId":257,"AssociateName":"Pagac-Mohr"})");
    // The C++ name is not accepted when the wire name differs.
    CHECK(!json::decode<pascal>(R"({"account_id":1,"associate_name":"x"})"));

    camel c{7, "name,department"};
    CHECK(json::encode(c) == R"({"accountId":7,"$select":"name,department"})");
    CHECK(json::decode<camel>(R"({"accountId":7,"$select":"x"})").value().select == "x");
    static_assert(apibind::json::detail::member_info_at<pascal, 0>::prefix == "\"AccountId\":");
}

TEST_CASE("members marked default_when_absent take their default, and encode it")
{
    auto r = json::decode<account>(R"({"id":"x"})");
    REQUIRE(r);
    CHECK(r->errors.empty());
    CHECK(r->metadata.empty());
    // Absence is not remembered: use std::optional where it must survive a round trip.
    CHECK(json::encode(*r) == R"({"id":"x","errors":[],"colors":[],"metadata":{}})");
}

TEST_CASE("string-keyed maps and inherited members")
{
    auto m = json::decode<maps>(R"({"ordered":{"b":2,"a":1},"unordered":{"x":["1","2"]}})");
    REQUIRE(m);
    CHECK(m->ordered.at("a") == 1);
    CHECK(m->unordered.at("x").size() == 2);
    CHECK(json_equal(json::encode(*m), R"({"ordered":{"a":1,"b":2},"unordered":{"x":["1","2"]}})"));

    auto d = json::decode<derived_part>(R"({"base_id":"b","extra_value":3})");
    REQUIRE(d);
    CHECK(d->base_id == "b");
    CHECK(json::encode(*d) == R"({"base_id":"b","extra_value":3})");
}

TEST_CASE("empty structs accept any object")
{
    CHECK(json::decode<nothing>(R"({"ok":true})"));
    CHECK(json::encode(nothing{}) == "{}");
    CHECK(!json::decode<nothing>("[]"));
}

TEST_CASE("round trip is JSON-equal for documents the model knows")
{
    std::string const doc = R"({"connected_account":{"id":"a\u0001b","email":"e@x","errors":[)"
                            R"({"created_at":"2025-06-15T16:54:17.946329Z","error_code":"account_disconnected","message":"m"},)"
                            R"({"error_code":"unknown_one","x":1}],"colors":["red","infrared"],)"
                            R"("metadata":{"id":"internalId1","n":1e2},"cursor":null,"favourite":"blue","extra":[1]},"ok":true})";
    auto r = json::decode<envelope>(doc);
    REQUIRE(r);
    std::string const once = json::encode(*r);
    CHECK(json_equal(once, doc));
    CHECK(json::encode(json::decode<envelope>(once).value()) == once);
}

TEST_CASE("encode appends and reuses the buffer")
{
    std::string out = "prefix:";
    json::encode(pascal{1, "x"}, out);
    CHECK(out == R"(prefix:{"AccountId":1,"AssociateName":"x"})");
    out.clear();
    auto const cap = out.capacity();
    json::encode(pascal{2, "y"}, out);
    CHECK(out.capacity() == cap);
}

TEST_CASE("escaping: control characters, quotes, and invalid UTF-8 replaced")
{
    CHECK(json::encode(std::string("a\x01\x1f\"\\/\t")) == R"("a\u0001\u001f\"\\/\t")");
    CHECK(json::encode(std::string("0123456789abcdef\"0123456789")) == R"("0123456789abcdef\"0123456789")");
    CHECK(json::encode(std::string("ok \xC3\xA9 bad \xC3 \xFF end")) == "\"ok \xC3\xA9 bad \xEF\xBF\xBD \xEF\xBF\xBD end\"");
    CHECK(json::encode(std::string("\xED\xA0\x80")) == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogates are not UTF-8
    std::string const nul("a\0b", 3);
    CHECK(json::decode<std::string>(json::encode(nul)).value() == nul);
}

TEST_CASE("escaping: every length 0..40 with one byte that needs work at every position")
{
    // The writer checks a string in overlapping words and blocks by length class (0, 1-3, 4-7,
    // 8-16, 17-32, longer): each special byte at each position of each length must come out
    // escaped exactly once, with every clean byte around it copied as it was.
    struct special {
        std::string in;
        std::string out;
    };
    std::vector<special> const specials = {
        {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\r", "\\r"}, {"\t", "\\t"}, {"\b", "\\b"}, {"\f", "\\f"},
        {std::string(1, '\0'), "\\u0000"}, {"\x01", "\\u0001"}, {"\x1f", "\\u001f"},
        {"\x7f", "\x7f"}, {"/", "/"}, {" ", " "},                           // need no escape
        {"\xC3\xA9", "\xC3\xA9"}, {"\xE2\x80\xA8", "\xE2\x80\xA8"},         // non-ASCII (U+2028 too) passes through
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
        {"\xFF", "\xEF\xBF\xBD"}, {"\xC3" "a", "\xEF\xBF\xBD" "a"},        // invalid UTF-8: U+FFFD
    };
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string clean;
        for (std::size_t i = 0; i < n; ++i) clean.push_back(static_cast<char>('!' + (i * 7) % 94));  // '!'..'~' with '"' and '\\'
        for (char& c : clean)
            if (c == '"' || c == '\\') c = 'q';
        CAPTURE(n);
        CHECK(json::encode(clean) == "\"" + clean + "\"");
        CHECK(json::decode<std::string>(json::encode(clean)).value() == clean);
        for (auto const& sp : specials) {
            if (sp.in.size() > n) continue;
            for (std::size_t at = 0; at + sp.in.size() <= n; ++at) {
                std::string in = clean;
                in.replace(at, sp.in.size(), sp.in);
                std::string const expected = "\"" + clean.substr(0, at) + sp.out + clean.substr(at + sp.in.size()) + "\"";
                CAPTURE(at);
                CAPTURE(sp.out);
                std::string const out = json::encode(in);
                REQUIRE(out == expected);
                if (sp.out.find("\xEF\xBF\xBD") == std::string::npos) CHECK(json::decode<std::string>(out).value() == in);
            }
        }
        if (n >= 2) {  // escapes at both ends
            std::string in = clean;
            in.front() = '"';
            in.back() = '\n';
            CHECK(json::encode(in) == "\"\\\"" + clean.substr(1, n - 2) + "\\n\"");
        }
    }
}

namespace models {
struct sparse {
    std::optional<std::int64_t> a;
    std::optional<std::string> b;
    std::optional<bool> c;
    std::optional<std::vector<std::optional<bool>>> flags;  // bounded elements: one room check per array
    std::optional<std::vector<std::int64_t>> nums;
    json::record<int> counts;
    json::literal<"k\"ind"> kind;  // a literal that needs an escape takes the string path
    bool operator==(sparse const&) const = default;
};
BOOST_DESCRIBE_STRUCT(sparse, (), (a, b, c, flags, nums, counts, kind))
}  // namespace models

TEST_CASE("encode: commas, brackets and room are right whichever members are present")
{
    // Each member is written as `,"key":value` and the object's first comma becomes '{': absent
    // members anywhere (first, last, all) must leave no stray comma and no missing brace.
    CHECK(json::encode(sparse{}) == R"({"counts":{},"kind":"k\"ind"})");
    sparse s;
    s.c = false;
    CHECK(json::encode(s) == R"({"c":false,"counts":{},"kind":"k\"ind"})");
    s.a = std::numeric_limits<std::int64_t>::min();
    s.b = "x";
    s.flags = std::vector<std::optional<bool>>{};
    s.nums = std::vector<std::int64_t>{0, -1};
    s.counts.set("z", 3);
    s.counts.set("y", -4);
    CHECK(json::encode(s) ==
          R"({"a":-9223372036854775808,"b":"x","c":false,"flags":[],"nums":[0,-1],"counts":{"z":3,"y":-4},"kind":"k\"ind"})");
    CHECK(json::decode<sparse>(json::encode(s)).value() == s);
    CHECK(json::encode(nothing{}) == "{}");
    CHECK(json::encode(std::vector<nothing>(3)) == "[{},{},{}]");
    CHECK(json::encode(std::vector<int>{}) == "[]");
    CHECK(json::encode(std::vector<std::vector<int>>{{}, {1}, {}}) == "[[],[1],[]]");

    // Long outputs: the buffer grows many times, within runs of bounded members and between them.
    std::vector<sparse> many(700);
    std::string expected = "[";
    for (std::size_t i = 0; i < many.size(); ++i) {
        sparse& e = many[i];
        if (i % 2) e.a = std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(i);
        if (i % 3) e.b = std::string(i % 50, static_cast<char>('a' + i % 26));
        if (i % 5) e.c = (i % 7) != 0;
        if (i % 11 == 0) e.flags = std::vector<std::optional<bool>>(i % 40, (i % 3) ? std::optional<bool>(true) : std::nullopt);
        if (i % 4 == 0) e.nums = std::vector<std::int64_t>(i % 30, std::numeric_limits<std::int64_t>::min());
        if (i % 6 == 0) e.counts.set(std::string(i % 9, 'k'), static_cast<int>(i));
        if (i) expected += ',';
        expected += json::encode(e);
    }
    expected += ']';
    std::string out = "prefix:";
    out.shrink_to_fit();
    json::encode(many, out);
    CHECK(out == "prefix:" + expected);
    CHECK(json::decode<std::vector<sparse>>(expected).value() == many);
}

TEST_CASE("decode_into reuses the target and leaves nothing stale")
{
    account a;
    REQUIRE(json::decode_into(a, R"({"id":"first","email":"e","errors":[{"created_at":"t","message":"m","error_code":"account_disconnected"}],)"
                                 R"("colors":["red","green"],"metadata":{"a":1,"b":2},"cursor":"c","favourite":"red"})"));
    CHECK(a.colors.size() == 2);
    REQUIRE(json::decode_into(a, R"({"id":"second","colors":["blue"]})"));
    CHECK(a.id == "second");
    CHECK(!a.email);
    CHECK(a.errors.empty());
    CHECK(a.colors.size() == 1);
    CHECK(a.colors[0] == color::blue);
    CHECK(a.metadata.empty());
    CHECK(a.cursor.is_absent());
    CHECK(!a.favourite);
}

namespace models {
struct tolerant {
    std::string id;
    json::defaulted<std::vector<std::string>> tags;
    json::defaulted<bool> enabled;
    json::defaulted<std::string> name;
};
BOOST_DESCRIBE_STRUCT(tolerant, (), (id, tags, enabled, name))
}  // namespace models

TEST_CASE("json::defaulted: absent takes the default and stays absent on the way back")
{
    auto r = json::decode<tolerant>(R"({"id":"x","enabled":true})");
    REQUIRE(r);
    CHECK(r->tags.empty());
    CHECK(!r->tags.is_present());
    CHECK(r->enabled == true);
    CHECK(r->enabled.is_present());
    CHECK(!r->name.is_present());
    CHECK(json::encode(*r) == R"({"id":"x","enabled":true})");

    auto full = json::decode<tolerant>(R"({"id":"x","tags":[],"enabled":false,"name":""})");
    REQUIRE(full);
    CHECK(json::encode(*full) == R"({"id":"x","tags":[],"enabled":false,"name":""})");

    tolerant built{.id = "y", .tags = std::vector<std::string>{"a"}, .enabled = {}, .name = {}};
    CHECK(json::encode(built) == R"({"id":"y","tags":["a"],"enabled":false,"name":""})");
    built.tags.push_back("b");
    CHECK(built.tags.size() == 2);
    CHECK(built.tags[1] == "b");

    // decode_into: a member present last time and absent now is reset and marked absent.
    REQUIRE(json::decode_into(*full, R"({"id":"z","tags":["q"]})"));
    CHECK(full->tags.is_present());
    CHECK(!full->name.is_present());
    CHECK(json::decode<tolerant>(R"({"id":"x","enabled":null})").error().message == "expected a boolean, got null");
}

namespace models {
struct page_info {
    json::nullable<std::string> next_page_cursor;
    bool has_next_page = false;
};
BOOST_DESCRIBE_STRUCT(page_info, (), (next_page_cursor, has_next_page))
// Overrides of generated models (scripts/codegen/seam_overrides.json) wrap structs and nullables.
struct tolerant_nested {
    std::string id;
    json::defaulted<page_info> pagination;
    json::defaulted<json::nullable<std::string>> authorized_at;
};
BOOST_DESCRIBE_STRUCT(tolerant_nested, (), (id, pagination, authorized_at))
}  // namespace models

TEST_CASE("json::defaulted of a struct and of a nullable: absent, null and present")
{
    auto absent = json::decode<tolerant_nested>(R"({"id":"x"})");
    REQUIRE(absent);
    CHECK(!absent->pagination.is_present());
    CHECK(!absent->pagination.next_page_cursor.has_value());
    CHECK(!absent->authorized_at.is_present());
    CHECK(json::encode(*absent) == R"({"id":"x"})");

    char const* full = R"({"id":"x","pagination":{"next_page_cursor":"c2","has_next_page":true},"authorized_at":null})";
    auto present = json::decode<tolerant_nested>(full);
    REQUIRE(present);
    CHECK(present->pagination.is_present());
    CHECK(present->pagination.next_page_cursor.value() == "c2");
    CHECK(present->authorized_at.is_present());
    CHECK(!present->authorized_at.has_value());  // null, not absent
    CHECK(json::encode(*present) == full);

    auto value = json::decode<tolerant_nested>(R"({"id":"x","authorized_at":"2024-01-01T00:00:00Z"})");
    REQUIRE(value);
    CHECK(value->authorized_at.value() == "2024-01-01T00:00:00Z");
    // Still required to have the right shape when present.
    CHECK(json::decode<tolerant_nested>(R"({"id":"x","pagination":{"has_next_page":1}})").error().code == error_code::type_mismatch);
}

namespace models {
// Larger than 256 bytes: a new vector of these starts with room for one and then grows by an
// estimate read off the input (json/detail/decode_value.hpp, next_capacity).
struct big_element {
    std::string id;
    std::int64_t n = 0;
    std::array<char, 300> pad{};  // not described: only makes the struct large
    bool operator==(big_element const& o) const { return id == o.id && n == o.n; }
};
BOOST_DESCRIBE_STRUCT(big_element, (), (id, n))
struct big_list {
    std::vector<big_element> items;
    std::string tail;
};
BOOST_DESCRIBE_STRUCT(big_list, (), (items, tail))
}  // namespace models

TEST_CASE("a new vector of large structs grows by an estimate: every element kept, capacity near the size")
{
    for (std::size_t const count : {0u, 1u, 2u, 3u, 9u, 100u, 1000u}) {
        for (std::size_t const tail_size : {0u, 5000u}) {  // other data after the array skews the estimate
            std::string doc = R"({"items":[)";
            for (std::size_t i = 0; i < count; ++i) {
                if (i) doc += ',';
                doc += R"({"id":"element-)" + std::to_string(i) + R"(","n":)" + std::to_string(i * 7) + "}";
            }
            doc += R"(],"tail":")" + std::string(tail_size, 'x') + "\"}";
            CAPTURE(count);
            CAPTURE(tail_size);
            auto r = json::decode<big_list>(doc);
            REQUIRE(r);
            REQUIRE(r->items.size() == count);
            for (std::size_t i = 0; i < count; ++i) {
                CHECK(r->items[i].id == "element-" + std::to_string(i));
                CHECK(r->items[i].n == static_cast<std::int64_t>(i * 7));
            }
            CHECK(r->items.capacity() <= 8 * count + 1);  // never more than 8 times what is needed
            if (tail_size == 0 && count >= 9) CHECK(r->items.capacity() <= count + count / 2 + 1);
            CHECK(r->tail.size() == tail_size);
        }
    }
}

// ---- leaf members: scalars of common types decoded without a frame of their own ----

namespace models {
struct leaves {
    std::string s;
    std::optional<std::string> os;
    bool b = false;
    std::optional<bool> ob;
    std::int8_t i8 = 0;
    std::int16_t i16 = 0;
    std::int32_t i32 = 0;
    std::int64_t i64 = 0;
    std::uint8_t u8 = 0;
    std::uint16_t u16 = 0;
    std::uint32_t u32 = 0;
    std::uint64_t u64 = 0;
    double d = 0;
    std::optional<double> od;
    std::optional<std::int64_t> oi;
    json::nullable<std::string> ns;
    json::defaulted<std::string> ds;
    json::literal<"v1"> lit{};
    std::optional<json::literal<"x">> olit;
    json::date_time at;
    std::optional<json::date_time> oat;
};
BOOST_DESCRIBE_STRUCT(leaves, (), (s, os, b, ob, i8, i16, i32, i64, u8, u16, u32, u64, d, od, oi, ns, ds, lit, olit, at, oat))

struct leaf_holder {
    leaves inner;
    std::vector<leaves> list;
};
BOOST_DESCRIBE_STRUCT(leaf_holder, (), (inner, list))
}  // namespace models

namespace {
// Every member present; the strings longer than the small-string buffer.
std::string const all_leaves = R"({"s":"a string longer than sixteen","os":"optional string, long enough","b":true,"ob":false,)"
                               R"("i8":-128,"i16":-32768,"i32":-2147483648,"i64":-9223372036854775808,"u8":255,"u16":65535,)"
                               R"("u32":4294967295,"u64":18446744073709551615,"d":-1.5e300,"od":0.25,"oi":42,"ns":"n","ds":"d",)"
                               R"("lit":"v1","olit":"x","at":"2025-06-15T16:54:17.946329Z","oat":"2024-01-02T03:04:05Z"})";
// Only the required members, with short texts.
std::string const minimal_leaves = R"({"s":"","b":true,"i8":0,"i16":0,"i32":0,"i64":0,"u8":0,"u16":0,"u32":0,"u64":0,"d":0,"lit":"v1","at":""})";
}  // namespace

TEST_CASE("leaf members: every kind decodes, round-trips, and decode_into overwrites or resets it")
{
    auto r = json::decode<leaves>(all_leaves);
    REQUIRE(r);
    CHECK(r->s == "a string longer than sixteen");
    CHECK(r->os == "optional string, long enough");
    CHECK(r->b);
    CHECK(r->ob == false);
    CHECK(r->i8 == -128);
    CHECK(r->i16 == -32768);
    CHECK(r->i32 == std::numeric_limits<std::int32_t>::min());
    CHECK(r->i64 == std::numeric_limits<std::int64_t>::min());
    CHECK(r->u8 == 255);
    CHECK(r->u16 == 65535);
    CHECK(r->u32 == std::numeric_limits<std::uint32_t>::max());
    CHECK(r->u64 == std::numeric_limits<std::uint64_t>::max());
    CHECK(r->d == -1.5e300);
    CHECK(r->od == 0.25);
    CHECK(r->oi == 42);
    REQUIRE(r->ns.has_value());
    CHECK(*r->ns == "n");
    CHECK(r->ds.is_present());
    CHECK(r->ds.get() == "d");
    CHECK(r->olit.has_value());
    CHECK(r->at.text() == "2025-06-15T16:54:17.946329Z");
    REQUIRE(r->oat);
    CHECK(r->oat->text() == "2024-01-02T03:04:05Z");
    CHECK(json_equal(json::encode(*r), all_leaves));

    // decode_into the same object: present members overwritten (shorter and longer text, other
    // numbers), absent optional ones reset, absent defaulted ones back to absent, null empties.
    leaves& x = *r;
    REQUIRE(json::decode_into(x, R"({"s":"short","b":false,"i8":7,"i16":8,"i32":9,"i64":10,"u8":11,"u16":12,"u32":13,"u64":14,)"
                                 R"("d":3,"ns":null,"lit":"v1","at":"2025-06-15T16:54:17.946329Z and a longer tail"})"));
    CHECK(x.s == "short");
    CHECK(!x.os);
    CHECK(!x.b);
    CHECK(!x.ob);
    CHECK(x.i8 == 7);
    CHECK(x.i16 == 8);
    CHECK(x.i32 == 9);
    CHECK(x.i64 == 10);
    CHECK(x.u8 == 11);
    CHECK(x.u16 == 12);
    CHECK(x.u32 == 13);
    CHECK(x.u64 == 14);
    CHECK(x.d == 3.0);
    CHECK(!x.od);
    CHECK(!x.oi);
    CHECK(x.ns.is_null());
    CHECK(!x.ds.is_present());
    CHECK(!x.olit);
    CHECK(x.at.text() == "2025-06-15T16:54:17.946329Z and a longer tail");
    CHECK(!x.oat);

    // Null into every optional leaf empties it; "-0" keeps its sign, "0" does not.
    REQUIRE(json::decode_into(x, all_leaves));
    REQUIRE(json::decode_into(x, R"({"s":"","os":null,"b":true,"ob":null,"i8":0,"i16":0,"i32":0,"i64":0,"u8":0,"u16":0,"u32":0,"u64":0,)"
                                 R"("d":-0,"od":null,"oi":null,"ns":null,"lit":"v1","olit":null,"at":"","oat":null})"));
    CHECK(x.s.empty());
    CHECK(!x.os);
    CHECK(!x.ob);
    CHECK(std::signbit(x.d));
    CHECK(!x.od);
    CHECK(!x.oi);
    CHECK(x.ns.is_null());
    CHECK(!x.olit);
    CHECK(x.at.empty());
    CHECK(!x.oat);
    REQUIRE(json::decode_into(x, R"({"s":"","b":true,"i8":0,"i16":0,"i32":0,"i64":0,"u8":0,"u16":0,"u32":0,"u64":0,"d":0,"lit":"v1","at":""})"));
    CHECK(x.d == 0.0);
    CHECK(!std::signbit(x.d));

    // Integers given as a double, and a double given as an integer beyond int64.
    REQUIRE(json::decode_into(x, R"({"s":"","b":true,"i8":0,"i16":0,"i32":0,"i64":0,"u8":0,"u16":0,"u32":0,"u64":0,"d":18446744073709551615,)"
                                 R"("od":-7,"lit":"v1","at":""})"));
    CHECK(x.d == 18446744073709551615.0);
    CHECK(x.od == -7.0);
}

TEST_CASE("leaf members: a string member takes every length over every previous length")
{
    std::string const text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    models::site target;
    for (std::size_t before = 0; before <= 40; ++before) {
        for (std::size_t after = 0; after <= 40; ++after) {
            REQUIRE(json::decode_into(target, R"({"site_id":")" + text.substr(0, before) + R"(","limit":1})"));
            REQUIRE(target.site_id == text.substr(0, before));
            REQUIRE(json::decode_into(target, R"({"site_id":")" + text.substr(40 - after, after) + R"(","limit":2})"));
            REQUIRE(target.site_id == text.substr(40 - after, after));
            REQUIRE(target.site_id.size() == after);
        }
    }
}

TEST_CASE("leaf members: a value of another type is reported as before, with the member's path")
{
    struct mismatch {
        char const* doc;
        error_code code;
        char const* path;
        char const* message;
    };
    mismatch const cases[] = {
        {R"({"s":5})", error_code::type_mismatch, "s", "expected a string, got a number"},
        {R"({"s":null})", error_code::type_mismatch, "s", "expected a string, got null"},
        {R"({"s":true})", error_code::type_mismatch, "s", "expected a string, got a boolean"},
        {R"({"s":{"a":1}})", error_code::type_mismatch, "s", "expected a string, got an object"},
        {R"({"s":[1]})", error_code::type_mismatch, "s", "expected a string, got an array"},
        {R"({"os":1.5})", error_code::type_mismatch, "os", "expected a string, got a number"},
        {R"({"os":[]})", error_code::type_mismatch, "os", "expected a string, got an array"},
        {R"({"b":"true"})", error_code::type_mismatch, "b", "expected a boolean, got a string"},
        {R"({"b":null})", error_code::type_mismatch, "b", "expected a boolean, got null"},
        {R"({"ob":1})", error_code::type_mismatch, "ob", "expected a boolean, got a number"},
        {R"({"ob":{}})", error_code::type_mismatch, "ob", "expected a boolean, got an object"},
        {R"({"i8":128})", error_code::out_of_range, "i8", "number 128 is out of range [-128, 127]"},
        {R"({"i16":-32769})", error_code::out_of_range, "i16", "number -32769 is out of range [-32768, 32767]"},
        {R"({"i32":2147483648})", error_code::out_of_range, "i32", "number 2147483648 is out of range [-2147483648, 2147483647]"},
        {R"({"i64":9223372036854775808})", error_code::out_of_range, "i64",
         "number 9223372036854775808 is out of range [-9223372036854775808, 9223372036854775807]"},
        {R"({"u8":-1})", error_code::out_of_range, "u8", "number -1 is out of range [0, 255]"},
        {R"({"u16":65536})", error_code::out_of_range, "u16", "number 65536 is out of range [0, 65535]"},
        {R"({"u32":-4294967295})", error_code::out_of_range, "u32", "number -4294967295 is out of range [0, 4294967295]"},
        {R"({"u64":18446744073709551616})", error_code::type_mismatch, "u64", "expected an integer, got 18446744073709551616"},
        {R"({"i32":1.5})", error_code::type_mismatch, "i32", "expected an integer, got 1.5"},
        {R"({"i64":1e3})", error_code::type_mismatch, "i64", "expected an integer, got 1e3"},
        {R"({"i64":"1"})", error_code::type_mismatch, "i64", "expected an integer, got a string"},
        {R"({"i32":null})", error_code::type_mismatch, "i32", "expected an integer, got null"},
        {R"({"oi":true})", error_code::type_mismatch, "oi", "expected an integer, got a boolean"},
        {R"({"oi":0.5})", error_code::type_mismatch, "oi", "expected an integer, got 0.5"},
        {R"({"d":1e400})", error_code::out_of_range, "d", "number 1e400 is out of range for a double"},
        {R"({"d":-1e400})", error_code::out_of_range, "d", "number -1e400 is out of range for a double"},
        {R"({"d":"1"})", error_code::type_mismatch, "d", "expected a number, got a string"},
        {R"({"d":null})", error_code::type_mismatch, "d", "expected a number, got null"},
        {R"({"od":false})", error_code::type_mismatch, "od", "expected a number, got a boolean"},
        {R"({"ns":1})", error_code::type_mismatch, "ns", "expected a string, got a number"},
        {R"({"ds":null})", error_code::type_mismatch, "ds", "expected a string, got null"},
        {R"({"ds":2})", error_code::type_mismatch, "ds", "expected a string, got a number"},
        {R"({"lit":"v2"})", error_code::unexpected_tag, "lit", R"(expected "v1", got "v2")"},
        {R"({"lit":1})", error_code::type_mismatch, "lit", "expected a string, got a number"},
        {R"({"olit":"y"})", error_code::unexpected_tag, "olit", R"(expected "x", got "y")"},
        {R"({"olit":false})", error_code::type_mismatch, "olit", "expected a string, got a boolean"},
        {R"({"at":5})", error_code::type_mismatch, "at", "expected a string, got a number"},
        {R"({"at":null})", error_code::type_mismatch, "at", "expected a string, got null"},
        {R"({"at":{}})", error_code::type_mismatch, "at", "expected a string, got an object"},
        {R"({"oat":[]})", error_code::type_mismatch, "oat", "expected a string, got an array"},
        {R"({"oat":true})", error_code::type_mismatch, "oat", "expected a string, got a boolean"},
    };
    for (mismatch const& c : cases) {
        CAPTURE(c.doc);
        auto r = json::decode<leaves>(c.doc);
        REQUIRE(!r);
        CHECK(r.error().code == c.code);
        CHECK(r.error().path == c.path);
        CHECK(r.error().message == c.message);

        // The same inside an array element inside an object, and into a reused target.
        auto nested = json::decode<leaf_holder>(std::string(R"({"inner":)") + all_leaves + R"(,"list":[)" + all_leaves + "," + c.doc + "]}");
        REQUIRE(!nested);
        CHECK(nested.error().code == c.code);
        CHECK(nested.error().path == std::string("list[1].") + c.path);
        CHECK(nested.error().message == c.message);
        leaves reused = json::decode<leaves>(all_leaves).value();
        auto into = json::decode_into(reused, c.doc);
        REQUIRE(!into);
        CHECK(into.error().path == c.path);
        CHECK(into.error().message == c.message);
    }
}

TEST_CASE("leaf members: syntax errors and limits inside a leaf's value name the member")
{
    struct bad {
        char const* doc;
        error_code code;
        char const* path;
        char const* message;
    };
    bad const cases[] = {
        {R"({"inner":{"s":"ab\q"}})", error_code::syntax, "inner.s", nullptr},
        {"{\"inner\":{\"os\":\"\xff\"}}", error_code::syntax, "inner.os", nullptr},
        {R"({"inner":{"b":tru}})", error_code::syntax, "inner.b", "invalid literal at byte 14"},
        {R"({"inner":{"ob":nul}})", error_code::syntax, "inner.ob", "invalid literal at byte 15"},
        {R"({"inner":{"i32":-}})", error_code::syntax, "inner.i32", "expected a digit at byte 17"},
        {R"({"inner":{"d":1.}})", error_code::syntax, "inner.d", "expected a digit after the decimal point at byte 16"},
        {R"({"inner":{"at":"2025)", error_code::syntax, "inner.at", "incomplete JSON at byte 20"},
        {R"({"list":[{"i64":}]})", error_code::syntax, "list[0].i64", "expected a value at byte 16"},
        {R"({"list":[{"oi":12)", error_code::syntax, "list[0]", "incomplete JSON at byte 17"},  // the number was whole
    };
    for (bad const& c : cases) {
        CAPTURE(c.doc);
        auto r = json::decode<leaf_holder>(c.doc);
        REQUIRE(!r);
        CHECK(r.error().code == c.code);
        CHECK(r.error().path == c.path);
        if (c.message != nullptr) CHECK(r.error().message == c.message);
    }

    json::decode_options opt;
    opt.max_string_length = 4;
    for (char const* member : {"s", "os", "ns", "ds", "at", "oat", "lit"}) {
        CAPTURE(member);
        auto r = json::decode<leaf_holder>(std::string(R"({"list":[)") + minimal_leaves + R"(,{")" + member + R"(":"12345"}]})", opt);
        REQUIRE(!r);
        CHECK(r.error().code == error_code::limit_exceeded);
        CHECK(r.error().path == std::string("list[1].") + member);
        CHECK(r.error().message == "string longer than the limit of 4");
        auto fits = json::decode<leaf_holder>(std::string(R"({"list":[{")") + member + R"(":"1234"}]})", opt);
        CHECK((fits || fits.error().code != error_code::limit_exceeded));
    }
}

TEST_CASE("leaf members inside an array element inside a tagged union alternative")
{
    auto r = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                    R"({"error_code":"limit_exceeded","created_at":"t","message":"m",)"
                                    R"("salto_ks_metadata":{"sites":[{"site_id":"s","limit":1},{"site_id":"s2","limit":-3.5}]}}]}})");
    REQUIRE(!r);
    CHECK(r.error().path == "connected_account.errors[0].salto_ks_metadata.sites[1].limit");
    CHECK(r.error().message == "expected an integer, got -3.5");

    auto name = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                       R"({"error_code":"limit_exceeded","created_at":"t","message":"m",)"
                                       R"("salto_ks_metadata":{"sites":[{"site_id":["s"],"limit":1}]}}]}})");
    REQUIRE(!name);
    CHECK(name.error().path == "connected_account.errors[0].salto_ks_metadata.sites[0].site_id");
    CHECK(name.error().message == "expected a string, got an array");

    auto bridge = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                         R"({"created_at":"t","message":"m","is_bridge_error":"yes","error_code":"account_disconnected"}]}})");
    REQUIRE(!bridge);
    CHECK(bridge.error().path == "connected_account.errors[0].is_bridge_error");
    CHECK(bridge.error().message == "expected a boolean, got a string");

    auto good = json::decode<envelope>(R"({"connected_account":{"id":"x","errors":[)"
                                       R"({"error_code":"limit_exceeded","created_at":"t","message":"m",)"
                                       R"("salto_ks_metadata":{"sites":[{"site_id":"s","limit":1},{"limit":-3,"site_id":"s2"}]}}]}})");
    REQUIRE(good);
    auto const* lim = good->connected_account.errors.at(0).get_if<limit_exceeded>();
    REQUIRE(lim);
    REQUIRE(lim->salto_ks_metadata.sites.size() == 2);
    CHECK(lim->salto_ks_metadata.sites[1].site_id == "s2");
    CHECK(lim->salto_ks_metadata.sites[1].limit == -3);
}

// ---- member lookup by key (json/detail/key_lookup.hpp; the reader's shortcut for the member
// expected next, decode_value.hpp struct_key_path) ----
namespace lookup_model {
struct person {
    std::string name;
    int id{};
    std::optional<int> nam;            // a prefix of "name"
    std::optional<std::string> names;  // an extension of "name"
    std::optional<int> a;
    std::optional<int> created_at;
    std::optional<int> updated_at;  // same length as created_at
    bool operator==(person const&) const = default;
};
BOOST_DESCRIBE_STRUCT(person, (), (name, id, nam, names, a, created_at, updated_at))

// Keys of one length that differ only in their middle: no choice of the bytes the hash reads
// tells them apart, so they share a slot and are told apart by probing the next slots.
struct twins {
    int left{};
    int right{};
    std::optional<int> third;
};
BOOST_DESCRIBE_STRUCT(twins, (), (left, right, third))
APIBIND_JSON_OPTIONS(twins, options{}.key("left", "abcdefgh_1_abcdefgh").key("right", "abcdefgh_2_abcdefgh").key("third", "abcdefgh_3_abcdefgh"))

// Keys that a document must escape (or may: non-ASCII): never taken as they stand in the input.
struct odd_keys {
    int quote{};
    int slash{};
    int accent{};
};
BOOST_DESCRIBE_STRUCT(odd_keys, (), (quote, slash, accent))
APIBIND_JSON_OPTIONS(odd_keys, options{}.key("quote", "say \"hi\"").key("slash", "a\\b").key("accent", "caf\xC3\xA9"))
}  // namespace lookup_model

TEST_CASE("member lookup: keys in any order, repeated, escaped, look-alike or unknown")
{
    using lookup_model::person;
    namespace detail = apibind::json::detail;
    person const want{"n", 1, 2, "s", 3, 4, 5};
    std::string const orders[] = {
        R"({"name":"n","id":1,"nam":2,"names":"s","a":3,"created_at":4,"updated_at":5})",
        R"({"updated_at":5,"created_at":4,"a":3,"names":"s","nam":2,"id":1,"name":"n"})",
        R"({"a":3,"name":"n","updated_at":5,"nam":2,"created_at":4,"names":"s","id":1})",
        R"({ "id" : 1 , "name" : "n" , "a" : 3 , "nam" : 2 , "names" : "s" , "updated_at" : 5 , "created_at" : 4 })",
    };
    person reused;
    for (std::string const& doc : orders) {
        CAPTURE(doc);
        CHECK(json::decode<person>(doc).value() == want);
        REQUIRE(json::decode_into(reused, doc));
        CHECK(reused == want);
    }
    // The lookup found a perfect hash for this struct: one slot looked at per key.
    static_assert(detail::struct_codec<person>::data.header.table.hash.probes == 1);

    // A repeated key: the last value wins, whether or not it is the member expected next.
    CHECK(json::decode<person>(R"({"name":"x","name":"y","id":1})").value().name == "y");
    CHECK(json::decode<person>(R"({"name":"x","id":1,"name":"y"})").value().name == "y");
    CHECK(json::decode<person>(R"({"id":1,"id":2,"name":"n"})").value().id == 2);

    // Escapes that decode to a member's key, anywhere in it, expected next or not.
    for (std::string key : {R"(n\u0061me)", R"(\u006eame)", R"(nam\u0065)", R"(\u006E\u0061\u006d\u0065)"}) {
        CAPTURE(key);
        auto first = json::decode<person>("{\"" + key + "\":\"e\",\"id\":1}");
        REQUIRE(first);
        CHECK(first->name == "e");
        auto later = json::decode<person>("{\"id\":1,\"a\":2,\"" + key + "\":\"e\"}");
        REQUIRE(later);
        CHECK(later->name == "e");
    }
    CHECK(json::decode<person>(R"({"name":"n","id":1,"nam\u0065s":"s"})").value().names == "s");

    // Keys that share bytes with a member's key are other keys (skipped), also where that member
    // is expected next: prefixes, extensions, an escaped quote after the member's bytes.
    auto alike = json::decode<person>(R"({"nam":7,"nam\"":1,"name_":1,"nme":1,"name":"n","i":1,"idx":1,"id\"":1,"id":1,"names":"s"})");
    REQUIRE(alike);
    CHECK(alike.value() == person{"n", 1, 7, "s", {}, {}, {}});

    // Unknown keys of every length from 0 to past the longest member key, before each member
    // (the expected one) and after all of them: skipped.
    std::string const keys[] = {"name", "id", "nam", "names", "a", "created_at", "updated_at"};
    for (std::size_t len = 0; len <= 16; ++len) {
        for (char fill : {'x', 'n', 'a'}) {
            std::string const unknown(len, fill);
            if (std::find(std::begin(keys), std::end(keys), unknown) != std::end(keys)) continue;
            std::string doc = "{";
            for (std::string const& k : keys) doc += "\"" + unknown + "\":[{\"" + k + "\":1}]," + "\"" + k + "\":" + (k == "name" || k == "names" ? "\"v\"," : "9,");
            doc += "\"" + unknown + "\":null}";
            CAPTURE(doc);
            auto r = json::decode<person>(doc);
            REQUIRE(r);
            CHECK(r->name == "v");
            CHECK(r->id == 9);
            CHECK(r->updated_at == 9);
        }
    }
    // Keys equal to a member key in every byte the hash reads (its length, the bytes at the chosen
    // positions), different elsewhere: they land in that member's slot, and the whole-key compare
    // refuses them.
    detail::key_hash const& h = detail::struct_codec<person>::data.header.table.hash;
    for (std::string const& k : keys) {
        std::size_t const last = k.size() - 1;
        std::size_t const front = h.front < last ? h.front : last;
        std::size_t const back = last - (h.back < last ? h.back : last);
        for (std::size_t j = 0; j < k.size(); ++j) {
            if (j == front || j == back) continue;
            std::string other = k;
            other[j] = '#';
            CHECK(detail::key_slot(h, other.data(), other.size()) == detail::key_slot(h, k.data(), k.size()));
            auto r = json::decode<person>("{\"" + other + "\":\"x\",\"name\":\"n\",\"" + other + "\":\"x\",\"id\":1}");
            REQUIRE(r);
            CHECK(r.value() == person{"n", 1, {}, {}, {}, {}, {}});
        }
    }

    // The empty key is an unknown key like any other.
    CHECK(json::decode<person>(R"({"":1,"name":"n","":{"":[""]},"id":1,"":""})").value() == person{"n", 1, {}, {}, {}, {}, {}});
}

TEST_CASE("member lookup: keys only probing tells apart, keys a document escapes, cut keys, key limits")
{
    using lookup_model::odd_keys;
    using lookup_model::person;
    using lookup_model::twins;
    namespace detail = apibind::json::detail;

    static_assert(detail::struct_codec<twins>::data.header.table.hash.probes == 3);
    for (std::string const doc : {R"({"abcdefgh_1_abcdefgh":1,"abcdefgh_2_abcdefgh":2,"abcdefgh_3_abcdefgh":3})",
                                  R"({"abcdefgh_3_abcdefgh":3,"abcdefgh_4_abcdefgh":4,"abcdefgh_2_abcdefgh":2,"abcdefgh_1_abcdefgh":1})"}) {
        auto r = json::decode<twins>(doc);
        REQUIRE(r);
        CHECK(r->left == 1);
        CHECK(r->right == 2);
        CHECK(r->third == 3);
    }
    auto missing = json::decode<twins>(R"({"abcdefgh_1_abcdefgh":1,"abcdefgh_0_abcdefgh":0})");
    REQUIRE(!missing);
    CHECK(missing.error().message == R"(missing required member "abcdefgh_2_abcdefgh")");

    // Keys with a quote, a backslash or a non-ASCII byte: found after the reader has read (and
    // unescaped) them; the shortcut is off for such a struct.
    static_assert(detail::struct_codec<odd_keys>::data.header.table.expected_limit == 0);
    static_assert(detail::struct_codec<person>::data.header.table.expected_limit == 7);
    odd_keys const odd{1, 2, 3};
    std::string const text = json::encode(odd);
    CHECK(text == "{\"say \\\"hi\\\"\":1,\"a\\\\b\":2,\"caf\xC3\xA9\":3}");
    CHECK(json::decode<odd_keys>(text).value().accent == 3);
    auto escaped = json::decode<odd_keys>(R"({"caf\u00e9":3,"a\u005cb":2,"say \u0022hi\"":1})");
    REQUIRE(escaped);
    CHECK(escaped->quote == 1);
    CHECK(escaped->slash == 2);
    CHECK(escaped->accent == 3);
    CHECK(!json::decode<odd_keys>("{\"say \"hi\"\":1,\"a\\\\b\":2,\"caf\xC3\xA9\":3}"));  // an unescaped quote

    // A document cut anywhere, also inside or just after a key the shortcut would take: a syntax
    // error, never a read past the end (the sanitizer build checks).
    std::string const whole = R"({"name":"n","id":1,"created_at":4})";
    for (std::size_t n = 0; n < whole.size(); ++n) {
        std::string const cut = whole.substr(0, n);
        CAPTURE(cut);
        auto r = json::decode<person>(std::string_view(cut));
        REQUIRE(!r);
        CHECK(r.error().code == error_code::syntax);
    }

    // Key limits hold for keys taken where they stand too.
    json::decode_options small;
    small.max_string_length = 3;
    auto long_key = json::decode<person>(R"({"name":"n","id":1})", small);
    REQUIRE(!long_key);
    CHECK(long_key.error().message == "key longer than the limit of 3");
    small.max_string_length = 4;
    CHECK(json::decode<person>(R"({"name":"n","id":1})", small));
    CHECK(json::decode<person>(R"({"name":"n","id":1,"names":"s"})", small).error().message == "key longer than the limit of 4");
}
