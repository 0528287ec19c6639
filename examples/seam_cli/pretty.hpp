// Indents compact JSON for people (the codec writes compact JSON; the CLI shows it readable).
#ifndef APIBIND_EXAMPLES_SEAM_CLI_PRETTY_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_PRETTY_HPP

#include <string>
#include <string_view>

namespace seam_cli {

inline std::string pretty_json(std::string_view compact)
{
    std::string out;
    int depth = 0;
    bool in_string = false;
    auto newline = [&] {
        out.push_back('\n');
        out.append(static_cast<std::size_t>(depth) * 2, ' ');
    };
    for (std::size_t i = 0; i < compact.size(); ++i) {
        char const c = compact[i];
        if (in_string) {
            out.push_back(c);
            if (c == '\\' && i + 1 < compact.size()) out.push_back(compact[++i]);
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
        case '"': in_string = true; out.push_back(c); break;
        case '{':
        case '[':
            out.push_back(c);
            if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
                out.push_back(compact[++i]);  // empty container stays on one line
                break;
            }
            ++depth;
            newline();
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out.push_back(c);
            break;
        case ',': out.push_back(c); newline(); break;
        case ':': out.append(": "); break;
        default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace seam_cli

#endif
