// Built with -fno-exceptions -fno-rtti (see tests/CMakeLists.txt, ctest test `no_exceptions`):
// apibind must compile and work without exceptions or RTTI.
#include <apibind/apibind.hpp>
#include <apibind/testing/mock_transport.hpp>

#if defined(APIBIND_HAS_WEBHOOK)
#include <apibind/seam/webhook.hpp>
#endif

#include <boost/describe.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/throw_exception.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>

#ifndef BOOST_NO_EXCEPTIONS
#error "this test must be compiled with -fno-exceptions (BOOST_NO_EXCEPTIONS is not defined)"
#endif
#ifndef BOOST_NO_RTTI
#error "this test must be compiled with -fno-rtti (BOOST_NO_RTTI is not defined)"
#endif

// With exceptions off (BOOST_NO_EXCEPTIONS), Boost calls these instead of throwing,
// and the user must define them.
namespace boost {
BOOST_NORETURN void throw_exception(std::exception const&) { std::abort(); }
BOOST_NORETURN void throw_exception(std::exception const&, boost::source_location const&) { std::abort(); }
}  // namespace boost

namespace demo {
namespace json = apibind::json;

enum class capability { lock, thermostat };
BOOST_DESCRIBE_ENUM(capability, lock, thermostat)

struct disconnected {
    std::string created_at;
    json::literal<"account_disconnected"> error_code;
    std::string message;
};
BOOST_DESCRIBE_STRUCT(disconnected, (), (created_at, error_code, message))

struct account {
    std::string connected_account_id;
    std::vector<json::tagged_union<"error_code", disconnected>> errors;
    std::vector<json::open_enum<capability>> accepted_capabilities;
    json::record<json::any_value> custom_metadata;
    std::optional<std::string> customer_key{};
};
BOOST_DESCRIBE_STRUCT(account, (), (connected_account_id, errors, accepted_capabilities, custom_metadata, customer_key))

struct get_request {
    std::optional<std::string> connected_account_id{};
};
BOOST_DESCRIBE_STRUCT(get_request, (), (connected_account_id))

struct get_response {
    account connected_account;
};
BOOST_DESCRIBE_STRUCT(get_response, (), (connected_account))

using get = apibind::endpoint<"/connected_accounts/get", get_request, get_response, apibind::retry_safe>;

// Multi-key and boolean unions, enum wire names, date_time.
enum class entrance_kind { elevator_reader, door };
BOOST_DESCRIBE_ENUM(entrance_kind, elevator_reader, door)
APIBIND_JSON_ENUM_NAMES(entrance_kind, {entrance_kind::elevator_reader, "elevator reader"})

struct unlock_pending {
    json::literal<"UNLOCK_DOOR"> action_type;
    json::literal<"pending"> status;
    json::date_time created_at;
};
BOOST_DESCRIBE_STRUCT(unlock_pending, (), (action_type, status, created_at))

struct managed {
    json::bool_literal<true> is_managed;
    entrance_kind kind;
};
BOOST_DESCRIBE_STRUCT(managed, (), (is_managed, kind))

struct extras {
    std::vector<json::basic_tagged_union<json::tag_keys<"action_type", "status">, unlock_pending>> attempts;
    json::tagged_union<"is_managed", managed> code;
};
BOOST_DESCRIBE_STRUCT(extras, (), (attempts, code))
}  // namespace demo

// Every failure exits non-zero with a line saying which check failed.
#define CHECK(cond)                                              \
    do {                                                         \
        if (!(cond)) {                                           \
            std::fprintf(stderr, "check failed: %s\n", #cond);   \
            return 1;                                            \
        }                                                        \
    } while (0)

int main()
{
    using namespace demo;
    std::string const body = R"({"connected_account":{"connected_account_id":"ca_1","errors":[{"error_code":"x_new","a":1},)"
                             R"({"created_at":"t","message":"m","error_code":"account_disconnected"}],)"
                             R"("accepted_capabilities":["lock","door"],"custom_metadata":{"floor":3}},"ok":true})";

    // Codec: decode, errors as values, encode.
    auto decoded = apibind::json::decode<get_response>(body);
    CHECK(decoded.has_value());
    CHECK(decoded->connected_account.errors.size() == 2);
    CHECK(decoded->connected_account.errors[0].is_unrecognised());
    CHECK(decoded->connected_account.accepted_capabilities[1].unknown_value() == "door");
    auto bad = apibind::json::decode<get_response>(R"({"connected_account":{"connected_account_id":1}})");
    CHECK(!bad.has_value());
    CHECK(bad.error().path == "connected_account.connected_account_id");
    std::string out;
    apibind::json::encode(*decoded, out);
    CHECK(apibind::json::decode<get_response>(out).has_value());

    std::string const extra_doc = R"({"attempts":[{"status":"pending","action_type":"UNLOCK_DOOR","created_at":"2024-01-02T05:04:05+02:00"},)"
                                  R"({"action_type":"UNLOCK_DOOR","status":"error"}],"code":{"kind":"elevator reader","is_managed":true}})";
    auto ex = apibind::json::decode<extras>(extra_doc);
    CHECK(ex.has_value());
    CHECK(ex->attempts[0].tag_value("status") == "pending");
    CHECK(ex->attempts[1].is_unrecognised() && ex->attempts[1].tag_value("status") == "error");
    CHECK(ex->code.get_if<managed>() && ex->code.get_if<managed>()->kind == entrance_kind::elevator_reader);
    auto when = ex->attempts[0].get_if<unlock_pending>()->created_at.to_time_point();
    CHECK(when.has_value() && apibind::json::date_time(*when).text() == "2024-01-02T03:04:05Z");
    CHECK(!apibind::json::date_time("soon").to_time_point().has_value());
    CHECK(apibind::json::encode(*ex).size() == extra_doc.size());

    // Client over the mock transport, sync and async, including a retry.
    apibind::testing::mock_transport transport;
    apibind::basic_policy policy;
    policy.url = "http://127.0.0.1:1";
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> client(transport, policy);
    client.set_sleep([](std::chrono::milliseconds) {});
    transport.push(503, "busy");
    transport.push(200, body);
    auto got = client.call<get>({.connected_account_id = "ca_1"});
    CHECK(got.has_value());
    CHECK(transport.request_count() == 2);

    transport.push(404, "Not Found");
    bool done = false;
    client.async_call<get>({.connected_account_id = "nope"}, [&](apibind::result<get_response> r) {
        done = !r.has_value() && r.error().http_status == 404;
    });
    transport.run();
    CHECK(done);

#if defined(APIBIND_HAS_WEBHOOK)
    // Webhook verification (libcrypto): Svix's documented example, accepted and then refused.
    apibind::seam::webhook_verifier_options options;
    options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1614265330)); };
    auto hook = apibind::seam::webhook_verifier::from_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", options);
    CHECK(hook.has_value());
    apibind::seam::webhook_headers h{"msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                                     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="};
    CHECK(hook->authenticate(R"({"test": 2432232314})", h).has_value());
    auto forged = hook->verify(R"({"test": 2432232315})", h);
    CHECK(!forged.has_value() && forged.error().code == apibind::error_code::signature_mismatch);
    CHECK(!apibind::seam::webhook_verifier::from_secret("not a secret").has_value());
#endif
    std::printf("no_exceptions: ok\n");
    return 0;
}
