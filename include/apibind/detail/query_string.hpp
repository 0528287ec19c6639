// Query strings and path parameters from request members: percent-encoding and the serialisation
// the official Seam SDK uses (arrays as repeated keys, records as dotted keys, null as `key=`).
#ifndef APIBIND_DETAIL_QUERY_STRING_HPP
#define APIBIND_DETAIL_QUERY_STRING_HPP

#include <apibind/json/detail/traits.hpp>


#include <charconv>
#include <string>
#include <string_view>

namespace apibind::detail {

// RFC 3986 unreserved characters pass; everything else is %XX.
inline void append_percent_encoded(std::string& out, std::string_view s)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char ch : s) {
        auto const c = static_cast<unsigned char>(ch);
        bool const unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                                c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
}

}  // namespace apibind::detail

namespace apibind {

// How query keys and values are percent-encoded. An API's policy may choose one with
// `static constexpr apibind::query_encoding query_style = ...;` (default: strict).
enum class query_encoding {
    strict,   // only RFC 3986 unreserved characters pass (as encodeURIComponent): "%24select=a%2Cb"
    rfc3986,  // also the characters RFC 3986 and the WHATWG URL standard both allow literally in a
              // query, minus the form separators & = + ; : "$select=a,b/c" (OData-style servers)
};

}  // namespace apibind

namespace apibind::detail {

inline void append_query_encoded(std::string& out, std::string_view s, query_encoding enc)
{
    if (enc == query_encoding::strict) return append_percent_encoded(out, s);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i < s.size() && std::string_view("!$()*,/:?@").find(s[i]) == std::string_view::npos) continue;
        append_percent_encoded(out, s.substr(start, i - start));
        if (i < s.size()) out.push_back(s[i]);
        start = i + 1;
    }
}

inline void append_query_pair(std::string& query, std::string_view key, std::string_view value,
                              query_encoding enc = query_encoding::strict)
{
    query.push_back(query.empty() ? '?' : '&');
    append_query_encoded(query, key, enc);
    query.push_back('=');
    append_query_encoded(query, value, enc);
}

// The text form of a scalar member; false for types that have none.
template <class T>
bool scalar_text(T const& v, std::string& out)
{
    using namespace apibind::json;
    using namespace apibind::json::detail;
    if constexpr (has_wire_traits<T>) {
        return scalar_text(wire_traits<T>::to_wire(v), out);
    } else if constexpr (std::is_same_v<T, bool>) {
        out = v ? "true" : "false";
    } else if constexpr (std::is_arithmetic_v<T>) {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        out.assign(buf, r.ptr);
    } else if constexpr (std::is_same_v<T, std::string>) {
        out = v;
    } else if constexpr (text_type<T>) {
        out.assign(std::string_view(v.text()));
    } else if constexpr (is_open_enum_v<T>) {
        out = v.to_string();
    } else if constexpr (is_described_enum_v<T>) {
        out = enum_to_wire(v);
    } else if constexpr (is_literal_v<T>) {
        out = T::value;
    } else if constexpr (is_bool_literal_v<T>) {
        out = T::text;
    } else if constexpr (std::is_same_v<T, any_value>) {
        if (v.is_bool()) out = *v.as_bool() ? "true" : "false";
        else out = v.text();
    } else {
        return false;
    }
    return true;
}

// Appends `key=value` pairs for one member value.
template <class T>
void append_query_value(std::string& query, std::string const& key, T const& v, query_encoding enc = query_encoding::strict)
{
    using namespace apibind::json;
    using namespace apibind::json::detail;
    if constexpr (has_wire_traits<T>) {
        append_query_value(query, key, wire_traits<T>::to_wire(v), enc);
    } else if constexpr (is_optional_v<T>) {
        if (v) append_query_value(query, key, *v, enc);
    } else if constexpr (is_nullable_v<T>) {
        if (v.has_value()) append_query_value(query, key, *v, enc);
        else if (v.is_null()) append_query_pair(query, key, "", enc);
    } else if constexpr (is_vector_v<T>) {
        if (v.empty()) append_query_pair(query, key, "", enc);
        for (auto const& e : v) append_query_value(query, key, e, enc);
    } else if constexpr (is_record_v<T> || string_keyed_map<T>) {
        for (auto const& [k, e] : v) append_query_value(query, key + "." + k, e, enc);
    } else {
        std::string text;
        if constexpr (std::is_same_v<T, any_value>) {
            if (v.is_null()) {
                append_query_pair(query, key, "", enc);
                return;
            }
        }
        static_assert(!is_described_struct_v<T>, "apibind: a nested struct cannot be sent in a query string");
        scalar_text(v, text);
        append_query_pair(query, key, text, enc);
    }
}

}  // namespace apibind::detail

#endif
