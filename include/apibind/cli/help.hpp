// apibind::cli help text: what a group holds, and a usage line for one command.
//
//   commands:
//     get
//     list
//   groups:
//     simulate ...   1 command
#ifndef APIBIND_CLI_HELP_HPP
#define APIBIND_CLI_HELP_HPP

#include <apibind/cli/command_tree.hpp>
#include <apibind/cli/request_flags.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace apibind::cli {

inline std::string format_entries(std::vector<command_entry> const& entries)
{
    std::size_t width = 0;
    for (auto const& e : entries) width = std::max(width, e.word.size() + (e.is_command ? 0 : 4));
    std::string commands;
    std::string groups;
    for (auto const& e : entries) {
        if (e.is_command) {
            commands += "  " + e.word + '\n';
        } else {
            std::string line = "  " + e.word + " ...";
            line.append(width - (e.word.size() + 4) + 3, ' ');
            line += std::to_string(e.commands) + (e.commands == 1 ? " command\n" : " commands\n");
            groups += line;
        }
    }
    std::string out;
    if (!commands.empty()) out += "commands:\n" + commands;
    if (!groups.empty()) out += "groups:\n" + groups;
    return out;
}

// "<program> <words> --device_id VALUE [flags]": the required flags spelled out.
inline std::string usage_line(std::string_view program, std::string_view words, std::vector<flag_info> const& flags)
{
    std::string out = "usage: " + std::string(program) + ' ' + std::string(words);
    bool optional = false;
    for (auto const& f : flags) {
        if (f.required) out += " --" + f.name + " VALUE";
        else optional = true;
    }
    if (optional) out += " [flags]";
    return out;
}

}  // namespace apibind::cli

#endif
