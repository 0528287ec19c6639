// The endpoints apibind-seam offers: every Seam endpoint apibind binds (apibind::seam::endpoints,
// the generated list of every descriptor). Until the generated list is on the branch, the
// hand-written connected-accounts descriptors.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP

#if __has_include(<apibind/seam/endpoints.hpp>)
#include <apibind/seam/endpoints.hpp>

namespace seam_cli {
using endpoints = apibind::seam::endpoints;
}  // namespace seam_cli

#else
#include <apibind/seam/connected_accounts.hpp>

#include <boost/mp11/list.hpp>

namespace seam_cli {
namespace ca = apibind::seam::connected_accounts;
using endpoints = boost::mp11::mp_list<ca::get, ca::list, ca::sync, ca::update, ca::delete_, ca::simulate::disconnect>;
}  // namespace seam_cli
#endif

#endif
