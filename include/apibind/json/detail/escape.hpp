// JSON string escaping. The scan looks at eight bytes at a time and copies clean runs in bulk;
// only control characters, quotes, backslashes and non-ASCII bytes take the slow path.
// Invalid UTF-8 is written as U+FFFD so the output is always valid JSON.
#ifndef APIBIND_JSON_DETAIL_ESCAPE_HPP
#define APIBIND_JSON_DETAIL_ESCAPE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace apibind::json::detail {

// True if any byte of the word is < 0x20, '"', '\\' or >= 0x80 (may over-report after a hit,
// never under-report).
inline bool word_needs_escape(std::uint64_t x) noexcept
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    std::uint64_t const quote = x ^ (ones * 0x22);
    std::uint64_t const slash = x ^ (ones * 0x5C);
    std::uint64_t const lt20 = x - ones * 0x20;
    std::uint64_t const has_quote = quote - ones;
    std::uint64_t const has_slash = slash - ones;
    return ((lt20 & ~x) | (has_quote & ~quote) | (has_slash & ~slash) | x) & high;
}

// Length of a valid UTF-8 sequence starting at p (at most n bytes available), or 0 if invalid.
inline std::size_t utf8_sequence_length(unsigned char const* p, std::size_t n) noexcept
{
    unsigned char const c = p[0];
    auto cont = [&](std::size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
        if (c == 0xED && p[1] > 0x9F) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] > 0x8F) return 0;
        return 4;
    }
    return 0;
}

// Appends the escaped contents of s (without quotes).
inline void append_escaped_body(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    std::size_t i = 0;
    std::size_t run = 0;  // start of the clean run not yet copied
    while (i < n) {
        if (n - i >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (!word_needs_escape(w)) {
                i += 8;
                continue;
            }
        }
        unsigned char const c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        out.append(s.data() + run, i - run);
        if (c >= 0x80) {
            std::size_t const len = utf8_sequence_length(p + i, n - i);
            if (len) {
                out.append(s.data() + i, len);
                i += len;
            } else {
                out.append("\xEF\xBF\xBD");
                ++i;
            }
            run = i;
            continue;
        }
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out.append(u, 6);
        }
        }
        ++i;
        run = i;
    }
    out.append(s.data() + run, n - run);
}

inline void write_escaped(std::string& out, std::string_view s)
{
    out.push_back('"');
    append_escaped_body(out, s);
    out.push_back('"');
}

}  // namespace apibind::json::detail

#endif
