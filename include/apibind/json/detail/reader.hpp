// The JSON reader of the whole-buffer decoder: one pass over the document, no recursion (the
// open containers are a bit stack: 1 for an object, 0 for an array), delivering each value to the
// decoder's event entry points (decoder.hpp) as soon as it is read. Strict RFC 8259: no comments,
// no trailing commas, no leading zeros, nothing but white space after the document; strings must
// be valid UTF-8 (checked sixteen ASCII bytes at a time with SSE2, else eight, then Unicode's table of well-formed
// sequences: no overlongs, no surrogates, nothing above U+10FFFF) with valid escapes (\u surrogates
// only in pairs). A string without escapes is passed as a view into the input (no copy); one with
// escapes is decoded into the decode's scratch buffer.
#ifndef APIBIND_JSON_DETAIL_READER_HPP
#define APIBIND_JSON_DETAIL_READER_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/decoder.hpp>
#include <apibind/json/detail/key_lookup.hpp>

#include <bit>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#if defined(__PCLMUL__)
#include <wmmintrin.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace apibind::json::detail {

inline bool is_json_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// The length of the well-formed UTF-8 sequence at p (whose first byte is 0x80 or above), 0 if
// there is none (Unicode 15, table 3-7).
inline std::size_t utf8_sequence(char const* p, char const* end) noexcept
{
    auto const byte = [p](std::size_t i) { return static_cast<unsigned char>(p[i]); };
    auto const cont = [](unsigned char b) { return (b & 0xC0U) == 0x80U; };
    std::size_t const left = static_cast<std::size_t>(end - p);
    unsigned char const c = byte(0);
    if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(byte(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3) return 0;
        unsigned char const lo = c == 0xE0 ? 0xA0 : 0x80;  // E0: no overlongs
        unsigned char const hi = c == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
        return byte(1) >= lo && byte(1) <= hi && cont(byte(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4) return 0;
        unsigned char const lo = c == 0xF0 ? 0x90 : 0x80;  // F0: no overlongs
        unsigned char const hi = c == 0xF4 ? 0x8F : 0xBF;  // F4: nothing above U+10FFFF
        return byte(1) >= lo && byte(1) <= hi && cont(byte(2)) && cont(byte(3)) ? 4 : 0;
    }
    return 0;
}

#if defined(__AVX2__) || defined(__SSE2__)
// The vector operations the reader's scans need (strings, the look-ahead's masks, the descent's
// key compare), on the widest registers the compiler may use: one loop serves every width.
struct byte_lanes {
#if defined(__AVX2__)
    using vec = __m256i;
    static constexpr int width = 32;
    static vec load(char const* p) noexcept { return _mm256_loadu_si256(reinterpret_cast<__m256i const*>(p)); }
    static vec splat(char c) noexcept { return _mm256_set1_epi8(c); }
    static vec zero() noexcept { return _mm256_setzero_si256(); }
    static vec equal(vec a, vec b) noexcept { return _mm256_cmpeq_epi8(a, b); }
    static vec either(vec a, vec b) noexcept { return _mm256_or_si256(a, b); }
    static vec below(vec a, char c) noexcept { return _mm256_cmpgt_epi8(splat(c), a); }  // signed
    static std::uint64_t bits(vec m) noexcept { return static_cast<std::uint32_t>(_mm256_movemask_epi8(m)); }
#else
    using vec = __m128i;
    static constexpr int width = 16;
    static vec load(char const* p) noexcept { return _mm_loadu_si128(reinterpret_cast<__m128i const*>(p)); }
    static vec splat(char c) noexcept { return _mm_set1_epi8(c); }
    static vec zero() noexcept { return _mm_setzero_si128(); }
    static vec equal(vec a, vec b) noexcept { return _mm_cmpeq_epi8(a, b); }
    static vec either(vec a, vec b) noexcept { return _mm_or_si128(a, b); }
    static vec below(vec a, char c) noexcept { return _mm_cmplt_epi8(a, splat(c)); }  // signed
    // movemask's result fits in 16 bits: widening it from unsigned costs nothing.
    static std::uint64_t bits(vec m) noexcept { return static_cast<unsigned>(_mm_movemask_epi8(m)); }
#endif
};

// Bits of the byte_lanes::width bytes at p that end a run of plain ASCII inside a string: a quote,
// a backslash, a control character or a byte from 0x80 up (below 0x20 as a signed byte).
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline std::uint64_t plain_run_stops(char const* p) noexcept
{
    using L = byte_lanes;
    L::vec const v = L::load(p);
    return L::bits(L::either(L::either(L::equal(v, L::splat('"')), L::equal(v, L::splat('\\'))), L::below(v, 0x20)));
}
#endif

// The first byte at or after p that ends a run of plain ASCII inside a string: a quote, a
// backslash, a control character or a byte from 0x80 up; end if none (keys read where they
// stand: a run that ends at a quote is a whole, valid string).
inline char const* find_plain_ascii_end(char const* p, char const* end) noexcept
{
#if defined(__AVX2__) || defined(__SSE2__)
    while (end - p >= byte_lanes::width) {
        if (std::uint64_t const stops = plain_run_stops(p)) return p + std::countr_zero(stops);
        p += byte_lanes::width;
    }
#endif
    for (; p != end; ++p) {
        auto const c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
    }
    return p;
}

// Appends a code point (below 0x110000, not a surrogate) as UTF-8.
inline void append_code_point(std::string& out, unsigned long cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Bytes of a word (eight string bytes, first byte lowest) that end a plain run inside a string: a
// quote, a backslash, a control character or a non-ASCII byte. The lowest flagged byte is exact
// (a borrow only carries upward, from a flagged byte).
inline std::uint64_t string_stops(std::uint64_t w) noexcept
{
    constexpr std::uint64_t ones = 0x0101010101010101U;
    constexpr std::uint64_t high = 0x8080808080808080U;
    auto const zero_bytes = [](std::uint64_t x) { return (x - ones) & ~x & high; };
    std::uint64_t const quote = zero_bytes(w ^ (ones * 0x22U));
    std::uint64_t const backslash = zero_bytes(w ^ (ones * 0x5CU));
    std::uint64_t const control = (w - ones * 0x20U) & ~w & high;
    return quote | backslash | control | (w & high);
}

// The text of a string body with escapes (raw: between the quotes), decoded into out; false if an
// escape is malformed (the reader reports it when it reaches the string).
inline bool decode_escapes(std::string_view raw, std::string& out)
{
    out.clear();
    auto const hex = [](char const* h, unsigned long& v) {
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char const c = h[i];
            unsigned long const d = c >= '0' && c <= '9'   ? static_cast<unsigned long>(c - '0')
                                    : c >= 'a' && c <= 'f' ? static_cast<unsigned long>(c - 'a' + 10)
                                    : c >= 'A' && c <= 'F' ? static_cast<unsigned long>(c - 'A' + 10)
                                                           : 16UL;
            if (d == 16) return false;
            v = v * 16 + d;
        }
        return true;
    };
    std::size_t i = 0;
    while (i < raw.size()) {
        std::size_t const b = raw.find('\\', i);
        if (b == std::string_view::npos) {
            out.append(raw.data() + i, raw.size() - i);
            break;
        }
        out.append(raw.data() + i, b - i);
        if (b + 1 >= raw.size()) return false;
        char const e = raw[b + 1];
        i = b + 2;
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            unsigned long cp = 0;
            if (raw.size() - i < 4 || !hex(raw.data() + i, cp)) return false;
            i += 4;
            if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo = 0;
                if (raw.size() - i < 6 || raw[i] != '\\' || raw[i + 1] != 'u' || !hex(raw.data() + i + 2, lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                i += 6;
                cp = 0x10000UL + ((cp - 0xD800UL) << 10) + (lo - 0xDC00UL);
            }
            append_code_point(out, cp);
            break;
        }
        default: return false;
        }
    }
    return true;
}

