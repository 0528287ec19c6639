// Codec extensions a generated API stands on: unions on a boolean tag and on several tags, enum wire
// names that are not identifiers, large option tables, user-defined wire types and types stored as
// their text (json::date_time, and one of the test's own).
#include "test_models.hpp"

#include <apibind/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace json = apibind::json;
using apibind::error_code;
using apibind::error_kind;

namespace ext {

// ---- a union on the boolean `is_managed` ----
struct managed_code {
    json::bool_literal<true> is_managed{};
    std::string access_code_id;
    std::string code;
};
BOOST_DESCRIBE_STRUCT(managed_code, (), (is_managed, access_code_id, code))

struct unmanaged_code {
    std::string access_code_id;
    json::bool_literal<false> is_managed{};
};
BOOST_DESCRIBE_STRUCT(unmanaged_code, (), (access_code_id, is_managed))

using access_code = json::tagged_union<"is_managed", managed_code, unmanaged_code>;

// ---- a union on `action_type` + `status` ----
struct attempt_error {
    std::string type;
    std::string message;
};
BOOST_DESCRIBE_STRUCT(attempt_error, (), (type, message))

struct unlock_result {
    std::string door;
    std::string status;  // the same key as a tag, one level down: not a tag
};
BOOST_DESCRIBE_STRUCT(unlock_result, (), (door, status))

struct unlock_pending {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"pending"> status{};
    json::nullable<json::any_value> result{};
    json::nullable<json::any_value> error{};
};
BOOST_DESCRIBE_STRUCT(unlock_pending, (), (action_attempt_id, action_type, status, result, error))

struct unlock_success {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"success"> status{};
    unlock_result result;
    json::nullable<json::any_value> error;
};
BOOST_DESCRIBE_STRUCT(unlock_success, (), (action_attempt_id, action_type, status, result, error))

struct unlock_error {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"error"> status{};
    json::nullable<json::any_value> result;
    attempt_error error;
};
BOOST_DESCRIBE_STRUCT(unlock_error, (), (action_attempt_id, action_type, status, result, error))

struct lock_success {
    std::string action_attempt_id{};
    json::literal<"LOCK_DOOR"> action_type{};
    json::literal<"success"> status{};
    json::nullable<json::any_value> result{};
    json::nullable<json::any_value> error{};
};
BOOST_DESCRIBE_STRUCT(lock_success, (), (action_attempt_id, action_type, status, result, error))

using action_attempt = json::basic_tagged_union<json::tag_keys<"action_type", "status">, unlock_pending, unlock_success,
                                                unlock_error, lock_success>;

struct attempt_response {
    ext::action_attempt action_attempt;
};
BOOST_DESCRIBE_STRUCT(attempt_response, (), (action_attempt))

// ---- enum wire names ----
enum class acs_entrance_kind { elevator_reader, common_pms, door };
BOOST_DESCRIBE_ENUM(acs_entrance_kind, elevator_reader, common_pms, door)
APIBIND_JSON_ENUM_NAMES(acs_entrance_kind, {acs_entrance_kind::elevator_reader, "elevator reader"},
                        {acs_entrance_kind::common_pms, "common (PMS)"})

enum class verb { get, delete_ };
BOOST_DESCRIBE_ENUM(verb, get, delete_)
APIBIND_JSON_ENUM_NAMES(verb, {verb::delete_, "delete"})

enum class fan_mode { auto_, on, unset };
BOOST_DESCRIBE_ENUM(fan_mode, auto_, on, unset)
APIBIND_JSON_ENUM_NAMES(fan_mode, {fan_mode::auto_, "auto"}, {fan_mode::unset, ""})

struct entrance {
    acs_entrance_kind kind;
    json::open_enum<acs_entrance_kind> open_kind;
    std::vector<verb> verbs;
};
BOOST_DESCRIBE_STRUCT(entrance, (), (kind, open_kind, verbs))

struct entrance_query {
    acs_entrance_kind kind{};
    std::optional<json::open_enum<acs_entrance_kind>> other{};
    std::vector<verb> verbs{};
};
BOOST_DESCRIBE_STRUCT(entrance_query, (), (kind, other, verbs))

struct empty_response {};
BOOST_DESCRIBE_STRUCT(empty_response, (), ())

using list_entrances = apibind::endpoint<"/entrances/list", entrance_query, empty_response, apibind::method<apibind::http_method::get>>;

// ---- more key overrides and defaults than the old capacity of 16 ----
struct wide {
    int m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19;
};
BOOST_DESCRIBE_STRUCT(wide, (), (m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19))
APIBIND_JSON_OPTIONS(wide, options{}
                               .key("m00", "k-00").key("m01", "k-01").key("m02", "k-02").key("m03", "k-03").key("m04", "k-04")
                               .key("m05", "k-05").key("m06", "k-06").key("m07", "k-07").key("m08", "k-08").key("m09", "k-09")
                               .key("m10", "k-10").key("m11", "k-11").key("m12", "k-12").key("m13", "k-13").key("m14", "k-14")
                               .key("m15", "k-15").key("m16", "k-16").key("m17", "k-17").key("m18", "k-18").key("m19", "k-19")
                               .default_when_absent("m00").default_when_absent("m01").default_when_absent("m02")
                               .default_when_absent("m03").default_when_absent("m04").default_when_absent("m05")
                               .default_when_absent("m06").default_when_absent("m07").default_when_absent("m08")
                               .default_when_absent("m09").default_when_absent("m10").default_when_absent("m11")
                               .default_when_absent("m12").default_when_absent("m13").default_when_absent("m14")
                               .default_when_absent("m15").default_when_absent("m16").default_when_absent("m17")
                               .default_when_absent("m18"))

}  // namespace ext

using namespace ext;

TEST_CASE("boolean-tag unions: decode, encode, round trip, unknown values kept")
{
    std::string const doc = R"([{"is_managed":true,"access_code_id":"a1","code":"1234"},{"access_code_id":"a2","is_managed":false}])";
    auto r = json::decode<std::vector<access_code>>(doc);
    REQUIRE(r);
    REQUIRE(r->size() == 2);
    auto const* managed = (*r)[0].get_if<managed_code>();
    REQUIRE(managed);
    CHECK(managed->code == "1234");
    CHECK((*r)[0].tag() == "true");
    CHECK((*r)[0].tag_value("is_managed") == "true");
    REQUIRE((*r)[1].holds<unmanaged_code>());
    CHECK((*r)[1].tag_value("is_managed") == "false");
    CHECK(json::encode(*r) == doc);  // byte-exact: members in declaration order

    // The tag anywhere in the object.
    auto last = json::decode<access_code>(R"({"code":"9","access_code_id":"a3","is_managed":true})");
    REQUIRE(last);
    CHECK(last->holds<managed_code>());

    // A string "true" is not the boolean true; a value the model does not know, or no tag, is kept.
    for (std::string const unknown : {R"({"access_code_id":"a4","is_managed":"maybe","extra":[1,{"x":null}]})",
                                      R"({"access_code_id":"a5","is_managed":"true"})", R"({"access_code_id":"a6"})",
                                      R"({"access_code_id":"a7","is_managed":null})"}) {
        CAPTURE(unknown);
        auto u = json::decode<access_code>(unknown);
        REQUIRE(u);
        REQUIRE(u->is_unrecognised());
        CHECK(json::encode(*u) == unknown);
    }
    auto maybe = json::decode<access_code>(R"({"access_code_id":"a4","is_managed":"maybe"})");
    REQUIRE(maybe);
    CHECK(maybe->tag() == "maybe");
    CHECK(maybe->tag_value("is_managed") == "maybe");
    auto missing = json::decode<access_code>(R"({"access_code_id":"a6"})");
    REQUIRE(missing);
    CHECK(missing->tag().empty());

    // The chosen alternative is validated like any struct, with the path.
    auto bad = json::decode<std::vector<access_code>>(R"([{"is_managed":false,"access_code_id":"a"},{"is_managed":true,"access_code_id":"b"}])");
    REQUIRE(!bad);
    CHECK(bad.error().code == error_code::missing_member);
    CHECK(bad.error().path == "[1].code");

    // A bool_literal member outside a union checks its value.
    auto wrong = json::decode<managed_code>(R"({"is_managed":false,"access_code_id":"a","code":"1"})");
    REQUIRE(!wrong);
    CHECK(wrong.error().code == error_code::unexpected_tag);
    CHECK(wrong.error().path == "is_managed");
}

