// apibind::cli::parse_command_line: splits a program's arguments the way API command-line tools
// take them: command words first, then options.
//
//   acs users list --limit 5 --all        words {"acs", "users", "list"}, flags {limit: "5"}, switches {"all"}
//   connected-accounts get --email=a@b.c  `--name=value` works too
//
// Every option takes a value except the switches the program names (`--help`, `--all`, ...), so a
// value may itself start with '-' (`--offset -5`). `-h` is `--help` when "help" is a switch.
#ifndef APIBIND_CLI_COMMAND_LINE_HPP
#define APIBIND_CLI_COMMAND_LINE_HPP

#include <apibind/error.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind::cli {

// One `--name value`, the name without its dashes.
struct flag {
    std::string name;
    std::string value;
};

struct command_line {
    std::vector<std::string> words;     // the leading arguments that are not options
    std::vector<flag> flags;            // in the order given
    std::vector<std::string> switches;  // each at most once

    bool has(std::string_view name) const noexcept
    {
        return std::find(switches.begin(), switches.end(), name) != switches.end();
    }
};

// A mistake on the command line (what a program reports with its usage, exit status 2 by
// convention): kind invalid_argument; the message names the word or flag.
inline error usage_error(std::string message)
{
    return make_error(error_kind::invalid_argument, error_code::invalid_argument, std::move(message));
}

// `args` excludes the program name. `switch_names` lists the options that take no value.
inline result<command_line> parse_command_line(std::span<char const* const> args,
                                               std::span<std::string_view const> switch_names)
{
    auto const is_switch = [&](std::string_view n) {
        return std::find(switch_names.begin(), switch_names.end(), n) != switch_names.end();
    };
    command_line out;
    std::size_t i = 0;
    for (; i < args.size() && !std::string_view(args[i]).starts_with('-'); ++i) out.words.emplace_back(args[i]);
    for (; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "-h" && is_switch("help")) arg = "--help";
        if (!arg.starts_with("--") || arg.size() == 2) {
            return usage_error("unexpected argument \"" + std::string(arg) +
                               "\": command words come first, then --name value options");
        }
        std::string_view const body = arg.substr(2);
        std::size_t const eq = body.find('=');
        std::string name(body.substr(0, eq));
        if (is_switch(name)) {
            if (eq != std::string_view::npos) return usage_error("--" + name + " takes no value");
            if (!out.has(name)) out.switches.push_back(std::move(name));
            continue;
        }
        if (eq != std::string_view::npos) {
            out.flags.push_back({std::move(name), std::string(body.substr(eq + 1))});
            continue;
        }
        if (i + 1 == args.size()) return usage_error("--" + name + " needs a value");
        out.flags.push_back({std::move(name), std::string(args[++i])});
    }
    return out;
}

}  // namespace apibind::cli

#endif
