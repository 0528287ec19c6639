// apibind::json::decode: bytes straight into a described struct, no DOM.
#ifndef APIBIND_JSON_DECODE_HPP
#define APIBIND_JSON_DECODE_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/descent.hpp>
#include <apibind/json/options.hpp>

#include <string_view>
#include <utility>

namespace apibind::json {

// Decodes into an existing object, reusing the capacity of its strings and vectors, so a steady
// loop of decodes allocates nothing. On failure the target is valid but partly updated.
template <class T>
result<void> decode_into(T& target, std::string_view bytes, decode_options const& opt = {})
{
    error e;
    if (!detail::decode_buffer(bytes, target, opt, nullptr, e, true)) return e;
    return {};
}

// Decodes a new T. Errors name what was wrong and where: "errors[1].created_at: expected a string, got a number".
template <class T>
result<T> decode(std::string_view bytes, decode_options const& opt = {})
{
    // Decoded where the result holds it: returning a T would move every member into the result
    // and destroy the moved-from T (600 instructions of an account's 27k).
    result<T> r(result<T>::in_place_value);
    error e;
    if (!detail::decode_buffer(bytes, *r, opt, nullptr, e, false)) r = result<T>(result<T>::in_place_error, std::move(e));
    return r;
}

}  // namespace apibind::json

#endif
