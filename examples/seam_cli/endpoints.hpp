// The endpoints apibind-seam offers: those of the generated binding's list of every endpoint
// (apibind::seam::endpoints, include/apibind/seam/endpoints.hpp) whose path starts with one of
// seam_cli::routes (routes.hpp, written by CMakeLists.txt from APIBIND_SEAM_CLI_ROUTES; "/" is
// every endpoint). Nothing here names an endpoint: the command tree, the flags and the help all
// follow from the list (apibind/cli.hpp).
//
// The list is reordered so that endpoints whose responses have the same members are neighbours:
// the parts (run.hpp) are contiguous ranges of it, and a part pays once per response type it
// decodes (an action attempt's codec alone costs about a minute of compile time), so the 22
// endpoints that return an action attempt, or the lists of devices, share as few parts as possible.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP

#include "routes.hpp"

#include <apibind/json/detail/traits.hpp>
#include <apibind/seam/endpoints.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/bind.hpp>
#include <boost/mp11/list.hpp>

#include <string_view>
#include <type_traits>

namespace seam_cli {

constexpr bool selected_path(std::string_view path) noexcept
{
    for (std::string_view r : routes)
        if (path.starts_with(r)) return true;
    return false;
}

template <class E>
using is_selected = boost::mp11::mp_bool<selected_path(std::string_view(E::path))>;

// The member types of E's response: endpoints with the same shape instantiate the same codecs.
template <class E>
using response_shape = boost::mp11::mp_transform_q<boost::mp11::mp_bind_front<apibind::json::detail::member_type_t, typename E::response>,
                                                   apibind::json::detail::members_of<typename E::response>>;

template <class L>
struct by_response_shape;
template <class... E>
struct by_response_shape<boost::mp11::mp_list<E...>> {
    template <class S>
    struct has_shape {
        template <class X>
        using fn = std::is_same<response_shape<X>, S>;
    };
    template <class S>
    using with_shape = boost::mp11::mp_copy_if_q<boost::mp11::mp_list<E...>, has_shape<S>>;
    // Shapes in the order they first appear (route order), each followed by every endpoint of it.
    using type = boost::mp11::mp_apply<boost::mp11::mp_append,
                                       boost::mp11::mp_transform<with_shape, boost::mp11::mp_unique<boost::mp11::mp_list<response_shape<E>...>>>>;
};

using endpoints = typename by_response_shape<boost::mp11::mp_copy_if<apibind::seam::endpoints, is_selected>>::type;
static_assert(boost::mp11::mp_size<endpoints>::value > 0, "APIBIND_SEAM_CLI_ROUTES selects no endpoint");

}  // namespace seam_cli

#endif