TEST_CASE("multi-key unions: tags in any order and position, nested look-alikes ignored")
{
    std::string const pending = R"({"action_attempt_id":"aa1","action_type":"UNLOCK_DOOR","status":"pending","result":null,"error":null})";
    auto p = json::decode<action_attempt>(pending);
    REQUIRE(p);
    CHECK(p->holds<unlock_pending>());
    CHECK(json::encode(*p) == pending);
    CHECK(p->tag() == "UNLOCK_DOOR");
    CHECK(p->tag_value("status") == "pending");
    CHECK(p->tag_value("action_type") == "UNLOCK_DOOR");
    CHECK(p->tag_value("no_such_key").empty());

    // status first, action_type last, a nested "status" that is not the tag in between.
    auto s = json::decode<attempt_response>(
        R"({"action_attempt":{"status":"success","result":{"status":"open","door":"front"},"error":null,"action_attempt_id":"aa2","action_type":"UNLOCK_DOOR"}})");
    REQUIRE(s);
    auto const* ok = s->action_attempt.get_if<unlock_success>();
    REQUIRE(ok);
    CHECK(ok->result.door == "front");
    CHECK(ok->result.status == "open");
    CHECK(s->action_attempt.tag_value("status") == "success");

    auto e = json::decode<action_attempt>(
        R"({"error":{"type":"lock_jammed","message":"stuck"},"action_type":"UNLOCK_DOOR","result":null,"action_attempt_id":"aa3","status":"error"})");
    REQUIRE(e);
    REQUIRE(e->holds<unlock_error>());
    CHECK(e->get_if<unlock_error>()->error.message == "stuck");

    auto l = json::decode<action_attempt>(R"({"action_type":"LOCK_DOOR","status":"success","action_attempt_id":"aa4","result":{},"error":null})");
    REQUIRE(l);
    CHECK(l->holds<lock_success>());

    // Generic code over the union: visit with requires checks, as a waiter would.
    std::string seen;
    e->visit([&](auto const& alt) {
        if constexpr (requires { alt.error.message; }) seen = alt.error.message;
    });
    CHECK(seen == "stuck");
}

TEST_CASE("multi-key unions: an unknown combination is kept and re-encoded exactly")
{
    std::string const doc =
        R"({"action_attempt_id":"aa5","action_type":"UNLOCK_DOOR","status":"weird","result":{"a":[1,2.50,"x\n"]},"error":null})";
    auto u = json::decode<action_attempt>(doc);
    REQUIRE(u);
    REQUIRE(u->is_unrecognised());
    CHECK(u->tag() == "UNLOCK_DOOR");
    CHECK(u->tag_value("action_type") == "UNLOCK_DOOR");
    CHECK(u->tag_value("status") == "weird");
    CHECK(json::encode(*u) == doc);

    // A new action type, tags last; only one tag present.
    std::string const fresh = R"({"action_attempt_id":"aa6","result":null,"status":"success","action_type":"SET_FAN_MODE"})";
    auto f = json::decode<action_attempt>(fresh);
    REQUIRE(f);
    REQUIRE(f->is_unrecognised());
    CHECK(f->tag() == "SET_FAN_MODE");
    CHECK(f->tag_value("status") == "success");
    CHECK(json::encode(*f) == fresh);

    auto half = json::decode<action_attempt>(R"({"status":"pending","action_attempt_id":"aa7"})");
    REQUIRE(half);
    REQUIRE(half->is_unrecognised());
    CHECK(half->tag().empty());
    CHECK(half->tag_value("status") == "pending");
    CHECK(half->tag_value("action_type").empty());

    // The same raw object round-trips through decode_into over a known alternative.
    auto reuse = json::decode<action_attempt>(R"({"action_type":"LOCK_DOOR","status":"success","action_attempt_id":"x","result":null,"error":null})");
    REQUIRE(reuse);
    REQUIRE(json::decode_into(*reuse, doc));
    CHECK(reuse->is_unrecognised());
    CHECK(json::encode(*reuse) == doc);
}

TEST_CASE("multi-key unions: errors inside the chosen alternative carry the path")
{
    auto missing = json::decode<std::vector<action_attempt>>(
        R"([{"action_type":"LOCK_DOOR","status":"success","action_attempt_id":"a","result":null,"error":null},)"
        R"({"status":"error","action_type":"UNLOCK_DOOR","action_attempt_id":"b","result":null,"error":{"type":"t"}}])");
    REQUIRE(!missing);
    CHECK(missing.error().code == error_code::missing_member);
    CHECK(missing.error().path == "[1].error.message");

    auto mismatch = json::decode<attempt_response>(
        R"({"action_attempt":{"action_type":"UNLOCK_DOOR","status":"success","action_attempt_id":"a","result":{"door":7,"status":"s"},"error":null}})");
    REQUIRE(!mismatch);
    CHECK(mismatch.error().code == error_code::type_mismatch);
    CHECK(mismatch.error().path == "action_attempt.result.door");

    auto not_object = json::decode<action_attempt>(R"(["UNLOCK_DOOR","pending"])");
    REQUIRE(!not_object);
    CHECK(not_object.error().code == error_code::type_mismatch);
}

TEST_CASE("a hand-built unrecognised alternative encodes its first tag")
{
    action_attempt a = json::unrecognised{"NEW_ACTION", {}};
    CHECK(a.tag() == "NEW_ACTION");
    CHECK(a.tag_value("action_type") == "NEW_ACTION");
    CHECK(a.tag_value("status").empty());
    CHECK(json::encode(a) == R"({"action_type":"NEW_ACTION"})");
    action_attempt b = unlock_pending{.action_attempt_id = "z"};
    CHECK(json::encode(b) == R"({"action_attempt_id":"z","action_type":"UNLOCK_DOOR","status":"pending"})");
}

