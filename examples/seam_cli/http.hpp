// apibind-seam's transport: a sync transport whose send() lives in http.cpp, so the Beast transport
// compiles once, not in every translation unit that makes calls.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_HTTP_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_HTTP_HPP

#include <apibind/transport.hpp>

namespace seam_cli {

struct http {
    apibind::result<apibind::http_response> send(apibind::http_request const& request);
};
static_assert(apibind::sync_transport<http>);

}  // namespace seam_cli

#endif
