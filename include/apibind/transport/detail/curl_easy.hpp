// apibind: what the libcurl transports share (curl.hpp: easy interface, blocking; curl_async.hpp:
// multi interface, polled): their options, how one transfer is set up (the same headers, limits,
// TLS checks and redirect policy) and how libcurl's outcome maps to an apibind::error.
#ifndef APIBIND_TRANSPORT_DETAIL_CURL_EASY_HPP
#define APIBIND_TRANSPORT_DETAIL_CURL_EASY_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/detail/request_checks.hpp>

#include <curl/curl.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace apibind::transport {

// The options of curl_transport and curl_async_transport (public: documented in curl.hpp).
struct curl_options {
    std::chrono::milliseconds connect_timeout{10000};  // TCP connect and TLS handshake
    std::chrono::milliseconds request_timeout{30000};  // the whole call, a new connection's set-up included
    std::size_t max_body_size = 8 * 1024 * 1024;
    std::string user_agent = "apibind/0.1";  // sent unless the request has its own User-Agent

    // https trust. All empty (the default): libcurl's default CA bundle and path. Otherwise
    // only what is given here is trusted (any combination of the three).
    std::string ca_file;  // a PEM file of CA certificates (CURLOPT_CAINFO)
    std::string ca_path;  // a directory of CA certificates named by subject hash (CURLOPT_CAPATH)
    std::string ca_pem;   // CA certificates as PEM text (CURLOPT_CAINFO_BLOB)
};

namespace detail {


// libcurl wants curl_global_init before any other call, once per process.
inline bool curl_global_ready() noexcept
{
    static bool const ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    return ready;
}

struct curl_easy_deleter {
    void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};

struct curl_slist_deleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

// What the libcurl callbacks fill in during one transfer.
struct curl_exchange {
    http_response response;
    std::size_t max_body_size = 0;
    bool body_too_large = false;
    std::atomic<bool> const* abandoned = nullptr;  // http_request::abandoned: stop the transfer once it is set

    // libcurl calls it during connect, send and receive, also while waiting (about once a second).
    static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) noexcept
    {
        auto const& self = *static_cast<curl_exchange const*>(user);
        return self.abandoned != nullptr && self.abandoned->load() ? 1 : 0;  // 1: CURLE_ABORTED_BY_CALLBACK
    }

    static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
    {
        auto& self = *static_cast<curl_exchange*>(user);
        std::size_t const n = size * count;
        if (n > self.max_body_size - self.response.body.size()) {
            self.body_too_large = true;
            return 0;  // aborts the transfer with CURLE_WRITE_ERROR
        }
        try {
            self.response.body.append(data, n);
        } catch (...) {
            return 0;
        }
        return n;
    }

    static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) noexcept
    {
        auto& self = *static_cast<curl_exchange*>(user);
        std::size_t const n = size * count;
        std::string_view line(data, n);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
        try {
            if (line.substr(0, 5) == "HTTP/") {
                self.response.headers.clear();  // a 1xx's headers, or a new response: start over
            } else if (auto const colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
                std::string_view value = line.substr(colon + 1);
                while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
                while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
                self.response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
            }
        } catch (...) {
            return 0;
        }
        return n;
    }
};

// libcurl's own error text, unless it repeats something the request carried that may be a
// credential (a header value, the query): then only the generic text for the code.
inline std::string curl_detail(CURLcode code, char const* error_buffer, http_request const& req, std::string_view target)
{
    std::string_view detail = error_buffer != nullptr && *error_buffer != '\0' ? std::string_view(error_buffer)
                                                                               : std::string_view(curl_easy_strerror(code));
    auto const leaks = [&](std::string_view secret) {
        return secret.size() >= 4 && detail.find(secret) != std::string_view::npos;
    };
    bool leak = false;
    if (auto const q = target.find('?'); q != std::string_view::npos) leak = leaks(target.substr(q + 1));
    for (auto const& h : req.headers) leak = leak || leaks(h.value);
    if (leak) detail = curl_easy_strerror(code);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r')) detail.remove_suffix(1);
    return std::string(detail);
}

