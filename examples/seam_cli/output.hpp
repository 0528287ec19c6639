// What apibind-seam prints, and how it exits: JSON on stdout; one line on stderr for errors.
// Exit status: 0 done, 1 the call failed, 2 a usage error.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_OUTPUT_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_OUTPUT_HPP

#include "pretty.hpp"

#include <apibind/error.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace seam_cli {

inline constexpr std::string_view program = "apibind-seam";

inline void write(std::FILE* to, std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), to);
}

// A usage error: what was wrong, then where to look (`help`), on stderr.
inline int usage(std::string_view why, std::string_view help = {})
{
    std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(program.size()), program.data(), static_cast<int>(why.size()), why.data());
    if (!help.empty()) write(stderr, help);
    return 2;
}

inline int fail(apibind::error const& e)
{
    std::fprintf(stderr, "error: %s\n", to_string(e).c_str());
    return 1;
}

inline int print_json(std::string_view compact)
{
    std::string const text = pretty_json(compact);
    std::printf("%s\n", text.c_str());
    return 0;
}

}  // namespace seam_cli

#endif
