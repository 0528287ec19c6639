// Waiting for Seam action attempts through the facade (seam/action_attempts_wait.hpp), over
// apibind::testing::mock_transport: polls and sleeps counted, the error and timeout outcomes, the
// per-client and per-call settings, and the async form driven by the transport's timer.
#include <apibind/seam.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace seam = apibind::seam;
using apibind::testing::mock_transport;
using namespace std::chrono_literals;
using mock_client = seam::client<mock_transport&>;

seam::options key_options()
{
    return {.credentials = seam::api_key{"seam_testkey_0123456789"}};
}

std::string attempt_json(std::string_view status, std::string_view type = "UNLOCK_DOOR", std::string_view id = "aa_1")
{
    std::string s = R"({"action_attempt_id":")" + std::string(id) + R"(","action_type":")" + std::string(type) + R"(","status":")" +
                    std::string(status) + R"(",)";
    if (status == "error") s += R"("result":null,"error":{"type":"lock_jammed","message":"The lock is jammed"}})";
    else if (status == "success") s += R"("result":{},"error":null})";
    else s += R"("result":null,"error":null})";
    return s;
}

std::string body(std::string_view status, std::string_view type = "UNLOCK_DOOR", std::string_view id = "aa_1")
{
    return R"({"action_attempt":)" + attempt_json(status, type, id) + R"(,"ok":true})";
}

// Records the sleeps a sync client asks for, instead of sleeping.
std::shared_ptr<std::vector<std::chrono::milliseconds>> record_sleeps(mock_client& c)
{
    auto sleeps = std::make_shared<std::vector<std::chrono::milliseconds>>();
    c.set_sleep([sleeps](std::chrono::milliseconds d) { sleeps->push_back(d); });
    return sleeps;
}

std::size_t polls(mock_transport const& t)
{
    std::size_t n = 0;
    for (auto const& r : t.requests())
        if (r.url.ends_with("/action_attempts/get")) ++n;
    return n;
}

static_assert(std::is_same_v<decltype(std::declval<mock_client&>().locks.unlock_door({})), apibind::result<seam::action_attempt>>);

}  // namespace

TEST_SUITE_BEGIN("seam action attempts");

TEST_CASE("unlock_door waits: pending, polled until success, sleeping between polls")
{
    mock_transport t;
    mock_client c(t, key_options());
    auto sleeps = record_sleeps(c);
    t.push(200, body("pending"));
    t.push(200, body("pending"));
    t.push(200, body("pending"));
    t.push(200, body("success"));

    auto r = c.locks.unlock_door({.device_id = "dev_1"});
    REQUIRE(r.has_value());
    CHECK(r->get_if<seam::action_attempts::unlock_door_success>() != nullptr);
    CHECK(r->tag_value("status") == "success");
    CHECK(polls(t) == 3);
    CHECK(*sleeps == std::vector<std::chrono::milliseconds>{500ms, 500ms});
    auto reqs = t.requests();
    REQUIRE(reqs.size() == 4);
    CHECK(reqs[0].url == "https://connect.getseam.com/locks/unlock_door");
    CHECK(reqs[0].body == R"({"device_id":"dev_1"})");
    CHECK(reqs[1].url == "https://connect.getseam.com/action_attempts/get");
    CHECK(reqs[1].body == R"({"action_attempt_id":"aa_1"})");
    CHECK(reqs[1].header("authorization") == "Bearer seam_testkey_0123456789");
}

TEST_CASE("an attempt that arrives finished is still confirmed by one poll")
{
    mock_transport t;
    mock_client c(t, key_options());
    auto sleeps = record_sleeps(c);
    t.push(200, body("success", "LOCK_DOOR"));
    t.push(200, body("success", "LOCK_DOOR"));
    auto r = c.locks.lock_door({.device_id = "dev_1"});
    REQUIRE(r.has_value());
    CHECK(r->get_if<seam::action_attempts::lock_door_success>() != nullptr);
    CHECK(polls(t) == 1);
    CHECK(sleeps->empty());
}

