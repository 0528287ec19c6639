// apibind::json::literal<"value">: a member whose wire value is one fixed string,
// such as a tagged union's discriminator (`"error_code": "account_disconnected"`).
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

template <class T>
inline constexpr bool is_literal_v = false;
template <apibind::detail::fixed_string V>
inline constexpr bool is_literal_v<literal<V>> = true;

}  // namespace apibind::json

#endif
