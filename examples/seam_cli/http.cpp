#include "http.hpp"

#include <apibind/transport/beast.hpp>

namespace seam_cli {

apibind::result<apibind::http_response> http::send(apibind::http_request const& request)
{
    static apibind::transport::beast_sync_transport beast;  // one connection, kept alive across pages
    return beast.send(request);
}

}  // namespace seam_cli
