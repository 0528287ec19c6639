// libFuzzer target: the Beast transport's HTTP response handling, end to end over loopback.
//
// The response parsing sits inside transport::detail::connection (async_read into a
// response_parser with the body and header limits), so it is driven through a real socket:
// a server thread in this process listens on 127.0.0.1 (ephemeral port), reads one request,
// answers with the fuzz input's bytes verbatim and closes. The client side is what an
// application runs: build_request + beast_sync_transport::send + read_response<E> with the
// real Seam or SuperOffice policy (so error bodies, redaction and decoding run too).
//
// Input: byte 0 picks the API and endpoint, the rest is the raw HTTP response.
// Deterministic: one fresh transport and one connection per input, no retries, and the server
// closes after writing, so an incomplete response ends at EOF (never at a timeout).
#include "fuzz_common.hpp"

#include <apibind/seam.hpp>
#include <apibind/superoffice.hpp>
#include <apibind/transport/beast.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace {

constexpr std::string_view seam_secret = "seam_fuzzsecret_9f8e7d6c5b4a";
constexpr std::string_view so_secret = "8A:fuzzsecret-0123456789";
constexpr std::string_view query_secret = "qsecret_5a6b7c";

using apibind_fuzz::violation;

// One-connection-at-a-time HTTP server on 127.0.0.1 that answers with `response`.
class loopback_server {
public:
    loopback_server()
    {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (listen_fd_ < 0) std::abort();
        int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) std::abort();
        if (::listen(listen_fd_, 8) != 0) std::abort();
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        std::thread([this] { run(); }).detach();  // lives as long as the process
    }

    unsigned short port() const noexcept { return port_; }

    void set_response(std::string_view bytes)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        response_.assign(bytes.data(), bytes.size());
    }

private:
    void run()
    {
        for (;;) {
            int const fd = ::accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) continue;
            timeval tv{5, 0};  // never wedge the fuzzer on a client that does not behave
            ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            serve(fd);
            ::close(fd);
        }
    }

    void serve(int fd)
    {
        // Read the request head (the client sends bodies only for POST; read what is announced).
        std::string req;
        char buf[4096];
        std::size_t head_end = std::string::npos;
        while (head_end == std::string::npos) {
            ssize_t const n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return;
            req.append(buf, static_cast<std::size_t>(n));
            head_end = req.find("\r\n\r\n");
        }
        std::size_t body_len = 0;
        if (auto cl = req.find("Content-Length: "); cl != std::string::npos && cl < head_end)
            body_len = std::strtoul(req.c_str() + cl + 16, nullptr, 10);
        while (req.size() < head_end + 4 + body_len) {
            ssize_t const n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) return;
            req.append(buf, static_cast<std::size_t>(n));
        }
        std::string out;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            out = response_;
        }
        std::size_t sent = 0;
        while (sent < out.size()) {
            ssize_t const n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        ::shutdown(fd, SHUT_WR);
        // Wait for the client to close its side (it does when the exchange ends and the
        // transport is destroyed), so that closing here never resets unread data.
        while (::recv(fd, buf, sizeof buf, 0) > 0) {
        }
    }

    int listen_fd_ = -1;
    unsigned short port_ = 0;
    std::mutex mutex_;
    std::string response_;
};

loopback_server& server()
{
    static loopback_server s;
    return s;
}

apibind::transport::beast_options transport_options()
{
    apibind::transport::beast_options o;
    o.connect_timeout = std::chrono::milliseconds(5000);
    o.request_timeout = std::chrono::milliseconds(10000);
    o.max_body_size = 4096;  // small, so that inputs reach the body limit
    return o;
}

std::string base_url()
{
    return "http://127.0.0.1:" + std::to_string(server().port());
}