inline char const* skip_json_space(char const* p, char const* end) noexcept
{
    while (p != end && static_cast<unsigned char>(*p) <= ' ' && is_json_space(*p)) ++p;
    return p;
}

// ---- the look-ahead's scanning: 64 bytes at a time, as bit masks ----

// Bits of 64 input bytes (bit i: byte i): quotes, backslashes and, if asked for, opening and
// closing brackets.
struct chunk_bits {
    std::uint64_t quote = 0;
    std::uint64_t backslash = 0;
    std::uint64_t open = 0;
    std::uint64_t close = 0;
};

// The bits of the 64 bytes at p (all readable). c | 0x20 folds '[' onto '{' and ']' onto '}'.
template <bool Brackets>
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline chunk_bits chunk_bits_at(char const* p) noexcept
{
    chunk_bits b;
#if defined(__AVX2__) || defined(__SSE2__)
    using L = byte_lanes;
    L::vec const quote = L::splat('"');
    L::vec const backslash = L::splat('\\');
    L::vec const open = L::splat('{');
    L::vec const close = L::splat('}');
    L::vec const fold = L::splat(0x20);
    L::vec any_backslash = L::zero();
    for (int i = 0; i < 64 / L::width; ++i) {
        L::vec const v = L::load(p + L::width * i);
        int const shift = L::width * i;
        b.quote |= L::bits(L::equal(v, quote)) << shift;
        if constexpr (Brackets) {
            L::vec const folded = L::either(v, fold);
            b.open |= L::bits(L::equal(folded, open)) << shift;
            b.close |= L::bits(L::equal(folded, close)) << shift;
        }
        any_backslash = L::either(any_backslash, L::equal(v, backslash));
    }
    // Backslashes are rare: their bits only when there are some.
    if (L::bits(any_backslash) != 0) {
        for (int i = 0; i < 64 / L::width; ++i) b.backslash |= L::bits(L::equal(L::load(p + L::width * i), backslash)) << (L::width * i);
    }
#else
    if constexpr (std::endian::native == std::endian::little) {
        // Eight bytes a word: exact per-byte equality (no borrow between bytes), then the bytes'
        // high bits gathered into eight bits by one multiply.
        constexpr std::uint64_t ones = 0x0101010101010101U;
        constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FU;
        auto const eq = [](std::uint64_t w, unsigned char c) {
            std::uint64_t const x = w ^ (ones * std::uint64_t{c});
            return ~(((x & low7) + low7) | x | low7);
        };
        auto const gather = [](std::uint64_t high) { return ((high >> 7) * 0x0102040810204080U) >> 56; };
        for (int i = 0; i < 8; ++i) {
            std::uint64_t w;
            std::memcpy(&w, p + 8 * i, 8);
            b.quote |= gather(eq(w, '"')) << (8 * i);
            b.backslash |= gather(eq(w, '\\')) << (8 * i);
            if constexpr (Brackets) {
                std::uint64_t const folded = w | (ones * 0x20U);
                b.open |= gather(eq(folded, '{')) << (8 * i);
                b.close |= gather(eq(folded, '}')) << (8 * i);
            }
        }
    } else {
        for (int i = 0; i < 64; ++i) {
            char const c = p[i];
            std::uint64_t const bit = std::uint64_t{1} << i;
            if (c == '"') b.quote |= bit;
            if (c == '\\') b.backslash |= bit;
            if (Brackets && (c | 0x20) == '{') b.open |= bit;
            if (Brackets && (c | 0x20) == '}') b.close |= bit;
        }
    }
#endif
    return b;
}

