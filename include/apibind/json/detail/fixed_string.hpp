// A string usable as a template argument (literal tags, endpoint paths, tag keys).
#ifndef APIBIND_JSON_DETAIL_FIXED_STRING_HPP
#define APIBIND_JSON_DETAIL_FIXED_STRING_HPP

#include <cstddef>
#include <string_view>

namespace apibind::detail {

// Not constexpr: calling it during constant evaluation stops compilation, and the diagnostic shows
// the message. (A throw would do the same but is refused under -fno-exceptions.)
inline void compile_time_error(char const* /*message*/) noexcept {}

template <std::size_t N>
struct fixed_string {
    char data[N]{};

    constexpr fixed_string(char const (&s)[N]) noexcept
    {
        for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
    }

    constexpr std::string_view view() const noexcept { return {data, N - 1}; }
    constexpr operator std::string_view() const noexcept { return view(); }
};

// Fixed-capacity buffer for strings computed at compile time (wire keys, "key": prefixes).
template <std::size_t Capacity>
struct static_buffer {
    char data[Capacity]{};
    std::size_t size = 0;

    constexpr void push_back(char c)
    {
        if (size + 1 >= Capacity) {
            compile_time_error("apibind: compile-time string too long");
            return;
        }
        data[size++] = c;
    }
    constexpr void append(std::string_view s)
    {
        for (char c : s) push_back(c);
    }
    constexpr std::string_view view() const noexcept { return {data, size}; }
};

}  // namespace apibind::detail

#endif
