// apibind::seam::webhook_verifier: the verifier on its own (known answers, tolerance with an injected clock,
// header lookup, malformed secrets), then against the real `svix` package (tests/svix/, run through
// node): svix signs, apibind accepts; and apibind rejects what svix's own verify rejects.
#if defined(APIBIND_HAS_WEBHOOK)

#include "doctest_result.hpp"
#include "test_data.hpp"

#include <apibind/detail/base64.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/seam/webhook.hpp>

#include <boost/beast/http/fields.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace seam = apibind::seam;
using apibind::error_code;
using apibind::error_kind;
using apibind_test::json_equal;
using clock_type = std::chrono::system_clock;

// Svix's documented example: this secret, id, timestamp and payload give this signature.
constexpr std::string_view doc_secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::string_view doc_id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
constexpr std::int64_t doc_timestamp = 1614265330;
constexpr std::string_view doc_payload = R"({"test": 2432232314})";
constexpr std::string_view doc_signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// Parts of the secret and of the signature that must never show in an error.
constexpr std::string_view secret_part = "MfKQ9r8G";
constexpr std::string_view signature_part = "g0hM9SsE";

seam::webhook_verifier_options at(std::int64_t unix_seconds, std::chrono::seconds tolerance = std::chrono::minutes(5))
{
    return {tolerance, [unix_seconds] { return clock_type::time_point(std::chrono::seconds(unix_seconds)); }};
}

seam::webhook_verifier make_verifier(std::string_view secret, seam::webhook_verifier_options options = {})
{
    auto w = seam::webhook_verifier::from_secret(secret, std::move(options));
    REQUIRE_MESSAGE(w, (w ? "" : to_string(w.error())));
    return std::move(*w);
}

std::vector<apibind::http_header> headers(std::string_view id, std::string_view timestamp, std::string_view signature)
{
    return {{"svix-id", std::string(id)}, {"svix-timestamp", std::string(timestamp)}, {"svix-signature", std::string(signature)}};
}

void check_rejected(apibind::result<std::string_view> const& r, error_code code)
{
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == error_kind::not_authentic);
    CHECK(r.error().code == code);
    std::string const line = to_string(r.error());
    CAPTURE(line);
    CHECK(line.find(secret_part) == std::string::npos);
    CHECK(line.find(signature_part) == std::string::npos);
}

// ---- svix, through node ----------------------------------------------------------------------

// Runs tests/svix/svix.mjs on a batch of requests (see that file) and returns its answers.
// svix must be installed (bash tests/svix/install.sh; scripts/test.sh does it): if it is not,
// the test fails, it is not skipped.
boost::json::array run_svix(boost::json::array const& requests)
{
    std::string const dir = APIBIND_SOURCE_DIR "/tests/svix";
    std::ifstream installed(dir + "/node_modules/svix/package.json");
    REQUIRE_MESSAGE(installed.good(), "svix is not installed: run `bash tests/svix/install.sh`");

    char path[] = "/tmp/apibind_svix_XXXXXX";
    int const fd = ::mkstemp(path);
    REQUIRE(fd >= 0);
    std::string const text = boost::json::serialize(requests);
    bool const written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    REQUIRE(written);

    char const* node_env = std::getenv("APIBIND_NODE");
    std::string const node = node_env != nullptr && *node_env != '\0' ? node_env : "node";
    std::string const command = "'" + node + "' '" + dir + "/svix.mjs' '" + path + "'";
    std::string out;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
        int const status = ::pclose(p);
        CHECK_MESSAGE(status == 0, "node svix.mjs exited with " << status);
    }
    ::unlink(path);
    boost::system::error_code ec;
    auto answers = boost::json::parse(out, ec);
    REQUIRE_MESSAGE(!ec, "node svix.mjs printed no JSON: " << out);
    REQUIRE(answers.is_array());
    REQUIRE(answers.as_array().size() == requests.size());
    return std::move(answers.as_array());
}

