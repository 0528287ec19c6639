// Compile probe: seam_beast_header_only.cpp with APIBIND_BEAST_SEPARATE_COMPILATION (as the CMake
// target apibind::beast_compiled defines it): beast.hpp only declares the transport; the
// definitions are compiled once, by beast_src.cpp.
#define APIBIND_BEAST_SEPARATE_COMPILATION
#include <apibind/transport/beast.hpp>

#include "seam_two_calls.hpp"

std::size_t seam_beast_probe()
{
    apibind::transport::beast_sync_transport http;
    return two_seam_calls(http);
}
