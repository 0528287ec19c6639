// A scripted HTTP/1.1 server on 127.0.0.1 for transport tests. It runs on its own thread
// with raw Asio sockets (not Beast) so that it can misbehave on purpose: close early,
// reset mid-body, lie about Content-Length, never answer, send arbitrary bytes.
// A request with the header X-Test-Delay-Ms: <n> is answered n ms after it arrived (to hold
// exchanges in flight at once); the server counts how many it held at once and how many
// connections the client closed.
//
// TLS mode (when APIBIND_BEAST_HAS_SSL is set, as the apibind::beast target does with
// OpenSSL): construct it with a tls_identity from test_tls.hpp; every connection then
// starts with a TLS handshake and url() is https://. Every fault works the same over TLS
// (closes are TCP closes without close_notify, as a crashing server would do).
#ifndef APIBIND_TEST_LOOPBACK_HTTP_SERVER_HPP
#define APIBIND_TEST_LOOPBACK_HTTP_SERVER_HPP

#if defined(APIBIND_BEAST_HAS_SSL) && APIBIND_BEAST_HAS_SSL
#define APIBIND_TEST_LOOPBACK_TLS 1
#include <support/test_tls.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <openssl/ssl.h>
#else
#define APIBIND_TEST_LOOPBACK_TLS 0
#endif

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind_test {

enum class fault {
    none,
    close_before_response,  // read the request, then close without a byte
    reset_mid_body,         // headers and half the body, then a TCP reset
    never_answer,           // read the request, then stay silent (closed at shutdown)
    truncated_body,         // Content-Length larger than what is sent, then close
    chunked,                // body sent with Transfer-Encoding: chunked
    raw,                    // `body` bytes verbatim as the whole response
    raw_then_close,         // `body` bytes verbatim, then close (a body delimited by the end of the connection)
    close_after_response,   // a normal keep-alive response, then close: a server closing an idle connection
};

struct scripted_response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    fault kind = fault::none;
};

namespace detail {
inline bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace detail

struct recorded_request {
    std::string method, target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string tls_server_name;  // TLS mode: the SNI the client sent (empty: none)

    // Case-insensitive; empty when absent.
    std::string header(std::string_view name) const
    {
        for (auto const& [n, v] : headers)
            if (detail::iequals(n, name)) return v;
        return {};
    }
};

class loopback_http_server {
    using tcp = boost::asio::ip::tcp;

public:
    // Plain HTTP.
    loopback_http_server() { start(); }

#if APIBIND_TEST_LOOPBACK_TLS
    // HTTPS with this certificate and key.
    explicit loopback_http_server(tls_identity const& identity)
    {
        tls_.emplace(boost::asio::ssl::context::tls_server);
        tls_->use_certificate_chain(boost::asio::buffer(identity.cert_pem));
        tls_->use_private_key(boost::asio::buffer(identity.key_pem), boost::asio::ssl::context::pem);
        start();
    }
#endif

    loopback_http_server(loopback_http_server const&) = delete;
    loopback_http_server& operator=(loopback_http_server const&) = delete;

    ~loopback_http_server()
    {
        // Sockets belong to the server thread: close them there, then let run() return.
        boost::asio::post(io_, [this] {
            boost::system::error_code ignored;
            acceptor_.close(ignored);
            for (auto& weak : sessions_)
                if (auto s = weak.lock()) s->close_socket();
            io_.stop();
        });
        thread_.join();
    }

    bool tls() const noexcept
    {
#if APIBIND_TEST_LOOPBACK_TLS
        return tls_.has_value();
#else
        return false;
#endif
    }

    // "http://127.0.0.1:<port>" (https:// in TLS mode). url("localhost") names another host.
    std::string url(std::string_view host = "127.0.0.1") const
    {
        return (tls() ? "https://" : "http://") + std::string(host) + ":" + std::to_string(port_);
    }
    unsigned short port() const { return port_; }

    void push(scripted_response r)
    {
        std::lock_guard lock(mutex_);
        script_.push_back(std::move(r));
    }

