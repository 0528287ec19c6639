// JSON string escaping. The scan looks at sixteen bytes at a time (SSE2; eight elsewhere) and copies
// clean runs in bulk; only control characters, quotes, backslashes and non-ASCII bytes take the slow
// path. Invalid UTF-8 is written as U+FFFD so the output is always valid JSON.
#ifndef APIBIND_JSON_DETAIL_ESCAPE_HPP
#define APIBIND_JSON_DETAIL_ESCAPE_HPP

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define APIBIND_JSON_SSE2 1
#endif

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

inline bool word32_needs_escape(std::uint32_t x) noexcept
{
    constexpr std::uint32_t ones = 0x01010101U;
    constexpr std::uint32_t high = 0x80808080U;
    std::uint32_t const quote = x ^ (ones * 0x22);
    std::uint32_t const slash = x ^ (ones * 0x5C);
    std::uint32_t const lt20 = x - ones * 0x20;
    std::uint32_t const has_quote = quote - ones;
    std::uint32_t const has_slash = slash - ones;
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

// The escaping of one byte that needs it, starting at p[i] (n bytes in all), written at `out`.
// Returns the new output position and advances i. Same rules as append_escaped_body.
#if defined(__GNUC__)
[[gnu::noinline]]  // rare: kept out of the scanning loops, which then need fewer registers
#endif
inline char* escape_one(char* out, unsigned char const* p, std::size_t n, std::size_t& i) noexcept
{
    static constexpr char hex[] = "0123456789abcdef";
    unsigned char const c = p[i];
    if (c >= 0x80) {
        std::size_t const len = utf8_sequence_length(p + i, n - i);
        if (len) {
            std::memcpy(out, p + i, len);
            i += len;
            return out + len;
        }
        std::memcpy(out, "\xEF\xBF\xBD", 3);
        ++i;
        return out + 3;
    }
    ++i;
    char e = 0;
    switch (c) {
    case '"': e = '"'; break;
    case '\\': e = '\\'; break;
    case '\n': e = 'n'; break;
    case '\r': e = 'r'; break;
    case '\t': e = 't'; break;
    case '\b': e = 'b'; break;
    case '\f': e = 'f'; break;
    default: {
        char const u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        std::memcpy(out, u, 6);
        return out + 6;
    }
    }
    out[0] = '\\';
    out[1] = e;
    return out + 2;
}

// The general escaping loop behind escape_to (below), for strings the fast path found an escape
// in. Same contract as escape_to.
//
// Blocks are copied whole and then checked; the last partial block is handled by re-checking the
// final full block of the input, overlapping bytes already copied, when those were copied verbatim
// (no escape since `clean_from`), so short tails do not fall to the byte loop.
#if defined(__GNUC__)
[[gnu::noinline]]  // out of the writer's hot path: only strings that need an escape come here
#endif
inline char* escape_to_general(char* out, std::string_view s) noexcept
{
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    std::size_t i = 0;
    std::size_t clean_from = 0;  // input bytes [clean_from, i) were copied verbatim to [out - (i - clean_from), out)
#if defined(APIBIND_JSON_SSE2)
    if (n >= 16) {
        // Signed compare: bytes < 0x20 and bytes >= 0x80 (negative) are both "less than 0x20".
        __m128i const below = _mm_set1_epi8(0x20);
        __m128i const quote = _mm_set1_epi8('"');
        __m128i const slash = _mm_set1_epi8('\\');
        auto special = [&](__m128i v) {
            __m128i const hit = _mm_or_si128(_mm_cmplt_epi8(v, below), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)));
            return static_cast<unsigned>(_mm_movemask_epi8(hit));
        };
        for (;;) {
            if (n - i >= 16) {
                __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);  // room: 16 <= 6 * (n - i)
                unsigned const mask = special(v);
                if (mask == 0) {
                    out += 16;
                    i += 16;
                    continue;
                }
                unsigned const k = static_cast<unsigned>(std::countr_zero(mask));
                out += k;
                i += k;
                out = escape_one(out, p, n, i);
                clean_from = i;
                continue;
            }
            if (i == n) return out;
            if (n - 16 >= clean_from) {  // the last 16 bytes, the first of them already copied verbatim
                std::size_t const back = i - (n - 16);
                __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + n - 16));
                if (special(v) == 0) {
                    _mm_storeu_si128(reinterpret_cast<__m128i*>(out - back), v);
                    return out - back + 16;
                }
            }
            break;
        }
    }
