// apibind::json::nullable<T>: a member where absent, `null` and a value are three different things
// (Seam's `page_cursor: string | null`; `"key": null` meaning "delete this key").
#ifndef APIBIND_JSON_NULLABLE_HPP
#define APIBIND_JSON_NULLABLE_HPP

#include <apibind/json/null.hpp>

#include <optional>
#include <utility>

namespace apibind::json {

template <class T>
class nullable {
public:
    using value_type = T;

    constexpr nullable() noexcept = default;  // absent: not written on encode
    constexpr nullable(null_t) noexcept : null_(true) {}
    constexpr nullable(T v) : value_(std::move(v)) {}
    template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, nullable> &&
                                                !std::is_same_v<std::decay_t<U>, null_t> && !std::is_same_v<std::decay_t<U>, T>>>
    constexpr nullable(U&& v) : value_(std::in_place, std::forward<U>(v))
    {
    }

    constexpr bool is_absent() const noexcept { return !null_ && !value_; }
    constexpr bool is_null() const noexcept { return null_; }
    constexpr bool has_value() const noexcept { return value_.has_value(); }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr T& value() & { return value_.value(); }
    constexpr T const& value() const& { return value_.value(); }
    constexpr T& operator*() & noexcept { return *value_; }
    constexpr T const& operator*() const& noexcept { return *value_; }
    constexpr T* operator->() noexcept { return &*value_; }
    constexpr T const* operator->() const noexcept { return &*value_; }
    template <class U>
    constexpr T value_or(U&& fallback) const
    {
        return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
    }

    constexpr void reset() noexcept
    {
        value_.reset();
        null_ = false;
    }
    constexpr void set_null() noexcept
    {
        value_.reset();
        null_ = true;
    }
    template <class... Args>
    constexpr T& emplace(Args&&... args)
    {
        null_ = false;
        return value_.emplace(std::forward<Args>(args)...);
    }
    // Keeps an existing value (and its capacity) for decode_into.
    constexpr T& ensure_value()
    {
        null_ = false;
        if (!value_) value_.emplace();
        return *value_;
    }

    friend constexpr bool operator==(nullable const& a, nullable const& b)
    {
        return a.null_ == b.null_ && a.value_ == b.value_;
    }

private:
    std::optional<T> value_;
    bool null_ = false;
};

template <class T>
inline constexpr bool is_nullable_v = false;
template <class T>
inline constexpr bool is_nullable_v<nullable<T>> = true;

}  // namespace apibind::json

#endif