inline error map_curl_error(CURLcode code, CURL* handle, bool body_too_large, std::string const& detail,
                            std::string_view description)
{
    auto const make = [&](error_code c, std::string what) { return transport_error(c, std::move(what), description); };
    curl_off_t connect_time = 0, tls_time = 0;
    curl_easy_getinfo(handle, CURLINFO_CONNECT_TIME_T, &connect_time);
    curl_easy_getinfo(handle, CURLINFO_APPCONNECT_TIME_T, &tls_time);
    long os_errno = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
    char* scheme = nullptr;
    curl_easy_getinfo(handle, CURLINFO_SCHEME, &scheme);
    bool const https = scheme != nullptr && (std::string_view(scheme) == "https" || std::string_view(scheme) == "HTTPS");

    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:  // only on_progress aborts
        if (connect_time == 0) return make(error_code::cancelled, "the call ended before the request was sent; it was not sent");
        return make(error_code::cancelled, "the call ended during the exchange; the transfer was stopped");
    case CURLE_OPERATION_TIMEDOUT:
        if (connect_time == 0) return make(error_code::timed_out, "timed out connecting");
        if (https && tls_time == 0) return make(error_code::timed_out, "timed out in the TLS handshake");
        return make(error_code::timed_out, "timed out waiting for the response");
    case CURLE_COULDNT_CONNECT:
        if (os_errno == ECONNREFUSED) return make(error_code::connection_refused, "connection refused");
        return make(error_code::transport_other, "could not connect: " + detail);
    case CURLE_COULDNT_RESOLVE_HOST: return make(error_code::transport_other, "could not resolve the host: " + detail);
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (body_too_large || code == CURLE_FILESIZE_EXCEEDED)
            return make(error_code::body_too_large, "response body exceeds max_body_size");
        return make(error_code::transport_other, detail);
    case CURLE_PARTIAL_FILE:
        return make(error_code::protocol_error, "connection closed before the announced response body was complete");
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return make(error_code::connection_reset, "connection closed before the response was complete");
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_RANGE_ERROR:
        return make(error_code::protocol_error, "malformed HTTP response: " + detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
        return make(error_code::tls_failure, "TLS handshake failed: " + detail);
    default: return make(error_code::transport_other, detail);
    }
}

// One transfer's state that must outlive curl_easy_perform / the multi handle's work on it:
// libcurl keeps pointers to the header list, the body (the request's), the error buffer and the
// exchange. Not movable once prepared (libcurl holds its address).
struct curl_transfer {
    curl_exchange exchange;
    std::unique_ptr<curl_slist, curl_slist_deleter> headers;
    std::string url;
    char error_buffer[CURL_ERROR_SIZE] = {};

    curl_transfer() = default;
    curl_transfer(curl_transfer const&) = delete;
    curl_transfer& operator=(curl_transfer const&) = delete;
};