#endif
    while (n - i >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (!word_needs_escape(w)) {
            std::memcpy(out, p + i, 8);
            out += 8;
            i += 8;
            continue;
        }
        // Clean bytes up to the first that needs escaping, then that one.
        unsigned char const c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            *out++ = static_cast<char>(c);
            ++i;
        } else {
            out = escape_one(out, p, n, i);
            clean_from = i;
        }
    }
    if (i != n && n >= 8 && n - 8 >= clean_from) {  // the last 8 bytes, overlapping verbatim ones
        std::uint64_t w;
        std::memcpy(&w, p + n - 8, 8);
        if (!word_needs_escape(w)) {
            std::size_t const back = i - (n - 8);
            std::memcpy(out - back, p + n - 8, 8);
            return out - back + 8;
        }
    }
    if (n < 8 && n >= 4) {  // short strings: the first and the last four bytes (overlapping)
        std::uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        if (!word32_needs_escape(a) && !word32_needs_escape(b)) {
            std::memcpy(out, &a, 4);
            std::memcpy(out + n - 4, &b, 4);
            return out + n;
        }
    }
    while (i < n) {
        unsigned char const c = p[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            *out++ = static_cast<char>(c);
            ++i;
        } else {
            out = escape_one(out, p, n, i);
        }
    }
    return out;
}

// Writes the escaped contents of s (without quotes) at `out`, which has room for 6 * s.size()
// bytes (the longest escape of one input byte); returns the end of what was written. The output
// is byte for byte that of append_escaped_body.
//
// Most strings a model holds (ids, names, tags, dates, URLs) need no escape at all: this inline
// part checks the whole string with a few overlapping loads that never leave [s, s + n), copies it
// as it was checked, and hands the string to escape_to_general only when some byte needs work. The
// few branches depend on the length class only (0, 1-3, 4-7, 8-16, longer), not on the bytes.
#if defined(__GNUC__)
[[gnu::always_inline]]  // one call site (write_string): no call and return per string
#endif
inline char* escape_to(char* out, std::string_view s) noexcept
{
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    std::size_t const n = s.size();
    if (n >= 8) {
        if (n <= 16) {  // the first and the last eight bytes, overlapping
            std::uint64_t a, b;
            std::memcpy(&a, p, 8);
            std::memcpy(&b, p + n - 8, 8);
            if (word_needs_escape(a) || word_needs_escape(b)) return escape_to_general(out, s);
            std::memcpy(out, &a, 8);
            std::memcpy(out + n - 8, &b, 8);
            return out + n;
        }
#if defined(APIBIND_JSON_SSE2)
        // Signed compare: bytes < 0x20 and bytes >= 0x80 (negative) are both "less than 0x20".
        __m128i const below = _mm_set1_epi8(0x20);
        __m128i const quote = _mm_set1_epi8('"');
        __m128i const slash = _mm_set1_epi8('\\');
        auto special = [&](__m128i v) {
            return _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, below), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash))));
        };
        std::size_t i = 0;
        for (; n - i > 16; i += 16) {  // whole blocks, then the last 16 bytes overlapping the copied ones
            __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + i));
            if (special(v) != 0) return escape_to_general(out + i, s.substr(i));  // [0, i) is clean ASCII
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), v);
        }
        __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p + n - 16));
        if (special(v) != 0) return escape_to_general(out + i, s.substr(i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), v);
        return out + n;
#else
        return escape_to_general(out, s);
#endif
    }
    if (n >= 4) {  // the first and the last four bytes, overlapping
        std::uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + n - 4, 4);
        if (word32_needs_escape(a) || word32_needs_escape(b)) return escape_to_general(out, s);
        std::memcpy(out, &a, 4);
        std::memcpy(out + n - 4, &b, 4);
        return out + n;
    }
    if (n == 0) return out;
    // 1 to 3 bytes: the first, the middle and the last (some the same byte), checked as one word.
    unsigned char const c0 = p[0], c1 = p[n / 2], c2 = p[n - 1];
    std::uint32_t const w = c0 | (std::uint32_t{c1} << 8) | (std::uint32_t{c2} << 16) | (std::uint32_t{c0} << 24);
    if (word32_needs_escape(w)) return escape_to_general(out, s);
    out[0] = static_cast<char>(c0);
    out[n / 2] = static_cast<char>(c1);
    out[n - 1] = static_cast<char>(c2);
    return out + n;
}

inline void write_escaped(std::string& out, std::string_view s)
{
    out.push_back('"');
    append_escaped_body(out, s);
    out.push_back('"');
}

}  // namespace apibind::json::detail

#endif
