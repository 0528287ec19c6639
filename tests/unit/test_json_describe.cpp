// APIBIND_DESCRIBE_STRUCT describes exactly what BOOST_DESCRIBE_STRUCT describes: the same members,
// names, pointers, modifiers and bases as Boost.Describe reports them, and the same JSON.
#include <apibind/json.hpp>
#include <apibind/json/describe.hpp>

#include <boost/describe/class.hpp>
#include <boost/mp11/algorithm.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace describe_test {

struct part_a {
    std::string id{};
    int count{};
};
struct part_b {
    std::optional<std::string> note{};
};

// The same shapes twice: described by Boost's macro and by apibind's.
struct boost_whole : part_a, part_b {
    std::vector<int> values{};
    bool flag{};
};
struct boost_empty {};

struct apibind_part_a {
    std::string id{};
    int count{};
};
struct apibind_part_b {
    std::optional<std::string> note{};
};
struct apibind_whole : apibind_part_a, apibind_part_b {
    std::vector<int> values{};
    bool flag{};
};
struct apibind_empty {};

}  // namespace describe_test

namespace describe_test {
BOOST_DESCRIBE_STRUCT(part_a, (), (id, count))
BOOST_DESCRIBE_STRUCT(part_b, (), (note))
BOOST_DESCRIBE_STRUCT(boost_whole, (part_a, part_b), (values, flag))
BOOST_DESCRIBE_STRUCT(boost_empty, (), ())
APIBIND_DESCRIBE_STRUCT(apibind_part_a, (), (id, count))
APIBIND_DESCRIBE_STRUCT(apibind_part_b, (), (note))
APIBIND_DESCRIBE_STRUCT(apibind_whole, (apibind_part_a, apibind_part_b), (values, flag))
APIBIND_DESCRIBE_STRUCT(apibind_empty, (), ())
}  // namespace describe_test

namespace {

namespace bd = boost::describe;
namespace mp = boost::mp11;
using namespace describe_test;

template <class T, unsigned M>
std::vector<std::string> names_of()
{
    std::vector<std::string> names;
    mp::mp_for_each<bd::describe_members<T, M>>([&](auto d) { names.emplace_back(d.name); });
    return names;
}

template <class T, unsigned M>
std::vector<unsigned> modifiers_of()
{
    std::vector<unsigned> mods;
    mp::mp_for_each<bd::describe_members<T, M>>([&](auto d) { mods.push_back(d.modifiers); });
    return mods;
}

}  // namespace

TEST_CASE("APIBIND_DESCRIBE_STRUCT: Boost.Describe sees what BOOST_DESCRIBE_STRUCT gives it")
{
    static_assert(bd::has_describe_members<apibind_whole>::value && bd::has_describe_bases<apibind_whole>::value);
    static_assert(mp::mp_size<bd::describe_bases<apibind_whole, bd::mod_public>>::value == 2);
    static_assert(std::is_same_v<mp::mp_at_c<bd::describe_bases<apibind_whole, bd::mod_public>, 1>::type, apibind_part_b>);
    static_assert(mp::mp_size<bd::describe_members<apibind_empty, bd::mod_any_access>>::value == 0);
    static_assert(mp::mp_size<bd::describe_members<apibind_whole, bd::mod_protected | bd::mod_private>>::value == 0);
    static_assert(mp::mp_at_c<bd::describe_members<apibind_part_a, bd::mod_public>, 1>::pointer == &apibind_part_a::count);

    constexpr unsigned own = bd::mod_public;
    constexpr unsigned all = bd::mod_public | bd::mod_inherited;
    CHECK(names_of<apibind_whole, own>() == names_of<boost_whole, own>());
    CHECK(names_of<apibind_whole, all>() == names_of<boost_whole, all>());
    CHECK(names_of<apibind_whole, all>() == std::vector<std::string>{"id", "count", "note", "values", "flag"});
    CHECK(modifiers_of<apibind_whole, all>() == modifiers_of<boost_whole, all>());
    CHECK(modifiers_of<apibind_whole, own>() == modifiers_of<boost_whole, own>());
}

TEST_CASE("APIBIND_DESCRIBE_STRUCT: the codec reads and writes such a struct as it does a Boost-described one")
{
    std::string_view const doc = R"({"id":"a1","count":3,"note":"n","values":[1,2],"flag":true})";
    auto ours = apibind::json::decode<apibind_whole>(doc);
    auto theirs = apibind::json::decode<boost_whole>(doc);
    REQUIRE(ours.has_value());
    REQUIRE(theirs.has_value());
    CHECK(ours->id == "a1");
    CHECK(ours->count == 3);
    CHECK(ours->note == "n");
    CHECK(ours->values == std::vector<int>{1, 2});
    CHECK(ours->flag);
    CHECK(apibind::json::encode(*ours) == apibind::json::encode(*theirs));
    CHECK(apibind::json::encode(*ours) == doc);

    // A missing required member is named, like any described struct's.
    auto missing = apibind::json::decode<apibind_whole>(R"({"id":"a1","note":null,"values":[],"flag":false})");
    REQUIRE_FALSE(missing.has_value());
    CHECK(to_string(missing.error()).find("count") != std::string::npos);
    CHECK(apibind::json::encode(apibind_empty{}) == "{}");
}