boost::json::object sign_request(std::string_view secret, std::string_view id, std::int64_t timestamp, std::string_view payload)
{
    return {{"op", "sign"}, {"secret", secret}, {"id", id}, {"timestamp", timestamp}, {"payload", payload}};
}

boost::json::object verify_request(std::string_view secret, std::string_view payload,
                                   std::vector<apibind::http_header> const& hs)
{
    boost::json::object h;
    for (auto const& x : hs) h[x.name] = x.value;
    return {{"op", "verify"}, {"secret", secret}, {"payload", payload}, {"headers", std::move(h)}};
}

std::string answer_signature(boost::json::value const& answer)
{
    REQUIRE_MESSAGE(answer.at("ok").as_bool(), boost::json::serialize(answer));
    return std::string(answer.at("signature").as_string());
}

std::int64_t now_seconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(clock_type::now().time_since_epoch()).count();
}

// One sample per connected_account.* event type of the seed, and an event type it does not model.
struct event_sample {
    std::string type;
    std::string json;
    std::size_t index;  // the expected alternative of seam::event; unused for the unknown type
};

std::vector<event_sample> event_samples()
{
    std::string const common = R"("connected_account_id":"c6c2ba4f-8a9f-4b7e-b3a4-9f1b6d0c1e22",)"
                               R"("created_at":"2025-06-15T16:54:17.946Z","occurred_at":"2025-06-15T16:54:17.946Z",)"
                               R"("workspace_id":"d7a1c1e0-5e3b-4d6f-9a8b-7c6d5e4f3a2b",)";
    auto const make = [&](std::string type, std::string_view extra, std::size_t index) {
        std::string json = "{\"event_id\":\"ev_" + std::to_string(index) + "\"," + common + std::string(extra) +
                           "\"event_type\":\"" + type + "\"}";
        return event_sample{std::move(type), std::move(json), index};
    };
    return {
        make("connected_account.connected",
             R"("connect_webview_id":"cw_1","connected_account_custom_metadata":{"tenant":"alpha","vip":true},"customer_key":"ck",)", 0),
        make("connected_account.created", R"("connect_webview_id":"cw_1",)", 1),
        make("connected_account.successful_login", R"("connect_webview_id":"cw_1",)", 2),
        make("connected_account.disconnected",
             R"("connected_account_errors":[{"error_code":"account_disconnected","message":"m",)"
             R"("created_at":"2025-06-15T16:54:17.946Z"}],"connected_account_warnings":[],)", 3),
        make("connected_account.completed_first_sync", "", 4),
        make("connected_account.deleted", R"("connected_account_type":"august","customer_key":"ck",)", 5),
        make("connected_account.completed_first_sync_after_reconnection", R"("connected_account_custom_metadata":{},)", 6),
        make("connected_account.reauthorization_requested", R"("connected_account_errors":[],"connected_account_warnings":[],)", 7),
        make("device.teleported", R"("device_id":"dev_1","nested":{"list":[true,null,1.25]},)", 99),
    };
}

}  // namespace

TEST_SUITE_BEGIN("seam webhook");

TEST_CASE("webhook: Svix's documented example is authentic")
{
    auto const w = make_verifier(doc_secret, at(doc_timestamp));
    auto const hs = headers(doc_id, std::to_string(doc_timestamp), doc_signature);
    auto const body = w.authenticate(doc_payload, hs);
    REQUIRE_MESSAGE(body, (body ? "" : to_string(body.error())));
    CHECK(*body == doc_payload);

    // An object without event_type is an event of no known type: kept, like any unknown type.
    auto const event = w.verify(doc_payload, hs);
    REQUIRE(event);
    CHECK(event->is_unrecognised());
    CHECK(json_equal(apibind::json::encode(*event), doc_payload));

    // The three values given directly, as the CLI does.
    CHECK(w.authenticate(doc_payload, seam::webhook_headers{doc_id, "1614265330", doc_signature}));
    // A leading zero: Svix signs the timestamp's value, "0042" -> "42".
    CHECK(w.authenticate(doc_payload, seam::webhook_headers{doc_id, "01614265330", doc_signature}));
}

