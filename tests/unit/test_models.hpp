// Small described models shared by the core's unit tests (not the Seam ones: those live in
// apibind/seam and have their own tests).
#ifndef APIBIND_TESTS_UNIT_TEST_MODELS_HPP
#define APIBIND_TESTS_UNIT_TEST_MODELS_HPP

#include <apibind/apibind.hpp>

#include "support/doctest_result.hpp"
#include "support/test_data.hpp"

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace models {

namespace json = apibind::json;

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct scalars {
    bool b;
    std::int8_t i8;
    std::uint8_t u8;
    std::int16_t i16;
    std::uint16_t u16;
    std::int32_t i32;
    std::uint32_t u32;
    std::int64_t i64;
    std::uint64_t u64;
    double d;
    float f;
    std::string s;
};
BOOST_DESCRIBE_STRUCT(scalars, (), (b, i8, u8, i16, u16, i32, u32, i64, u64, d, f, s))

struct site {
    std::string site_id;
    std::int64_t limit;
};
BOOST_DESCRIBE_STRUCT(site, (), (site_id, limit))

struct meta {
    std::vector<site> sites;
};
BOOST_DESCRIBE_STRUCT(meta, (), (sites))

struct disconnected {
    std::string created_at;
    json::literal<"account_disconnected"> error_code;
    std::string message;
    std::optional<bool> is_bridge_error;
};
BOOST_DESCRIBE_STRUCT(disconnected, (), (created_at, error_code, message, is_bridge_error))

struct limit_exceeded {
    std::string created_at;
    json::literal<"limit_exceeded"> error_code;
    std::string message;
    meta salto_ks_metadata;
};
BOOST_DESCRIBE_STRUCT(limit_exceeded, (), (created_at, error_code, message, salto_ks_metadata))

using account_error = json::tagged_union<"error_code", disconnected, limit_exceeded>;

struct account {
    std::string id;
    std::optional<std::string> email;
    std::vector<account_error> errors;
    std::vector<json::open_enum<color>> colors;
    json::record<json::any_value> metadata;
    json::nullable<std::string> cursor;
    std::optional<color> favourite;
    std::optional<json::raw_json> extra;
};
BOOST_DESCRIBE_STRUCT(account, (), (id, email, errors, colors, metadata, cursor, favourite, extra))
APIBIND_JSON_OPTIONS(account, options{}.default_when_absent("errors").default_when_absent("colors").default_when_absent("metadata"))

struct envelope {
    account connected_account;
    std::optional<bool> ok;
};
BOOST_DESCRIBE_STRUCT(envelope, (), (connected_account, ok))

struct pascal {
    std::int32_t account_id;
    std::string associate_name;
};
BOOST_DESCRIBE_STRUCT(pascal, (), (account_id, associate_name))
APIBIND_JSON_OPTIONS(pascal, options{}.with_naming(naming::pascal_case))

struct camel {
    std::int32_t account_id;
    std::optional<std::string> select;
};
BOOST_DESCRIBE_STRUCT(camel, (), (account_id, select))
APIBIND_JSON_OPTIONS(camel, options{}.with_naming(naming::camel_case).key("select", "$select"))

struct maps {
    std::map<std::string, int> ordered;
    std::unordered_map<std::string, std::vector<std::string>> unordered;
};
BOOST_DESCRIBE_STRUCT(maps, (), (ordered, unordered))

struct base_part {
    std::string base_id;
};
BOOST_DESCRIBE_STRUCT(base_part, (), (base_id))
struct derived_part : base_part {
    int extra_value;
};
BOOST_DESCRIBE_STRUCT(derived_part, (base_part), (extra_value))

struct nothing {};
BOOST_DESCRIBE_STRUCT(nothing, (), ())

using apibind_test::json_equal;

// n bytes, each unlike its neighbours, so a byte copied to or from the wrong place shows.
inline std::string text_of_length(std::size_t n, std::size_t seed = 0)
{
    constexpr std::string_view pool = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-:.+";
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += pool[(i + seed) % pool.size()];
    return t;
}

}  // namespace models

#endif
