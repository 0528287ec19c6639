// docs/transports.md ("Configuring the shipped transports") quotes this file. It is built and run
// as a test.
//
// beast_options sets the timeouts, the body limit, the User-Agent and the CAs trusted for https.
#include <apibind/transport/beast.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>

int main()
{
    using namespace std::chrono_literals;

    apibind::transport::beast_options options;
    options.connect_timeout = 3s;                     // TCP connect, then the TLS handshake
    options.request_timeout = 20s;                    // writing the request and reading the response
    options.max_body_size = 1024 * 1024;              // a larger body fails with body_too_large
    options.user_agent = "my-game/1.4 (apibind)";     // unless a request sets its own
    options.ca_file = "/etc/ssl/certs/ca-certificates.crt";  // trust only these CAs (PEM); empty: the system store

    apibind::transport::beast_sync_transport http(options);  // blocking: one private io_context per call
    boost::asio::io_context io;
    apibind::transport::beast_async_transport async_http(io.get_executor(), options);  // runs on `io`

    // Nothing listens on port 1 here: a transport error, and a readable line.
    apibind::http_request request;
    request.method = "GET";
    request.url = "http://127.0.0.1:1/health";
    apibind::result<apibind::http_response> response = http.send(request);
    if (response) return 1;
    std::printf("%s\n", to_string(response.error()).c_str());
    return response.error().kind == apibind::error_kind::transport ? 0 : 1;
}
