// apibind::json::any_value: one JSON value of any type, for records whose values the API
// does not fix (Seam's custom_metadata: strings and booleans per the spec, numbers from the fake).
// Scalars are kept typed; numbers keep their exact text; objects and arrays keep compact JSON text.
#ifndef APIBIND_JSON_ANY_VALUE_HPP
#define APIBIND_JSON_ANY_VALUE_HPP

#include <apibind/json/null.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::json {

// g++ -Wshadow says the scoped enumerator `null` shadows json::null; it cannot (it is only ever
// named value_kind::null), and clang does not warn: silenced here only, for users' -Wshadow builds.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#endif
enum class value_kind : unsigned char { null, boolean, number, string, object, array };
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

class any_value {
public:
    any_value() noexcept = default;  // null
    any_value(null_t) noexcept {}
    any_value(bool b) noexcept : kind_(value_kind::boolean), bool_(b) {}
    any_value(char const* s) : kind_(value_kind::string), text_(s) {}
    any_value(std::string_view s) : kind_(value_kind::string), text_(s) {}
    any_value(std::string s) noexcept : kind_(value_kind::string), text_(std::move(s)) {}
    template <class N, std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, bool>, int> = 0>
    any_value(N n) : kind_(value_kind::number)
    {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, n);
        text_.assign(buf, r.ptr);
    }

    // Builds a number from its JSON text, or an object/array from compact JSON text (not validated here).
    static any_value from_number_text(std::string_view t) { return any_value(value_kind::number, t); }
    static any_value from_json_text(value_kind k, std::string_view t) { return any_value(k, t); }

    value_kind kind() const noexcept { return kind_; }
    bool is_null() const noexcept { return kind_ == value_kind::null; }
    bool is_bool() const noexcept { return kind_ == value_kind::boolean; }
    bool is_number() const noexcept { return kind_ == value_kind::number; }
    bool is_string() const noexcept { return kind_ == value_kind::string; }
    bool is_object() const noexcept { return kind_ == value_kind::object; }
    bool is_array() const noexcept { return kind_ == value_kind::array; }

    std::optional<bool> as_bool() const noexcept
    {
        return is_bool() ? std::optional<bool>(bool_) : std::nullopt;
    }
    std::optional<std::string_view> as_string() const noexcept
    {
        return is_string() ? std::optional<std::string_view>(text_) : std::nullopt;
    }
    std::optional<std::int64_t> as_int64() const noexcept
    {
        std::int64_t v{};
        if (!is_number()) return std::nullopt;
        auto r = std::from_chars(text_.data(), text_.data() + text_.size(), v);
        if (r.ec != std::errc{} || r.ptr != text_.data() + text_.size()) return std::nullopt;
        return v;
    }
    std::optional<double> as_double() const noexcept
    {
        double v{};
        if (!is_number()) return std::nullopt;
        auto r = std::from_chars(text_.data(), text_.data() + text_.size(), v);
        if (r.ec != std::errc{}) return std::nullopt;
        return v;
    }
    // String contents (unescaped), number text, or compact JSON of an object/array.
    std::string_view text() const noexcept { return text_; }

    // Used by the decoder: reuse the existing text capacity.
    void set_null() noexcept { kind_ = value_kind::null; text_.clear(); }
    void set_bool(bool b) noexcept { kind_ = value_kind::boolean; bool_ = b; text_.clear(); }
    std::string& reset_text(value_kind k) noexcept
    {
        kind_ = k;
        text_.clear();
        return text_;
    }
    void append_text(std::string_view s) { text_.append(s.data(), s.size()); }

    friend bool operator==(any_value const& a, any_value const& b) noexcept
    {
        if (a.kind_ != b.kind_) return false;
        if (a.kind_ == value_kind::boolean) return a.bool_ == b.bool_;
        return a.text_ == b.text_;
    }

private:
    any_value(value_kind k, std::string_view t) : kind_(k), text_(t) {}

    value_kind kind_ = value_kind::null;
    bool bool_ = false;
    std::string text_;
};

}  // namespace apibind::json

#endif