    std::vector<recorded_request> requests() const
    {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    std::size_t request_count() const
    {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }

    // Accepted TCP connections (in TLS mode, also those whose handshake then failed).
    std::size_t connection_count() const
    {
        std::lock_guard lock(mutex_);
        return connections_;
    }

    // The most requests received and not yet answered at one time (X-Test-Delay-Ms holds them).
    std::size_t peak_unanswered() const
    {
        std::lock_guard lock(mutex_);
        return peak_unanswered_;
    }

    // Connections the client closed (the server read the end of the stream, or a reset).
    std::size_t client_closes() const
    {
        std::lock_guard lock(mutex_);
        return client_closes_;
    }

private:
    struct session_base {
        virtual ~session_base() = default;
        virtual void close_socket() = 0;
    };

    template <class Stream>
    struct session : session_base, std::enable_shared_from_this<session<Stream>> {
        template <class... Args>
        session(loopback_http_server& s, Args&&... args) : server(s), stream(std::forward<Args>(args)...)
        {
        }

        loopback_http_server& server;
        Stream stream;
        std::string in;   // bytes read and not yet consumed
        std::string out;  // the response being written
        recorded_request request;
        std::string server_name;  // SNI, TLS mode
        std::optional<boost::asio::steady_timer> delay;  // X-Test-Delay-Ms
        char discard[256];

        auto& socket() { return stream.lowest_layer(); }

        void close_socket() override
        {
            boost::system::error_code ignored;
            socket().close(ignored);
        }

        void start()
        {
            if constexpr (std::is_same_v<Stream, tcp::socket>) {
                read_head();
            } else {
#if APIBIND_TEST_LOOPBACK_TLS
                stream.async_handshake(boost::asio::ssl::stream_base::server,
                                       [self = this->shared_from_this()](boost::system::error_code ec) {
                                           if (ec) return self->close_socket();
                                           if (char const* sni = SSL_get_servername(self->stream.native_handle(),
                                                                                    TLSEXT_NAMETYPE_host_name))
                                               self->server_name = sni;
                                           self->read_head();
                                       });
#endif
            }
        }

        void read_head()
        {
            boost::asio::async_read_until(stream, boost::asio::dynamic_buffer(in), "\r\n\r\n",
                                          [self = this->shared_from_this()](boost::system::error_code ec, std::size_t n) {
                                              if (!ec) return self->on_head(n);
                                              if (ec != boost::asio::error::operation_aborted) self->server.client_closed();
                                          });
        }

        void on_head(std::size_t head_size)
        {
            request = parse_head(std::string_view(in).substr(0, head_size));
            request.tls_server_name = server_name;
            in.erase(0, head_size);
            std::size_t const length = std::stoul("0" + request.header("Content-Length"));
            if (in.size() >= length) return on_body(length);
            boost::asio::async_read(stream, boost::asio::dynamic_buffer(in), boost::asio::transfer_exactly(length - in.size()),
                                    [self = this->shared_from_this(), length](boost::system::error_code ec, std::size_t) {
                                        if (!ec) self->on_body(length);
                                    });
        }

        void on_body(std::size_t length)
        {
            request.body = in.substr(0, length);
            in.erase(0, length);
            auto response = server.record(request);
            auto const delay_ms = std::stoul("0" + request.header("X-Test-Delay-Ms"));
            if (delay_ms == 0) return answer(response);
            delay.emplace(stream.get_executor(), std::chrono::milliseconds(delay_ms));
            delay->async_wait([self = this->shared_from_this(), response](boost::system::error_code ec) {
                if (!ec) self->answer(response);
            });
        }

        void answer(scripted_response const& r)
        {
            server.answered();
            switch (r.kind) {
            case fault::close_before_response: return close_socket();
            case fault::never_answer: return wait_for_close();
            case fault::raw: return send(r.body, false);
            case fault::raw_then_close: return send(r.body, true);
            case fault::close_after_response: return send(head(r, r.body.size()) + r.body, true);
            case fault::none: return send(head(r, r.body.size()) + r.body, close_requested(r));
            case fault::truncated_body: return send(head(r, r.body.size() + 10) + r.body, true);
            case fault::chunked: {
                std::string body;
                for (std::size_t i = 0; i < r.body.size(); i += 5) {
                    auto const piece = r.body.substr(i, 5);
                    body += to_hex(piece.size()) + "\r\n" + piece + "\r\n";
                }
                body += "0\r\n\r\n";
                return send(head(r, std::string::npos) + body, close_requested(r));
            }
            case fault::reset_mid_body: {
                out = head(r, r.body.size()) + r.body.substr(0, r.body.size() / 2);
                boost::asio::async_write(stream, boost::asio::buffer(out),
                                         [self = this->shared_from_this()](boost::system::error_code, std::size_t) {
                                             // Linger 0 turns close() into a RST instead of a FIN.
                                             boost::system::error_code ignored2;
                                             self->socket().set_option(tcp::socket::linger(true, 0), ignored2);
                                             self->socket().close(ignored2);
                                         });
                return;
            }
            }
        }

        // Keeps the session (and its socket) alive, silent, until the peer or shutdown closes it.
        void wait_for_close()
        {
            stream.async_read_some(boost::asio::buffer(discard),
                                     [self = this->shared_from_this()](boost::system::error_code ec, std::size_t) {
                                         if (!ec) self->wait_for_close();
                                     });
        }

        // Writes `bytes`; then closes, or waits for the next request on this connection.
        void send(std::string bytes, bool close_after)
        {
            out = std::move(bytes);
            boost::asio::async_write(stream, boost::asio::buffer(out),
                                     [self = this->shared_from_this(), close_after](boost::system::error_code ec, std::size_t) {
                                         boost::system::error_code ignored;
                                         if (ec || close_after) {
                                             self->socket().shutdown(tcp::socket::shutdown_both, ignored);
                                             self->socket().close(ignored);
                                         } else {
                                             self->read_head();
                                         }
                                     });
        }

        static bool close_requested(scripted_response const& r)
        {
            for (auto const& [n, v] : r.headers)
                if (detail::iequals(n, "Connection") && detail::iequals(v, "close")) return true;
            return false;
        }

        static std::string to_hex(std::size_t n)
        {
            static char const digits[] = "0123456789abcdef";
            std::string s;
            do {
                s.insert(s.begin(), digits[n % 16]);
                n /= 16;
            } while (n != 0);
            return s;
        }

        // Status line and headers. Content-Length is added unless the script sets its own
        // framing (to lie on purpose); npos means chunked.
        static std::string head(scripted_response const& r, std::size_t content_length)
        {
            std::string s = "HTTP/1.1 " + std::to_string(r.status) + " Scripted\r\n";
            bool framed = false;
            for (auto const& [n, v] : r.headers) {
                framed = framed || detail::iequals(n, "Content-Length") || detail::iequals(n, "Transfer-Encoding");
                s += n + ": " + v + "\r\n";
            }
            if (content_length == std::string::npos) s += "Transfer-Encoding: chunked\r\n";
            else if (!framed) s += "Content-Length: " + std::to_string(content_length) + "\r\n";
            return s + "\r\n";
        }

        static recorded_request parse_head(std::string_view text)
        {
            recorded_request r;
            auto next_line = [&text] {
                auto const end = text.find("\r\n");
                auto line = text.substr(0, end);
                text.remove_prefix(end == std::string_view::npos ? text.size() : end + 2);
                return line;
            };
            auto const request_line = next_line();
            auto const sp1 = request_line.find(' ');
            auto const sp2 = request_line.find(' ', sp1 + 1);
            r.method = std::string(request_line.substr(0, sp1));
            r.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));
            for (auto line = next_line(); !line.empty(); line = next_line()) {
                auto const colon = line.find(':');
                r.headers.emplace_back(std::string(line.substr(0, colon)),
                                       std::string(detail::trim(line.substr(colon + 1))));
            }
            return r;
        }
    };