TEST_CASE("an attempt that ends in error is an action_attempt_failed error with its type and message")
{
    mock_transport t;
    mock_client c(t, key_options());
    auto sleeps = record_sleeps(c);
    t.push(200, body("pending"));
    t.push(200, body("pending"));
    t.push(200, body("error"));
    auto r = c.locks.unlock_door({.device_id = "dev_1"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::action_attempt_failed);
    CHECK(r.error().api_code == "lock_jammed");
    CHECK(r.error().message == "The lock is jammed");
    CHECK(to_string(r.error()) == "action attempt failed lock_jammed: The lock is jammed");
    CHECK(polls(t) == 2);
    CHECK(sleeps->size() == 1);
    auto attempt = seam::action_attempt_of(r.error());
    REQUIRE(attempt.has_value());
    auto const* failed = attempt->get_if<seam::action_attempts::unlock_door_error>();
    REQUIRE(failed != nullptr);
    CHECK(failed->action_attempt_id == "aa_1");
    CHECK(failed->error.type == "lock_jammed");
}

TEST_CASE("a timeout polls until the deadline, never past it, and reports the last attempt")
{
    mock_transport t;
    mock_client c(t, key_options());
    auto sleeps = record_sleeps(c);
    for (int i = 0; i < 10; ++i) t.push(200, body("pending"));

    apibind::call_options opts;
    opts.wait = apibind::wait_options{.timeout = 1200ms, .poll_interval = 500ms};
    auto r = c.locks.unlock_door({.device_id = "dev_1"}, opts);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::action_attempt_timeout);
    CHECK(r.error().code == apibind::error_code::timed_out);
    CHECK(r.error().message.find("after 1200 ms") != std::string::npos);
    CHECK(r.error().message.find("aa_1 (UNLOCK_DOOR)") != std::string::npos);
    CHECK(polls(t) == 4);  // at 0, 500, 1000 and 1200 ms
    CHECK(*sleeps == std::vector<std::chrono::milliseconds>{500ms, 500ms, 200ms});
    auto last = seam::action_attempt_of(r.error());
    REQUIRE(last.has_value());
    CHECK(last->get_if<seam::action_attempts::unlock_door_pending>() != nullptr);

    SUBCASE("a zero timeout still polls once")
    {
        t.push(200, body("pending"));
        t.push(200, body("pending"));
        opts.wait->timeout = 0ms;
        auto z = c.locks.unlock_door({.device_id = "dev_1"}, opts);
        CHECK(z.error().kind == apibind::error_kind::action_attempt_timeout);
        CHECK(polls(t) == 5);
        CHECK(sleeps->size() == 3);
    }
}

TEST_CASE("no waiting: per call, or for every call of a client")
{
    mock_transport t;
    SUBCASE("per call")
    {
        mock_client c(t, key_options());
        t.push(200, body("pending"));
        auto r = c.locks.unlock_door({.device_id = "dev_1"}, {.wait = apibind::no_wait});
        REQUIRE(r.has_value());
        CHECK(r->get_if<seam::action_attempts::unlock_door_pending>() != nullptr);
        CHECK(t.request_count() == 1);
    }
    SUBCASE("per client, and a call may still ask")
    {
        seam::options o = key_options();
        o.wait_for_action_attempt.enabled = false;
        mock_client c(t, std::move(o));
        auto sleeps = record_sleeps(c);
        t.push(200, body("pending"));
        CHECK(c.locks.unlock_door({.device_id = "dev_1"})->tag_value("status") == "pending");
        CHECK(t.request_count() == 1);

        t.push(200, body("pending", "UNLOCK_DOOR", "aa_2"));
        t.push(200, body("pending", "UNLOCK_DOOR", "aa_2"));
        t.push(200, body("success", "UNLOCK_DOOR", "aa_2"));
        auto r = c.locks.unlock_door({.device_id = "dev_1"}, {.wait = apibind::wait_options{.poll_interval = 50ms}});
        REQUIRE(r.has_value());
        CHECK(polls(t) == 2);
        CHECK(*sleeps == std::vector<std::chrono::milliseconds>{50ms});
    }
    SUBCASE("per client timeout")
    {
        seam::options o = key_options();
        o.wait_for_action_attempt.timeout = 100ms;
        o.wait_for_action_attempt.poll_interval = 100ms;
        mock_client c(t, std::move(o));
        auto sleeps = record_sleeps(c);
        for (int i = 0; i < 4; ++i) t.push(200, body("pending"));
        auto r = c.locks.unlock_door({.device_id = "dev_1"});
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("after 100 ms") != std::string::npos);
        CHECK(polls(t) == 2);
    }
}

