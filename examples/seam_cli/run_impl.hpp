// The definition of run_part<P> (see run.hpp), included by each run_part_P.cpp.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_RUN_IMPL_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_RUN_IMPL_HPP

#include "http.hpp"
#include "invoke.hpp"
#include "output.hpp"
#include "run.hpp"

#include <apibind/cli.hpp>
#include <apibind/client.hpp>
#include <apibind/seam/policy.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace seam_cli {

template <class E>
std::string command_help(std::string_view words)
{
    namespace cli = apibind::cli;
    auto const flags = cli::request_flags<typename E::request>();
    std::string text = cli::usage_line(program, words, flags) + '\n';
    text += std::string(to_string(E::method)) + ' ' + std::string(E::path) + '\n';
    std::vector<cli::flag_info> options;
    if constexpr (paginated<E>) options.push_back({"all", "follow the pages to the last one", false});
    if constexpr (returns_action_attempt<E>) options.push_back({"no-wait", "do not wait for the action attempt", false});
    text += flags.empty() ? std::string("flags: none\n") : "flags (objects and arrays as JSON):\n" + cli::format_flags(flags);
    if (auto forms = cli::request_forms_help<E>(); !forms.empty()) text += forms + '\n';
    if (!options.empty()) text += "options:\n" + cli::format_flags(options);
    return text;
}

// Checks the command line, then connects and calls E.
template <class E>
int run(apibind::cli::command_line const& line)
{
    namespace cli = apibind::cli;
    std::string const words = cli::join_words(line.words);
    if (line.has("help")) {
        write(stdout, command_help<E>(words));
        return 0;
    }
    std::string const see = "Run `" + std::string(program) + ' ' + words + " --help` for its flags.\n";
    if (line.has("version")) return usage("--version is an option of " + std::string(program) + " alone");
    if (line.has("all") && !paginated<E>) return usage("--all: " + words + " does not return pages", see);
    if (line.has("no-wait") && !returns_action_attempt<E>) return usage("--no-wait: " + words + " does not return an action attempt", see);
    auto req = cli::parse_request<typename E::request>(line.flags);
    if (!req) return usage(words + ": " + req.error().message, see);
    // A request in none or several of its forms (one_of<>), or with a flag its form does not take
    // (chosen_by<>), is a command-line mistake too: say what was wrong (chosen_by) and the forms.
    if (auto form = apibind::check_request_form<E>(*req); !form) {
        std::string what;
        for (auto const& v : form.error().validation_errors)  // chosen_by: the key's member
            for (auto const& m : v.messages) what += m + '\n';
        return usage(words + ": " + what + cli::request_forms_help<E>(), see);
    }

    // Only now the credentials: a mistake on the command line is reported as such without them.
    auto options = apibind::seam::options::from_env();
    if (!options) return fail(options.error());
    // The bare core, not seam::client<http>: that one's views would name a facade_call of every
    // endpoint in every part. invoke<E> makes the same facade call.
    apibind::client<http, apibind::seam::policy> core(http{}, apibind::seam::policy(std::move(*options)));
    auto printed = invoke<E>(core, *req, {.all = line.has("all"), .wait = !line.has("no-wait")});
    if (!printed) return fail(printed.error());
    if constexpr (E::response_key.empty()) std::fprintf(stderr, "%s: done\n", words.c_str());
    return print_json(*printed);
}

template <std::size_t P>
int run_part(std::size_t index, apibind::cli::command_line const& line)
{
    constexpr std::size_t begin = part_begin(P);
    constexpr std::size_t end = P + 1 == parts ? endpoint_count : part_begin(P + 1);
    if constexpr (end > begin) {
        return boost::mp11::mp_with_index<end - begin>(index - begin, [&](auto i) {
            return run<boost::mp11::mp_at_c<endpoints, begin + decltype(i)::value>>(line);
        });
    } else {
        return 2;  // no endpoint falls in this part (fewer endpoints than parts); never called
    }
}

}  // namespace seam_cli

#endif