TEST_CASE("webhook: a malformed secret is refused when the verifier is made, without repeating it")
{
    for (std::string_view bad : {"", "whsec_", "whsec_!!!!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS",
                                 "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                 "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}) {
        CAPTURE(bad);
        auto const w = seam::webhook_verifier::from_secret(bad);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == error_kind::invalid_argument);
        CHECK(to_string(w.error()).find("whsec_") != std::string::npos);
        CHECK(to_string(w.error()).find(secret_part) == std::string::npos);
    }
    auto const negative = seam::webhook_verifier::from_secret(doc_secret, {std::chrono::seconds(-1), {}});
    REQUIRE_FALSE(negative);
    CHECK(negative.error().kind == error_kind::invalid_argument);
}

TEST_CASE("webhook: the timestamp tolerance, both ways, with an injected clock")
{
    auto const hs = headers(doc_id, std::to_string(doc_timestamp), doc_signature);
    CHECK(make_verifier(doc_secret, at(doc_timestamp + 300)).authenticate(doc_payload, hs));
    CHECK(make_verifier(doc_secret, at(doc_timestamp - 300)).authenticate(doc_payload, hs));
    auto const old = make_verifier(doc_secret, at(doc_timestamp + 301)).authenticate(doc_payload, hs);
    check_rejected(old, error_code::timestamp_too_old);
    CHECK(to_string(old.error()) == "not authentic timestamp_too_old: svix-timestamp is 301 s in the past (tolerance 300 s)");
    check_rejected(make_verifier(doc_secret, at(doc_timestamp - 301)).authenticate(doc_payload, hs),
                   error_code::timestamp_too_new);

    // Configurable.
    auto const strict = at(doc_timestamp + 11, std::chrono::seconds(10));
    CHECK(make_verifier(doc_secret, strict).tolerance() == std::chrono::seconds(10));
    check_rejected(make_verifier(doc_secret, strict).authenticate(doc_payload, hs), error_code::timestamp_too_old);
    CHECK(make_verifier(doc_secret, at(doc_timestamp + 10, std::chrono::seconds(10))).authenticate(doc_payload, hs));

    // Not a number, or absurdly far: refused before any HMAC.
    auto const w = make_verifier(doc_secret, at(doc_timestamp));
    for (std::string_view ts : {"-1614265330", "1614265330.0", " 1614265330", "1614265330abc", "0x60381972", "+1"}) {
        CAPTURE(ts);
        check_rejected(w.authenticate(doc_payload, headers(doc_id, ts, doc_signature)), error_code::malformed_header);
    }
    check_rejected(w.authenticate(doc_payload, headers(doc_id, "99999999999999999999999999", doc_signature)),
                   error_code::timestamp_too_new);
    check_rejected(w.authenticate(doc_payload, headers(doc_id, "0", doc_signature)), error_code::timestamp_too_old);
}

