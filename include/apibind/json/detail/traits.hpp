// Type classification shared by the decoder and the encoder.
#ifndef APIBIND_JSON_DETAIL_TRAITS_HPP
#define APIBIND_JSON_DETAIL_TRAITS_HPP

#include <apibind/json/any_value.hpp>
#include <apibind/json/defaulted.hpp>
#include <apibind/json/enum_names.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/raw_json.hpp>
#include <apibind/json/record.hpp>
#include <apibind/json/tagged_union.hpp>
#include <apibind/json/wire_traits.hpp>
#include <apibind/json/detail/fixed_string.hpp>
#include <apibind/json/detail/is_finite.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace apibind::json::detail {

namespace bd = boost::describe;

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
inline constexpr bool is_vector_v = false;
template <class T, class A>
inline constexpr bool is_vector_v<std::vector<T, A>> = true;

// std::map, std::unordered_map and the like, keyed by std::string.
template <class T>
concept string_keyed_map = requires(T& m, std::string k) {
    typename T::key_type;
    typename T::mapped_type;
    m.try_emplace(std::move(k));
    m.clear();
} && std::is_same_v<typename T::key_type, std::string>;

template <class T>
inline constexpr bool is_described_struct_v = bd::has_describe_members<T>::value && std::is_class_v<T>;

template <class T>
inline constexpr bool is_described_enum_v = bd::has_describe_enumerators<T>::value;

template <class T>
using members_of = bd::describe_members<T, bd::mod_public | bd::mod_inherited>;

template <class T, class D>
using member_type_t = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;

// Wire key of a C++ member under a naming policy, computed at compile time.
constexpr apibind::detail::static_buffer<128> apply_naming(std::string_view name, naming n)
{
    apibind::detail::static_buffer<128> out;
    if (n == naming::as_is) {
        out.append(name);
        return out;
    }
    bool upper_next = (n == naming::pascal_case);
    for (char c : name) {
        if (c == '_') {
            upper_next = out.size > 0 || n == naming::pascal_case;
            continue;
        }
        if (upper_next && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        upper_next = false;
        out.push_back(c);
    }
    return out;
}

// Compile-time facts about one described member D of T.
template <class T, class D>
struct member_info {
    using type = member_type_t<T, D>;
    static constexpr std::string_view cpp_name = D::name;

    static constexpr apibind::detail::static_buffer<128> compute_key()
    {
        constexpr options const& o = options_v<T>;
        std::string_view const over = o.key_override(cpp_name);
        if (!over.empty()) {
            apibind::detail::static_buffer<128> b;
            b.append(over);
            return b;
        }
        return apply_naming(cpp_name, o.names);
    }
    static constexpr auto key_storage = compute_key();
    static constexpr std::string_view key = key_storage.view();

    // `"key":` ready to copy into the output.
    static constexpr apibind::detail::static_buffer<260> compute_prefix()
    {
        apibind::detail::static_buffer<260> b;
        b.push_back('"');
        for (char c : key) {
            if (c == '"' || c == '\\') b.push_back('\\');
            b.push_back(c);
        }
        b.push_back('"');
        b.push_back(':');
        return b;
    }
    static constexpr auto prefix_storage = compute_prefix();
    static constexpr std::string_view prefix = prefix_storage.view();

    static constexpr bool is_optional = is_optional_v<type> || is_nullable_v<type>;
    static constexpr bool is_presence_tracked = is_defaulted_v<type>;  // json::defaulted<T>
    static constexpr bool is_defaulted = options_v<T>.is_defaulted(cpp_name);
    static constexpr bool is_required = !is_optional && !is_defaulted && !is_presence_tracked;
};

template <class T, std::size_t I>
using member_info_at = member_info<T, boost::mp11::mp_at_c<members_of<T>, I>>;

// ---- the one diagnostic for a type the codec cannot map ----
// Both the decoder's fallback codec<T> and the encoder instantiate unsupported_type<T>, so a
// translation unit gets ONE error per offending type. Its condition is a variable template
// named after the fix: g++ prints "note: 'describe_with_BOOST_DESCRIBE_ENUM<shop::colour>'
// evaluates to false" (clang puts it in the error line), naming the type and the macro.
template <class T>
inline constexpr bool describe_with_BOOST_DESCRIBE_ENUM = false;
template <class T>
inline constexpr bool describe_with_BOOST_DESCRIBE_STRUCT = false;
template <class T>
inline constexpr bool is_not_supported_by_the_codec_use_a_described_struct = false;
template <class T>
inline constexpr bool is_not_supported_by_the_codec = false;

// std::tuple, std::pair, std::array: tuple-like, so describing them is not the fix.
template <class T>
concept tuple_like = requires { std::tuple_size<T>::value; };

template <class T>
struct unsupported_type {
    static constexpr bool diagnose() noexcept
    {
        if constexpr (std::is_enum_v<T>) {
            static_assert(describe_with_BOOST_DESCRIBE_ENUM<T>,
                          "apibind::json: this enum is not described: add BOOST_DESCRIBE_ENUM(type, enumerators...) "
                          "next to it (the requirement or the note names the type)");
        } else if constexpr (tuple_like<T>) {
            static_assert(is_not_supported_by_the_codec_use_a_described_struct<T>,
                          "apibind::json: tuples, pairs and std::array are not supported: use a described struct or "
                          "a std::vector (the requirement or the note names the type)");
        } else if constexpr (std::is_class_v<T>) {
            static_assert(describe_with_BOOST_DESCRIBE_STRUCT<T>,
                          "apibind::json: this struct is not described: add BOOST_DESCRIBE_STRUCT(type, (bases...), "
                          "(members...)) next to it (the requirement or the note names the type)");
        } else {
            static_assert(is_not_supported_by_the_codec<T>,
                          "apibind::json: this type is not supported by the codec, see docs/codec.md (the type is "
                          "named in the note below, or in the line above)");
        }
        return true;  // the assertion above has failed: nothing more to say
    }
    static constexpr bool reported = diagnose();
};

}  // namespace apibind::json::detail

#endif
