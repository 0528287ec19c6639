// libFuzzer target: the codec itself, on types the API bindings do not use (floating point,
// every integer width, maps, raw_json, nullable, closed enums, nested arrays), and the limits.
// The first input byte picks the type; for the limits case it also picks decode_options.
#include "fuzz_common.hpp"

#include <apibind/json.hpp>

#include <boost/describe.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz_models {

namespace json = apibind::json;

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct scalars {
    std::optional<bool> b;
    std::optional<std::int8_t> i8;
    std::optional<std::uint8_t> u8;
    std::optional<std::int16_t> i16;
    std::optional<std::uint16_t> u16;
    std::optional<std::int32_t> i32;
    std::optional<std::uint32_t> u32;
    std::optional<std::int64_t> i64;
    std::optional<std::uint64_t> u64;
    std::optional<double> d;
    std::optional<float> f;
    std::optional<std::string> s;
};
BOOST_DESCRIBE_STRUCT(scalars, (), (b, i8, u8, i16, u16, i32, u32, i64, u64, d, f, s))

struct alt_a {
    json::literal<"a"> kind;
    std::vector<std::int64_t> values;
};
BOOST_DESCRIBE_STRUCT(alt_a, (), (kind, values))

struct alt_b {
    json::literal<"b"> kind;
    std::optional<json::raw_json> payload;
    json::nullable<std::string> note;
};
BOOST_DESCRIBE_STRUCT(alt_b, (), (kind, payload, note))

using choice = json::tagged_union<"kind", alt_a, alt_b>;

struct everything {
    std::string id;
    std::optional<color> favourite;
    std::vector<json::open_enum<color>> colors;
    json::record<json::any_value> metadata;
    std::map<std::string, std::vector<double>> series;
    std::vector<std::vector<std::string>> grid;
    std::vector<choice> choices;
    json::nullable<std::int32_t> maybe;
    std::optional<json::raw_json> extra;
    std::optional<scalars> numbers;
};
BOOST_DESCRIBE_STRUCT(everything, (), (id, favourite, colors, metadata, series, grid, choices, maybe, extra, numbers))
APIBIND_JSON_OPTIONS(everything, options{}
                                     .default_when_absent("colors")
                                     .default_when_absent("metadata")
                                     .default_when_absent("series")
                                     .default_when_absent("grid")
                                     .default_when_absent("choices"))

struct pascal {
    std::int32_t account_id = 0;
    std::optional<std::string> associate_name;
    std::optional<std::string> select;
};
BOOST_DESCRIBE_STRUCT(pascal, (), (account_id, associate_name, select))
APIBIND_JSON_OPTIONS(pascal, options{}.with_naming(naming::pascal_case).key("select", "$select"))

// A type that holds itself: the descent recurses into it, up to its own recursion limit (96
// open containers), and leaves deeper documents to the events.
struct tree {
    std::optional<std::int32_t> value;
    std::vector<tree> children;
};
BOOST_DESCRIBE_STRUCT(tree, (), (value, children))
APIBIND_JSON_OPTIONS(tree, options{}.default_when_absent("children"))

}  // namespace fuzz_models

namespace {

using apibind_fuzz::round_trip;
using apibind_fuzz::violation;
namespace m = fuzz_models;
namespace json = apibind::json;

// Small limits, so that inputs of a few hundred bytes reach every limit check.
void limits(std::uint8_t sel, std::string_view in)
{
    json::decode_options opt;
    opt.max_depth = 1 + sel % 8;
    opt.max_string_length = (sel / 8) % 4 * 8;
    opt.max_array_length = (sel / 32) % 8;
    // The descent and the events agree under these limits too (and a tree nests as deep as the
    // input, past the descent's recursion limit when max_depth allows it).
    apibind_fuzz::differential<m::everything>(in, opt);
    apibind_fuzz::differential<m::tree>(in, opt);
    json::decode_options deep;
    deep.max_depth = 64 + sel;
    apibind_fuzz::differential<m::tree>(in, deep);
    apibind_fuzz::differential<std::vector<m::choice>>(in, opt);
    // And each limit on its own at every small value, the others at their defaults: an input
    // reaches the edge of each limit whatever the selector byte says.
    for (std::size_t v = 0; v < 8; ++v) {
        json::decode_options one;
        one.max_depth = v + 1;
        apibind_fuzz::differential<m::everything>(in, one);
        apibind_fuzz::differential<m::tree>(in, one);
        one = {};
        one.max_string_length = v * 3;
        apibind_fuzz::differential<m::everything>(in, one);
        one = {};
        one.max_array_length = v;
        apibind_fuzz::differential<m::everything>(in, one);
        apibind_fuzz::differential<std::vector<m::choice>>(in, one);
    }
    auto r = json::decode<m::everything>(in, opt);
    if (!r) {
        apibind_fuzz::check_error(r.error());
        return;
    }
    // Accepted under tight limits: the same input is accepted with the defaults, to the same value.
    auto loose = json::decode<m::everything>(in);
    if (!loose) violation("accepted with tight limits, refused with the defaults", in, to_string(loose.error()));
    if (json::encode(*r) != json::encode(*loose)) violation("tight and default limits decode differently", json::encode(*r), json::encode(*loose));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0) return 0;
    std::string_view in(reinterpret_cast<char const*>(data) + 1, size - 1);
    switch (data[0] % 10) {
    case 0: round_trip<m::everything>(in); break;
    case 1: round_trip<m::scalars>(in); break;
    case 2: round_trip<json::record<json::any_value>>(in); break;
    case 3: round_trip<json::raw_json>(in); break;
    case 4: round_trip<json::any_value>(in); break;
    case 5: round_trip<std::vector<m::choice>>(in); break;
    case 6: round_trip<std::map<std::string, json::nullable<double>>>(in); break;
    case 7: round_trip<m::pascal>(in); break;
    case 8: round_trip<std::vector<std::optional<m::color>>>(in); break;
    case 9:
        if (in.empty()) break;
        limits(static_cast<std::uint8_t>(in.front()), in.substr(1));
        break;
    }
    return 0;
}
