// apibind::json::encode: a described value to JSON text, written straight into a string.
#ifndef APIBIND_JSON_ENCODE_HPP
#define APIBIND_JSON_ENCODE_HPP

#include <apibind/json/detail/encode_value.hpp>

#include <string>

namespace apibind::json {

// Appends the JSON of `value` to `out`, reusing its capacity.
template <class T>
void encode(T const& value, std::string& out)
{
    detail::write_value(out, value);
}

template <class T>
std::string encode(T const& value)
{
    std::string out;
    out.reserve(256);
    detail::write_value(out, value);
    return out;
}

}  // namespace apibind::json

#endif
