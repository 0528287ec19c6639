// apibind::json::literal<"value">: a member whose wire value is one fixed string,
// such as a tagged union's discriminator (`"error_code": "account_disconnected"`).
// apibind::json::bool_literal<true>: the same for a boolean discriminator (`"is_managed": true`).
#ifndef APIBIND_JSON_LITERAL_HPP
#define APIBIND_JSON_LITERAL_HPP

#include <apibind/json/detail/fixed_string.hpp>

#include <string_view>

namespace apibind::json {

template <apibind::detail::fixed_string Value>
struct literal {
    static constexpr std::string_view value = Value.view();

    constexpr std::string_view view() const noexcept { return value; }
    friend constexpr bool operator==(literal, literal) noexcept { return true; }
};

template <bool Value>
struct bool_literal {
    static constexpr bool value = Value;
    // The wire text, as a tagged union reports its tag values.
    static constexpr std::string_view text = Value ? std::string_view("true") : std::string_view("false");

    constexpr bool get() const noexcept { return value; }
    friend constexpr bool operator==(bool_literal, bool_literal) noexcept { return true; }
};

template <class T>
inline constexpr bool is_literal_v = false;
template <apibind::detail::fixed_string V>
inline constexpr bool is_literal_v<literal<V>> = true;

template <class T>
inline constexpr bool is_bool_literal_v = false;
template <bool V>
inline constexpr bool is_bool_literal_v<bool_literal<V>> = true;

}  // namespace apibind::json

#endif
