// Consumer of an installed apibind (ctest test `find_package`).
#include <apibind/apibind.hpp>
#include <apibind/transport.hpp>

#include <cstdio>
#include <string_view>

int consumer_transports_linked();  // transports.cpp, built against apibind::beast

int main()
{
    if (consumer_transports_linked() != 1) return 3;
    apibind::url_parts p;
    if (!apibind::split_url("https://127.0.0.1:8443/v1/things?x=1", p)) return 1;
    if (p.host != "127.0.0.1" || p.port != "8443" || p.target != "/v1/things?x=1") return 2;
    std::puts("find_package consumer: ok");
    return 0;
}