// The bytes that a backslash escapes (bit i set: byte i follows an odd run of backslashes).
// carry: 1 if the previous chunk ended with such a run (its escaped byte is this chunk's first);
// updated for the next chunk. Branch-free: runs starting on odd bits are cleared by an addition.
inline std::uint64_t escaped_bits(std::uint64_t backslash, std::uint64_t& carry) noexcept
{
    constexpr std::uint64_t even = 0x5555555555555555U;
    backslash &= ~carry;  // a backslash escaped by the previous chunk escapes nothing
    std::uint64_t const follows = (backslash << 1) | carry;
    std::uint64_t const odd_starts = backslash & ~even & ~follows;
    std::uint64_t const sum = odd_starts + backslash;
    carry = sum < odd_starts ? 1 : 0;
    return (even ^ (sum << 1)) & follows;
}

// Bit i set: an odd number of x's bits at or below i (inside a string, from its quotes' bits).
inline std::uint64_t prefix_xor(std::uint64_t x) noexcept
{
#if defined(__PCLMUL__)
    // A carry-less multiply by all ones: one instruction for the six shifts below.
    __m128i const r = _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(x)), _mm_set1_epi8(-1), 0);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(r));
#else
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
#endif
}

// The 64 bytes at p, or the fewer left before end copied into `tail` padded with spaces (no
// bits), so nothing past end is read; `last`: no input after them.
template <bool Brackets>
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline chunk_bits chunk_bits_before(char const* p, char const* end, char (&tail)[64], bool& last) noexcept
{
    auto const left = static_cast<std::size_t>(end - p);
    last = left <= 64;
    if (left >= 64) return chunk_bits_at<Brackets>(p);
    std::memset(tail, ' ', sizeof tail);
    std::memcpy(tail, p, left);
    return chunk_bits_at<Brackets>(tail);
}

// The end of a nested value (an object or an array) whose first byte after its opening bracket
// is at p: the byte after its closing bracket, nullptr if the input ends first. Sixty-four bytes
// at a time and no recursion: the quotes not escaped mark where strings are, the brackets outside
// them change the depth; a chunk is walked bracket by bracket only if it has closing brackets
// enough to end the value (or always, where counting bits is a library call). Brackets are not
// matched ('{' may close with ']'): the reader checks the value afterwards. Out of line: the
// look-ahead's loop keeps its registers.
#if defined(__GNUC__)
[[gnu::noinline]]
#endif
inline char const* skip_nested(char const* p, char const* end) noexcept
{
    std::size_t depth = 1;
    std::uint64_t in_string = 0;     // all ones while a string runs on from the previous chunk
    std::uint64_t escape_carry = 0;  // the previous chunk ended with an odd run of backslashes
    char tail[64];
    for (;;) {
        if (p == end) return nullptr;
        bool last = false;
        chunk_bits const b = chunk_bits_before<true>(p, end, tail, last);
        std::uint64_t quote = b.quote;
        if ((b.backslash | escape_carry) != 0) quote &= ~escaped_bits(b.backslash, escape_carry);
        std::uint64_t const inside = prefix_xor(quote) ^ in_string;  // opening quotes included
        in_string = std::uint64_t{0} - (inside >> 63);
        std::uint64_t const open = b.open & ~inside;
        std::uint64_t const close = b.close & ~inside;
#if defined(__POPCNT__)
        // Fewer closing brackets than the depth: the value goes on, the depth by their counts.
        if (static_cast<std::size_t>(std::popcount(close)) < depth) {
            depth = depth + static_cast<std::size_t>(std::popcount(open)) - static_cast<std::size_t>(std::popcount(close));
        } else
#endif
        {  // bracket by bracket (where a popcount is a library call, always: chunks have few)
            for (std::uint64_t m = open | close; m != 0; m &= m - 1) {
                int const i = std::countr_zero(m);
                if (((close >> i) & 1U) == 0) ++depth;
                else if (--depth == 0) return p + i + 1;
            }
        }
        if (last) return nullptr;
        p += 64;
    }
}

