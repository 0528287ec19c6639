// How one request member reads from command-line text, and how help names its type.
#ifndef APIBIND_CLI_DETAIL_FLAG_VALUE_HPP
#define APIBIND_CLI_DETAIL_FLAG_VALUE_HPP

#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace apibind::cli::detail {

// The value type behind the wrappers that only say "may be absent" or "may be null".
template <class T>
struct unwrap {
    using type = T;
};
template <class T>
struct unwrap<std::optional<T>> : unwrap<T> {};
template <class T>
struct unwrap<json::nullable<T>> : unwrap<T> {};
template <class T, bool C>
struct unwrap<json::defaulted<T, C>> : unwrap<T> {};
template <class T>
using unwrap_t = typename unwrap<T>::type;

template <class T>
struct open_enum_of {};
template <class E>
struct open_enum_of<json::open_enum<E>> {
    using type = E;
};

// Whether the command-line text is the content of a JSON string (names, ids, enum values, and
// any wire type whose JSON form is a string, such as a timestamp) or JSON itself (numbers,
// booleans, objects, arrays).
template <class T>
bool takes_string_text()
{
    if constexpr (std::is_same_v<T, std::string>) {
        return true;
    } else if constexpr (std::is_arithmetic_v<T>) {
        return false;
    } else if constexpr (json::detail::is_described_enum_v<T> || json::is_open_enum_v<T>) {
        return true;
    } else if constexpr (json::detail::is_described_struct_v<T> || json::detail::is_vector_v<T> || json::is_record_v<T>) {
        return false;
    } else if constexpr (std::is_default_constructible_v<T>) {
        // Any other wire type: ask the codec what its JSON form looks like.
        std::string const sample = json::encode(T{});
        return !sample.empty() && sample.front() == '"';
    } else {
        return false;
    }
}

// "a|b|c": the wire names of an enum's values.
template <class E>
std::string enum_names()
{
    std::string out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        std::string const quoted = json::encode(d.value);
        if (!out.empty()) out += '|';
        if (quoted.size() >= 2 && quoted.front() == '"') out.append(quoted, 1, quoted.size() - 2);
        else out += quoted;
    });
    return out;
}

// The type of a flag as help shows it.
template <class T>
std::string type_name()
{
    if constexpr (std::is_same_v<T, bool>) {
        return "boolean";
    } else if constexpr (std::is_integral_v<T>) {
        return "integer";
    } else if constexpr (std::is_floating_point_v<T>) {
        return "number";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "string";
    } else if constexpr (json::detail::is_described_enum_v<T>) {
        return enum_names<T>();
    } else if constexpr (json::is_open_enum_v<T>) {
        return enum_names<typename open_enum_of<T>::type>() + "|...";
    } else if constexpr (json::detail::is_vector_v<T>) {
        return "array of " + type_name<unwrap_t<typename T::value_type>>();
    } else if constexpr (json::detail::is_described_struct_v<T> || json::is_record_v<T> || json::detail::string_keyed_map<T>) {
        return "object";
    } else {
        return takes_string_text<T>() ? "string" : "JSON";
    }
}

inline std::string dashed(std::string_view name)
{
    return "--" + std::string(name);
}

// Reads `text` into the member (of any wrapper: optional, nullable, defaulted) through the codec,
// so every rule of the wire type holds (enum names, ranges, nested required members).
template <class M>
result<void> read_flag(M& member, std::string_view name, std::string_view text)
{
    using value_type = unwrap_t<M>;
    std::string quoted;
    std::string_view json_text = text;
    if (takes_string_text<value_type>()) {
        quoted = json::encode(std::string(text));
        json_text = quoted;
    }
    auto r = json::decode_into(member, json_text);
    if (r) return {};
    error const& e = r.error();
    std::string why = e.message;
    if (!e.path.empty()) why = "at " + e.path + ": " + why;
    return usage_error(dashed(name) + ": \"" + std::string(text) + "\" is not a valid " + type_name<value_type>() +
                       (why.empty() ? std::string() : " (" + why + ")"));
}

// A flag's name matches a wire key as given or with '-' for '_' (`--device-id` for device_id).
inline bool flag_matches(std::string_view key, std::string_view name) noexcept
{
    if (key.size() != name.size()) return false;
    for (std::size_t i = 0; i < key.size(); ++i)
        if (key[i] != name[i] && !(key[i] == '_' && name[i] == '-')) return false;
    return true;
}

}  // namespace apibind::cli::detail

#endif
