// Where two JSON documents first differ, as a JSON path: for test failure messages that must say
// which member of a big document went wrong, not just that the documents differ.
#ifndef APIBIND_TESTS_SUPPORT_JSON_DIFF_HPP
#define APIBIND_TESTS_SUPPORT_JSON_DIFF_HPP

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace apibind_test {

namespace detail {

inline std::string json_excerpt(boost::json::value const& v)
{
    std::string s = boost::json::serialize(v);
    if (s.size() > 160) s = s.substr(0, 157) + "...";
    return s;
}

// Numbers compare by value across int64/uint64/double only when both are integers or both are
// doubles: 2 and 2.0 differ (a typed double that turns an integer into a double is a finding).
inline bool same_scalar(boost::json::value const& a, boost::json::value const& b)
{
    if (a.is_int64() && b.is_uint64()) return a.get_int64() >= 0 && static_cast<std::uint64_t>(a.get_int64()) == b.get_uint64();
    if (a.is_uint64() && b.is_int64()) return same_scalar(b, a);
    return a == b;
}

}  // namespace detail

// nullopt when equal as JSON values (key order and number spelling do not matter); else
// "<path>: expected <e>, got <a>" (or "missing" / "unexpected member") at the first difference,
// members in the expected document's order.
inline std::optional<std::string> json_difference(boost::json::value const& expected, boost::json::value const& actual,
                                                  std::string const& path = "$")
{
    if (expected.is_object() && actual.is_object()) {
        auto const& e = expected.get_object();
        auto const& a = actual.get_object();
        for (auto const& kv : e) {
            std::string const sub = path + "." + std::string(kv.key());
            auto const* got = a.if_contains(kv.key());
            if (!got) return sub + ": missing (expected " + detail::json_excerpt(kv.value()) + ")";
            if (auto d = json_difference(kv.value(), *got, sub)) return d;
        }
        for (auto const& kv : a)
            if (!e.contains(kv.key()))
                return path + "." + std::string(kv.key()) + ": unexpected member " + detail::json_excerpt(kv.value());
        return std::nullopt;
    }
    if (expected.is_array() && actual.is_array()) {
        auto const& e = expected.get_array();
        auto const& a = actual.get_array();
        for (std::size_t i = 0; i < e.size() && i < a.size(); ++i)
            if (auto d = json_difference(e[i], a[i], path + "[" + std::to_string(i) + "]")) return d;
        if (e.size() != a.size())
            return path + ": expected " + std::to_string(e.size()) + " elements, got " + std::to_string(a.size());
        return std::nullopt;
    }
    if (detail::same_scalar(expected, actual)) return std::nullopt;
    return path + ": expected " + detail::json_excerpt(expected) + ", got " + detail::json_excerpt(actual);
}

}  // namespace apibind_test

#endif