TEST_CASE("enum wire names that are not identifiers: decode, encode, query, open_enum")
{
    std::string const doc = R"j({"kind":"elevator reader","open_kind":"common (PMS)","verbs":["get","delete"]})j";
    auto r = json::decode<entrance>(doc);
    REQUIRE(r);
    CHECK(r->kind == acs_entrance_kind::elevator_reader);
    CHECK(r->open_kind == acs_entrance_kind::common_pms);
    CHECK(r->verbs == std::vector<verb>{verb::get, verb::delete_});
    CHECK(json::encode(*r) == doc);

    // An overridden enumerator no longer answers to its C++ name.
    auto cpp_name = json::decode<entrance>(R"({"kind":"elevator_reader","open_kind":"door","verbs":[]})");
    REQUIRE(!cpp_name);
    CHECK(cpp_name.error().code == error_code::unknown_enum_value);
    CHECK(cpp_name.error().path == "kind");
    CHECK(cpp_name.error().message.find("elevator reader,common (PMS),door") != std::string::npos);

    auto open = json::decode<entrance>(R"({"kind":"door","open_kind":"elevator_reader","verbs":["delete"]})");
    REQUIRE(open);
    CHECK(!open->open_kind.is_known());
    CHECK(open->open_kind.unknown_value() == "elevator_reader");
    CHECK(json::encode(*open) == R"({"kind":"door","open_kind":"elevator_reader","verbs":["delete"]})");
    CHECK(json::open_enum<acs_entrance_kind>(acs_entrance_kind::common_pms).to_string() == "common (PMS)");
    CHECK(json::open_enum<acs_entrance_kind>::from_string("elevator reader") == acs_entrance_kind::elevator_reader);

    // A keyword and an empty wire name.
    auto modes = json::decode<std::vector<fan_mode>>(R"(["auto","on",""])");
    REQUIRE(modes);
    CHECK(*modes == std::vector<fan_mode>{fan_mode::auto_, fan_mode::on, fan_mode::unset});
    CHECK(json::encode(*modes) == R"(["auto","on",""])");
    CHECK(json::encode(static_cast<fan_mode>(42)) == "null");  // not an enumerator: no wire form

    apibind::testing::mock_transport t;
    apibind::basic_policy p;
    p.url = "https://api.example.com/";
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> c(t, p);
    t.push(200, "{}");
    REQUIRE(c.call<list_entrances>({.kind = acs_entrance_kind::common_pms,
                                     .other = json::open_enum<acs_entrance_kind>(acs_entrance_kind::elevator_reader),
                                     .verbs = {verb::delete_, verb::get}}));
    CHECK(t.last_request().url ==
          "https://api.example.com/entrances/list?kind=common%20%28PMS%29&other=elevator%20reader&verbs=delete&verbs=get");
}

namespace {
constexpr json::options many_overrides()
{
    constexpr std::string_view names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
    json::options o{};
    for (std::size_t i = 0; i < 128; ++i) o = o.key(names[i % 8], "k").default_when_absent(names[i % 8]);
    return o;
}
}  // namespace

TEST_CASE("options hold 128 key overrides and 128 defaulted members, at compile time")
{
    static_assert(json::options::capacity >= 128);
    static_assert(many_overrides().key_count == 128 && many_overrides().defaulted_count == 128);

    auto r = json::decode<wide>(R"({"k-19":19,"k-16":16,"m00":5})");
    REQUIRE(r);
    CHECK(r->m19 == 19);
    CHECK(r->m16 == 16);
    CHECK(r->m00 == 0);  // "m00" is not its key any more: skipped
    std::string const out = json::encode(*r);
    CHECK(out.find(R"("k-19":19)") != std::string::npos);
    CHECK(out.find(R"("k-00":0)") != std::string::npos);
    auto missing = json::decode<wide>(R"({"k-00":1})");
    REQUIRE(!missing);
    CHECK(missing.error().path == "k-19");  // the one member without a default
}

// ---- user-defined wire types, declared here (outside the library) to show the point is open ----
namespace ext {

// A scalar wire form: an amount in cents, negative amounts refused.
struct money {
    std::int64_t cents = 0;
    friend bool operator==(money, money) = default;
};

// An array wire form: a point as [x, y].
struct point {
    double x = 0;
    double y = 0;
    friend bool operator==(point, point) = default;
};

}  // namespace ext

// [wire-traits-example]
template <>
struct apibind::json::wire_traits<ext::money> {
    using wire_type = std::int64_t;  // what the JSON holds
    static std::int64_t to_wire(ext::money const& m) noexcept { return m.cents; }
    static bool from_wire(std::int64_t const& cents, ext::money& out) noexcept  // false: a decode error
    {
        out.cents = cents;
        return cents >= 0;
    }
    static constexpr char const* expected = "a non-negative amount of cents";  // optional, for errors
};
// [wire-traits-example]

template <>
struct apibind::json::wire_traits<ext::point> {
    using wire_type = std::vector<double>;
    static std::vector<double> to_wire(ext::point const& p) { return {p.x, p.y}; }
    static bool from_wire(std::vector<double> const& v, ext::point& out)
    {
        if (v.size() != 2) return false;
        out = {v[0], v[1]};
        return true;
    }
};

namespace ext {

struct invoice {
    money total;
    std::optional<money> tip;
    std::vector<money> lines;
    json::nullable<point> where;
    json::date_time created_at;
    std::optional<json::date_time> paid_at;
};
BOOST_DESCRIBE_STRUCT(invoice, (), (total, tip, lines, where, created_at, paid_at))

struct invoice_query {
    money min_total{};
    std::optional<json::date_time> since{};
    std::optional<point> near{};
    std::string id{};
};
BOOST_DESCRIBE_STRUCT(invoice_query, (), (min_total, since, near, id))

using get_invoice = apibind::endpoint<"/invoices/{id}/{min_total}", invoice_query, invoice, apibind::method<apibind::http_method::get>>;

}  // namespace ext

