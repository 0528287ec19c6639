// docs/transports.md ("Compile cost") quotes this file. It is built and run as a test.
//
// Linked against apibind::beast_compiled: APIBIND_BEAST_SEPARATE_COMPILATION is defined, so
// beast.hpp only declares the transports (no Beast, no TLS in this TU) and their definitions come
// from the library, compiled once. The code is the same as with header-only apibind::beast.
#include <apibind/apibind.hpp>
#include <apibind/transport/beast.hpp>  // CMake: target_link_libraries(app PRIVATE apibind::beast_compiled)

#include <boost/describe.hpp>

#include <cstdio>
#include <string>

namespace status_api {

struct get_status_request {
    std::string service;
};
BOOST_DESCRIBE_STRUCT(get_status_request, (), (service))

struct get_status_response {
    std::string state;
};
BOOST_DESCRIBE_STRUCT(get_status_response, (), (state))

using get_status = apibind::endpoint<"/status/{service}", get_status_request, get_status_response,
                                     apibind::method<apibind::http_method::get>>;

}  // namespace status_api

int main()
{
    apibind::transport::beast_sync_transport http;
    apibind::basic_policy policy;
    policy.url = "http://127.0.0.1:1";  // nothing listens on port 1 here
    policy.retries.max_attempts = 1;
    apibind::client<apibind::transport::beast_sync_transport&, apibind::basic_policy> client(http, policy);

    apibind::result<status_api::get_status_response> status = client.call<status_api::get_status>({.service = "db"});
    if (status) return 1;
    std::printf("%s\n", to_string(status.error()).c_str());  // a transport error, one readable line
    return status.error().kind == apibind::error_kind::transport ? 0 : 1;
}