// Bit i set: byte i of the 64 at p (all readable) is a quote or a backslash, where a run of a
// string's plain bytes ends.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline std::uint64_t string_stop_bits(char const* p) noexcept
{
#if defined(__AVX2__) || defined(__SSE2__)
    using L = byte_lanes;
    L::vec const quote = L::splat('"');
    L::vec const backslash = L::splat('\\');
    std::uint64_t bits = 0;
    for (int i = 0; i < 64 / L::width; ++i) {
        L::vec const v = L::load(p + L::width * i);
        bits |= L::bits(L::either(L::equal(v, quote), L::equal(v, backslash))) << (L::width * i);
    }
    return bits;
#else
    chunk_bits const b = chunk_bits_at<false>(p);
    return b.quote | b.backslash;
#endif
}

// string_stop_bits of the bytes from p to end, fewer than 64: copied into a buffer padded with
// spaces (no bits), so nothing past end is read. Out of line: the look-ahead's loop keeps its
// registers (and no buffer) for the usual case.
#if defined(__GNUC__)
[[gnu::noinline]]
#endif
inline std::uint64_t string_stop_bits_before(char const* p, char const* end) noexcept
{
    char tail[64];
    std::memset(tail, ' ', sizeof tail);
    std::memcpy(tail, p, static_cast<std::size_t>(end - p));
    return string_stop_bits(tail);
}

// The closing quote of the string whose body runs on from p (p just after its opening quote or
// an escape), nullptr if the input ends first; `escaped` set if it has a backslash. Sixty-four
// bytes at a time; after an escape the scan starts again just past it.
inline char const* string_end(char const* p, char const* end, bool& escaped) noexcept
{
    for (;;) {
        auto const left = static_cast<std::size_t>(end - p);
        std::uint64_t const stops = left >= 64 ? string_stop_bits(p) : left != 0 ? string_stop_bits_before(p, end) : 0;
        if (stops == 0) {
            if (left <= 64) return nullptr;
            p += 64;
            continue;
        }
        char const* const q = p + std::countr_zero(stops);
        if (*q == '"') return q;
        escaped = true;
        if (end - q < 2) return nullptr;
        p = q + 2;  // the backslash and the byte it escapes
    }
}

