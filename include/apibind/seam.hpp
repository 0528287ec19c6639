// apibind::seam: the Seam Connect binding (umbrella): connected accounts, their events,
// locks (lock/unlock), action attempts and waiting for them, credentials, error bodies and the
// client facade.
#ifndef APIBIND_SEAM_HPP
#define APIBIND_SEAM_HPP

#include <apibind/seam/action_attempt.hpp>
#include <apibind/seam/action_attempts.hpp>
#include <apibind/seam/action_attempts_wait.hpp>
#include <apibind/seam/auth.hpp>
#include <apibind/seam/client.hpp>
#include <apibind/seam/connected_account.hpp>
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/errors.hpp>
#include <apibind/seam/events.hpp>
#include <apibind/seam/locks.hpp>
#include <apibind/seam/policy.hpp>

#endif