TEST_CASE("webhook: headers are found by case-insensitive name, svix-* or webhook-*, in any container")
{
    auto const w = make_verifier(doc_secret, at(doc_timestamp));
    std::string const ts = std::to_string(doc_timestamp);

    std::vector<apibind::http_header> mixed = {{"Content-Type", "application/json"},
                                               {"SVIX-ID", std::string(doc_id)},
                                               {"Svix-Timestamp", ts},
                                               {"svix-SIGNATURE", std::string(doc_signature)}};
    CHECK(w.authenticate(doc_payload, mixed));

    std::map<std::string, std::string> standard = {
        {"webhook-id", std::string(doc_id)}, {"webhook-timestamp", ts}, {"webhook-signature", std::string(doc_signature)}};
    CHECK(w.authenticate(doc_payload, standard));

    std::vector<std::pair<std::string_view, std::string_view>> pairs = {
        {"webhook-id", doc_id}, {"svix-timestamp", ts}, {"Webhook-Signature", doc_signature}};
    CHECK(w.authenticate(doc_payload, pairs));

    boost::beast::http::fields fields;
    fields.set("svix-id", doc_id);
    fields.set("svix-timestamp", ts);
    fields.set("svix-signature", doc_signature);
    CHECK(w.authenticate(doc_payload, fields));

    // svix-* wins over webhook-*, header by header (as in svix).
    auto both = headers(doc_id, ts, doc_signature);
    both.push_back({"webhook-id", "msg_other"});
    CHECK(w.authenticate(doc_payload, both));
    auto wrong_svix = headers("msg_other", ts, doc_signature);
    wrong_svix.push_back({"webhook-id", std::string(doc_id)});
    check_rejected(w.authenticate(doc_payload, wrong_svix), error_code::signature_mismatch);

    // Each header missing, or empty.
    for (std::string_view name : {"svix-id", "svix-timestamp", "svix-signature"}) {
        CAPTURE(name);
        auto without = headers(doc_id, ts, doc_signature);
        std::erase_if(without, [&](apibind::http_header const& h) { return h.name == name; });
        auto const r = w.authenticate(doc_payload, without);
        check_rejected(r, error_code::missing_header);
        CHECK(r.error().message.find(name) != std::string::npos);
        auto empty = headers(doc_id, ts, doc_signature);
        for (auto& h : empty)
            if (h.name == name) h.value.clear();
        check_rejected(w.authenticate(doc_payload, empty), error_code::missing_header);
    }
}

TEST_CASE("webhook: the signature list: key rotation, other versions, malformed entries")
{
    auto const w = make_verifier(doc_secret, at(doc_timestamp));
    std::string const ts = std::to_string(doc_timestamp);
    std::string const good(doc_signature);
    std::string const other = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    auto const check = [&](std::string const& list) { return w.authenticate(doc_payload, headers(doc_id, ts, list)); };

    CHECK(check(other + " " + good));
    CHECK(check(good + " " + other));
    CHECK(check("v2,xyz " + good));
    CHECK(check("  " + good + "  "));

    check_rejected(check(other), error_code::signature_mismatch);
    CHECK(to_string(check(other + " " + other).error()) ==
          "not authentic signature_mismatch: none of the 2 v1 signatures in svix-signature matches");
    auto const v2 = check("v2," + good.substr(3));
    check_rejected(v2, error_code::signature_mismatch);
    CHECK(v2.error().message == "svix-signature holds no v1 signature");
    check_rejected(check(" "), error_code::signature_mismatch);
    check_rejected(check("v1,"), error_code::signature_mismatch);
    check_rejected(check("v1,not*base64!"), error_code::signature_mismatch);
    check_rejected(check(good.substr(0, good.size() - 1)), error_code::signature_mismatch);  // padding cut
    check_rejected(check("v1, " + good.substr(3)), error_code::signature_mismatch);
    check_rejected(check(good.substr(3)), error_code::signature_mismatch);  // no version
    check_rejected(check("V1," + good.substr(3)), error_code::signature_mismatch);
    check_rejected(check(good + ",extra"), error_code::signature_mismatch);

    // The body, the id and the timestamp are all signed.
    check_rejected(w.authenticate(R"({"test": 2432232315})", headers(doc_id, ts, good)), error_code::signature_mismatch);
    check_rejected(w.authenticate(doc_payload, headers("msg_p5jXN8AQM9LWM0D4loKWxJeK", ts, good)),
                   error_code::signature_mismatch);
    check_rejected(w.authenticate(doc_payload, headers(doc_id, std::to_string(doc_timestamp + 1), good)),
                   error_code::signature_mismatch);
}