// A tagged union's tags, read ahead of the reader (which then decodes the object once, into the
// alternative they choose): from p, just after the object's '{', the value of each of `keys` at
// the object's top level, as a view into the input (into value_text[k] if it has escapes; `kinds`
// all absent on entry). The first string or boolean value of a key counts (values of other types
// are not tags); the scan stops once every key has one, else at the object's end. A key given
// twice: the first value chooses, and the chosen alternative's literal then refuses a different
// second one (unexpected_tag). The scan goes member by member and only finds where each value
// ends: strings by masks of their quotes and backslashes, 64 bytes at a time (one mask, taken at
// the key, usually holds the key's end and its string value's), nested values by skip_nested,
// numbers and literals up to the next delimiter. A key is compared with the tag keys only if its
// length is one of theirs (one compare for the usual single key); a key with escapes is decoded
// only if it could decode to such a length. Nothing is validated: the reader decodes (and checks)
// the object afterwards, and malformed input merely stops the scan early (nothing past end is
// read). `scratch`: room for a key with escapes.
inline void look_ahead_tags(char const* p, char const* end, std::string_view const* keys, std::size_t key_count, std::string_view* values,
                            std::string* value_text, tag_kind* kinds, std::string& scratch)
{
    constexpr std::size_t none = std::size_t(-1);
    std::size_t shortest = keys[0].size();
    std::size_t longest = shortest;
    for (std::size_t k = 1; k < key_count; ++k) {
        shortest = keys[k].size() < shortest ? keys[k].size() : shortest;
        longest = keys[k].size() > longest ? keys[k].size() : longest;
    }
    std::size_t left = key_count;  // keys still without a value
    // The tag key that `key` is, if it has no value yet; none otherwise.
    auto const tag_of = [&](std::string_view key) {
        std::size_t tag = none;
        for (std::size_t k = 0; k < key_count; ++k)
            if (same_text(key, keys[k])) tag = k;
        return tag != none && kinds[tag] == tag_kind::absent ? tag : none;
    };
    for (;;) {
        if (p == end) return;
        if (*p != '"') {
            p = skip_json_space(p, end);
            if (p == end || *p != '"') return;  // '}' (the end), or malformed
        }
        // One mask of the 64 bytes after the key's opening quote finds the key's end and, for a
        // short member, its string value's end too.
        char const* const key = p + 1;
        std::uint64_t const stops = end - key >= 64 ? string_stop_bits(key) : string_stop_bits_before(key, end);
        bool escaped = false;
        p = key + std::countr_zero(stops);  // key + 64 if none
        if (stops == 0 || *p != '"') {
            p = string_end(key, end, escaped);
            if (p == nullptr) return;
        }
        auto const n = static_cast<std::size_t>(p - key);
        std::size_t tag = none;
        if (escaped) {
            // Escapes only shorten a key, and by at most six bytes to one (\u0041 to A).
            if (n >= shortest && n / 6 <= longest) {
                if (!decode_escapes(std::string_view(key, n), scratch)) return;
                tag = tag_of(scratch);
            }
        } else if (n - shortest <= longest - shortest) {
            // With one tag key, n is its length: the bytes alone are compared.
            if (key_count != 1) tag = tag_of(std::string_view(key, n));
            else if (kinds[0] == tag_kind::absent && same_bytes(key, keys[0].data(), n)) tag = 0;
        }
        ++p;
        if (p == end) return;
        if (*p != ':') {
            p = skip_json_space(p, end);
            if (p == end || *p != ':') return;
        }
        ++p;
        if (p == end) return;
        char c = *p;
        if (static_cast<unsigned char>(c) <= ' ') {
            p = skip_json_space(p, end);
            if (p == end) return;
            c = *p;
        }
        if (c == '"') {
            char const* const body = p + 1;
            escaped = false;
            auto const offset = static_cast<std::size_t>(body - key);
            std::uint64_t const rest = offset < 64 ? stops >> offset : 0;
            p = body + std::countr_zero(rest);
            if (rest == 0 || *p != '"') {
                p = string_end(body, end, escaped);
                if (p == nullptr) return;
            }
            if (tag != none) {
                std::string_view text(body, static_cast<std::size_t>(p - body));
                if (escaped) {  // decoded into this tag's own buffer (a view into the input otherwise)
                    if (!decode_escapes(text, value_text[tag])) return;
                    text = value_text[tag];
                }
                values[tag] = text;
                kinds[tag] = tag_kind::string;
                if (--left == 0) return;
            }
            ++p;
        } else if ((c | 0x20) == '{') {  // '{' or '['
            p = skip_nested(p + 1, end);
            if (p == nullptr) return;
        } else {  // a number or a literal: up to the next comma, bracket or white space
            char const* const start = p;
            while (p != end && *p != ',' && *p != '}' && *p != ']' && !is_json_space(*p)) ++p;
            if (tag != none && (c == 't' || c == 'f')) {
                std::string_view const word(start, static_cast<std::size_t>(p - start));
                if (word == "true" || word == "false") {
                    values[tag] = word;
                    kinds[tag] = tag_kind::boolean;
                    if (--left == 0) return;
                }
            }
        }
        if (p == end) return;
        if (*p != ',') {
            p = skip_json_space(p, end);
            if (p == end || *p != ',') return;  // '}' (the end), or malformed
        }
        ++p;
    }
}

// What a KeyPath (reader::run) did with a key at its opening quote.
enum class key_match : unsigned char {
    none,       // nothing: the reader reads the key as a string and delivers it (decoder::on_key)
    delivered,  // it took the key as it stands in the input and delivered it; p is past its closing quote
    failed      // it delivered the key, and the decoder failed
};

// Reads one JSON document from a whole buffer into a decoder. The decoder's first frame is the
// target; the events go to the frame on top, as decoder.hpp describes.
class reader {
public:
    reader(decoder& d, std::string& text, std::string& key, std::string_view in) noexcept
        : d_(d), text_(text), key_(key), begin_(in.data()), end_(in.data() + in.size())
    {
    }
    reader(reader const&) = delete;
    reader& operator=(reader const&) = delete;

    // KeyPath::match(decoder&, char const*& p, char const* end) may take a key where it stands (p
    // at its opening quote) before the reader reads it as a string: see key_match.
    template <class KeyPath>
    bool run();

    // One value, at p (white space skipped), inside `depth` open containers of the document that
    // the descent (descent.hpp) reads: its events go to the decoder like a document's, and p
    // moves past it. What comes after it is the caller's to read.
    template <class KeyPath>
    bool run_one(char const*& p, std::size_t depth)
    {
        start_ = p;
        base_ = depth;
        depth_ = depth;
        one_value_ = true;
        bool const ok = run<KeyPath>();
        p = start_;
        return ok;
    }

private:
    friend class descent;  // reads strings, numbers and literals with the reader's own checks

    decoder& d_;
    std::string& text_;  // a string value with escapes, decoded
    std::string& key_;   // a key with escapes, decoded
    char const* begin_;
    char const* end_;
    char const* bad_utf8_ = nullptr;
    // The open containers, one bit each (1: object): inline for ordinary documents.
    static constexpr std::size_t inline_words = 8;
    std::uint64_t bits_inline_[inline_words] = {};
    std::vector<std::uint64_t> bits_heap_;
    std::uint64_t* bits_ = bits_inline_;
    std::size_t depth_ = 0;
    // Where run starts (and, after run_one, where the value ended); the depth at which the value
    // run reads is complete; whether it reads one value (run_one) or a whole document.
    char const* start_ = begin_;
    std::size_t base_ = 0;
    bool one_value_ = false;

