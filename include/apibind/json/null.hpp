// apibind::json::null: the JSON `null` literal as a value.
#ifndef APIBIND_JSON_NULL_HPP
#define APIBIND_JSON_NULL_HPP

namespace apibind::json {

struct null_t {
    explicit constexpr null_t(int) noexcept {}
    friend constexpr bool operator==(null_t, null_t) noexcept { return true; }
};

inline constexpr null_t null{0};

}  // namespace apibind::json

#endif