TEST_CASE("a wire type defined outside the library: decode, encode, errors, query string")
{
    std::string const doc =
        R"({"total":1250,"tip":100,"lines":[1000,250],"where":[1.5,-2],"created_at":"2024-01-02T03:04:05.678Z"})";
    auto r = json::decode<invoice>(doc);
    REQUIRE(r);
    CHECK(r->total == money{1250});
    CHECK(r->tip == money{100});
    CHECK(r->lines == std::vector<money>{{1000}, {250}});
    REQUIRE(r->where.has_value());
    CHECK(*r->where == point{1.5, -2});
    CHECK(!r->paid_at);
    CHECK(json::encode(*r) == doc);

    auto negative = json::decode<invoice>(R"({"total":10,"lines":[5,-1],"where":null,"created_at":"x"})");
    REQUIRE(!negative);
    CHECK(negative.error().code == error_code::type_mismatch);
    CHECK(negative.error().path == "lines[1]");
    CHECK(negative.error().message.find("a non-negative amount of cents") != std::string::npos);

    auto wrong_type = json::decode<invoice>(R"({"total":"ten","lines":[],"created_at":"x"})");
    REQUIRE(!wrong_type);
    CHECK(wrong_type.error().code == error_code::type_mismatch);
    CHECK(wrong_type.error().path == "total");

    auto short_point = json::decode<invoice>(R"({"total":1,"lines":[],"where":[1],"created_at":"x"})");
    REQUIRE(!short_point);
    CHECK(short_point.error().path == "where");
    auto bad_point = json::decode<invoice>(R"({"total":1,"lines":[],"where":[1,"y"],"created_at":"x"})");
    REQUIRE(!bad_point);
    CHECK(bad_point.error().code == error_code::type_mismatch);
    CHECK(bad_point.error().path == "where[1]");
    auto object_for_scalar = json::decode<invoice>(R"({"total":{"cents":1},"lines":[],"created_at":"x"})");
    REQUIRE(!object_for_scalar);
    CHECK(object_for_scalar.error().path == "total");

    // decode_into reuses the target.
    REQUIRE(json::decode_into(*r, R"({"total":7,"lines":[3],"created_at":"2025-05-05T05:05:05Z"})"));
    CHECK(r->total == money{7});
    CHECK(!r->tip);
    CHECK(!r->where.has_value());
    CHECK(r->created_at.text() == "2025-05-05T05:05:05Z");

    // Path parameters and query members use the wire form's text.
    apibind::testing::mock_transport t;
    apibind::basic_policy p;
    p.url = "https://api.example.com/";
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> c(t, p);
    t.push(200, R"({"total":5,"lines":[],"created_at":"2024-01-02T03:04:05Z"})");
    auto got = c.call<get_invoice>({.min_total = {500},
                                    .since = json::date_time("2024-01-02T03:04:05+02:00"),
                                    .near = point{1, 2.5},
                                    .id = "inv 1"});
    REQUIRE(got);
    CHECK(got->total == money{5});
    CHECK(t.last_request().url ==
          "https://api.example.com/invoices/inv%201/500?since=2024-01-02T03%3A04%3A05%2B02%3A00&near=1&near=2.5");
}

TEST_CASE("date_time keeps the exact text and converts to a time point")
{
    using namespace std::chrono;
    using tp = json::date_time::time_point;
    tp const expected = sys_days{year{2024} / 1 / 2} + hours{3} + minutes{4} + seconds{5} + milliseconds{678};

    auto r = json::decode<invoice>(R"({"total":0,"lines":[],"created_at":"2024-01-02T03:04:05.678Z"})");
    REQUIRE(r);
    CHECK(r->created_at.text() == "2024-01-02T03:04:05.678Z");
    auto t = r->created_at.to_time_point();
    REQUIRE(t);
    CHECK(*t == expected);

    // Other spellings of the same instant stay as they were sent.
    for (std::string const text : {"2024-01-02T05:04:05.678+02:00", "2024-01-01T22:34:05.678-04:30", "2024-01-02t03:04:05.678z",
                                   "2024-01-02 03:04:05.678000+00:00", "2024-01-02T05:04:05,678+0200", "2024-01-02T05:04:05.678+02"}) {
        CAPTURE(text);
        std::string const doc = R"({"total":0,"lines":[],"created_at":")" + text + R"("})";
        auto d = json::decode<invoice>(doc);
        REQUIRE(d);
        CHECK(json::encode(*d) == doc);
        auto p = d->created_at.to_time_point();
        REQUIRE(p);
        CHECK(*p == expected);
    }

    // Digits beyond microseconds are dropped; fewer are scaled.
    auto fine = json::date_time("2024-01-02T03:04:05.123456789Z").to_time_point();
    REQUIRE(fine);
    CHECK(fine->time_since_epoch() % seconds{1} == microseconds{123456});
    auto tenth = json::date_time("2024-01-02T03:04:05.1Z").to_time_point();
    REQUIRE(tenth);
    CHECK(tenth->time_since_epoch() % seconds{1} == microseconds{100000});
    auto leap = json::date_time("2016-12-31T23:59:60Z").to_time_point();
    REQUIRE(leap);
    CHECK(*leap == tp{sys_days{year{2017} / 1 / 1}});

    // Invalid text is kept, round-trips, and only to_time_point() says it is wrong.
    for (std::string const bad : {"yesterday", "", "2024-02-30T00:00:00Z", "2024-01-02T03:04:05", "2024-01-02T24:00:00Z",
                                  "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+2:00", "2024-01-02T03:04:05Z trailing",
                                  "2024-1-02T03:04:05Z"}) {
        CAPTURE(bad);
        std::string const doc = R"({"total":0,"lines":[],"created_at":")" + bad + R"("})";
        auto d = json::decode<invoice>(doc);
        REQUIRE(d);
        CHECK(d->created_at.text() == bad);
        CHECK(json::encode(*d) == doc);
        auto p = d->created_at.to_time_point();
        REQUIRE(!p);
        CHECK(p.error().kind == error_kind::decode);
        CHECK(p.error().message.find("invalid date-time") != std::string::npos);
    }

    // Not a string at all is a decode error.
    auto number = json::decode<invoice>(R"({"total":0,"lines":[],"created_at":1704164645})");
    REQUIRE(!number);
    CHECK(number.error().code == error_code::type_mismatch);
    CHECK(number.error().path == "created_at");

    // From a time point: UTC, with the fraction it needs.
    CHECK(json::date_time(expected).text() == "2024-01-02T03:04:05.678Z");
    CHECK(json::date_time(tp{sys_days{year{2024} / 1 / 2} + hours{3}}).text() == "2024-01-02T03:00:00Z");
    CHECK(json::date_time(tp{sys_days{year{1999} / 12 / 31}} + microseconds{1}).text() == "1999-12-31T00:00:00.000001Z");
    auto back = json::date_time(expected).to_time_point();
    REQUIRE(back);
    CHECK(*back == expected);
    CHECK(json::date_time("2024-01-02T03:04:05Z") != json::date_time("2024-01-02T03:04:05+00:00"));  // compares text
}

using models::text_of_length;

TEST_CASE("date_time keeps texts inline up to its capacity and on the heap beyond: copies, moves, assignment, equality")
{
    constexpr std::size_t cap = json::date_time::inline_capacity;
    static_assert(cap >= std::string_view("2025-06-15T16:54:19.123456789-05:00").size());
    CHECK(sizeof(json::date_time) <= 40);
    for (std::size_t n = 0; n <= cap + 2; ++n) {
        CAPTURE(n);
        std::string const t = text_of_length(n);
        json::date_time const a(t);
        CHECK(a.text() == t);
        CHECK(a.empty() == (n == 0));
        CHECK(a == json::date_time(t));
        CHECK(a != json::date_time(t + "x"));
        if (n > 0) CHECK(a != json::date_time(text_of_length(n, 1)));

        json::date_time copy(a);
        CHECK(copy.text() == t);
        CHECK(copy == a);
        json::date_time moved(std::move(copy));
        CHECK(moved.text() == t);
        CHECK(copy.text().empty());  // NOLINT(bugprone-use-after-move): a moved-from date_time is empty and usable
        copy.assign("again");
        CHECK(copy.text() == "again");
        json::date_time const& alias = moved;
        moved = alias;  // assignment to itself keeps the text
        CHECK(moved.text() == t);

        // Assignment over every kind of text: shorter, longer, inline, on the heap.
        for (std::size_t m : {std::size_t{0}, std::size_t{5}, cap, cap + 1, std::size_t{64}}) {
            CAPTURE(m);
            json::date_time b(text_of_length(m, 2));
            b = a;
            CHECK(b.text() == t);
            CHECK(a.text() == t);
            json::date_time c(text_of_length(m, 3));
            json::date_time d(a);
            c = std::move(d);
            CHECK(c.text() == t);
            json::date_time e(text_of_length(m, 4));
            e.assign(t);
            CHECK(e.text() == t);
        }

        // A part of its own text (the public assign takes any view, its own too).
        json::date_time f(t);
        f.assign(f.text());
        CHECK(f.text() == t);
        if (n > 0) {
            f.assign(f.text().substr(1));
            CHECK(f.text() == t.substr(1));
            json::date_time g(t);
            g.assign(g.text().substr(0, n - 1));
            CHECK(g.text() == t.substr(0, n - 1));
        }
    }
}

