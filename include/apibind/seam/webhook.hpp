// apibind::seam::webhook_verifier: proves that a webhook request came from Seam, then decodes its event.
//
// Seam signs webhooks with Svix, i.e. the Standard Webhooks scheme: the endpoint's secret is
// "whsec_" + base64 of the key; each request carries svix-id, svix-timestamp and svix-signature
// (or their webhook-* twins); the signature header holds space-separated "v1,<base64>" entries,
// each an HMAC-SHA256 of "<id>.<timestamp>.<body>". Any matching v1 entry passes (key rotation).
//
// Needs OpenSSL's libcrypto: link the CMake target apibind::webhook (not part of <apibind/seam.hpp>,
// so the core links nothing). Works with -fno-exceptions: every failure is a value.
#ifndef APIBIND_SEAM_WEBHOOK_HPP
#define APIBIND_SEAM_WEBHOOK_HPP

#include <apibind/detail/base64.hpp>
#include <apibind/detail/hmac_sha256.hpp>
#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/seam/events.hpp>
#include <apibind/transport.hpp>

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::seam {

struct webhook_verifier_options {
    // How far svix-timestamp may be from now, either way (Svix and Seam's SDKs: 5 minutes).
    std::chrono::seconds tolerance = std::chrono::minutes(5);
    // The current time; empty means std::chrono::system_clock::now. Tests inject a fixed time.
    std::function<std::chrono::system_clock::time_point()> clock{};
};

// The three signature header values of one request (what the CLI takes as flags).
struct webhook_headers {
    std::string_view id;         // svix-id / webhook-id
    std::string_view timestamp;  // svix-timestamp / webhook-timestamp: Unix seconds
    std::string_view signature;  // svix-signature / webhook-signature: "v1,<base64> v1,<base64> ..."
};

namespace detail {

// A header as a name/value pair: Beast's fields (name_string(), value()), apibind::http_header
// (name, value), std::pair (maps).
template <class H>
concept beast_field_like = requires(H const& h) {
    std::string_view(h.name_string().data(), h.name_string().size());
    std::string_view(h.value().data(), h.value().size());
};
template <class H>
concept name_value_like = requires(H const& h) {
    std::string_view(h.name);
    std::string_view(h.value);
};
template <class H>
concept pair_like = requires(H const& h) {
    std::string_view(h.first);
    std::string_view(h.second);
};
template <class H>
concept webhook_header_like = beast_field_like<H> || name_value_like<H> || pair_like<H>;

template <webhook_header_like H>
std::string_view webhook_header_name(H const& h)
{
    if constexpr (beast_field_like<H>) return {h.name_string().data(), h.name_string().size()};
    else if constexpr (name_value_like<H>) return std::string_view(h.name);
    else return std::string_view(h.first);
}

template <webhook_header_like H>
std::string_view webhook_header_value(H const& h)
{
    if constexpr (beast_field_like<H>) return {h.value().data(), h.value().size()};
    else if constexpr (name_value_like<H>) return std::string_view(h.value);
    else return std::string_view(h.second);
}

template <class R>
concept webhook_header_range = requires(R const& r) {
    std::begin(r) != std::end(r);
} && webhook_header_like<std::remove_cvref_t<decltype(*std::begin(std::declval<R const&>()))>>;

inline error not_authentic(error_code code, std::string message)
{
    return make_error(error_kind::not_authentic, code, std::move(message));
}

// Unix seconds from a string of digits; an overflow saturates (it is "too new" anyway).
inline bool parse_unix_seconds(std::string_view text, std::int64_t& out) noexcept
{
    if (text.empty()) return false;
    constexpr std::int64_t max = INT64_MAX / 10 - 9;
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        v = v > max ? max : v * 10 + (c - '0');
    }
    out = v;
    return true;
}

}  // namespace detail

template <class R>
concept webhook_header_range = detail::webhook_header_range<R>;

