// The writer side of the codec: appends JSON for a value straight into a std::string,
// with each member's `"key":` prefix precomputed at compile time.
#ifndef APIBIND_JSON_DETAIL_ENCODE_VALUE_HPP
#define APIBIND_JSON_DETAIL_ENCODE_VALUE_HPP

#include <apibind/json/detail/escape.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/describe/enum_to_string.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <variant>

namespace apibind::json::detail {

// Keeps every member; the client passes another filter to leave out query and path members.
struct keep_all_members {
    constexpr bool operator()(std::string_view) const noexcept { return true; }
};

template <class T>
void write_value(std::string& out, T const& v);

template <class T, class Filter = keep_all_members>
void write_struct(std::string& out, T const& v, Filter const& keep = {})
{
    out.push_back('{');
    bool first = true;
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        using info = member_info<T, decltype(d)>;
        auto const& m = v.*d.pointer;
        if constexpr (is_optional_v<typename info::type>) {
            if (!m) return;
        } else if constexpr (is_nullable_v<typename info::type>) {
            if (m.is_absent()) return;
        }
        if constexpr (!std::is_same_v<Filter, keep_all_members>) {
            if (!keep(info::cpp_name)) return;
        }
        if (!first) out.push_back(',');
        first = false;
        out.append(info::prefix.data(), info::prefix.size());
        write_value(out, m);
    });
    out.push_back('}');
}

template <class Number>
void write_number(std::string& out, Number n)
{
    if constexpr (std::is_floating_point_v<Number>) {
        if (!std::isfinite(n)) {  // JSON has no NaN or infinity
            out.append("null");
            return;
        }
    }
    char buf[64];
    auto const r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

template <class T>
void write_value(std::string& out, T const& v)
{
    if constexpr (std::is_same_v<T, bool>) {
        out.append(v ? "true" : "false");
    } else if constexpr (std::is_arithmetic_v<T>) {
        write_number(out, v);
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        write_escaped(out, v);
    } else if constexpr (std::is_same_v<T, null_t>) {
        out.append("null");
    } else if constexpr (is_literal_v<T>) {
        write_escaped(out, T::value);
    } else if constexpr (is_open_enum_v<T>) {
        write_escaped(out, v.to_string());
    } else if constexpr (is_described_enum_v<T>) {
        char const* name = boost::describe::enum_to_string(v, nullptr);
        if (name) write_escaped(out, name);
        else out.append("null");  // a value outside the enumerators has no wire form
    } else if constexpr (is_optional_v<T>) {
        if (v) write_value(out, *v);
        else out.append("null");
    } else if constexpr (is_nullable_v<T>) {
        if (v.has_value()) write_value(out, *v);
        else out.append("null");
    } else if constexpr (std::is_same_v<T, raw_json>) {
        if (v.text.empty()) out.append("null");
        else out.append(v.text);
    } else if constexpr (std::is_same_v<T, any_value>) {
        switch (v.kind()) {
        case value_kind::null: out.append("null"); break;
        case value_kind::boolean: out.append(*v.as_bool() ? "true" : "false"); break;
        case value_kind::string: write_escaped(out, v.text()); break;
        case value_kind::number:
        case value_kind::object:
        case value_kind::array:
            if (v.text().empty()) out.append("null");
            else out.append(v.text());
            break;
        }
    } else if constexpr (is_vector_v<T>) {
        out.push_back('[');
        bool first = true;
        for (auto const& e : v) {
            if (!first) out.push_back(',');
            first = false;
            write_value(out, e);
        }
        out.push_back(']');
    } else if constexpr (is_record_v<T> || string_keyed_map<T>) {
        out.push_back('{');
        bool first = true;
        for (auto const& [k, e] : v) {
            if (!first) out.push_back(',');
            first = false;
            write_escaped(out, k);
            out.push_back(':');
            write_value(out, e);
        }
        out.push_back('}');
    } else if constexpr (is_tagged_union_v<T>) {
        std::visit(
            [&](auto const& alt) {
                using A = std::remove_cvref_t<decltype(alt)>;
                if constexpr (std::is_same_v<A, unrecognised>) {
                    if (!alt.raw.text.empty()) {
                        out.append(alt.raw.text);
                    } else {  // built by hand: at least carry the tag
                        out.push_back('{');
                        write_escaped(out, T::tag_key);
                        out.push_back(':');
                        write_escaped(out, alt.tag);
                        out.push_back('}');
                    }
                } else {
                    write_value(out, alt);
                }
            },
            v.variant());
    } else if constexpr (is_described_struct_v<T>) {
        write_struct(out, v);
    } else {
        static_assert(sizeof(T) == 0, "apibind::json: this type is not supported by the codec (describe it with BOOST_DESCRIBE_STRUCT?)");
    }
}

}  // namespace apibind::json::detail

#endif