TEST_CASE("date_time: texts inline and on the heap decode, round-trip byte for byte and convert to the same instant")
{
    using namespace std::chrono;
    constexpr std::size_t cap = json::date_time::inline_capacity;
    json::date_time::time_point const instant = sys_days{year{2025} / 6 / 15} + hours{21} + minutes{54} + seconds{19} + microseconds{123456};
    std::string const inline_text = "2025-06-15T16:54:19.123456789-05:00";             // the longest the class documents
    std::string const heap_text = "2025-06-15T16:54:19.123456789012345678901-05:00";  // 21 fraction digits
    REQUIRE(inline_text.size() <= cap);
    REQUIRE(heap_text.size() > cap);
    for (std::string const& text : {inline_text, heap_text}) {
        CAPTURE(text);
        std::string const doc = R"({"total":0,"lines":[],"created_at":")" + text + R"(","paid_at":")" + text + R"("})";
        auto d = json::decode<invoice>(doc);
        REQUIRE(d);
        CHECK(d->created_at.text() == text);
        REQUIRE(d->paid_at);
        CHECK(d->paid_at->text() == text);
        CHECK(json::encode(*d) == doc);
        auto p = d->created_at.to_time_point();
        REQUIRE(p);
        CHECK(*p == instant);
        auto q = json::date_time(text).to_time_point();
        REQUIRE(q);
        CHECK(*q == instant);
    }
    // Not timestamps, inline and on the heap: kept, written back, refused only by to_time_point().
    for (std::string const& bad : {inline_text + "?", heap_text + " and some words after it", text_of_length(cap), text_of_length(cap + 1)}) {
        CAPTURE(bad);
        std::string const doc = R"({"total":0,"lines":[],"created_at":")" + bad + R"("})";
        auto d = json::decode<invoice>(doc);
        REQUIRE(d);
        CHECK(d->created_at.text() == bad);
        CHECK(json::encode(*d) == doc);
        CHECK(!d->created_at.to_time_point());
    }
}

// ---- a type stored as its text, declared here (outside the library): one specialisation ----
namespace ext {

// A label kept exactly as sent (any string).
class label {
public:
    void assign(std::string_view s) { text_.assign(s.data(), s.size()); }
    std::string_view text() const noexcept { return text_; }
    friend bool operator==(label const&, label const&) = default;

private:
    std::string text_;
};

}  // namespace ext

template <>
inline constexpr bool apibind::json::stored_as_text<ext::label> = true;

namespace ext {

struct labelled {
    label name;
    std::optional<label> alias;
    json::nullable<label> note;
    std::vector<label> tags;
};
BOOST_DESCRIBE_STRUCT(labelled, (), (name, alias, note, tags))

struct label_query {
    label name{};
    std::optional<label> alias{};
};
BOOST_DESCRIBE_STRUCT(label_query, (), (name, alias))

using find_labelled = apibind::endpoint<"/labels/{name}", label_query, labelled, apibind::method<apibind::http_method::get>>;

}  // namespace ext

TEST_CASE("a type stored as its text defined outside the library: decode, encode, errors, query string")
{
    std::string const doc = R"({"name":"front door","alias":"a \"quoted\" alias","note":null,"tags":["x","","a tag long enough for the heap"]})";
    auto r = json::decode<labelled>(doc);
    REQUIRE(r);
    CHECK(r->name.text() == "front door");
    REQUIRE(r->alias);
    CHECK(r->alias->text() == "a \"quoted\" alias");
    CHECK(r->note.is_null());
    REQUIRE(r->tags.size() == 3);
    CHECK(r->tags[1].text().empty());
    CHECK(r->tags[2].text() == "a tag long enough for the heap");
    CHECK(json::encode(*r) == doc);

    REQUIRE(json::decode_into(*r, R"({"name":"back","note":"n","tags":["y"]})"));
    CHECK(r->name.text() == "back");
    CHECK(!r->alias);
    REQUIRE(r->note.has_value());
    CHECK(r->note->text() == "n");
    CHECK(r->tags.size() == 1);

    // Not a string: the message and path any string member gets.
    for (std::string const value : {"1", "true", "{}", "[]", "null"}) {
        CAPTURE(value);
        auto bad = json::decode<labelled>(R"({"tags":[],"name":)" + value + "}");
        REQUIRE(!bad);
        CHECK(bad.error().code == error_code::type_mismatch);
        CHECK(bad.error().path == "name");
        auto as_string = json::decode<std::string>(value);
        REQUIRE(!as_string);
        CHECK(bad.error().message == as_string.error().message);
    }

    apibind::testing::mock_transport t;
    apibind::basic_policy p;
    p.url = "https://api.example.com/";
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> c(t, p);
    t.push(200, R"({"name":"n","note":null,"tags":[]})");
    label name;
    name.assign("front door");
    label alias;
    alias.assign("a&b");
    REQUIRE(c.call<find_labelled>({.name = name, .alias = alias}));
    CHECK(t.last_request().url == "https://api.example.com/labels/front%20door?alias=a%26b");
}

