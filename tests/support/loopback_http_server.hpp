// A scripted HTTP/1.1 server on 127.0.0.1 for transport tests. It runs on its own thread
// with raw Asio sockets (not Beast) so that it can misbehave on purpose: close early,
// reset mid-body, lie about Content-Length, never answer, send arbitrary bytes.
#ifndef APIBIND_TEST_LOOPBACK_HTTP_SERVER_HPP
#define APIBIND_TEST_LOOPBACK_HTTP_SERVER_HPP

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
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
    loopback_http_server() : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0))
    {
        port_ = acceptor_.local_endpoint().port();
        accept();
        thread_ = std::thread([this] { io_.run(); });
    }

    loopback_http_server(loopback_http_server const&) = delete;
    loopback_http_server& operator=(loopback_http_server const&) = delete;

    ~loopback_http_server()
    {
        // Sockets belong to the server thread: close them there, then let run() return.
        boost::asio::post(io_, [this] {
            boost::system::error_code ignored;
            acceptor_.close(ignored);
            for (auto& weak : sessions_)
                if (auto s = weak.lock()) s->socket.close(ignored);
            io_.stop();
        });
        thread_.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
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

    std::size_t connection_count() const
    {
        std::lock_guard lock(mutex_);
        return connections_;
    }

private:
    struct session : std::enable_shared_from_this<session> {
        session(loopback_http_server& s, tcp::socket sock) : server(s), socket(std::move(sock)) {}

        loopback_http_server& server;
        tcp::socket socket;
        std::string in;   // bytes read and not yet consumed
        std::string out;  // the response being written
        recorded_request request;
        char discard[256];

        void read_head()
        {
            boost::asio::async_read_until(socket, boost::asio::dynamic_buffer(in), "\r\n\r\n",
                                          [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                                              if (!ec) self->on_head(n);
                                          });
        }

        void on_head(std::size_t head_size)
        {
            request = parse_head(std::string_view(in).substr(0, head_size));
            in.erase(0, head_size);
            std::size_t const length = std::stoul("0" + request.header("Content-Length"));
            if (in.size() >= length) return on_body(length);
            boost::asio::async_read(socket, boost::asio::dynamic_buffer(in), boost::asio::transfer_exactly(length - in.size()),
                                    [self = shared_from_this(), length](boost::system::error_code ec, std::size_t) {
                                        if (!ec) self->on_body(length);
                                    });
        }

        void on_body(std::size_t length)
        {
            request.body = in.substr(0, length);
            in.erase(0, length);
            answer(server.record(request));
        }

        void answer(scripted_response const& r)
        {
            boost::system::error_code ignored;
            switch (r.kind) {
            case fault::close_before_response: socket.close(ignored); return;
            case fault::never_answer: return wait_for_close();
            case fault::raw: return send(r.body, false);
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
                boost::asio::async_write(socket, boost::asio::buffer(out),
                                         [self = shared_from_this()](boost::system::error_code, std::size_t) {
                                             // Linger 0 turns close() into a RST instead of a FIN.
                                             boost::system::error_code ignored2;
                                             self->socket.set_option(tcp::socket::linger(true, 0), ignored2);
                                             self->socket.close(ignored2);
                                         });
                return;
            }
            }
        }

        // Keeps the session (and its socket) alive, silent, until the peer or shutdown closes it.
        void wait_for_close()
        {
            socket.async_read_some(boost::asio::buffer(discard),
                                   [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                                       if (!ec) self->wait_for_close();
                                   });
        }

        // Writes `bytes`; then closes, or waits for the next request on this connection.
        void send(std::string bytes, bool close_after)
        {
            out = std::move(bytes);
            boost::asio::async_write(socket, boost::asio::buffer(out),
                                     [self = shared_from_this(), close_after](boost::system::error_code ec, std::size_t) {
                                         boost::system::error_code ignored;
                                         if (ec || close_after) {
                                             self->socket.shutdown(tcp::socket::shutdown_both, ignored);
                                             self->socket.close(ignored);
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

    void accept()
    {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;  // closed at shutdown
            {
                std::lock_guard lock(mutex_);
                ++connections_;
            }
            auto s = std::make_shared<session>(*this, std::move(socket));
            sessions_.remove_if([](auto const& w) { return w.expired(); });
            sessions_.push_back(s);
            s->read_head();
            accept();
        });
    }

    // Records the request and pops the answer for it.
    scripted_response record(recorded_request const& r)
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(r);
        if (script_.empty()) return {500, {}, "no scripted response"};
        auto next = std::move(script_.front());
        script_.pop_front();
        return next;
    }

    boost::asio::io_context io_{1};
    tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::list<std::weak_ptr<session>> sessions_;  // server thread only; for closing at shutdown

    mutable std::mutex mutex_;
    std::deque<scripted_response> script_;
    std::vector<recorded_request> requests_;
    std::size_t connections_ = 0;

    std::thread thread_;  // last: started once everything above exists
};

}  // namespace apibind_test

#endif