    std::size_t offset(char const* p) const noexcept { return static_cast<std::size_t>(p - begin_); }

    bool syntax(char const* at, char const* what)
    {
        std::string m = join_text({what, " at byte ", decimal(offset(at))});
        return d_.fail(error_code::syntax, std::move(m));
    }
    bool incomplete() { return syntax(end_, "incomplete JSON"); }

#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    void skip_space(char const*& p) const noexcept
    {
        while (p != end_ && static_cast<unsigned char>(*p) <= ' ' && is_json_space(*p)) ++p;
    }

#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool open(char const* at, bool object)
    {
        if (depth_ >= d_.opt.max_depth) {
            std::string m = join_text({"nesting deeper than the limit of ", decimal(d_.opt.max_depth), " at byte ", decimal(offset(at))});
            return d_.fail(error_code::limit_exceeded, std::move(m));
        }
        std::size_t const word = depth_ / 64;
        if (word >= inline_words && bits_ == bits_inline_) {
            bits_heap_.assign(bits_inline_, bits_inline_ + inline_words);
            bits_ = bits_heap_.data();
        }
        if (bits_ != bits_inline_ && word >= bits_heap_.size()) {
            bits_heap_.resize(word + 1, 0);
            bits_ = bits_heap_.data();
        }
        std::uint64_t const bit = std::uint64_t(1) << (depth_ % 64);
        if (object) bits_[word] |= bit;
        else bits_[word] &= ~bit;
        ++depth_;
        return true;
    }
    bool in_object() const noexcept { return ((bits_[(depth_ - 1) / 64] >> ((depth_ - 1) % 64)) & 1U) != 0; }

    // The first byte at or after p that ends a plain run: a quote, a backslash, a control
    // character, or end_; non-ASCII bytes are validated and passed over. nullptr for invalid UTF-8
    // (bad_utf8_ says where).
    char const* scan_plain(char const* p) noexcept
    {
        for (;;) {
#if defined(__AVX2__) || defined(__SSE2__)
            while (end_ - p >= byte_lanes::width) {
                if (std::uint64_t const stops = plain_run_stops(p)) {
                    p += std::countr_zero(stops);
                    goto byte;
                }
                p += byte_lanes::width;
            }
#endif
            if constexpr (std::endian::native == std::endian::little) {
                while (end_ - p >= 8) {
                    std::uint64_t w;
                    std::memcpy(&w, p, 8);
                    if (std::uint64_t const stops = string_stops(w)) {
                        p += std::countr_zero(stops) / 8;
                        break;
                    }
                    p += 8;
                }
            }
#if defined(__SSE2__)
        byte:
#endif
            if (p == end_) return p;
            auto const c = static_cast<unsigned char>(*p);
            if (c < 0x80) {
                if (c == '"' || c == '\\' || c < 0x20) return p;
                ++p;
                continue;
            }
            std::size_t const n = utf8_sequence(p, end_);
            if (n == 0) {
                bad_utf8_ = p;
                return nullptr;
            }
            p += n;
        }
    }
    bool stop_error(char const* at)
    {
        if (at == nullptr) return syntax(bad_utf8_, "invalid UTF-8 in a string");
        if (at == end_) return incomplete();
        return syntax(at, "control character in a string");  // the only other stop
    }