TEST_CASE("webhook interop: every connected_account.* event signed by svix is verified and decoded")
{
    std::string const secret = "whsec_" + apibind::detail::base64_encode("apibind interop key, 24b");
    std::int64_t const now = now_seconds();
    auto const samples = event_samples();
    boost::json::array requests;
    for (auto const& s : samples) requests.push_back(sign_request(secret, "msg_" + s.type, now, s.json));
    auto const signatures = run_svix(requests);

    auto const w = make_verifier(secret);
    boost::json::array svix_checks;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        auto const& s = samples[i];
        CAPTURE(s.type);
        std::string const signature = answer_signature(signatures[i]);
        auto const hs = headers("msg_" + s.type, std::to_string(now), signature);
        svix_checks.push_back(verify_request(secret, s.json, hs));

        auto const event = w.verify(s.json, hs);
        REQUIRE_MESSAGE(event, (event ? "" : to_string(event.error())));
        if (s.type.starts_with("connected_account.")) {
            CHECK_FALSE(event->is_unrecognised());
            CHECK(event->tag() == s.type);  // the alternative whose event_type literal is the type
        } else {
            CHECK(event->is_unrecognised());  // kept, not refused
            CHECK(event->tag() == s.type);
        }
        CHECK(json_equal(apibind::json::encode(*event), s.json));

        // The Standard Webhooks names carry the same signature.
        std::vector<apibind::http_header> standard = {{"webhook-id", "msg_" + s.type},
                                                      {"webhook-timestamp", std::to_string(now)},
                                                      {"webhook-signature", "v1,bm90IGl0 " + signature}};
        CHECK(w.verify(s.json, standard));
    }

    // svix accepts its own signatures (so a failure above is apibind's), and decodes the same JSON.
    auto const verdicts = run_svix(svix_checks);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        CAPTURE(samples[i].type);
        REQUIRE_MESSAGE(verdicts[i].at("ok").as_bool(), boost::json::serialize(verdicts[i]));
        CHECK(verdicts[i].at("event") == boost::json::parse(samples[i].json));
    }

    // Authentic, but not a Seam event (a known type without its required members, not an object):
    // a decode error with the JSON path, a bug to report, not a forgery.
    std::vector<std::pair<std::string, std::string>> const not_events = {
        {R"({"event_type":"connected_account.created","event_id":"ev_9","workspace_id":"ws_1"})", "connect_webview_id"},
        {R"({"event_type":"connected_account.deleted","connected_account_id":7})", "connected_account_id"},
        {"[]", ""},
        {"not JSON", ""},
    };
    boost::json::array sign_not_events;
    for (auto const& [body, path] : not_events) sign_not_events.push_back(sign_request(secret, "msg_bug", now, body));
    auto const not_event_signatures = run_svix(sign_not_events);
    for (std::size_t i = 0; i < not_events.size(); ++i) {
        // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
        std::string const& body = not_events[i].first;
        std::string const& path = not_events[i].second;
        CAPTURE(body);
        auto const hs = headers("msg_bug", std::to_string(now), answer_signature(not_event_signatures[i]));
        CHECK(w.authenticate(body, hs));
        auto const r = w.verify(body, hs);
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == error_kind::decode);
        CHECK(r.error().message.starts_with("authentic webhook, but its body is not a Seam event: "));
        CHECK(to_string(r.error()).find(path) != std::string::npos);  // names the member
    }

    auto const disconnected = w.verify(samples[3].json, headers("msg_" + samples[3].type, std::to_string(now),
                                                                answer_signature(signatures[3])));
    REQUIRE(disconnected);
    auto const* d = disconnected->get_if<seam::events::connected_account_disconnected>();
    REQUIRE(d != nullptr);
    REQUIRE(d->connected_account_errors.size() == 1);
    // An event carries its account's errors as the spec describes them there: {created_at, error_code, message}.
    CHECK(d->connected_account_errors[0].error_code == "account_disconnected");
}

