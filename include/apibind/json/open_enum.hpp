// apibind::json::open_enum<E>: a described enum that keeps values it does not know.
// A new capability added by the API decodes to "unrecognised" with its original string,
// and encodes back to that string. Known values use their wire names (json/enum_names.hpp).
#ifndef APIBIND_JSON_OPEN_ENUM_HPP
#define APIBIND_JSON_OPEN_ENUM_HPP

#include <apibind/json/enum_names.hpp>

#include <boost/describe/enum.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace apibind::json {

template <class E>
class open_enum {
    static_assert(boost::describe::has_describe_enumerators<E>::value,
                  "apibind::json::open_enum<E> needs E described with BOOST_DESCRIBE_ENUM");

public:
    using enum_type = E;

    open_enum() = default;
    open_enum(E v) noexcept : value_(v) {}  // NOLINT: implicit by design, like the enum itself
    // From the wire string: known names map to E, others are kept as text.
    static open_enum from_string(std::string_view s)
    {
        open_enum r;
        r.assign(s);
        return r;
    }

    bool is_known() const noexcept { return known_; }
    // The enumerator; meaningful only when is_known().
    E value() const noexcept { return value_; }
    // The original text of a value the model does not know (possibly ""); empty when known.
    std::string_view unknown_value() const noexcept { return unknown_; }
    // The wire string, known or not.
    std::string_view to_string() const noexcept
    {
        return is_known() ? detail::enum_to_wire(value_) : std::string_view(unknown_);
    }

    // Sets from the wire string, reusing the capacity of the unknown text.
    void assign(std::string_view s)
    {
        bool const found = detail::enum_from_wire(s, value_);
        known_ = found;
        if (found) unknown_.clear();
        else unknown_.assign(s.data(), s.size());
    }

    friend bool operator==(open_enum const& a, open_enum const& b)
    {
        return a.known_ == b.known_ && a.to_string() == b.to_string();
    }
    friend bool operator==(open_enum const& a, E b) noexcept { return a.is_known() && a.value_ == b; }

private:
    E value_{};
    std::string unknown_;  // the wire text when !known_
    bool known_ = true;     // not unknown_.empty(): "" is a value the model does not know too
};

template <class T>
inline constexpr bool is_open_enum_v = false;
template <class E>
inline constexpr bool is_open_enum_v<open_enum<E>> = true;

}  // namespace apibind::json

#endif