TEST_CASE("a failed poll is that call's error; action_attempts.get waits too")
{
    mock_transport t;
    mock_client c(t, key_options());
    record_sleeps(c);
    t.push(200, body("pending"));
    t.push(404, R"({"error":{"type":"action_attempt_not_found","message":"Action attempt not found"},"ok":false})",
           {{"content-type", "application/json; charset=utf-8"}, {"seam-request-id", "req7"}});
    auto r = c.locks.unlock_door({.device_id = "dev_1"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::api);
    CHECK(r.error().api_code == "action_attempt_not_found");
    CHECK(r.error().request_id == "req7");

    t.push(200, body("pending", "LOCK_DOOR", "aa_9"));
    t.push(200, body("success", "LOCK_DOOR", "aa_9"));
    auto got = c.action_attempts.get({.action_attempt_id = "aa_9"});
    REQUIRE(got.has_value());
    CHECK(got->tag_value("status") == "success");
    CHECK(t.request_count() == 4);
}

TEST_CASE("an action type the model does not know is awaited from its raw object")
{
    mock_transport t;
    mock_client c(t, key_options());
    auto sleeps = record_sleeps(c);
    t.push(200, body("pending", "RECALIBRATE_DOOR", "aa_fan"));
    t.push(200, body("pending", "RECALIBRATE_DOOR", "aa_fan"));
    t.push(200, body("error", "RECALIBRATE_DOOR", "aa_fan"));
    auto r = c.locks.unlock_door({.device_id = "dev_1"});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind == apibind::error_kind::action_attempt_failed);
    CHECK(r.error().api_code == "lock_jammed");
    auto reqs = t.requests();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[1].body == R"({"action_attempt_id":"aa_fan"})");
    auto last = seam::action_attempt_of(r.error());
    REQUIRE(last.has_value());
    CHECK(last->is_unrecognised());
    CHECK(last->tag_value("action_type") == "RECALIBRATE_DOOR");
}

TEST_CASE("async: waits on the transport's timer, driven by its poll()")
{
    mock_transport t;
    mock_client c(t, key_options());
    t.push(200, body("pending"));
    t.push(200, body("pending"));
    t.push(200, body("success"));
    std::optional<apibind::result<seam::action_attempt>> got;
    c.locks.unlock_door({.device_id = "dev_1"}, [&](apibind::result<seam::action_attempt> r) { got = std::move(r); });
    CHECK(t.poll() == 1);  // unlock_door answered: the first poll goes out
    CHECK_FALSE(got);
    CHECK(t.poll() == 1);  // pending: a 500 ms wait is scheduled
    CHECK(t.waits() == std::vector<std::chrono::milliseconds>{500ms});
    t.run();
    REQUIRE(got);
    REQUIRE(got->has_value());
    CHECK((*got)->get_if<seam::action_attempts::unlock_door_success>() != nullptr);
    CHECK(polls(t) == 2);

    SUBCASE("error and timeout outcomes")
    {
        t.push(200, body("pending"));
        t.push(200, body("error"));
        got.reset();
        c.locks.unlock_door({.device_id = "dev_1"}, [&](apibind::result<seam::action_attempt> r) { got = std::move(r); });
        t.run();
        REQUIRE(got);
        CHECK(got->error().kind == apibind::error_kind::action_attempt_failed);
        CHECK(got->error().message == "The lock is jammed");

        for (int i = 0; i < 4; ++i) t.push(200, body("pending"));
        got.reset();
        c.locks.unlock_door({.device_id = "dev_1"}, [&](apibind::result<seam::action_attempt> r) { got = std::move(r); },
                            {.wait = apibind::wait_options{.timeout = 700ms}});
        t.run();
        REQUIRE(got);
        CHECK(got->error().kind == apibind::error_kind::action_attempt_timeout);
        CHECK(got->error().message.find("after 700 ms") != std::string::npos);
        CHECK(t.waits() == std::vector<std::chrono::milliseconds>{500ms, 500ms, 200ms});  // the first call's, then 500 + 200 = 700
    }
    SUBCASE("no waiting")
    {
        t.push(200, body("pending"));
        got.reset();
        c.locks.unlock_door({.device_id = "dev_1"}, [&](apibind::result<seam::action_attempt> r) { got = std::move(r); },
                            {.wait = apibind::no_wait});
        t.run();
        REQUIRE(got);
        CHECK((*got)->tag_value("status") == "pending");
        CHECK(t.request_count() == 4);
    }
}

