// apibind: error and result types shared by every layer.
#ifndef APIBIND_ERROR_HPP
#define APIBIND_ERROR_HPP

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <chrono>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind {

// What failed. Callers branch on this; the message is for people.
enum class error_kind {
    transport,     // could not connect, timed out, connection reset, TLS, malformed HTTP
    http_status,   // non-2xx status whose body is not a recognised API error
    api,           // the API's own error body (type, message, request id, validation details)
    decode,        // the body (or a payload) does not match the model
    invalid_argument,  // refused before sending: bad token prefix, CR/LF in a header, ...
    not_authentic,     // a received webhook failed verification (seam/webhook.hpp)
    action_attempt_failed,   // an awaited action attempt ended in `error`: api_code and message are its error's type and message
    action_attempt_timeout,  // waiting for an action attempt ran out of time; message says how long it waited
};

// Finer grain for transport and decode failures.
enum class error_code {
    none,
    // transport
    connection_refused,
    timed_out,
    deadline_exceeded,   // the call's own deadline passed (apibind::call_timeouts::call), not a transport's limit
    cancelled,           // the caller cancelled the call (cancel_handle, an Asio cancellation slot)
    connection_reset,
    tls_failure,
    protocol_error,      // malformed HTTP, lying Content-Length, truncated body
    body_too_large,
    redirect_not_followed,
    transport_other,
    // decode
    syntax,              // not JSON at all, truncated, bad escape, invalid UTF-8
    type_mismatch,       // e.g. a number where a string was expected
    missing_member,      // a required member is absent
    out_of_range,        // integer does not fit the member's type
    unknown_enum_value,  // a closed enum met a value it does not know
    unexpected_tag,      // a literal tag member holds another value
    limit_exceeded,      // depth, string length, array length over the configured limit
    // others
    invalid_argument,
    // not_authentic (webhook verification)
    missing_header,      // a signature header is absent or empty
    malformed_header,    // e.g. a timestamp that is not a whole number
    signature_mismatch,  // no signature in the header matches the content
    timestamp_too_old,   // outside the tolerance, in the past
    timestamp_too_new,   // outside the tolerance, in the future
    crypto_failure,      // the HMAC could not be computed (OpenSSL failed): nothing is accepted
};

// One field-level validation problem reported by the API (Seam's `validation_errors`), or found
// by the client's own check of a request's form (check_request_form, chosen_by<>).
struct validation_error {
    std::string field;                  // dotted path, e.g. "custom_metadata.a"
    std::vector<std::string> messages;  // e.g. {"Expected string, received number"}
};

// The error carried by apibind::result. It never holds a credential.
struct error {
    error_kind kind = error_kind::transport;
    error_code code = error_code::none;
    int http_status = 0;          // 0 when no response was received
    std::string api_code;         // the API's own error type ("connected_account_not_found")
    std::string message;          // human-readable explanation
    std::string path;             // JSON path for decode errors ("errors[1].created_at")
    std::string request_id;       // e.g. the `seam-request-id` header
    std::string data;             // raw JSON of the API's `data` member, if any; for action_attempt_*
                                  // kinds, the last action attempt seen
    std::vector<validation_error> validation_errors;
    int attempts = 1;                    // attempts made: more than 1 when the client retried the call
    std::chrono::milliseconds elapsed{};  // from the first attempt to the last one's end, when retried

    // The validation messages reported for one field, or an empty list.
    std::vector<std::string> validation_messages(std::string_view field) const
    {
        for (auto const& v : validation_errors)
            if (v.field == field) return v.messages;
        return {};
    }
};

inline std::string_view to_string(error_kind k) noexcept
{
    switch (k) {
    case error_kind::transport: return "transport error";
    case error_kind::http_status: return "HTTP error";
    case error_kind::api: return "API error";
    case error_kind::decode: return "decode error";
    case error_kind::invalid_argument: return "invalid argument";
    case error_kind::not_authentic: return "not authentic";
    case error_kind::action_attempt_failed: return "action attempt failed";
    case error_kind::action_attempt_timeout: return "action attempt timed out";
    }
    return "error";
}

inline std::string_view to_string(error_code c) noexcept
{
    switch (c) {
    case error_code::none: return "none";
    case error_code::connection_refused: return "connection_refused";
    case error_code::timed_out: return "timed_out";
    case error_code::deadline_exceeded: return "deadline_exceeded";
    case error_code::cancelled: return "cancelled";
    case error_code::connection_reset: return "connection_reset";
    case error_code::tls_failure: return "tls_failure";
    case error_code::protocol_error: return "protocol_error";
    case error_code::body_too_large: return "body_too_large";
    case error_code::redirect_not_followed: return "redirect_not_followed";
    case error_code::transport_other: return "transport_other";
    case error_code::syntax: return "syntax";
    case error_code::type_mismatch: return "type_mismatch";
    case error_code::missing_member: return "missing_member";
    case error_code::out_of_range: return "out_of_range";
    case error_code::unknown_enum_value: return "unknown_enum_value";
    case error_code::unexpected_tag: return "unexpected_tag";
    case error_code::limit_exceeded: return "limit_exceeded";
    case error_code::invalid_argument: return "invalid_argument";
    case error_code::missing_header: return "missing_header";
    case error_code::malformed_header: return "malformed_header";
    case error_code::signature_mismatch: return "signature_mismatch";
    case error_code::timestamp_too_old: return "timestamp_too_old";
    case error_code::timestamp_too_new: return "timestamp_too_new";
    case error_code::crypto_failure: return "crypto_failure";
    }
    return "unknown";
}

// One readable line: the kind, the HTTP status, the API's code (or the finer error_code), the JSON
// path, the message, validation details, the request id, and the attempts of a retried call, e.g.
//   API error (HTTP 404) connected_account_not_found: Connected account not found (request request7)
//   decode error (HTTP 200) type_mismatch at connected_account.errors[1].created_at: expected a string, got a number
//   HTTP error 503: Service Unavailable (after 3 attempts over 1.2 s)
//   transport error connection_refused: connection refused (POST /x on 127.0.0.1:8080)
inline std::string to_string(error const& e)
{
    std::string s(to_string(e.kind));
    if (e.http_status != 0) {
        // "HTTP error" already says what the number is; elsewhere it needs saying.
        s += e.kind == error_kind::http_status ? " " : " (HTTP ";
        s += std::to_string(e.http_status);
        if (e.kind != error_kind::http_status) s += ')';
    }
    if (!e.api_code.empty()) {
        s += ' ';
        s += e.api_code;
    } else if (e.code != error_code::none && e.kind != error_kind::http_status &&
               !(e.kind == error_kind::invalid_argument && e.code == error_code::invalid_argument)) {
        s += ' ';
        s += to_string(e.code);
    }
    if (!e.path.empty()) {
        s += " at ";
        s += e.path;
    }
    if (!e.message.empty()) {
        s += ": ";
        s += e.message;
    }
    for (auto const& v : e.validation_errors) {
        s += v.field.empty() ? " [" : " [" + v.field + ": ";
        for (std::size_t i = 0; i < v.messages.size(); ++i) {
            if (i) s += "; ";
            s += v.messages[i];
        }
        s += ']';
    }
    if (!e.request_id.empty()) {
        s += " (request ";
        s += e.request_id;
        s += ')';
    }
    if (e.attempts > 1) {
        s += " (after ";
        s += std::to_string(e.attempts);
        s += " attempts over ";
        auto const ms = e.elapsed.count();
        if (ms < 1000) {
            s += std::to_string(ms);
            s += " ms)";
        } else {  // tenths of a second
            auto const tenths = (ms + 50) / 100;
            s += std::to_string(tenths / 10);
            s += '.';
            s += std::to_string(tenths % 10);
            s += " s)";
        }
    }
    // One line whatever the server sent (messages, codes, validation texts, the request-id
    // header): control characters (CR, LF, ESC, ...) become spaces, so a response cannot forge
    // log lines or drive a terminal. The error's fields keep the text as received.
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return s;
}

#ifndef BOOST_NO_EXCEPTIONS
// Thrown by result<T>::value() when it holds an error.
class error_exception : public std::exception {
public:
    explicit error_exception(error e) : error_(std::move(e)), what_(to_string(error_)) {}
    char const* what() const noexcept override { return what_.c_str(); }
    apibind::error const& get() const noexcept { return error_; }

private:
    apibind::error error_;
    std::string what_;
};
#endif

// Found by ADL from boost::system::result<T, error>::value().
[[noreturn]] inline void throw_exception_from_error(error const& e, boost::source_location const& loc)
{
#ifndef BOOST_NO_EXCEPTIONS
    boost::throw_exception(error_exception(e), loc);
#else
    (void)e;
    (void)loc;
    std::terminate();
#endif
}

template <class T>
using result = boost::system::result<T, error>;

// Helpers to build errors consistently across the layers.
inline error make_error(error_kind kind, error_code code, std::string message)
{
    error e;
    e.kind = kind;
    e.code = code;
    e.message = std::move(message);
    return e;
}

}  // namespace apibind

#endif
