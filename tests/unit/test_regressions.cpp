// Regression tests for what fuzzing, the sanitizers, clang-tidy and the hardening review found
// (scripts/fuzz.sh, scripts/sanitize.sh, scripts/tidy.sh; docs/security.md). One TEST_CASE per
// finding, named "regression: ..."; the reproducer input is inlined.
#include <apibind/json.hpp>
#include <apibind/seam.hpp>
#include <apibind/testing/mock_transport.hpp>

#include "support/doctest_result.hpp"

#include <doctest/doctest.h>

#include <boost/describe.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace regressions {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct floats {
    std::optional<double> d;
    std::optional<float> f;
};
BOOST_DESCRIBE_STRUCT(floats, (), (d, f))

}  // namespace regressions

namespace json = apibind::json;

// fuzz_json crash-8237040e: {"d":1e308,"f":1e39} decoded f to +infinity, which encodes as null:
// the round trip changed the document ({"d":1e+308,"f":null} -> {"d":1e+308}).
TEST_CASE("regression: a number beyond float/double range is out_of_range, not infinity")
{
    auto r = json::decode<regressions::floats>(R"({"d":1e308,"f":1e39})");
    REQUIRE(!r);
    CHECK(r.error().code == apibind::error_code::out_of_range);
    CHECK(r.error().path == "f");
    CHECK(json::decode<double>("1e400").error().code == apibind::error_code::out_of_range);
    CHECK(json::decode<double>("-1e400").error().code == apibind::error_code::out_of_range);
    CHECK(json::decode<float>("3.5e38").error().code == apibind::error_code::out_of_range);
    // In range, and underflow to zero, still decode.
    CHECK(json::decode<double>("1e308").value() == 1e308);
    CHECK(json::decode<float>("3.4e38").value() == 3.4e38f);
    CHECK(json::decode<double>("1e-400").value() == 0.0);
    auto ok = json::decode<regressions::floats>(R"({"d":1e308,"f":1e38})");
    REQUIRE(ok);
    CHECK(json::encode(*json::decode<regressions::floats>(json::encode(*ok))) == json::encode(*ok));
}

// fuzz_json crash-b818bbf9: "series":{"s":[-0.0]} encoded as -0, which the parser reports as the
// integer 0: the second decode lost the sign and the round trip changed ("-0" -> "0").
TEST_CASE("regression: -0 decodes to negative zero in a floating-point member")
{
    auto d = json::decode<double>("-0");
    REQUIRE(d);
    CHECK(std::signbit(*d));
    CHECK(json::encode(*d) == "-0");
    CHECK(std::signbit(json::decode<float>("-0").value()));
    CHECK(std::signbit(json::decode<double>("-0.0").value()));
    CHECK(!std::signbit(json::decode<double>("0").value()));
    CHECK(json::decode<std::int32_t>("-0").value() == 0);
    std::vector<double> const v{-0.0, 0.0, 1.5};
    CHECK(json::encode(json::decode<std::vector<double>>(json::encode(v)).value()) == json::encode(v));
}

// Found by reading the codec while writing the fuzz oracles: open_enum used "no unknown text" to
// mean "known", so the unknown value "" decoded as the enum's zero value (accepted_capabilities
// [""] came back as ["lock"]), and decode_into kept the previous element's value instead.
TEST_CASE("regression: open_enum keeps the unknown value \"\"")
{
    using cap = json::open_enum<regressions::color>;
    auto r = json::decode<std::vector<cap>>(R"(["", "red", "teal"])");
    REQUIRE(r);
    CHECK_FALSE((*r)[0].is_known());
    CHECK((*r)[0].unknown_value().empty());
    CHECK((*r)[0].to_string().empty());
    CHECK((*r)[1] == regressions::color::red);
    CHECK(json::encode(*r) == R"(["","red","teal"])");
    CHECK((*r)[0] != cap(regressions::color::red));

    std::vector<cap> reused;
    REQUIRE(json::decode_into(reused, R"(["green"])"));
    REQUIRE(json::decode_into(reused, R"([""])"));
    CHECK(json::encode(reused) == R"([""])");
    REQUIRE(json::decode_into(reused, R"(["green"])"));
    CHECK(reused[0].is_known());
    CHECK(json::encode(reused) == R"(["green"])");
}

// fuzz_json crash-7013059a: {"d":1.7391353897246315e+308} decoded one ULP off (Boost.JSON 1.81's
// parser is not correctly rounded), so encode(decode(x)) changed on every pass
// (...315e+308 -> ...317e+308). About 29% of arbitrary finite doubles were affected.
TEST_CASE("regression: a double survives encode -> decode exactly")
{
    CHECK(json::decode<double>("1.7391353897246315e+308").value() == 1.7391353897246315e+308);
    CHECK(json::encode(json::decode<double>("1.7391353897246315e+308").value()) == "1.7391353897246315e+308");
    CHECK(json::decode<double>("5e-324").value() == 5e-324);
    CHECK(json::decode<double>("2.2250738585072011e-308").value() == 2.2250738585072011e-308);
    CHECK(json::decode<float>("0.1").value() == 0.1f);
    // xorshift over the bit patterns of doubles: every finite one comes back bit for bit.
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    int wrong = 0;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v = 0;
        std::memcpy(&v, &x, sizeof v);
        if (!std::isfinite(v)) continue;
        auto back = json::decode<double>(json::encode(v));
        if (!back || std::memcmp(&*back, &v, sizeof v) != 0) ++wrong;
    }
    CHECK(wrong == 0);
}

// Found while fuzzing seam::read_error: the server's error type, message, validation texts and
// the seam-request-id header reached to_string(error) verbatim, so one error printed as several
// lines (a forged "log line" after a CR/LF) and could carry terminal escapes.
TEST_CASE("regression: to_string(error) is one line whatever the server sent")
{
    apibind::http_response r;
    r.status = 400;
    r.headers.push_back({"content-type", "application/json"});
    r.headers.push_back({"seam-request-id", "req\r\nX-Injected: 1"});
    r.body = R"({"error":{"type":"invalid\ninput","message":"line one\r\nFAKE: entry","validation_errors":)"
             R"({"_errors":[],"a\nb":{"_errors":["bad\u001b[31m"]}}},"ok":false})";
    apibind::error const e = apibind::seam::read_error(r);
    CHECK(e.kind == apibind::error_kind::api);
    CHECK(e.message == "line one\r\nFAKE: entry");  // the fields keep what was received
    std::string const line = to_string(e);
    for (char c : line) CHECK_FALSE((static_cast<unsigned char>(c) < 0x20 || c == 0x7f));
    CHECK(line == "API error 400 invalid input: line one  FAKE: entry [a b: bad [31m] (request req  X-Injected: 1)");
}

// clang-tidy (performance-noexcept-move-constructor): seam::client's move constructor was not
// noexcept, so containers would copy-or-fail instead of moving it.
TEST_CASE("regression: seam::client's move constructor is noexcept when its core's is")
{
    using client_type = apibind::seam::client<apibind::testing::mock_transport&>;
    static_assert(std::is_nothrow_move_constructible_v<client_type::core_type>);
    static_assert(std::is_nothrow_move_constructible_v<client_type>);
    CHECK(std::is_nothrow_move_constructible_v<client_type>);
}
