// apibind-seam: Seam Connect from the command line, in the Seam CLI's shape. Every endpoint apibind
// binds is a command; its request members are its flags (apibind/cli.hpp derives both):
//
//   apibind-seam connected-accounts get --connected_account_id ID
//   apibind-seam connected-accounts list --limit 2 [--all]
//   apibind-seam connected-accounts update --connected_account_id ID --custom_metadata '{"floor":4}'
//   apibind-seam <group...> <command> --help       the command's flags, their types, which are required
//   apibind-seam [<group...>] --help               what a group holds
//   apibind-seam decode connected_account|event < payload.json
//   apibind-seam webhook verify --svix-id ID --svix-timestamp TS --svix-signature SIG < body   (webhook.cpp)
//   apibind-seam --version
//
// Reads SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID) and SEAM_ENDPOINT, only
// once the command line is known to be good. Prints the unwrapped response as JSON on stdout; on
// an error prints one line to stderr. Exit status: 0 done, 1 the call failed, 2 a usage error.
#include "endpoints.hpp"
#include "output.hpp"
#include "run.hpp"
#include "webhook.hpp"

#include <apibind/cli/command_line.hpp>
#include <apibind/cli/command_tree.hpp>
#include <apibind/cli/help.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/seam/connected_account.hpp>
#include <apibind/seam/events.hpp>
#include <apibind/version.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

namespace {

namespace seam = apibind::seam;
namespace cli = apibind::cli;
using tree = cli::command_tree<seam_cli::endpoints>;
using seam_cli::program;
using seam_cli::usage;
using seam_cli::fail;
using seam_cli::print_json;

constexpr char const environment_text[] =
    "environment:\n"
    "  SEAM_API_KEY       the API key (seam_...); or SEAM_PERSONAL_ACCESS_TOKEN with SEAM_WORKSPACE_ID\n"
    "  SEAM_ENDPOINT      the API's base URL (default https://connect.getseam.com)\n"
    "Prints the response as JSON. Exit status: 0 done, 1 the call failed, 2 a usage error.\n";

// Runs endpoint `index` through the part that compiled it. Only here: where run_part's
// definition is visible (run_part_N.cpp) this would instantiate every part.
int run_endpoint(std::size_t index, cli::command_line const& line)
{
    return boost::mp11::mp_with_index<seam_cli::parts>(seam_cli::part_of(index),
                                                       [&](auto p) { return seam_cli::run_part<decltype(p)::value>(index, line); });
}

// What a group holds (the root: every top-level group, plus the commands of this program's own).
std::string group_help(std::span<std::string const> prefix)
{
    std::string const words = cli::join_words(prefix);
    std::string text = "usage: " + std::string(program) + (words.empty() ? "" : " " + words) + " <command> [--flag VALUE]...\n";
    text += cli::format_entries(tree::children(prefix));
    if (prefix.empty()) {
        text += "other commands:\n"
                "  decode connected_account|event   validate a payload read from stdin and print it\n";
        text += seam_cli::webhook_usage;
        text +=
                "options:\n"
                "  --help, -h    at any level: what exists there (a command's flags, their types, which are required)\n"
                "  --version\n";
        text += environment_text;
    } else {
        text += "Run `" + std::string(program) + ' ' + words + " <command> --help` for a command's flags.\n";
    }
    return text;
}

// Validates a payload read from stdin and prints it back, normalised.
int decode(std::span<std::string const> what)
{
    if (what.size() != 1 || (what[0] != "connected_account" && what[0] != "event"))
        return usage("decode takes one type: connected_account or event");
    std::string const input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (what[0] == "connected_account") {
        auto r = apibind::json::decode<seam::connected_account>(input);
        return r ? print_json(apibind::json::encode(*r)) : fail(r.error());
    }
    auto r = apibind::json::decode<seam::event>(input);
    if (!r) return fail(r.error());
    if (r->is_unrecognised()) std::fprintf(stderr, "note: event type \"%s\" is not modelled; kept as is\n", std::string(r->tag()).c_str());
    return print_json(apibind::json::encode(*r));
}

}  // namespace

int main(int argc, char** argv)
{
    // Its own flags (--svix-id ...), not a request's: webhook.cpp reads them.
    if (argc > 1 && std::string_view(argv[1]) == "webhook") return seam_cli::webhook(argc, argv, 2);
    static constexpr std::array<std::string_view, 4> switches{"help", "version", "all", "no-wait"};
    auto line = cli::parse_command_line(std::span<char const* const>(argv + 1, argc > 1 ? static_cast<std::size_t>(argc - 1) : 0), switches);
    if (!line) return usage(line.error().message, "Run `apibind-seam --help` for the commands.\n");
    auto const& words = line->words;

    if (words.empty() && line->has("version")) {
        std::printf("%.*s %s\n", static_cast<int>(program.size()), program.data(), APIBIND_VERSION_STRING);
        return 0;
    }
    if (words.size() == 1 && words[0] == "help") {
        seam_cli::write(stdout, group_help({}));
        return 0;
    }
    if (!words.empty() && words[0] == "decode") return decode(std::span(words).subspan(1));

    auto const m = tree::find(words);
    switch (m.kind) {
    case tree::found::command:
        return run_endpoint(m.index, *line);
    case tree::found::group:
        if (line->has("help")) {
            seam_cli::write(stdout, group_help(words));
            return 0;
        }
        return usage(words.empty() ? "no command" : "\"" + cli::join_words(words) + "\" needs a command", group_help(words));
    case tree::found::unknown:
        break;
    }
    auto const known = std::span(words).first(m.matched);
    std::string where = known.empty() ? std::string() : " in \"" + cli::join_words(known) + "\"";
    if (tree::find(known).kind == tree::found::command)
        return usage("unexpected word \"" + words[m.matched] + "\" after the command \"" + cli::join_words(known) + "\"");
    return usage("unknown command \"" + words[m.matched] + "\"" + where, group_help(known));
}
