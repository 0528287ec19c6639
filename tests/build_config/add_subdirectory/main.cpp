// Consumer of apibind through add_subdirectory (ctest test `add_subdirectory`).
#include <apibind/apibind.hpp>
#include <apibind/transport.hpp>

#include <cstdio>
#include <string_view>

int consumer_transports_linked();  // transports.cpp, built against apibind::beast

int main()
{
    if (consumer_transports_linked() != 1) return 3;
    apibind::url_parts p;
    if (!apibind::split_url("http://[::1]:8080", p)) return 1;
    if (p.host != "[::1]" || p.port != "8080" || p.target != "/") return 2;
    std::puts("add_subdirectory consumer: ok");
    return 0;
}
