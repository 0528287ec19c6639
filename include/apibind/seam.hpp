// apibind::seam: the Seam Connect binding (umbrella): connected accounts, their events,
// credentials, error bodies, pagination and the client facade.
#ifndef APIBIND_SEAM_HPP
#define APIBIND_SEAM_HPP

#include <apibind/seam/auth.hpp>
#include <apibind/seam/client.hpp>
#include <apibind/seam/connected_account.hpp>
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/errors.hpp>
#include <apibind/seam/events.hpp>
#include <apibind/seam/policy.hpp>

#endif
