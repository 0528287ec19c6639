// apibind::seam::action_attempts: the /action_attempts/* routes (hand-written: `get`, which the
// action-attempt waiter polls, until the generator writes this header for the whole namespace).
#ifndef APIBIND_SEAM_ACTION_ATTEMPTS_HPP
#define APIBIND_SEAM_ACTION_ATTEMPTS_HPP

#include <apibind/endpoint.hpp>
#include <apibind/facade.hpp>
#include <apibind/seam/action_attempt.hpp>

#include <boost/describe/class.hpp>

#include <string>

namespace apibind::seam::action_attempts {

// ---- /action_attempts/get ----

struct get_request {
    std::string action_attempt_id{};
};
BOOST_DESCRIBE_STRUCT(get_request, (), (action_attempt_id))

struct get_response {
    seam::action_attempt action_attempt{};
};
BOOST_DESCRIBE_STRUCT(get_response, (), (action_attempt))

// A read: safe to repeat.
using get = apibind::endpoint<"/action_attempts/get", get_request, get_response, apibind::retry_safe,
                              apibind::response_key<"action_attempt">>;

}  // namespace apibind::seam::action_attempts

namespace apibind::seam {

template <class Core>
struct action_attempts_api {
    explicit action_attempts_api(Core& core) noexcept : get(core) {}
    apibind::facade_call<Core, action_attempts::get> get;  // result<action_attempt>, awaited like the SDKs' get
};

}  // namespace apibind::seam

#endif
