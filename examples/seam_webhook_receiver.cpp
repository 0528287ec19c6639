// A Seam webhook receiver: a small Boost.Beast HTTP server on 127.0.0.1 that verifies each POST
// with apibind::seam::webhook_verifier, answers 204 when it is authentic and a Seam event, 400 otherwise,
// and prints each decoded event as one line of JSON. docs/seam.md ("Receiving webhooks") walks
// through it; tests/svix/receiver_test.mjs runs it as a test with requests signed by svix.
//
//   SEAM_WEBHOOK_SECRET=whsec_... seam_webhook_receiver [--port N] [--requests N]
//     --port N      port on 127.0.0.1 (default 0: a free one; the chosen one is printed)
//     --requests N  stop after N requests (default 0: never)
//
// Put it behind your HTTPS reverse proxy: Seam delivers webhooks to an https:// URL.
#include <apibind/json/encode.hpp>
#include <apibind/seam/webhook.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
namespace seam = apibind::seam;
using tcp = net::ip::tcp;
constexpr auto no_throw = net::as_tuple(net::use_awaitable);

// Reads one request, verifies it, answers, closes the connection.
net::awaitable<void> handle(boost::beast::tcp_stream stream, seam::webhook_verifier const& verifier)
{
    boost::beast::flat_buffer buffer;
    http::request_parser<http::string_body> parser;
    parser.body_limit(1024 * 1024);                      // Seam's events are a few hundred bytes
    stream.expires_after(std::chrono::seconds(10));      // a slow or silent client cannot hold us
    auto [read_error, read_bytes] = co_await http::async_read(stream, buffer, parser, no_throw);
    if (read_error) co_return;
    auto const& request = parser.get();

    http::status status = http::status::no_content;
    if (request.method() != http::verb::post) {
        status = http::status::method_not_allowed;
    } else if (auto event = verifier.verify(request.body(), request)) {  // the request's header fields
        std::printf("%s\n", apibind::json::encode(*event).c_str());
        std::fflush(stdout);
    } else {
        // Not authentic (missing header, bad signature, stale timestamp), or authentic but not a
        // Seam event: either way the sender gets 400; the reason stays in our log.
        std::fprintf(stderr, "rejected: %s\n", to_string(event.error()).c_str());
        status = http::status::bad_request;
    }

    http::response<http::empty_body> response{status, request.version()};
    response.keep_alive(false);
    response.prepare_payload();
    auto [write_error, written] = co_await http::async_write(stream, response, no_throw);
    (void)write_error;
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// One connection at a time, until `requests` connections have been served (0: forever).
net::awaitable<void> serve(tcp::acceptor& acceptor, seam::webhook_verifier const& verifier, long requests)
{
    for (long served = 0; requests == 0 || served < requests; ++served) {
        auto [error, socket] = co_await acceptor.async_accept(no_throw);
        if (error) co_return;
        co_await handle(boost::beast::tcp_stream(std::move(socket)), verifier);
    }
}

// --port N and --requests N, whole numbers up to `max`; false on anything else.
bool parse_arguments(int argc, char** argv, long& port, long& requests)
{
    for (int i = 1; i < argc; i += 2) {
        std::string_view const name = argv[i];
        long* target = name == "--port" ? &port : name == "--requests" ? &requests : nullptr;
        if (target == nullptr || i + 1 >= argc) return false;
        char* end = nullptr;
        *target = std::strtol(argv[i + 1], &end, 10);
        if (end == argv[i + 1] || *end != '\0' || *target < 0 || *target > (target == &port ? 65535L : 1000000000L))
            return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    char const* secret = std::getenv("SEAM_WEBHOOK_SECRET");  // never a flag: it would show in `ps`
    if (secret == nullptr) {
        std::fprintf(stderr, "set SEAM_WEBHOOK_SECRET to the endpoint's secret (whsec_...)\n");
        return 2;
    }
    auto verifier = seam::webhook_verifier::from_secret(secret);
    if (!verifier) {
        std::fprintf(stderr, "%s\n", to_string(verifier.error()).c_str());
        return 2;
    }

    long port = 0;
    long requests = 0;
    if (!parse_arguments(argc, argv, port, requests)) {
        std::fprintf(stderr, "usage: seam_webhook_receiver [--port N] [--requests N]\n");
        return 2;
    }

    net::io_context io;
    tcp::acceptor acceptor(io);
    tcp::endpoint const where{net::ip::make_address_v4("127.0.0.1"), static_cast<unsigned short>(port)};
    boost::system::error_code ec;
    acceptor.open(where.protocol(), ec);
    if (!ec) acceptor.bind(where, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1:%ld: %s\n", port, ec.message().c_str());
        return 1;
    }
    std::printf("listening on http://127.0.0.1:%u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);

    net::co_spawn(io, serve(acceptor, *verifier, requests), net::detached);
    io.run();
}
