// apibind/cli.hpp: command words from endpoint paths, flags from described request structs, help.
#include <apibind/cli.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/json/record.hpp>
#include <apibind/json/any_value.hpp>

#include <boost/describe.hpp>
#include <boost/mp11/list.hpp>

#include <doctest/doctest.h>

#include "doctest_result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli_test {

namespace json = apibind::json;

enum class colour { red, dark_blue };
BOOST_DESCRIBE_ENUM(colour, red, dark_blue)

struct point {
    std::int64_t x = 0;
    std::int64_t y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct paint_request {
    std::string device_id{};
    colour shade = colour::red;
    std::optional<std::int64_t> limit{};
    std::optional<bool> sync{};
    std::optional<double> ratio{};
    json::nullable<std::string> page_cursor{};
    std::optional<std::vector<std::string>> tags{};
    std::optional<point> at{};
    std::optional<json::record<json::any_value>> custom_metadata{};
    std::optional<json::open_enum<colour>> trim{};
};
BOOST_DESCRIBE_STRUCT(paint_request, (), (device_id, shade, limit, sync, ratio, page_cursor, tags, at, custom_metadata, trim))

struct empty {};
BOOST_DESCRIBE_STRUCT(empty, (), ())

struct item_request {
    std::string user_id{};
};
BOOST_DESCRIBE_STRUCT(item_request, (), (user_id))

using paint = apibind::endpoint<"/locks/paint_door", paint_request, empty>;
using list = apibind::endpoint<"/locks/list", empty, empty>;
using grant = apibind::endpoint<"/acs/users/grant_access", empty, empty>;
using revoke = apibind::endpoint<"/acs/users/revoke_access", empty, empty>;
using enter = apibind::endpoint<"/acs/entrances/list", empty, empty>;
using item = apibind::endpoint<"/users/{user_id}/items", item_request, empty>;
using endpoints = boost::mp11::mp_list<paint, list, grant, revoke, enter, item>;

// A request in two forms (one_of<>), one of them a group of two members.
struct find_request {
    std::optional<std::string> account_id{};
    std::optional<std::string> login_name{};
    std::optional<std::string> org{};
};
BOOST_DESCRIBE_STRUCT(find_request, (), (account_id, login_name, org))
using find = apibind::endpoint<"/accounts/find", find_request, empty,
                               apibind::one_of<apibind::members<"account_id">, apibind::members<"org", "login_name">>>;
// A request whose forms a member's value chooses (chosen_by<>); `mode` left out means "off".
struct set_mode_request {
    std::string device_id{};
    std::optional<std::string> mode{};
    std::optional<double> cool_to{};
    std::optional<double> heat_to{};
};
BOOST_DESCRIBE_STRUCT(set_mode_request, (), (device_id, mode, cool_to, heat_to))
using set_mode = apibind::endpoint<"/thermostat/set_mode", set_mode_request, empty,
                                   apibind::chosen_by<"mode", apibind::form<apibind::values<"off">, apibind::or_absent>,
                                                      apibind::form<apibind::values<"cool">, apibind::members<"cool_to">>,
                                                      apibind::form<apibind::values<"heat", "warm">, apibind::members<"heat_to">>>>;
using tree = apibind::cli::command_tree<endpoints>;

apibind::result<apibind::cli::command_line> parse(std::vector<char const*> args)
{
    static constexpr std::array<std::string_view, 2> switches{"help", "all"};
    return apibind::cli::parse_command_line(args, switches);
}

apibind::result<paint_request> paint_with(std::vector<apibind::cli::flag> const& flags)
{
    return apibind::cli::parse_request<paint_request>(flags);
}

std::string message_of(apibind::result<paint_request> const& r)
{
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == apibind::error_kind::invalid_argument);
    return r.error().message;
}

}  // namespace cli_test

using namespace cli_test;

TEST_CASE("cli: command line: words, then --name value, --name=value and switches")
{
    auto line = parse({"acs", "users", "list", "--limit", "5", "--all", "--offset", "-5", "--email=a=b@c", "-h"});
    REQUIRE(line);
    CHECK(line->words == std::vector<std::string>{"acs", "users", "list"});
    REQUIRE(line->flags.size() == 3);
    CHECK(line->flags[0].name == "limit");
    CHECK(line->flags[0].value == "5");
    CHECK(line->flags[1].value == "-5");  // a value may start with '-'
    CHECK(line->flags[2].name == "email");
    CHECK(line->flags[2].value == "a=b@c");
    CHECK(line->has("all"));
    CHECK(line->has("help"));

    CHECK(parse({"locks", "--device_id"}).error().message == "--device_id needs a value");
    CHECK(parse({"locks", "--all=yes"}).error().message == "--all takes no value");
    CHECK(parse({"locks", "--limit", "5", "stray"}).error().message.starts_with("unexpected argument \"stray\""));
    CHECK(parse({}).value().words.empty());
}

TEST_CASE("cli: command words are the path's segments with '-' for '_', without {parameters}")
{
    CHECK(apibind::cli::command_words("/acs/users/grant_access") == std::vector<std::string>{"acs", "users", "grant-access"});
    CHECK(apibind::cli::command_words("/users/{user_id}/items") == std::vector<std::string>{"users", "items"});
}