TEST_CASE("async: the facade's cancel_handle ends the call and the polling after it, the handler once")
{
    mock_transport t;
    mock_client c(t, key_options());
    int calls = 0;
    std::optional<apibind::result<seam::action_attempt>> got;
    auto handler = [&](apibind::result<seam::action_attempt> r) {
        ++calls;
        got = std::move(r);
    };
    auto cancelled = [&] { return got && !got->has_value() && got->error().code == apibind::error_code::cancelled; };

    SUBCASE("during unlock_door itself: no poll is ever sent")
    {
        t.push(200, body("pending"));
        apibind::cancel_handle h = c.locks.unlock_door({.device_id = "dev_1"}, handler);
        CHECK(h.cancel());
        CHECK(calls == 1);
        CHECK(cancelled());
        CHECK(got->error().message.find("the server may have received it") != std::string::npos);
        t.run();
        CHECK(calls == 1);
        CHECK(polls(t) == 0);
        CHECK_FALSE(h.cancel());
    }
    SUBCASE("during a poll: the answer is dropped, no other poll")
    {
        t.push(200, body("pending"));
        t.push(200, body("success"));
        apibind::cancel_handle h = c.locks.unlock_door({.device_id = "dev_1"}, handler);
        CHECK(t.poll() == 1);  // unlock_door answered: the first poll is in flight
        CHECK(polls(t) == 1);
        CHECK(h.cancel());
        CHECK(calls == 1);
        CHECK(cancelled());
        t.run();
        CHECK(calls == 1);
        CHECK(cancelled());
        CHECK(polls(t) == 1);
    }
    SUBCASE("during the wait between polls: the next poll is never sent")
    {
        t.push(200, body("pending"));
        t.push(200, body("pending"));
        apibind::cancel_handle h = c.locks.unlock_door({.device_id = "dev_1"}, handler);
        CHECK(t.poll() == 1);
        CHECK(t.poll() == 1);  // pending: a wait is scheduled
        CHECK(t.waits() == std::vector<std::chrono::milliseconds>{500ms});
        CHECK(h.cancel());
        CHECK(calls == 1);
        CHECK(cancelled());
        t.run();  // the wait ends: nothing is sent
        CHECK(calls == 1);
        CHECK(polls(t) == 1);
    }
    SUBCASE("after the end: no effect")
    {
        t.push(200, body("pending"));
        t.push(200, body("success"));
        apibind::cancel_handle h = c.locks.unlock_door({.device_id = "dev_1"}, handler);
        t.run();
        REQUIRE(calls == 1);
        REQUIRE(got->has_value());
        CHECK_FALSE(h.cancel());
        CHECK(calls == 1);
        CHECK(got->has_value());
    }
}

TEST_SUITE_END();