class webhook_verifier {
public:
    // From the endpoint's secret ("whsec_" + base64, as Seam shows it). A malformed secret is an
    // error here, not at the first request; the message never repeats the secret.
    static result<webhook_verifier> from_secret(std::string_view secret, webhook_verifier_options options = {})
    {
        constexpr std::string_view prefix = "whsec_";
        if (!secret.starts_with(prefix))
            return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                              "webhook secret: expected \"whsec_\" followed by base64 (the secret as Seam shows it)");
        auto key = apibind::detail::base64_decode(secret.substr(prefix.size()));
        if (!key)
            return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                              "webhook secret: the part after \"whsec_\" is not valid base64");
        if (key->empty())
            return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                              "webhook secret: the key after \"whsec_\" is empty");
        if (options.tolerance.count() < 0)
            return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                              "webhook options: the timestamp tolerance is negative");
        return webhook_verifier(std::move(*key), std::move(options));
    }

    // Checks that `body` was signed by the holder of the secret, within the time tolerance.
    // Returns `body` itself when it is authentic; otherwise an error of kind not_authentic whose
    // code says why (missing_header, malformed_header, timestamp_too_old, timestamp_too_new,
    // signature_mismatch). The message never holds the secret or the expected signature.
    result<std::string_view> authenticate(std::string_view body, webhook_headers const& h) const
    {
        if (h.id.empty()) return detail::not_authentic(error_code::missing_header, "no svix-id (or webhook-id) header");
        if (h.timestamp.empty())
            return detail::not_authentic(error_code::missing_header, "no svix-timestamp (or webhook-timestamp) header");
        if (h.signature.empty())
            return detail::not_authentic(error_code::missing_header, "no svix-signature (or webhook-signature) header");

        std::int64_t sent = 0;
        if (!detail::parse_unix_seconds(h.timestamp, sent))
            return detail::not_authentic(error_code::malformed_header,
                                         "svix-timestamp is not a whole number of seconds since 1970");
        auto const now_point = options_.clock ? options_.clock() : std::chrono::system_clock::now();
        std::int64_t const now =
            std::chrono::duration_cast<std::chrono::seconds>(now_point.time_since_epoch()).count();
        std::int64_t const tolerance = options_.tolerance.count();
        if (now - sent > tolerance)
            return detail::not_authentic(error_code::timestamp_too_old,
                                         "svix-timestamp is " + std::to_string(now - sent) +
                                             " s in the past (tolerance " + std::to_string(tolerance) + " s)");
        if (sent - now > tolerance)
            return detail::not_authentic(error_code::timestamp_too_new,
                                         "svix-timestamp is " + std::to_string(sent - now) +
                                             " s in the future (tolerance " + std::to_string(tolerance) + " s)");

        // Signed content: the timestamp as a number (Svix signs the parsed value: "0042" -> "42").
        std::string const seconds = std::to_string(sent);
        auto const expected = apibind::detail::hmac_sha256(key_, {h.id, ".", seconds, ".", body});
        if (!expected) return detail::not_authentic(error_code::crypto_failure, "OpenSSL could not compute HMAC-SHA256");

        std::size_t v1_entries = 0;
        bool matched = false;
        for (std::string_view rest = h.signature; !rest.empty();) {
            auto const space = rest.find(' ');
            std::string_view const entry = rest.substr(0, space);
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
            if (!entry.starts_with("v1,")) continue;  // other versions: not ours to check
            ++v1_entries;
            // Strict base64 has one spelling per digest, so comparing bytes is comparing what Svix
            // compares (the base64 text). Every v1 entry is checked: the time does not tell which matched.
            auto const given = apibind::detail::base64_decode(entry.substr(3));
            if (given && apibind::detail::constant_time_equal(*expected, *given)) matched = true;
        }
        if (matched) return body;
        if (v1_entries == 0)
            return detail::not_authentic(error_code::signature_mismatch, "svix-signature holds no v1 signature");
        return detail::not_authentic(error_code::signature_mismatch,
                                     v1_entries == 1 ? std::string("the v1 signature in svix-signature does not match")
                                                     : "none of the " + std::to_string(v1_entries) +
                                                           " v1 signatures in svix-signature matches");
    }

    // The same, finding the three headers in any range of name/value pairs (a vector of
    // apibind::http_header, a std::map, a Boost.Beast request or fields), by case-insensitive name.
    // svix-* wins over webhook-*, header by header, as in Svix; the first of repeated headers counts.
    template <webhook_header_range Headers>
    result<std::string_view> authenticate(std::string_view body, Headers const& headers) const
    {
        return authenticate(body, find_headers(headers));
    }

    // Authenticates, then decodes the body as a Seam event. An authentic body that is not a Seam
    // event is an error of kind decode (a bug to report, not a forgery).
    template <class Headers>
        requires webhook_header_range<Headers> || std::same_as<Headers, webhook_headers>
    result<event> verify(std::string_view body, Headers const& headers) const
    {
        auto authentic = authenticate(body, headers);
        if (!authentic) return authentic.error();
        auto decoded = json::decode<event>(*authentic);
        if (!decoded) {
            error e = std::move(decoded).error();
            e.message = "authentic webhook, but its body is not a Seam event: " + e.message;
            return e;
        }
        return decoded;
    }

    template <webhook_header_range Headers>
    static webhook_headers find_headers(Headers const& headers)
    {
        struct slot {
            std::string_view svix, standard;
            bool has_svix = false, has_standard = false;
            std::string_view value() const { return has_svix ? svix : standard; }
        } id, timestamp, signature;
        auto const take = [](slot& s, std::string_view name, std::string_view value) {
            // name is "svix-x" or "webhook-x"
            if (name.front() == 's' || name.front() == 'S') {
                if (!s.has_svix) s = {value, s.standard, true, s.has_standard};
            } else if (!s.has_standard) {
                s = {s.svix, value, s.has_svix, true};
            }
        };
        using apibind::detail::iequals;
        for (auto const& h : headers) {
            std::string_view const name = detail::webhook_header_name(h);
            std::string_view const value = detail::webhook_header_value(h);
            if (iequals(name, "svix-id") || iequals(name, "webhook-id")) take(id, name, value);
            else if (iequals(name, "svix-timestamp") || iequals(name, "webhook-timestamp")) take(timestamp, name, value);
            else if (iequals(name, "svix-signature") || iequals(name, "webhook-signature")) take(signature, name, value);
        }
        return {id.value(), timestamp.value(), signature.value()};
    }

    std::chrono::seconds tolerance() const noexcept { return options_.tolerance; }

private:
    webhook_verifier(std::string key, webhook_verifier_options options) : key_(std::move(key)), options_(std::move(options)) {}

    std::string key_;  // the decoded secret
    webhook_verifier_options options_;
};

}  // namespace apibind::seam

#endif