TEST_CASE("webhook interop: apibind rejects what svix's own verify rejects")
{
    std::string const secret = "whsec_" + apibind::detail::base64_encode("apibind interop key, 24b");
    std::string const other_secret = "whsec_" + apibind::detail::base64_encode("some other endpoint's key");
    std::int64_t const now = now_seconds();
    std::string const body = event_samples()[0].json;
    std::string const id = "msg_2rGxJYw3T0rDd6hZ4hYhX9cVz1a";

    auto const signed_ = run_svix({sign_request(secret, id, now, body), sign_request(other_secret, id, now, body),
                                   sign_request(secret, id, now - 600, body), sign_request(secret, id, now + 600, body)});
    std::string const good = answer_signature(signed_[0]);
    std::string const by_other = answer_signature(signed_[1]);
    std::string const old = answer_signature(signed_[2]);
    std::string const future = answer_signature(signed_[3]);
    std::string const ts = std::to_string(now);

    struct reject_case {
        char const* what;
        std::string body;
        std::vector<apibind::http_header> headers;
        error_code code;
        char const* svix_says;
    };
    auto const without = [&](std::string_view name) {
        auto hs = headers(id, ts, good);
        std::erase_if(hs, [&](apibind::http_header const& h) { return h.name == name; });
        return hs;
    };
    std::vector<reject_case> const cases = {
        {"changed body", body + " ", headers(id, ts, good), error_code::signature_mismatch, "No matching signature found"},
        {"changed id", body, headers(id + "x", ts, good), error_code::signature_mismatch, "No matching signature found"},
        {"changed timestamp", body, headers(id, std::to_string(now - 1), good), error_code::signature_mismatch,
         "No matching signature found"},
        {"another secret", body, headers(id, ts, by_other), error_code::signature_mismatch, "No matching signature found"},
        {"old timestamp", body, headers(id, std::to_string(now - 600), old), error_code::timestamp_too_old,
         "Message timestamp too old"},
        {"future timestamp", body, headers(id, std::to_string(now + 600), future), error_code::timestamp_too_new,
         "Message timestamp too new"},
        {"no svix-id", body, without("svix-id"), error_code::missing_header, "Missing required headers"},
        {"no svix-timestamp", body, without("svix-timestamp"), error_code::missing_header, "Missing required headers"},
        {"no svix-signature", body, without("svix-signature"), error_code::missing_header, "Missing required headers"},
        {"v2 signature only", body, headers(id, ts, "v2," + good.substr(3)), error_code::signature_mismatch,
         "No matching signature found"},
        {"empty signature list", body, headers(id, ts, ""), error_code::missing_header, "Missing required headers"},
        {"blank signature list", body, headers(id, ts, " "), error_code::signature_mismatch, "No matching signature found"},
        {"malformed base64", body, headers(id, ts, "v1,***" + good.substr(6)), error_code::signature_mismatch,
         "No matching signature found"},
    };

    boost::json::array checks;
    for (auto const& c : cases) checks.push_back(verify_request(secret, c.body, c.headers));
    auto const verdicts = run_svix(checks);
    auto const w = make_verifier(secret);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        CAPTURE(c.what);
        CHECK_FALSE(verdicts[i].at("ok").as_bool());
        CHECK(verdicts[i].at("error").as_string() == c.svix_says);
        auto const r = w.authenticate(c.body, c.headers);
        check_rejected(r, c.code);
        CHECK_FALSE(w.verify(c.body, c.headers));
    }

    // Both accept the untouched request.
    auto const accepted = run_svix({verify_request(secret, body, headers(id, ts, good))});
    CHECK(accepted[0].at("ok").as_bool());
    CHECK(w.verify(body, headers(id, ts, good)));

    // A secret without its prefix: svix decodes the rest as base64 and carries on; apibind refuses
    // it when the verifier is made (Seam always shows "whsec_...": a missing prefix means the wrong
    // value was configured, which should fail at start-up, not at the first webhook).
    std::string const bare = secret.substr(6);
    auto const svix_bare = run_svix({sign_request(bare, id, now, body)});
    CHECK(answer_signature(svix_bare[0]) == good);
    auto const refused = seam::webhook_verifier::from_secret(bare);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == error_kind::invalid_argument);
    CHECK(to_string(refused.error()).find(bare) == std::string::npos);
}

TEST_SUITE_END();

#endif  // APIBIND_HAS_WEBHOOK