    static int hex_value(char c) noexcept
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    // Four hex digits at p (checked to be there); -1 if they are not hex.
    static long hex4(char const* p) noexcept
    {
        long v = 0;
        for (int i = 0; i < 4; ++i) {
            int const h = hex_value(p[i]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }
        return v;
    }
    // The escape at q (a backslash), appended to out; q moves past it.
    bool unescape(char const*& q, std::string& out)
    {
        if (end_ - q < 2) return incomplete();
        switch (q[1]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            if (end_ - q < 6) return incomplete();
            long const cp = hex4(q + 2);
            if (cp < 0) return syntax(q, "invalid \\u escape");
            if (cp >= 0xDC00 && cp <= 0xDFFF) return syntax(q, "invalid \\u escape: a low surrogate without a high one");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end_ - q < 12) return end_ - q >= 7 && q[6] != '\\' ? syntax(q, "invalid \\u escape: a high surrogate alone") : incomplete();
                if (q[6] != '\\' || q[7] != 'u') return syntax(q, "invalid \\u escape: a high surrogate alone");
                long const lo = hex4(q + 8);
                if (lo < 0xDC00 || lo > 0xDFFF) return syntax(q, "invalid \\u escape: a high surrogate alone");
                append_code_point(out, 0x10000UL + ((static_cast<unsigned long>(cp) - 0xD800UL) << 10) + (static_cast<unsigned long>(lo) - 0xDC00UL));
                q += 12;
                return true;
            }
            append_code_point(out, static_cast<unsigned long>(cp));
            q += 6;
            return true;
        }
        default: return syntax(q, "invalid escape in a string");
        }
        q += 2;
        return true;
    }

    // The string whose opening quote is at p: a view into the input, or into `buf` when it has
    // escapes. p moves past the closing quote. Plain ASCII runs are scanned inline, sixteen bytes
    // at a time; at the first other stop (an escape, a control character, a non-ASCII byte)
    // read_string_rest goes on from there, so no byte is scanned twice.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool read_string(char const*& p, std::string& buf, std::string_view& out)
    {
        char const* const start = p + 1;
        char const* q = start;
#if defined(__AVX2__) || defined(__SSE2__)
        while (end_ - q >= byte_lanes::width) {
            if (std::uint64_t const stops = plain_run_stops(q)) {
                q += std::countr_zero(stops);
                if (*q == '"') {
                    out = std::string_view(start, static_cast<std::size_t>(q - start));
                    p = q + 1;
                    return true;
                }
                break;
            }
            q += byte_lanes::width;
        }
#endif
        return read_string_rest(p, q, buf, out);
    }
    // The rest of read_string: the bytes from p + 1 to `from` are plain ASCII.
    bool read_string_rest(char const*& p, char const* from, std::string& buf, std::string_view& out)
    {
        char const* const start = p + 1;
        char const* q = scan_plain(from);
        if (q != nullptr && q != end_ && *q == '"') {
            out = std::string_view(start, static_cast<std::size_t>(q - start));
            p = q + 1;
            return true;
        }
        if (q == nullptr || q == end_ || *q != '\\') return stop_error(q);
        buf.assign(start, q);
        for (;;) {
            if (!unescape(q, buf)) return false;
            char const* const r = scan_plain(q);
            if (r == nullptr || r == end_) return stop_error(r);
            buf.append(q, r);
            q = r;
            if (*q == '"') break;
            if (*q != '\\') return stop_error(q);
        }
        out = buf;
        p = q + 1;
        return true;
    }

    // A number out of a double's range: infinity if its magnitude is too large, else zero (with its sign).
    static double out_of_range_value(char const* b, char const* e) noexcept
    {
        bool const negative = *b == '-';
        if (negative) ++b;
        long magnitude = 0;  // the decimal exponent of the first significant digit, roughly
        char const* p = b;
        while (p != e && *p == '0') ++p;
        if (p != e && is_digit(*p)) {
            while (p != e && is_digit(*p)) {
                ++p;
                ++magnitude;
            }
        } else if (p != e && *p == '.') {
            ++p;
            while (p != e && *p == '0') {
                ++p;
                --magnitude;
            }
        }
        while (p != e && *p != 'e' && *p != 'E') ++p;
        if (p != e) {
            ++p;
            bool const negative_exp = *p == '-';
            if (*p == '-' || *p == '+') ++p;
            long x = 0;
            while (p != e && is_digit(*p) && x < 100000000L) x = x * 10 + (*p++ - '0');
            magnitude += negative_exp ? -x : x;
        }
        double const v = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        return negative ? -v : v;
    }

    // The number at p: int64 if it is an integer that fits, else uint64 if it fits, else a double
    // (correctly rounded); the text exactly as written.
    bool read_number(char const*& p, number_event& ev)
    {
        char const* const start = p;
        bool const negative = *p == '-';
        if (negative) ++p;
        if (p == end_) return incomplete();
        std::uint64_t u = 0;
        bool overflow = false;
        if (*p == '0') {
            ++p;
        } else if (is_digit(*p)) {
            char const* const first = p;
            do {
                u = u * 10 + static_cast<std::uint64_t>(*p - '0');  // may wrap: checked below
                ++p;
            } while (p != end_ && is_digit(*p));
            // Up to 19 digits always fit in 64 bits; longer runs are checked digit by digit.
            if (p - first > 19) {
                u = 0;
                for (char const* d = first; d != p; ++d) {
                    auto const digit = static_cast<std::uint64_t>(*d - '0');
                    if (u > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
                        overflow = true;
                        break;
                    }
                    u = u * 10 + digit;
                }
            }
        } else {
            return syntax(p, "expected a digit");
        }
        bool floating = false;
        if (p != end_ && *p == '.') {
            ++p;
            if (p == end_) return incomplete();
            if (!is_digit(*p)) return syntax(p, "expected a digit after the decimal point");
            while (p != end_ && is_digit(*p)) ++p;
            floating = true;
        }
        if (p != end_ && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p != end_ && (*p == '+' || *p == '-')) ++p;
            if (p == end_) return incomplete();
            if (!is_digit(*p)) return syntax(p, "expected a digit in the exponent");
            while (p != end_ && is_digit(*p)) ++p;
            floating = true;
        }
        ev.text = std::string_view(start, static_cast<std::size_t>(p - start));
        constexpr auto int64_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (!floating && !overflow) {
            if (!negative && u <= int64_max) {
                ev.kind = number_event::int64;
                ev.i = static_cast<std::int64_t>(u);
                return true;
            }
            if (!negative) {
                ev.kind = number_event::uint64;
                ev.u = u;
                return true;
            }
            if (u <= int64_max + 1) {
                ev.kind = number_event::int64;
                ev.i = static_cast<std::int64_t>(~u + 1);  // two's complement (C++20): -u, also for -2^63
                return true;
            }
        }
        ev.kind = number_event::floating;
        auto const r = std::from_chars(start, p, ev.d);
        if (r.ec == std::errc::result_out_of_range) ev.d = out_of_range_value(start, p);
        else if (r.ec != std::errc{} || r.ptr != p) return syntax(start, "invalid number");
        return true;
    }

    // true, false or null at p (N: the word's length with its terminating NUL). Inline, with
    // constant-size compares; a cut or wrong word goes to literal_error.
    template <std::size_t N>
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool literal(char const*& p, char const (&word)[N])
    {
        constexpr std::size_t n = N - 1;
        if (static_cast<std::size_t>(end_ - p) < n || std::memcmp(p, word, n) != 0) return literal_error(p, word, n);
        p += n;
        return true;
    }
