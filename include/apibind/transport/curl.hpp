// apibind: a blocking HTTP/1.1 transport on libcurl's easy interface.
//
//   apibind::transport::curl_transport   models apibind::sync_transport
//
// CMake target apibind::curl (links CURL::libcurl). One easy handle per transport object, kept
// between calls, so libcurl reuses its connection (keep-alive), TLS session and DNS cache.
// Behaves like beast_sync_transport: the same request checks (refused before connecting, with
// the same messages), every status returned as a response, redirects never followed, a body
// size limit, the same error_code mapping, and error messages that name method, path and
// host:port but never header values, the query or the body. https:// verifies the peer's
// certificate and host name (libcurl's defaults, enforced here) against curl_options' CA
// settings or libcurl's default bundle. HTTP/1.1 only; no proxies from the environment.
// One call at a time per object; movable, not copyable. curl_options is defined in
// detail/curl_easy.hpp, shared with the non-blocking transports (curl_async.hpp: many calls at
// once on libcurl's multi interface, driven by the host's loop; curl_asio.hpp: by an executor).
#ifndef APIBIND_TRANSPORT_CURL_HPP
#define APIBIND_TRANSPORT_CURL_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/detail/curl_easy.hpp>
#include <apibind/transport/detail/request_checks.hpp>

#include <curl/curl.h>

#include <memory>
#include <utility>

namespace apibind::transport {

class curl_transport {
public:
    using options_type = curl_options;

    explicit curl_transport(curl_options options = {}) : options_(std::move(options))
    {
        if (detail::curl_global_ready()) handle_.reset(curl_easy_init());
    }

    result<http_response> send(http_request const& req)
    {
        auto checked = detail::check_request(req, options_.user_agent, "curl_transport", detail::https_support::available);
        if (!checked) return checked.error();
        if (!handle_)
            return detail::transport_error(error_code::transport_other, "libcurl could not be initialised", checked->description);
        CURL* const h = handle_.get();
        auto& t = *transfer_;
        if (auto ready = detail::prepare_transfer(h, req, *checked, options_, t); !ready) return ready.error();
        CURLcode const code = curl_easy_perform(h);
        return detail::finish_transfer(h, code, req, *checked, t);
    }

private:
    curl_options options_;
    std::unique_ptr<CURL, detail::curl_easy_deleter> handle_;
    // Reused between calls (the URL's and the exchange's capacity stay); on the heap so that the
    // transport stays movable while libcurl holds the error buffer's address between calls.
    std::unique_ptr<detail::curl_transfer> transfer_ = std::make_unique<detail::curl_transfer>();
};

}  // namespace apibind::transport

#endif