// Sends E's request through a fresh transport and reads the response with `policy`.
template <class E, class Policy>
apibind::result<typename E::response> exchange(Policy const& policy, typename E::request const& request,
                                               apibind::call_options const& opts = {})
{
    auto built = apibind::build_request<E>(policy, request, opts);
    if (!built) violation("the fixed request did not build", to_string(built.error()));
    apibind::transport::beast_sync_transport transport(transport_options());
    auto outcome = transport.send(*built);
    if (!outcome) {
        apibind::error const& e = outcome.error();
        std::string const line = to_string(e);
        if (e.kind != apibind::error_kind::transport) violation("a failed exchange is not a transport error", line);
        if (e.code == apibind::error_code::timed_out) violation("the exchange timed out (the server always closes)", line);
        return outcome.error();
    }
    return apibind::read_response<E>(policy, *outcome);
}

// Text the library writes itself (transport errors, refused requests) never holds a credential or
// the query string. Text that comes from the response (http_status, api, decode errors) is the
// server's: it may echo anything, the fuzzer learns the secrets and does. `redacts_credentials`:
// the policy scrubs its credentials even from that (SuperOffice's does).
void check_no_secret(apibind::error const& e, std::string_view secret, bool redacts_credentials)
{
    std::string const line = to_string(e);
    apibind_fuzz::check_one_line(line);
    bool const from_server = e.kind == apibind::error_kind::http_status || e.kind == apibind::error_kind::api ||
                             e.kind == apibind::error_kind::decode;
    if (!from_server || redacts_credentials) {
        if (line.find(secret) != std::string::npos) violation("an error text holds a credential", line);
    }
    if (!from_server) {
        if (line.find(query_secret) != std::string::npos) violation("an error text holds the query string", line);
    }
}

void seam_case(unsigned sel)
{
    apibind::seam::options o;
    o.credentials = apibind::seam::api_key{std::string(seam_secret)};
    o.endpoint = base_url();
    o.retry.max_attempts = 1;
    apibind::seam::policy const policy(std::move(o));
    namespace ca = apibind::seam::connected_accounts;
    apibind::call_options opts;
    opts.query.emplace_back("q", std::string(query_secret));
    auto check = [&](auto const& r) {
        if (!r) check_no_secret(r.error(), seam_secret, false);
    };
    switch (sel % 4) {
    case 0: check(exchange<ca::get>(policy, {.connected_account_id = "ca_1"}, opts)); break;
    case 1: check(exchange<ca::list>(policy, {}, opts)); break;
    case 2: check(exchange<ca::sync>(policy, {.connected_account_id = "ca_1"}, opts)); break;
    case 3: check(exchange<ca::delete_>(policy, {.connected_account_id = "ca_1"}, opts)); break;
    }
}

void superoffice_case(unsigned sel)
{
    apibind::superoffice::options c;
    c.base_url = base_url() + "/Cust1/api/v1";
    c.auth.scheme = apibind::superoffice::bearer{std::string(so_secret)};
    c.retry.max_attempts = 1;
    apibind::superoffice::policy const policy{std::move(c)};
    namespace ea = apibind::superoffice::email_agent;
    apibind::call_options opts;
    opts.query.emplace_back("$select", std::string(query_secret));
    // SuperOffice's policy scrubs its credentials even from texts the server sent back.
    auto check = [&](auto const& r) {
        if (!r) check_no_secret(r.error(), so_secret, true);
    };
    switch (sel % 3) {
    case 0: check(exchange<ea::get_ready_sync_email_accounts>(policy, {}, opts)); break;
    case 1: check(exchange<ea::sync_email_accounts>(policy, {.sync_user_accounts = {{1, "a", 2}}}, opts)); break;
    case 2: check(exchange<ea::sync_email_account>(policy, {.sync_user_account = {1, "a", 2}}, opts)); break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0) return 0;
    server().set_response({reinterpret_cast<char const*>(data) + 1, size - 1});
    unsigned const sel = data[0];
    if (sel & 0x80) superoffice_case(sel);
    else seam_case(sel);
    return 0;
}