// Resets `h` (keeping its connection, TLS session and DNS caches) and sets every option for
// `req`: the same for the sync and the async transport, so both send the same bytes under the
// same limits, TLS checks and redirect policy. `req` and `options` must outlive the transfer
// (the body and the CA PEM are not copied). An error names what went wrong and `checked`'s
// description.
inline result<void> prepare_transfer(CURL* h, http_request const& req, checked_request const& checked,
                                     curl_options const& options, curl_transfer& t)
{
    curl_easy_reset(h);
    t.url.clear();
    t.url += checked.scheme;
    t.url += "://";
    t.url += checked.host;
    t.url += ':';
    t.url += checked.port;
    t.url += checked.target;

    // Headers: the caller's, minus framing (libcurl frames the body), plus what libcurl
    // would otherwise add or change on its own.
    t.headers.reset();
    bool has_host = false, has_user_agent = false, has_accept = false, has_content_type = false, has_expect = false;
    auto const add = [&](std::string const& line) {
        curl_slist* next = curl_slist_append(t.headers.get(), line.c_str());
        if (next == nullptr) return false;
        (void)t.headers.release();
        t.headers.reset(next);
        return true;
    };
    bool ok = true;
    for (auto const& hd : req.headers) {
        if (is_framing_header(hd.name)) continue;
        has_host = has_host || apibind::detail::iequals(hd.name, "Host");
        has_user_agent = has_user_agent || apibind::detail::iequals(hd.name, "User-Agent");
        has_accept = has_accept || apibind::detail::iequals(hd.name, "Accept");
        has_content_type = has_content_type || apibind::detail::iequals(hd.name, "Content-Type");
        has_expect = has_expect || apibind::detail::iequals(hd.name, "Expect");
        // "Name;" is libcurl's way to send a header with an empty value ("Name:" removes it).
        ok = ok && add(hd.value.empty() ? hd.name + ';' : hd.name + ": " + hd.value);
    }
    if (!has_host) ok = ok && add("Host: " + checked.host_header());
    if (!has_user_agent && !options.user_agent.empty()) ok = ok && add("User-Agent: " + options.user_agent);
    if (!has_accept) ok = ok && add("Accept:");              // no "Accept: */*" of libcurl's own
    if (!has_content_type) ok = ok && add("Content-Type:");  // no form-urlencoded for POST bodies
    if (!has_expect) ok = ok && add("Expect:");              // no 100-continue round trip
    if (!ok) return transport_error(error_code::transport_other, "out of memory building the headers", checked.description);

    bool set = true;
    auto const opt = [&](CURLoption o, auto value) { set = set && curl_easy_setopt(h, o, value) == CURLE_OK; };
    opt(CURLOPT_URL, t.url.c_str());
    opt(CURLOPT_PATH_AS_IS, 1L);  // the target as given: no dot-segment removal
    opt(CURLOPT_PROTOCOLS_STR, "http,https");
    opt(CURLOPT_FOLLOWLOCATION, 0L);
    opt(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    opt(CURLOPT_PROXY, "");  // ignore http_proxy & co. from the environment
    opt(CURLOPT_NOSIGNAL, 1L);
    opt(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    opt(CURLOPT_TIMEOUT_MS, static_cast<long>(effective_timeout(req, options.request_timeout).count()));
    // libcurl sends a request again, by itself, on a new connection when a reused one fails before
    // any byte of the answer; the server may have received the first. A request not safe to
    // repeat gets a new connection instead, which libcurl never retries.
    opt(CURLOPT_FRESH_CONNECT, req.retry_safe ? 0L : 1L);
    opt(CURLOPT_SSL_VERIFYPEER, 1L);
    opt(CURLOPT_SSL_VERIFYHOST, 2L);
    opt(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!options.ca_file.empty() || !options.ca_path.empty() || !options.ca_pem.empty()) {
        opt(CURLOPT_CAINFO, static_cast<char const*>(nullptr));  // only what the options name
        opt(CURLOPT_CAPATH, static_cast<char const*>(nullptr));
        if (!options.ca_file.empty()) opt(CURLOPT_CAINFO, options.ca_file.c_str());
        if (!options.ca_path.empty()) opt(CURLOPT_CAPATH, options.ca_path.c_str());
        if (!options.ca_pem.empty()) {
            // NOCOPY: `options` outlives the transfer. The blob's data pointer is not const in
            // libcurl's struct, but libcurl only reads it.
            curl_blob blob{const_cast<char*>(options.ca_pem.data()), options.ca_pem.size(), CURL_BLOB_NOCOPY};
            opt(CURLOPT_CAINFO_BLOB, &blob);
        }
    }
    opt(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_size));
    opt(CURLOPT_HTTPHEADER, t.headers.get());

    // The method and the body.
    if (req.method == "HEAD") {
        opt(CURLOPT_NOBODY, 1L);
    } else if (!req.body.empty() || method_expects_body(req.method)) {
        opt(CURLOPT_POST, 1L);
        opt(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
        opt(CURLOPT_POSTFIELDS, req.body.data());
        if (req.method != "POST") opt(CURLOPT_CUSTOMREQUEST, req.method.c_str());
    } else if (req.method == "GET") {
        opt(CURLOPT_HTTPGET, 1L);
    } else {
        opt(CURLOPT_CUSTOMREQUEST, req.method.c_str());
    }

    t.exchange = curl_exchange{};
    t.exchange.max_body_size = options.max_body_size;
    t.error_buffer[0] = '\0';
    opt(CURLOPT_WRITEFUNCTION, &curl_exchange::on_body);
    opt(CURLOPT_WRITEDATA, static_cast<void*>(&t.exchange));
    opt(CURLOPT_HEADERFUNCTION, &curl_exchange::on_header);
    opt(CURLOPT_HEADERDATA, static_cast<void*>(&t.exchange));
    opt(CURLOPT_ERRORBUFFER, t.error_buffer);
    if (req.abandoned) {  // an async call's request: stopped once the call has ended (cancelled, deadline)
        t.exchange.abandoned = req.abandoned.get();
        opt(CURLOPT_XFERINFOFUNCTION, &curl_exchange::on_progress);
        opt(CURLOPT_XFERINFODATA, static_cast<void*>(&t.exchange));
        opt(CURLOPT_NOPROGRESS, 0L);
    }
    if (!set)
        return transport_error(error_code::transport_other, "libcurl refused an option (is it 7.85 or newer?)", checked.description);
    return {};
}

// The outcome of a finished transfer on `h`: the response, or the error `code` maps to.
inline result<http_response> finish_transfer(CURL* h, CURLcode code, http_request const& req, checked_request const& checked,
                                             curl_transfer& t)
{
    if (code != CURLE_OK)
        return map_curl_error(code, h, t.exchange.body_too_large, curl_detail(code, t.error_buffer, req, checked.target),
                              checked.description);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    t.exchange.response.status = static_cast<int>(status);
    return std::move(t.exchange.response);
}

}  // namespace detail

}  // namespace apibind::transport

#endif