TEST_CASE("cli: command tree finds commands, groups and the first unknown word")
{
    auto find = [](std::vector<std::string> words) { return tree::find(words); };
    auto m = find({"acs", "users", "revoke-access"});
    CHECK(m.kind == tree::found::command);
    CHECK(tree::path(m.index) == "/acs/users/revoke_access");
    CHECK(tree::visit(m.index, [](auto e) { return std::string(decltype(e)::type::path); }) == "/acs/users/revoke_access");

    CHECK(find({}).kind == tree::found::group);
    CHECK(find({"acs", "users"}).kind == tree::found::group);
    m = find({"acs", "doors", "list"});
    CHECK(m.kind == tree::found::unknown);
    CHECK(m.matched == 1);
    m = find({"locks", "paint-door", "now"});
    CHECK(m.kind == tree::found::unknown);
    CHECK(m.matched == 2);
    CHECK(find({"locks", "paint_door"}).kind == tree::found::unknown);  // words are spelled with '-'

    auto const root = tree::children({});
    REQUIRE(root.size() == 3);
    CHECK(root[0].word == "acs");
    CHECK_FALSE(root[0].is_command);
    CHECK(root[0].commands == 3);
    CHECK(root[1].word == "locks");
    CHECK(root[1].commands == 2);
    std::vector<std::string> const acs{"acs"};
    CHECK(apibind::cli::format_entries(tree::children(acs)) == "groups:\n  entrances ...   1 command\n  users ...       2 commands\n");
    std::vector<std::string> const users{"acs", "users"};
    CHECK(apibind::cli::format_entries(tree::children(users)) == "commands:\n  grant-access\n  revoke-access\n");
}

TEST_CASE("cli: flags fill the request through the codec")
{
    auto r = paint_with({{"device_id", "dev 1"},
                         {"shade", "dark_blue"},
                         {"limit", "5"},
                         {"sync", "true"},
                         {"ratio", "0.5"},
                         {"page_cursor", "abc"},
                         {"tags", R"(["a","b"])"},
                         {"at", R"({"x":1,"y":2})"},
                         {"custom_metadata", R"({"floor":4})"},
                         {"trim", "gold"}});
    REQUIRE(r);
    CHECK(r->device_id == "dev 1");
    CHECK(r->shade == colour::dark_blue);
    CHECK(r->limit == 5);
    CHECK(r->sync == true);
    CHECK(r->ratio == 0.5);
    CHECK(r->page_cursor.has_value());
    CHECK(*r->page_cursor == "abc");
    CHECK(r->tags == std::vector<std::string>{"a", "b"});
    REQUIRE(r->at);
    CHECK(r->at->y == 2);
    REQUIRE(r->custom_metadata);
    CHECK(r->trim->to_string() == "gold");  // an open enum keeps a name it does not know

    // Text with JSON's special characters stays text for string members.
    r = paint_with({{"device_id", R"(a "quoted" \ id)"}, {"shade", "red"}});
    REQUIRE(r);
    CHECK(r->device_id == R"(a "quoted" \ id)");
    CHECK(r->shade == colour::red);
    CHECK_FALSE(r->limit);

    // '-' for '_' in a flag name is accepted.
    r = paint_with({{"device-id", "d"}, {"shade", "red"}});
    REQUIRE(r);
    CHECK(r->device_id == "d");
}

TEST_CASE("cli: flag mistakes are errors naming the flag")
{
    CHECK(message_of(paint_with({{"device_id", "d"}, {"limit", "many"}})).starts_with("--limit: \"many\" is not a valid integer"));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"limit", "1.5"}})).starts_with("--limit: \"1.5\" is not a valid integer"));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"sync", "yes"}})).starts_with("--sync: \"yes\" is not a valid boolean"));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"shade", "green"}})).starts_with("--shade: \"green\" is not a valid red|dark_blue"));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"at", R"({"x":1})"}})).starts_with("--at: \"{\"x\":1}\" is not a valid object ("));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"tags", R"(["a",1])"}})).starts_with("--tags: \"[\"a\",1]\" is not a valid array of string (at [1]: "));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"colour", "red"}})).starts_with("unknown flag --colour (flags: --device_id, --shade, --limit"));
    CHECK(message_of(paint_with({{"device_id", "d"}, {"device_id", "e"}})) == "--device_id is given twice");
    CHECK(message_of(paint_with({{"limit", "5"}})) == "missing required flag --device_id (string), --shade (red|dark_blue)");
    CHECK(apibind::cli::parse_request<empty>(std::vector<apibind::cli::flag>{{"x", "1"}}).error().message ==
          "unknown flag --x (this command takes no flags)");
}

TEST_CASE("cli: help says which flags make each form of a one_of<> request")
{
    CHECK(apibind::cli::request_forms_help<find>() == "give exactly one of: --account_id | --org + --login_name");
    CHECK(apibind::cli::request_forms_help<paint>().empty());
}

TEST_CASE("cli: help says which flags each value of a chosen_by<> key takes")
{
    CHECK(apibind::cli::request_forms_help<set_mode>() ==
          "the value of --mode chooses which of these flags may be given:\n"
          "  (not given), off: none\n"
          "  cool: --cool_to\n"
          "  heat, warm: --heat_to");
}

TEST_CASE("cli: help lists each flag with its type, required ones first")
{
    auto const flags = apibind::cli::request_flags<paint_request>();
    CHECK(apibind::cli::usage_line("tool", "locks paint-door", flags) ==
          "usage: tool locks paint-door --device_id VALUE --shade VALUE [flags]");
    CHECK(apibind::cli::format_flags(flags) ==
          "  --device_id        required  string\n"
          "  --shade            required  red|dark_blue\n"
          "  --limit                      integer\n"
          "  --sync                       boolean\n"
          "  --ratio                      number\n"
          "  --page_cursor                string\n"
          "  --tags                       array of string\n"
          "  --at                         object\n"
          "  --custom_metadata            object\n"
          "  --trim                       red|dark_blue|...\n");
}
