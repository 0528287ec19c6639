// libFuzzer target: every Seam response type, the connected_account model, events, and the
// Seam error-body reader. The first input byte picks what the rest is fed to (see `kinds`).
#include "fuzz_common.hpp"

#include <apibind/seam.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace ca = apibind::seam::connected_accounts;
using apibind_fuzz::round_trip;
using apibind_fuzz::violation;

// The Seam error reader: byte 1 picks the status and the Content-Type, the rest is the body.
void read_error(std::string_view in)
{
    static constexpr int statuses[] = {400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 301, 302, 418, 504, 405, 410};
    static constexpr std::string_view content_types[] = {"application/json; charset=utf-8", "", "text/html", "application/problem+json"};
    unsigned const sel = in.empty() ? 0u : static_cast<unsigned char>(in.front());
    if (!in.empty()) in.remove_prefix(1);

    apibind::http_response res;
    res.status = statuses[sel % 16];
    if (auto const ct = content_types[(sel / 16) % 4]; !ct.empty()) res.headers.push_back({"Content-Type", std::string(ct)});
    res.headers.push_back({"seam-request-id", "request_fuzz"});
    res.body.assign(in.data(), in.size());

    apibind::error const e = apibind::seam::read_error(res);
    if (e.kind != apibind::error_kind::api && e.kind != apibind::error_kind::http_status)
        violation("seam::read_error returned neither api nor http_status", to_string(e));
    if (e.http_status != res.status) violation("seam::read_error lost the HTTP status", to_string(e));
    if (e.request_id != "request_fuzz") violation("seam::read_error lost the request id", to_string(e));
    apibind_fuzz::check_one_line(to_string(e));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0) return 0;
    std::string_view const in(reinterpret_cast<char const*>(data) + 1, size - 1);
    switch (data[0] % 10) {
    case 0: round_trip<ca::get::response>(in); break;
    case 1: round_trip<ca::list::response>(in); break;
    case 2: round_trip<ca::sync::response>(in); break;
    case 3: round_trip<ca::update::response>(in); break;
    case 4: round_trip<ca::delete_::response>(in); break;
    case 5: round_trip<ca::simulate::disconnect::response>(in); break;
    case 6: round_trip<apibind::seam::connected_account>(in); break;
    case 7: round_trip<apibind::seam::event>(in); break;
    case 8: read_error(in); break;
    case 9: round_trip<apibind::seam::pagination>(in); break;
    }
    return 0;
}
