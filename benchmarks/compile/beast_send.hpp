// The body of beast_send_*.cpp: both transports, one request each.
#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <utility>

inline std::size_t beast_send_probe()
{
    apibind::http_request request;
    request.method = "GET";
    request.url = "https://example.invalid/health";
    apibind::transport::beast_sync_transport http;
    std::size_t n = 0;
    if (auto r = http.send(request)) n += r->body.size();

    boost::asio::io_context io;
    apibind::transport::beast_async_transport async_http(io.get_executor());
    async_http.async_send(std::move(request), [&n](apibind::result<apibind::http_response> r) {
        if (r) n += r->body.size();
    });
    io.run();
    return n;
}

std::size_t beast_send_probe_entry() { return beast_send_probe(); }
