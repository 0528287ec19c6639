// apibind::seam::action_attempt: what Seam's device actions (lock, unlock, ...) return at once and
// finish later: a union chosen by two keys, `action_type` and `status` (pending, success, error).
// An action type or status the model does not know decodes to json::unrecognised, raw object kept.
//
// Hand-written for LOCK_DOOR and UNLOCK_DOOR until the generator writes this header with every
// action type of the spec (same names, same shape).
#ifndef APIBIND_SEAM_ACTION_ATTEMPT_HPP
#define APIBIND_SEAM_ACTION_ATTEMPT_HPP

#include <apibind/json/any_value.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/tagged_union.hpp>

#include <boost/describe/class.hpp>

#include <string>

namespace apibind::seam {

// The `error` of an attempt that failed.
struct action_attempt_error {
    std::string type{};
    std::string message{};
};
BOOST_DESCRIBE_STRUCT(action_attempt_error, (), (type, message))

struct lock_door_action_attempt_pending {
    std::string action_attempt_id{};
    json::literal<"LOCK_DOOR"> action_type{};
    json::literal<"pending"> status{};
    json::any_value result{};  // null
    json::any_value error{};   // null
};
BOOST_DESCRIBE_STRUCT(lock_door_action_attempt_pending, (), (action_attempt_id, action_type, status, result, error))

struct lock_door_action_attempt_success {
    std::string action_attempt_id{};
    json::literal<"LOCK_DOOR"> action_type{};
    json::literal<"success"> status{};
    json::any_value result{};  // {}
    json::any_value error{};   // null
};
BOOST_DESCRIBE_STRUCT(lock_door_action_attempt_success, (), (action_attempt_id, action_type, status, result, error))

struct lock_door_action_attempt_error {
    std::string action_attempt_id{};
    json::literal<"LOCK_DOOR"> action_type{};
    json::literal<"error"> status{};
    json::any_value result{};  // null
    action_attempt_error error{};
};
BOOST_DESCRIBE_STRUCT(lock_door_action_attempt_error, (), (action_attempt_id, action_type, status, result, error))

struct unlock_door_action_attempt_pending {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"pending"> status{};
    json::any_value result{};  // null
    json::any_value error{};   // null
};
BOOST_DESCRIBE_STRUCT(unlock_door_action_attempt_pending, (), (action_attempt_id, action_type, status, result, error))

struct unlock_door_action_attempt_success {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"success"> status{};
    json::any_value result{};  // {}
    json::any_value error{};   // null
};
BOOST_DESCRIBE_STRUCT(unlock_door_action_attempt_success, (), (action_attempt_id, action_type, status, result, error))

struct unlock_door_action_attempt_error {
    std::string action_attempt_id{};
    json::literal<"UNLOCK_DOOR"> action_type{};
    json::literal<"error"> status{};
    json::any_value result{};  // null
    action_attempt_error error{};
};
BOOST_DESCRIBE_STRUCT(unlock_door_action_attempt_error, (), (action_attempt_id, action_type, status, result, error))

using action_attempt = json::basic_tagged_union<json::tag_keys<"action_type", "status">,  //
                                                lock_door_action_attempt_pending, lock_door_action_attempt_success,
                                                lock_door_action_attempt_error, unlock_door_action_attempt_pending,
                                                unlock_door_action_attempt_success, unlock_door_action_attempt_error>;

}  // namespace apibind::seam

#endif
