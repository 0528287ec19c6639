// Compile probe: <apibind/seam.hpp> + two calls over beast_sync_transport, header-only (the
// default): this TU compiles Beast's HTTP code, the TLS stream and Asio's operations itself.
// APIBIND_BEAST_HAS_SSL as the CMake target apibind::beast sets it when OpenSSL is found.
#define APIBIND_BEAST_HAS_SSL 1
#include <apibind/transport/beast.hpp>

#include "seam_two_calls.hpp"

std::size_t seam_beast_probe()
{
    apibind::transport::beast_sync_transport http;
    return two_seam_calls(http);
}
