// Base64 (RFC 4648 section 4: standard alphabet, '=' padding), for HTTP Basic credentials and
// any other binding that needs it. No line breaks, no whitespace tolerance: HTTP headers want neither.
#ifndef APIBIND_DETAIL_BASE64_HPP
#define APIBIND_DETAIL_BASE64_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apibind::detail {

inline constexpr char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::size_t base64_encoded_size(std::size_t n) noexcept { return (n + 2) / 3 * 4; }

// Appends the encoding of `bytes` to `out`.
inline void append_base64(std::string& out, std::string_view bytes)
{
    out.reserve(out.size() + base64_encoded_size(bytes.size()));
    std::size_t i = 0;
    auto const at = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k])); };
    for (; i + 3 <= bytes.size(); i += 3) {
        std::uint32_t const v = at(i) << 16 | at(i + 1) << 8 | at(i + 2);
        out.push_back(base64_alphabet[v >> 18 & 63]);
        out.push_back(base64_alphabet[v >> 12 & 63]);
        out.push_back(base64_alphabet[v >> 6 & 63]);
        out.push_back(base64_alphabet[v & 63]);
    }
    std::size_t const rest = bytes.size() - i;
    if (rest == 0) return;
    std::uint32_t const v = at(i) << 16 | (rest == 2 ? at(i + 1) << 8 : 0);
    out.push_back(base64_alphabet[v >> 18 & 63]);
    out.push_back(base64_alphabet[v >> 12 & 63]);
    out.push_back(rest == 2 ? base64_alphabet[v >> 6 & 63] : '=');
    out.push_back('=');
}

inline std::string base64_encode(std::string_view bytes)
{
    std::string out;
    append_base64(out, bytes);
    return out;
}

// Strict decoding: the length must be a multiple of 4, padding only at the end, and the unused
// bits of the last group zero (so every byte string has exactly one accepted encoding).
inline std::optional<std::string> base64_decode(std::string_view text)
{
    auto const value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        bool const last = i + 4 == text.size();
        std::size_t const pad = last ? std::size_t{text[i + 3] == '='} + std::size_t{text[i + 2] == '='} : 0;
        if (pad == 1 && text[i + 2] == '=') return std::nullopt;  // "x=y=" style
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 4 - pad; ++k) {
            int const d = value(text[i + k]);
            if (d < 0) return std::nullopt;
            v = v << 6 | static_cast<std::uint32_t>(d);
        }
        v <<= 6 * pad;
        if (pad == 1 && (v & 0xFF) != 0) return std::nullopt;
        if (pad == 2 && (v & 0xFFFF) != 0) return std::nullopt;
        out.push_back(static_cast<char>(v >> 16 & 0xFF));
        if (pad < 2) out.push_back(static_cast<char>(v >> 8 & 0xFF));
        if (pad < 1) out.push_back(static_cast<char>(v & 0xFF));
    }
    return out;
}

}  // namespace apibind::detail

#endif
