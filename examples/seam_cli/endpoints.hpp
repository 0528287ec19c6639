// The endpoints apibind-seam offers: every Seam endpoint apibind binds. The command tree, the flags
// and the help all follow from this one list (apibind/cli.hpp); a new descriptor here is a new
// command. When the generated binding lands, this becomes its list of every descriptor.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_ENDPOINTS_HPP

#include <apibind/seam/action_attempts.hpp>
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/locks.hpp>

#include <boost/mp11/list.hpp>

namespace seam_cli {
namespace ca = apibind::seam::connected_accounts;
using endpoints = boost::mp11::mp_list<ca::get, ca::list, ca::sync, ca::update, ca::delete_, ca::simulate::disconnect,
                                       apibind::seam::locks::lock_door, apibind::seam::locks::unlock_door,
                                       apibind::seam::action_attempts::get>;
}  // namespace seam_cli

#endif