// A struct wider than 64 members (device.properties has 103): members seen are tracked past 64.
namespace wide_model {
struct wide_base {
    int m0{};
    int m1{};
    int m2{};
    int m3{};
    int m4{};
    std::optional<int> m5{};
    int m6{};
    int m7{};
    int m8{};
    int m9{};
    int m10{};
    int m11{};
    int m12{};
    int m13{};
    int m14{};
    int m15{};
    int m16{};
    int m17{};
    int m18{};
    int m19{};
    int m20{};
    int m21{};
    int m22{};
    int m23{};
    int m24{};
    int m25{};
    int m26{};
    int m27{};
    int m28{};
    int m29{};
    int m30{};
    int m31{};
    int m32{};
    int m33{};
    int m34{};
    int m35{};
    int m36{};
    int m37{};
    int m38{};
    int m39{};
};
BOOST_DESCRIBE_STRUCT(wide_base, (), (m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39))
struct wide_struct : wide_base {
    int m40{};
    int m41{};
    int m42{};
    int m43{};
    int m44{};
    int m45{};
    int m46{};
    int m47{};
    int m48{};
    int m49{};
    int m50{};
    int m51{};
    int m52{};
    int m53{};
    int m54{};
    int m55{};
    int m56{};
    int m57{};
    int m58{};
    int m59{};
    int m60{};
    int m61{};
    int m62{};
    int m63{};
    int m64{};
    int m65{};
    int m66{};
    int m67{};
    int m68{};
    int m69{};
    std::optional<int> m70{};
    int m71{};
    int m72{};
    int m73{};
    int m74{};
    int m75{};
    int m76{};
    int m77{};
    int m78{};
    int m79{};
};
BOOST_DESCRIBE_STRUCT(wide_struct, (wide_base), (m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61, m62, m63, m64, m65, m66, m67, m68, m69, m70, m71, m72, m73, m74, m75, m76, m77, m78, m79))
struct wide_holder {
    std::vector<wide_struct> items{};
};
BOOST_DESCRIBE_STRUCT(wide_holder, (), (items))

std::string document(int skip = -1)
{
    std::string s = "{";
    for (int i = 0; i < 80; ++i) {
        if (i == skip) continue;
        if (s.size() > 1) s += ',';
        s += "\"m" + std::to_string(i) + "\":" + std::to_string(i);
    }
    return s + '}';
}
}  // namespace wide_model

TEST_CASE("structs wider than 64 members: required, optional and reset tracked past the 64th")
{
    auto full = json::decode<wide_model::wide_struct>(wide_model::document());
    REQUIRE(full);
    CHECK(full->m0 == 0);
    CHECK(full->m5 == 5);
    CHECK(full->m64 == 64);
    CHECK(full->m70 == 70);
    CHECK(full->m79 == 79);
    CHECK(json::encode(*full) == wide_model::document());

    // A missing required member past the 64th is named.
    auto missing = json::decode<wide_model::wide_struct>(wide_model::document(75));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().path == "m75");

    // decode_into: an optional member past the 64th absent from the next document is reset.
    wide_model::wide_struct reused = *full;
    REQUIRE(json::decode_into(reused, wide_model::document(70)));
    CHECK_FALSE(reused.m70.has_value());
    CHECK(reused.m5 == 5);

    // Nested wide structs in an array: each element's bits are its own.
    std::string list = "{\"items\":[" + wide_model::document() + "," + wide_model::document(70) + "," + wide_model::document(5) + "]}";
    auto holder = json::decode<wide_model::wide_holder>(list);
    REQUIRE(holder);
    REQUIRE(holder->items.size() == 3);
    CHECK(holder->items[0].m70 == 70);
    CHECK_FALSE(holder->items[1].m70.has_value());
    CHECK_FALSE(holder->items[2].m5.has_value());
    CHECK(holder->items[2].m70 == 70);
    auto bad = json::decode<wide_model::wide_holder>("{\"items\":[" + wide_model::document() + "," + wide_model::document(66) + "]}");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().path == "items[1].m66");
}

TEST_CASE("structs wider than 64 members: keys in reverse and shuffled order")
{
    auto const in_order = json::decode<wide_model::wide_struct>(wide_model::document());
    REQUIRE(in_order);
    // Members 79 down to 0, then every 7th index modulo 80 (each once: 7 and 80 are coprime), with
    // unknown look-alike keys between.
    std::string reversed = "{";
    std::string shuffled = "{";
    for (int i = 79; i >= 0; --i) {
        reversed += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + (i == 0 ? "}" : ",");
        int const j = ((79 - i) * 7) % 80;
        shuffled += "\"m" + std::to_string(j) + "x\":0,\"m" + std::to_string(j) + "\":" + std::to_string(j) + (i == 0 ? "}" : ",");
    }
    for (std::string const& doc : {reversed, shuffled}) {
        auto r = json::decode<wide_model::wide_struct>(doc);
        REQUIRE(r);
        CHECK(json::encode(*r) == wide_model::document());
        wide_model::wide_struct reused;
        REQUIRE(json::decode_into(reused, doc));
        CHECK(json::encode(reused) == wide_model::document());
    }
    auto missing = json::decode<wide_model::wide_struct>(R"({"m79":79,"m0":0})");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().path == "m1");
}

// ---- the union's own storage: lifetimes, copies, moves, equality, exceptions ----
namespace storage {

// Counts the live objects of every alternative below, so a leak or a double destruction shows.
struct live {
    static inline int count = 0;
    live() noexcept { ++count; }
    live(live const&) noexcept { ++count; }
    live(live&&) noexcept { ++count; }
    live& operator=(live const&) = default;
    live& operator=(live&&) = default;
    ~live() { --count; }
    bool operator==(live const&) const { return true; }
};

// Copies throw while armed.
struct copy_bomb {
    static inline bool armed = false;
    copy_bomb() = default;
    copy_bomb(copy_bomb const&) { detonate(); }
    copy_bomb(copy_bomb&&) = default;
    copy_bomb& operator=(copy_bomb const&)
    {
        detonate();
        return *this;
    }
    copy_bomb& operator=(copy_bomb&&) = default;
    ~copy_bomb() = default;
    bool operator==(copy_bomb const&) const { return true; }
    static void detonate()
    {
#if defined(__cpp_exceptions)
        if (armed) throw std::runtime_error("copy_bomb");
#endif
    }
};

struct alt_a {
    json::literal<"a"> kind{};
    std::string text;
    live n{};
    bool operator==(alt_a const&) const = default;
};
BOOST_DESCRIBE_STRUCT(alt_a, (), (kind, text))

struct alt_b {
    json::literal<"b"> kind{};
    std::vector<int> values;
    live n{};
    copy_bomb c{};
    bool operator==(alt_b const&) const = default;
};
BOOST_DESCRIBE_STRUCT(alt_b, (), (kind, values))

struct alt_c {
    json::literal<"c"> kind{};
    double x = 0;
    live n{};
    bool operator==(alt_c const&) const = default;
};
BOOST_DESCRIBE_STRUCT(alt_c, (), (kind, x))

using u3 = json::tagged_union<"kind", alt_a, alt_b, alt_c>;

// Past 15 alternatives the union dispatches through tables rather than a switch: both are tested.
// (Not described: the storage needs no tags.)
template <int N>
struct wide_alt {
    int value = N;
    std::string text;
    live n{};
    bool operator==(wide_alt const&) const = default;
};
using u17 = json::tagged_union<"kind", wide_alt<0>, wide_alt<1>, wide_alt<2>, wide_alt<3>, wide_alt<4>, wide_alt<5>, wide_alt<6>,
                               wide_alt<7>, wide_alt<8>, wide_alt<9>, wide_alt<10>, wide_alt<11>, wide_alt<12>, wide_alt<13>,
                               wide_alt<14>, wide_alt<15>, wide_alt<16>>;

// 256 alternatives: the index no longer fits a byte (a std::size_t then). Wire types (an int on the
// wire), not described: encoding needs no tags.
template <int N>
struct numbered {
    int value = N;
    bool operator==(numbered const&) const = default;
};
template <class Seq>
struct numbered_union;
template <int... N>
struct numbered_union<std::integer_sequence<int, N...>> {
    using type = json::tagged_union<"kind", numbered<N>...>;
};
using u256 = numbered_union<std::make_integer_sequence<int, 256>>::type;

}  // namespace storage