    void start()
    {
        tcp::endpoint const where(boost::asio::ip::make_address("127.0.0.1"), 0);
        acceptor_.open(where.protocol());
        acceptor_.bind(where);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }

    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;  // closed at shutdown
            {
                std::lock_guard lock(mutex_);
                ++connections_;
            }
            std::shared_ptr<session_base> base;
#if APIBIND_TEST_LOOPBACK_TLS
            if (tls_) {
                auto s = std::make_shared<session<boost::asio::ssl::stream<tcp::socket>>>(*this, std::move(socket), *tls_);
                s->start();
                base = s;
            }
#endif
            if (!base) {
                auto s = std::make_shared<session<tcp::socket>>(*this, std::move(socket));
                s->start();
                base = s;
            }
            sessions_.remove_if([](auto const& w) { return w.expired(); });
            sessions_.push_back(base);
            accept();
        });
    }

    // Records the request and pops the answer for it.
    scripted_response record(recorded_request const& r)
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(r);
        ++unanswered_;
        if (unanswered_ > peak_unanswered_) peak_unanswered_ = unanswered_;
        if (script_.empty()) return {500, {}, "no scripted response"};
        auto next = std::move(script_.front());
        script_.pop_front();
        return next;
    }

    void answered()
    {
        std::lock_guard lock(mutex_);
        --unanswered_;
    }

    void client_closed()
    {
        std::lock_guard lock(mutex_);
        ++client_closes_;
    }

    boost::asio::io_context io_{1};
    tcp::acceptor acceptor_{io_};
    unsigned short port_ = 0;
#if APIBIND_TEST_LOOPBACK_TLS
    std::optional<boost::asio::ssl::context> tls_;
#endif
    std::list<std::weak_ptr<session_base>> sessions_;  // server thread only; for closing at shutdown

    mutable std::mutex mutex_;
    std::deque<scripted_response> script_;
    std::vector<recorded_request> requests_;
    std::size_t connections_ = 0;
    std::size_t unanswered_ = 0;
    std::size_t peak_unanswered_ = 0;
    std::size_t client_closes_ = 0;

    std::thread thread_;  // started last, once everything above exists
};

// A port nothing listens on: bind an ephemeral port on 127.0.0.1, then release it.
inline unsigned short closed_port()
{
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

inline bool contains(std::string const& haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string::npos;
}

}  // namespace apibind_test

#endif