#if defined(__GNUC__)
    [[gnu::cold, gnu::noinline]]
#endif
    bool literal_error(char const* p, char const* word, std::size_t n)
    {
        if (static_cast<std::size_t>(end_ - p) < n && std::memcmp(p, word, static_cast<std::size_t>(end_ - p)) == 0) return incomplete();
        return syntax(p, "invalid literal");
    }
};

template <class KeyPath>
bool reader::run()
{
    char const* p = start_;
    skip_space(p);
    if (p == end_) return d_.fail(error_code::syntax, "empty input: no JSON value");
    // Whether the innermost open container is an object: set when one opens, read back from the
    // bit stack when one closes. White space is a case of each dispatch (not a skip before it):
    // minified documents have none, and then it costs nothing.
    bool object = false;
    auto const close = [&] {
        --depth_;
        object = depth_ != base_ && in_object();
    };

value:  // p at a value, or at white space before it
    if (p == end_) return incomplete();
    switch (*p) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
        skip_space(p);
        goto value;
    case '{':
        if (!open(p, true)) return false;
        object = true;
        ++p;
        d_.cursor = p;
        if (!d_.on_object_begin()) return false;
        for (;;) {
            if (p == end_) return incomplete();
            if (*p == '"') goto key;
            if (*p == '}') break;
            if (!is_json_space(*p)) goto key;  // reports what is there
            skip_space(p);
        }
        ++p;
        close();
        if (!d_.on_object_end()) return false;
        goto after_value;
    case '[':
        if (!open(p, false)) return false;
        object = false;
        ++p;
        if (!d_.on_array_begin()) return false;
        skip_space(p);
        if (p == end_) return incomplete();
        if (*p == ']') {
            ++p;
            close();
            if (!d_.on_array_end()) return false;
            goto after_value;
        }
        goto value;
    case '"': {
        std::string_view s;
        if (!read_string(p, text_, s) || !d_.on_string(s)) return false;
        goto after_value;
    }
    case 't':
        if (!literal(p, "true") || !d_.on_bool(true)) return false;
        goto after_value;
    case 'f':
        if (!literal(p, "false") || !d_.on_bool(false)) return false;
        goto after_value;
    case 'n':
        if (!literal(p, "null") || !d_.on_null()) return false;
        goto after_value;
    default: {
        if (*p != '-' && !is_digit(*p)) return syntax(p, "expected a value");
        number_event ev;
        if (!read_number(p, ev) || !d_.on_number(ev)) return false;
        goto after_value;
    }
    }

key:  // p at the key's opening quote, white space before it skipped
    {
        if (*p != '"') return syntax(p, "expected a key (a string)");
        switch (KeyPath::match(d_, p, end_)) {
        case key_match::delivered: break;
        case key_match::failed: return false;
        case key_match::none: {
            char const* const at = p + 1;
            std::string_view k;
            if (!read_string(p, key_, k) || !d_.on_key(k, at)) return false;
            break;
        }
        }
        if (p == end_ || *p != ':') {
            skip_space(p);
            if (p == end_) return incomplete();
            if (*p != ':') return syntax(p, "expected ':' after a key");
        }
        ++p;
        goto value;
    }

after_value:
    if (depth_ == base_) {
        if (one_value_) {
            start_ = p;
            return true;
        }
        skip_space(p);
        if (p != end_) return d_.fail(error_code::syntax, join_text({"unexpected data after the JSON document at byte ", decimal(offset(p))}), std::string());
        return true;
    }
    for (;;) {
        if (p == end_) return incomplete();
        switch (*p) {
        case ',':
            ++p;
            if (!object) goto value;
            for (;;) {
                if (p == end_) return incomplete();
                if (*p == '"' || !is_json_space(*p)) goto key;
                skip_space(p);
            }
        case '}':
            if (!object) return syntax(p, "expected ',' or ']'");
            ++p;
            close();
            if (!d_.on_object_end()) return false;
            goto after_value;
        case ']':
            if (object) return syntax(p, "expected ',' or '}'");
            ++p;
            close();
            if (!d_.on_array_end()) return false;
            goto after_value;
        case ' ':
        case '\t':
        case '\n':
        case '\r': skip_space(p); break;
        default: return syntax(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }
}

}  // namespace apibind::json::detail

#endif
