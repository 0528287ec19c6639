// Built against apibind::beast_compiled, the Beast transports compiled once in the package's
// library (APIBIND_BEAST_SEPARATE_COMPILATION): beast.hpp declares the classes, their definitions
// and OpenSSL must come through the exported target alone. Run by the build-configuration test.
#include <apibind/transport/beast.hpp>

#if !defined(APIBIND_BEAST_SEPARATE_COMPILATION) || defined(BOOST_BEAST_HTTP_PARSER_HPP) || defined(BOOST_ASIO_SSL_CONTEXT_HPP)
#error "apibind::beast_compiled must define APIBIND_BEAST_SEPARATE_COMPILATION, and beast.hpp must then stay light"
#endif

#include <boost/asio/io_context.hpp>

#include <cstdio>

int main()
{
    // Nothing listens on 127.0.0.1:1: both transports fail with a transport error (https:// makes
    // the TLS context first, so libssl must be linked).
    apibind::http_request request;
    request.method = "GET";
    request.url = "https://127.0.0.1:1/health";
    apibind::transport::beast_sync_transport http;
    auto const r = http.send(request);
    if (r || r.error().kind != apibind::error_kind::transport) return 1;

    boost::asio::io_context io;
    apibind::transport::beast_async_transport async_http(io.get_executor());
    int failures = 0;
    async_http.async_send(request, [&](apibind::result<apibind::http_response> res) {
        if (!res && res.error().kind == apibind::error_kind::transport) ++failures;
    });
    io.run();
    if (failures != 1) return 2;
    std::puts("beast_compiled consumer: ok");
    return 0;
}