template <int N>
struct apibind::json::wire_traits<storage::numbered<N>> {
    using wire_type = int;
    static int to_wire(storage::numbered<N> const& n) noexcept { return n.value; }
    static bool from_wire(int const& w, storage::numbered<N>& n) noexcept
    {
        n.value = w;
        return true;
    }
};

TEST_CASE("tagged unions encode by their alternative's writer: alone, in arrays, unrecognised, 256 alternatives")
{
    using namespace storage;
    std::vector<u3> v;
    v.emplace_back(alt_b{.values = {1, 2}});
    v.emplace_back(json::unrecognised{"new", json::raw_json(R"({"kind":"new","x":[1]})")});
    v.emplace_back(alt_a{.text = "t"});
    v.emplace_back(json::unrecognised{"built", {}});  // built by hand: its tag is written
    v.emplace_back(alt_c{.x = 1.5});
    CHECK(json::encode(v) == R"([{"kind":"b","values":[1,2]},{"kind":"new","x":[1]},{"kind":"a","text":"t"},{"kind":"built"},{"kind":"c","x":1.5}])");
    CHECK(json::encode(std::vector<u3>{}) == "[]");
    CHECK(json::encode(v[2]) == R"({"kind":"a","text":"t"})");
    CHECK(json::encode(v[3]) == R"({"kind":"built"})");

    static_assert(u256::alternative_count == 256);
    std::vector<u256> wide;
    wide.emplace_back(numbered<3>{});
    wide.emplace_back(numbered<254>{});
    wide.emplace_back(numbered<255>{.value = -7});
    wide.emplace_back(json::unrecognised{"x", {}});
    CHECK(wide[2].index() == 255);
    CHECK(wide[3].index() == 256);
    CHECK(json::encode(wide) == R"([3,254,-7,{"kind":"x"}])");
    CHECK(json::encode(wide[1]) == "254");
}

TEST_CASE("tagged_union storage: alternatives, index, emplace, visit")
{
    using namespace storage;
    REQUIRE(live::count == 0);
    {
        u3 d;  // like std::variant: a value-initialised first alternative
        CHECK(d.index() == 0);
        CHECK(d.holds<alt_a>());
        CHECK(live::count == 1);

        u3 b = alt_b{.values = {1, 2}};
        CHECK(b.index() == 1);
        CHECK(b.holds<alt_b>());
        CHECK_FALSE(b.holds<alt_a>());
        CHECK(b.get_if<alt_a>() == nullptr);
        REQUIRE(b.get_if<alt_b>() != nullptr);
        CHECK(b.get_if<alt_b>()->values == std::vector<int>{1, 2});
        CHECK(b.get_if<1>() == b.get_if<alt_b>());
        CHECK(b.get_if<0>() == nullptr);
        CHECK(b.tag() == "b");
        CHECK(b.tag_value("kind") == "b");
        CHECK(b.tag_value("other").empty());
        CHECK(live::count == 2);

        alt_c& c = b.emplace<2>();
        c.x = 2.5;
        CHECK(b.index() == 2);
        CHECK(b.tag() == "c");
        CHECK(live::count == 2);  // alt_b's destroyed, alt_c's built
        alt_a& a = b.emplace<alt_a>(alt_a{.text = "t"});
        CHECK(a.text == "t");
        CHECK(b.holds<alt_a>());
        CHECK(live::count == 2);

        json::unrecognised& un = b.emplace<json::unrecognised>(json::unrecognised{"z", json::raw_json(R"({"kind":"z"})")});
        CHECK(&un == b.get_if<json::unrecognised>());
        CHECK(b.is_unrecognised());
        CHECK(b.index() == u3::alternative_count);
        CHECK(b.tag() == "z");
        CHECK(live::count == 1);

        // visit: the held alternative, by reference, const or not; one return type.
        auto name = [](auto const& alt) -> std::string {
            using A = std::remove_cvref_t<decltype(alt)>;
            if constexpr (std::is_same_v<A, json::unrecognised>) return "?" + alt.tag;
            else return std::string(A{}.kind.value);
        };
        CHECK(b.visit(name) == "?z");
        CHECK(std::as_const(d).visit(name) == "a");
        d.visit([](auto& alt) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(alt)>, alt_a>) alt.text = "visited";
        });
        CHECK(d.get_if<alt_a>()->text == "visited");
        CHECK(live::count == 1);
    }
    CHECK(live::count == 0);
    static_assert(std::is_same_v<u3::alternative_type<2>, storage::alt_c>);
    static_assert(std::is_same_v<u3::alternative_type<3>, json::unrecognised>);
    static_assert(u3::index_of<storage::alt_b> == 1);
    // Implicit from an alternative only.
    static_assert(std::is_convertible_v<storage::alt_a, u3>);
    static_assert(!std::is_convertible_v<int, u3>);
    static_assert(!std::is_constructible_v<u3, std::string>);
    // No bigger than the std::variant it replaces; moves are noexcept when the alternatives' are.
    static_assert(sizeof(u3) <= sizeof(std::variant<storage::alt_a, storage::alt_b, storage::alt_c, json::unrecognised>));
    static_assert(alignof(u3) == alignof(std::variant<storage::alt_a, storage::alt_b, storage::alt_c, json::unrecognised>));
    // Moves are noexcept (the alternatives' move constructors must be), so containers move them.
    static_assert(std::is_nothrow_move_constructible_v<u3> && std::is_nothrow_move_assignable_v<u3>);
    static_assert(!std::is_nothrow_copy_constructible_v<u3>);
}

TEST_CASE("tagged_union storage: copy, move and assignment across alternatives, self-assignment")
{
    using namespace storage;
    {
        u3 a = alt_a{.text = "first"};
        u3 b = alt_b{.values = {7}};
        u3 a2 = a;  // copy
        CHECK(a2 == a);
        CHECK(a2.get_if<alt_a>()->text == "first");
        CHECK(live::count == 3);

        a2 = b;  // copy-assign, another alternative
        CHECK(a2.holds<alt_b>());
        CHECK(a2 == b);
        CHECK(live::count == 3);
        a2.get_if<alt_b>()->values.push_back(8);
        CHECK(b.get_if<alt_b>()->values == std::vector<int>{7});  // a deep copy
        CHECK_FALSE(a2 == b);

        a2 = b;  // copy-assign, the same alternative
        CHECK(a2 == b);
        CHECK(live::count == 3);

        u3 m = std::move(a2);  // move: the source keeps its (moved-from) alternative
        CHECK(m.holds<alt_b>());
        CHECK(m.get_if<alt_b>()->values == std::vector<int>{7});
        CHECK(a2.holds<alt_b>());
        CHECK(live::count == 4);

        m = std::move(a);  // move-assign, another alternative
        CHECK(m.holds<alt_a>());
        CHECK(m.get_if<alt_a>()->text == "first");
        CHECK(live::count == 4);

        m = u3(alt_a{.text = "second"});  // move-assign, the same alternative
        CHECK(m.get_if<alt_a>()->text == "second");
        CHECK(live::count == 4);

        // Self-assignment keeps the value.
        u3& self = m;
        m = self;
        CHECK(m.get_if<alt_a>()->text == "second");
        m = std::move(self);
        CHECK(m.holds<alt_a>());
        CHECK(live::count == 4);

        // Unrecognised values copy and move like the rest.
        u3 u = json::unrecognised{"new", json::raw_json(R"({"kind":"new","x":1})")};
        u3 u_copy = u;
        CHECK(u_copy.is_unrecognised());
        CHECK(u_copy.get_if<json::unrecognised>()->raw.text == R"({"kind":"new","x":1})");
        m = u;
        CHECK(m.is_unrecognised());
        CHECK(live::count == 3);
        m = std::move(b);
        CHECK(m.holds<alt_b>());
        CHECK(live::count == 4);

        // In a container that reallocates.
        std::vector<u3> many;
        for (int i = 0; i < 40; ++i) {
            if (i % 3 == 0) many.emplace_back(alt_a{.text = std::to_string(i)});
            else if (i % 3 == 1) many.emplace_back(alt_b{.values = {i}});
            else many.emplace_back(json::unrecognised{std::to_string(i), {}});
        }
        CHECK(many[39].get_if<alt_a>()->text == "39");
        CHECK(many[37].get_if<alt_b>()->values == std::vector<int>{37});
        CHECK(many[38].tag() == "38");
        CHECK(live::count == 4 + 27);
    }
    CHECK(live::count == 0);
}

