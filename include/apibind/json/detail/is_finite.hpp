// std::isfinite without <cmath> (8,600 lines of declarations for one classification), for the
// encoder (JSON has no NaN or infinity) and the decoder (a double out of range).
#ifndef APIBIND_JSON_DETAIL_IS_FINITE_HPP
#define APIBIND_JSON_DETAIL_IS_FINITE_HPP

namespace apibind::json::detail {

template <class F>
constexpr bool is_finite(F x) noexcept
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_isfinite(x);
#else
    return x == x && x - x == F(0);  // NaN fails the first test, infinities the second
#endif
}

}  // namespace apibind::json::detail

#endif
