// What the facade hands to the user for endpoint E: the response member named by
// E::response_key, nothing (an object body without a key), or the whole body (anything else,
// such as a top-level JSON array). Shared by the facade and the paginator.
#ifndef APIBIND_DETAIL_UNWRAP_HPP
#define APIBIND_DETAIL_UNWRAP_HPP

#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::detail {

enum class unwrap_kind { member, nothing, whole };

template <class E>
constexpr unwrap_kind unwrap_kind_of() noexcept
{
    if constexpr (!E::response_key.empty()) return unwrap_kind::member;
    else if constexpr (json::detail::is_described_struct_v<typename E::response>) return unwrap_kind::nothing;
    else return unwrap_kind::whole;
}

template <class E>
struct key_matches {
    template <class D>
    using fn = boost::mp11::mp_bool<std::string_view(D::name) == E::response_key>;
};

// The Boost.Describe descriptor of the response_key member (only for unwrap_kind::member).
template <class E>
using response_key_descriptor =
    boost::mp11::mp_at<json::detail::members_of<typename E::response>,
                       boost::mp11::mp_find_if_q<json::detail::members_of<typename E::response>, key_matches<E>>>;

template <class E, unwrap_kind = unwrap_kind_of<E>()>
struct unwrap_traits {
    using type = typename E::response;
    static type& get(typename E::response& r) noexcept { return r; }
};

template <class E>
struct unwrap_traits<E, unwrap_kind::member> {
    using descriptor = response_key_descriptor<E>;
    using type = json::detail::member_type_t<typename E::response, descriptor>;
    static type& get(typename E::response& r) noexcept { return r.*descriptor::pointer; }
};

template <class E>
struct unwrap_traits<E, unwrap_kind::nothing> {
    using type = void;
};

// The type the facade returns inside result<>.
template <class E>
using unwrapped_t = typename unwrap_traits<E>::type;

// The unwrapped value, moved out of the response (or nothing).
template <class E>
result<unwrapped_t<E>> unwrap(result<typename E::response>&& r)
{
    if (!r) return std::move(r).error();
    if constexpr (std::is_void_v<unwrapped_t<E>>) return {};
    else return result<unwrapped_t<E>>(std::move(unwrap_traits<E>::get(*r)));
}

}  // namespace apibind::detail

#endif
