// Wire names of described enums. By default an enumerator's wire name is its C++ name;
// APIBIND_JSON_ENUM_NAMES gives the enumerators whose wire name is not a C++ identifier their own:
//
//   enum class acs_entrance_kind { elevator_reader, common_pms };
//   BOOST_DESCRIBE_ENUM(acs_entrance_kind, elevator_reader, common_pms)
//   APIBIND_JSON_ENUM_NAMES(acs_entrance_kind, {acs_entrance_kind::elevator_reader, "elevator reader"},
//                           {acs_entrance_kind::common_pms, "common (PMS)"})
//
// Only the enumerators whose wire name differs are listed (a keyword gets a trailing `_` and an
// entry: `{kind::delete_, "delete"}`). Decode, encode, query strings and open_enum all use the
// wire names; an overridden enumerator no longer answers to its C++ name. The tables are built at
// compile time.
#ifndef APIBIND_JSON_ENUM_NAMES_HPP
#define APIBIND_JSON_ENUM_NAMES_HPP

#include <apibind/json/detail/fixed_string.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace apibind::json {

template <class E>
struct enum_name {
    E value;
    std::string_view name;
};

namespace detail {

template <class E>
constexpr auto enum_name_overrides() noexcept
{
    if constexpr (requires { apibind_json_enum_names(static_cast<E const*>(nullptr)); })
        return apibind_json_enum_names(static_cast<E const*>(nullptr));
    else
        return std::array<enum_name<E>, 0>{};
}

// Every enumerator of E with its wire name, in declaration order.
template <class E>
struct enum_wire_table {
    using enumerators = boost::describe::describe_enumerators<E>;
    static constexpr std::size_t count = boost::mp11::mp_size<enumerators>::value;

    // O(n log n): sorting, not comparing every pair, keeps an enum of hundreds of wire names (the
    // time zones) within clang's constexpr step limit.
    static constexpr std::array<enum_name<E>, count> make()
    {
        constexpr auto overrides = enum_name_overrides<E>();
        std::array<enum_name<E>, count> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<enumerators>([&](auto d) { t[i++] = {d.value, d.name}; });

        // Rename what the overrides name: the enumerators (by index) and the overrides, both in
        // value order, merged.
        std::array<std::size_t, count> by_value{};
        for (std::size_t k = 0; k < count; ++k) by_value[k] = k;
        std::sort(by_value.begin(), by_value.end(), [&](std::size_t a, std::size_t b) { return t[a].value < t[b].value; });
        auto sorted_overrides = overrides;
        std::sort(sorted_overrides.begin(), sorted_overrides.end(), [](auto const& a, auto const& b) { return a.value < b.value; });
        std::size_t j = 0;
        for (auto const& o : sorted_overrides) {
            while (j < count && t[by_value[j]].value < o.value) ++j;
            if (j == count || t[by_value[j]].value != o.value)
                apibind::detail::compile_time_error("apibind: APIBIND_JSON_ENUM_NAMES names a value that is not a described enumerator");
            for (std::size_t k = j; k < count && t[by_value[k]].value == o.value; ++k) t[by_value[k]].name = o.name;
        }

        std::array<std::string_view, count> wire{};
        for (std::size_t k = 0; k < count; ++k) wire[k] = t[k].name;
        std::sort(wire.begin(), wire.end());
        for (std::size_t k = 1; k < count; ++k)
            if (wire[k - 1] == wire[k]) apibind::detail::compile_time_error("apibind: two enumerators have the same wire name");
        return t;
    }
    static constexpr std::array<enum_name<E>, count> names = make();
};

// The entry of v; null for a value that is not an enumerator (a wire name may be empty).
template <class E>
constexpr enum_name<E> const* find_enum_name(E v) noexcept
{
    for (auto const& e : enum_wire_table<E>::names)
        if (e.value == v) return &e;
    return nullptr;
}

// The wire name of v; empty for a value that is not an enumerator.
template <class E>
constexpr std::string_view enum_to_wire(E v) noexcept
{
    enum_name<E> const* e = find_enum_name(v);
    return e ? e->name : std::string_view();
}

// The enumerator whose wire name is s; false if none.
template <class E>
constexpr bool enum_from_wire(std::string_view s, E& out) noexcept
{
    for (auto const& e : enum_wire_table<E>::names)
        if (e.name == s) {
            out = e.value;
            return true;
        }
    return false;
}

}  // namespace detail
}  // namespace apibind::json

// Use it in the enum's namespace, after BOOST_DESCRIBE_ENUM (found by argument-dependent lookup).
#define APIBIND_JSON_ENUM_NAMES(Enum, ...)                                                            \
    [[maybe_unused]] constexpr auto apibind_json_enum_names(Enum const*) noexcept                     \
    {                                                                                                 \
        return ::std::to_array<::apibind::json::enum_name<Enum>>({__VA_ARGS__});                      \
    }

#endif
