// apibind::json::wire_traits<T>: the codec's open customization point. A type the codec does not
// know becomes a wire type by saying, in its own header, how it maps to and from a type the codec
// already supports (its wire form). Decode, encode and query-string text all follow from that one
// specialisation; nothing inside the codec is edited.
//
//   struct money { std::int64_t cents = 0; };
//   template <>
//   struct apibind::json::wire_traits<money> {
//       using wire_type = std::int64_t;                                  // what the JSON holds
//       static std::int64_t to_wire(money const& m) noexcept { return m.cents; }
//       static bool from_wire(std::int64_t const& w, money& out) noexcept  // false: a decode error
//       {
//           out.cents = w;
//           return w >= 0;
//       }
//       static constexpr char const* expected = "a non-negative amount of cents";  // optional, for errors
//   };
//
// - to_wire(T const&) returns a wire_type or a reference to one (encode writes it; a query string
//   or path parameter uses its text).
// - from_wire(wire_type const&, T&) fills T from a decoded wire value and says whether it is
//   valid; the wire value is passed by reference to reused storage, so assigning from it keeps
//   decode_into free of allocations. A rejected value is a decode error (type_mismatch) at the
//   member's path, naming `expected`.
// - wire_type is any type the codec supports (another wire type too). Wire types that are JSON
//   scalars (strings, numbers, booleans, enums) decode in place; objects and arrays are captured
//   and decoded separately (simple, not the fast path).
//
// A specialisation must be visible wherever T is decoded or encoded (declare it next to T).
#ifndef APIBIND_JSON_WIRE_TRAITS_HPP
#define APIBIND_JSON_WIRE_TRAITS_HPP

#include <concepts>
#include <string_view>
#include <type_traits>

namespace apibind::json {

// Not specialised: T has no wire form of its own.
template <class T>
struct wire_traits {};

// A type that is a JSON string kept as its text (json::date_time): T is default constructible,
// `t.assign(std::string_view)` keeps any text (a string is never refused) and `t.text()` returns
// it (as something convertible to std::string_view). Declared in T's own header:
//
//   template <>
//   inline constexpr bool apibind::json::stored_as_text<my_text> = true;
//
// Decode writes a string's text straight into T with assign (a leaf member: no wire value, no
// copy; a T that keeps its storage keeps decode_into free of allocations); encode, query strings
// and path parameters write text(). wire_traits<T>, when also given, comes first.
template <class T>
inline constexpr bool stored_as_text = false;

namespace detail {

// A specialisation is recognised by its wire_type; the rest is checked where it is used, with
// messages that say what is missing.
template <class T>
concept has_wire_traits = requires { typename wire_traits<T>::wire_type; };

template <class T>
inline constexpr bool wire_traits_complete = requires(T const& v, T& out, typename wire_traits<T>::wire_type const& w) {
    wire_traits<T>::to_wire(v);
    { wire_traits<T>::from_wire(w, out) } -> std::convertible_to<bool>;
};

// A type stored as its text (stored_as_text, above) and not a wire type; the members it needs are
// checked where it is used, with a message that says what is missing.
template <class T>
concept text_type = stored_as_text<T> && !has_wire_traits<T>;

template <class T>
inline constexpr bool text_type_complete = requires(T& t, T const& c, std::string_view s) {
    t.assign(s);
    { c.text() } -> std::convertible_to<std::string_view>;
};

template <class T>
constexpr char const* wire_expected() noexcept
{
    if constexpr (requires { wire_traits<T>::expected; }) return wire_traits<T>::expected;
    else return "a valid value";
}

}  // namespace detail
}  // namespace apibind::json

#endif
