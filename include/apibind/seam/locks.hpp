// apibind::seam::locks: the /locks/* routes that act on a lock (hand-written: lock_door and
// unlock_door, until the generator writes this header for the whole namespace). Both return an
// action attempt, which the facade awaits by default (seam/action_attempts_wait.hpp).
//
// Not retry_safe: a repeated request starts a second action attempt on the device.
#ifndef APIBIND_SEAM_LOCKS_HPP
#define APIBIND_SEAM_LOCKS_HPP

#include <apibind/endpoint.hpp>
#include <apibind/facade.hpp>
#include <apibind/seam/action_attempt.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>

namespace apibind::seam::locks {

// ---- /locks/lock_door ----

struct lock_door_request {
    std::string device_id{};
    std::optional<bool> sync{};
};
BOOST_DESCRIBE_STRUCT(lock_door_request, (), (device_id, sync))

struct lock_door_response {
    seam::action_attempt action_attempt{};
};
BOOST_DESCRIBE_STRUCT(lock_door_response, (), (action_attempt))

using lock_door = apibind::endpoint<"/locks/lock_door", lock_door_request, lock_door_response, apibind::response_key<"action_attempt">>;

// ---- /locks/unlock_door ----

struct unlock_door_request {
    std::string device_id{};
    std::optional<bool> sync{};
};
BOOST_DESCRIBE_STRUCT(unlock_door_request, (), (device_id, sync))

struct unlock_door_response {
    seam::action_attempt action_attempt{};
};
BOOST_DESCRIBE_STRUCT(unlock_door_response, (), (action_attempt))

using unlock_door =
    apibind::endpoint<"/locks/unlock_door", unlock_door_request, unlock_door_response, apibind::response_key<"action_attempt">>;

}  // namespace apibind::seam::locks

namespace apibind::seam {

template <class Core>
struct locks_api {
    explicit locks_api(Core& core) noexcept : lock_door(core), unlock_door(core) {}
    apibind::facade_call<Core, locks::lock_door> lock_door;      // result<action_attempt>, awaited by default
    apibind::facade_call<Core, locks::unlock_door> unlock_door;  // result<action_attempt>, awaited by default
};

}  // namespace apibind::seam

#endif
