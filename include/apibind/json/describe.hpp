// APIBIND_DESCRIBE_STRUCT(C, (Bases...), (members...)): describes a struct's public data members
// (and public bases) for Boost.Describe, like BOOST_DESCRIBE_STRUCT, at a fraction of its compile
// cost. boost::describe::describe_members<C, M> and describe_bases<C, M> see exactly what
// BOOST_DESCRIBE_STRUCT(C, (Bases...), (members...)) gives them, so the codec, Boost.JSON's
// described-class conversions and any other Boost.Describe user work unchanged.
//
// Why: BOOST_DESCRIBE_STRUCT defines, per struct, a function whose body holds one lambda and one
// local class per member, and deduces its return type; a generated API of a thousand structs spends
// about half its include time there. This macro only declares those functions (Boost.Describe reads
// nothing but their return types), naming each member with one class template specialization.
// The include cost of <apibind/seam.hpp> roughly halves (docs/performance.md).
//
// Limits: public data members and public non-virtual bases of a struct or class (no member
// functions, no overloads, no protected or private members: use BOOST_DESCRIBE_CLASS for those),
// at most 52 of each, as BOOST_DESCRIBE_STRUCT. Use it at namespace scope, after the struct.
//
// It relies on how Boost.Describe finds a description (argument-dependent lookup of
// boost_{base,public_member,protected_member,private_member}_descriptor_fn(C**), whose return type
// is a list of descriptors with ::type / ::pointer, ::name and ::modifiers), unchanged since
// Boost 1.77; tests/unit/test_json_describe.cpp compares it with BOOST_DESCRIBE_STRUCT.
#ifndef APIBIND_JSON_DESCRIBE_HPP
#define APIBIND_JSON_DESCRIBE_HPP

#include <apibind/json/detail/describe_pp.hpp>
#include <apibind/json/detail/fixed_string.hpp>

#include <boost/describe/bases.hpp>
#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>

#include <type_traits>

namespace apibind::json::detail {

template <class... Descriptors>
struct described_list {};

template <auto Pointer, apibind::detail::fixed_string Name>
struct described_member {
    static constexpr auto pointer = Pointer;
    static constexpr char const* name = Name.data;
    static constexpr unsigned modifiers = boost::describe::mod_public;
};

template <class Class, class Base>
struct described_base {
    static_assert(std::is_base_of_v<Base, Class> && !std::is_same_v<Base, Class>,
                  "APIBIND_DESCRIBE_STRUCT: a listed base is not a base of the struct");
    using type = Base;
    static constexpr unsigned modifiers = boost::describe::mod_public;
};

}  // namespace apibind::json::detail

#define APIBIND_DETAIL_UNPACK(...) __VA_ARGS__
#define APIBIND_DETAIL_DESCRIBED_BASE(C, B) ::apibind::json::detail::described_base<C, B>
#define APIBIND_DETAIL_DESCRIBED_MEMBER(C, m) ::apibind::json::detail::described_member<&C::m, #m>

// C names a type (in `C**`) and Bases/Members are parenthesised lists: neither can be wrapped in
// parentheses.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define APIBIND_DESCRIBE_STRUCT(C, Bases, Members)                                                          \
    ::apibind::json::detail::described_list<APIBIND_DETAIL_PP_COMMA_EACH(                                   \
        APIBIND_DETAIL_DESCRIBED_BASE, C, APIBIND_DETAIL_UNPACK Bases)> boost_base_descriptor_fn(C**);       \
    ::apibind::json::detail::described_list<APIBIND_DETAIL_PP_COMMA_EACH(                                   \
        APIBIND_DETAIL_DESCRIBED_MEMBER, C, APIBIND_DETAIL_UNPACK Members)> boost_public_member_descriptor_fn( \
        C**);                                                                                                \
    ::apibind::json::detail::described_list<> boost_protected_member_descriptor_fn(C**);                    \
    ::apibind::json::detail::described_list<> boost_private_member_descriptor_fn(C**);
// NOLINTEND(bugprone-macro-parentheses)

#endif
