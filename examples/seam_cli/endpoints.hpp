// The endpoints apibind-seam offers: every Seam endpoint apibind binds.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP

#include <apibind/seam.hpp>

#include <boost/mp11/list.hpp>

namespace seam_cli {

namespace ca = apibind::seam::connected_accounts;
using endpoints = boost::mp11::mp_list<ca::get, ca::list, ca::sync, ca::update, ca::delete_, ca::simulate::disconnect>;

}  // namespace seam_cli

#endif