TEST_CASE("tagged_union storage: a union of 17 alternatives (table dispatch)")
{
    using namespace storage;
    {
        u17 d;
        CHECK(d.holds<wide_alt<0>>());
        u17 x = wide_alt<16>{.text = "sixteen"};
        CHECK(x.index() == 16);
        CHECK(x.get_if<16>()->text == "sixteen");
        auto value = [](auto const& alt) -> int {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(alt)>, json::unrecognised>) return -1;
            else return alt.value;
        };
        CHECK(x.visit(value) == 16);
        u17 y = x;  // copy
        CHECK(y == x);
        CHECK(live::count == 3);
        y = u17(wide_alt<7>{.text = "seven"});  // move-assign, another alternative
        CHECK(y.visit(value) == 7);
        CHECK(y != x);
        y = x;  // copy-assign, another alternative
        CHECK(y.get_if<wide_alt<16>>()->text == "sixteen");
        u17 z = std::move(y);  // move
        CHECK(z == x);
        z.emplace<9>().text = "nine";
        CHECK(std::as_const(z).visit(value) == 9);
        z = json::unrecognised{"x", {}};
        CHECK(z.is_unrecognised());
        CHECK(z.visit(value) == -1);
        CHECK(live::count == 3);  // d, x, y (moved-from, still holds its alternative)
        std::vector<u17> many;
        for (int i = 0; i < 40; ++i) many.emplace_back(wide_alt<13>{.text = std::to_string(i)});
        CHECK(many[39].get_if<wide_alt<13>>()->text == "39");
        CHECK(live::count == 43);
    }
    CHECK(live::count == 0);
}

TEST_CASE("tagged_union storage: equality")
{
    using namespace storage;
    u3 const a1 = alt_a{.text = "x"};
    u3 const a2 = alt_a{.text = "x"};
    u3 const a3 = alt_a{.text = "y"};
    u3 const b = alt_b{};
    u3 const c = alt_c{};
    CHECK(a1 == a2);
    CHECK(a1 != a3);
    CHECK(a1 != b);
    CHECK(b != c);
    CHECK(c == u3(alt_c{}));
    u3 const u1 = json::unrecognised{"t", json::raw_json(R"({"kind":"t"})")};
    u3 const u2 = json::unrecognised{"t", json::raw_json(R"({"kind":"t"})")};
    u3 const u3v = json::unrecognised{"t", json::raw_json(R"({"kind":"t","x":1})")};
    CHECK(u1 == u2);
    CHECK(u1 != u3v);
    CHECK(u1 != a1);
}

#if defined(__cpp_exceptions)
TEST_CASE("tagged_union storage: a throwing copy leaves a valid value")
{
    using namespace storage;
    {
        u3 target = alt_a{.text = "kept"};
        u3 const source = alt_b{.values = {1}};
        copy_bomb::armed = true;
        // Copy-assign to another alternative: the copy is made first, so target is unchanged.
        CHECK_THROWS_AS(target = source, std::runtime_error);
        CHECK(target.get_if<alt_a>()->text == "kept");
        // Copy construction that throws builds nothing.
        CHECK_THROWS_AS(u3{source}, std::runtime_error);
        // Copy-assign within the same alternative: the alternative's own copy-assignment, and its
        // guarantee (here basic: the members before the throwing one are already copied).
        u3 same = alt_b{.values = {2}};
        CHECK_THROWS_AS(same = source, std::runtime_error);
        CHECK(same.holds<alt_b>());
        copy_bomb::armed = false;
        CHECK(live::count == 3);

        // Emplace whose construction throws: the old value is already gone, so the union holds an
        // empty unrecognised, not a half-built alternative.
        alt_b const bomb{.values = {9}};
        copy_bomb::armed = true;
        CHECK_THROWS_AS(target.emplace<alt_b>(bomb), std::runtime_error);
        copy_bomb::armed = false;
        CHECK(target.is_unrecognised());
        CHECK(target.tag().empty());
        CHECK(target.get_if<json::unrecognised>()->raw.text.empty());
        CHECK(json::encode(target) == R"({"kind":""})");
        CHECK(live::count == 3);
        // And the union is fully usable afterwards.
        target = source;
        CHECK(target == source);
        target = u3(alt_c{.x = 2});
        CHECK(target.holds<alt_c>());
        CHECK(live::count == 4);
    }
    CHECK(live::count == 0);
}
#endif

TEST_CASE("tagged_union storage: decoding into a union that already holds a value")
{
    using namespace storage;
    {
        u3 v = alt_b{.values = {1, 2, 3}};
        REQUIRE(json::decode_into(v, R"({"kind":"b","values":[4]})"));  // the same alternative, reused
        CHECK(v.get_if<alt_b>()->values == std::vector<int>{4});
        REQUIRE(json::decode_into(v, R"({"kind":"a","text":"now a"})"));  // another alternative
        CHECK(v.get_if<alt_a>()->text == "now a");
        REQUIRE(json::decode_into(v, R"({"kind":"q","text":"?"})"));  // unrecognised
        CHECK(v.is_unrecognised());
        CHECK(v.tag() == "q");
        REQUIRE(json::decode_into(v, R"({"kind":"c","x":1.5})"));  // and back
        CHECK(v.get_if<alt_c>()->x == 1.5);
        CHECK(json::encode(v) == R"({"kind":"c","x":1.5})");
        CHECK(live::count == 1);
        auto list = json::decode<std::vector<u3>>(R"([{"kind":"a","text":"1"},{"kind":"b","values":[]},{"kind":"zz"}])");
        REQUIRE(list);
        CHECK(list->at(2).is_unrecognised());
        CHECK(live::count == 3);
    }
    CHECK(live::count == 0);
}
