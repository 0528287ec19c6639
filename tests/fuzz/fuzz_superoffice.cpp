// libFuzzer target: every SuperOffice EMail agent response type, the SyncUserAccount model,
// the error body and its reader. The first input byte picks what the rest is fed to.
#include "fuzz_common.hpp"

#include <apibind/superoffice.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

namespace so = apibind::superoffice;
namespace ea = apibind::superoffice::email_agent;
using apibind_fuzz::round_trip;
using apibind_fuzz::violation;

void read_error(std::string_view in)
{
    static constexpr int statuses[] = {400, 401, 403, 404, 409, 500, 502, 503};
    unsigned const sel = in.empty() ? 0u : static_cast<unsigned char>(in.front());
    if (!in.empty()) in.remove_prefix(1);

    apibind::http_response res;
    res.status = statuses[sel % 8];
    if (sel & 8) res.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
    res.body.assign(in.data(), in.size());

    apibind::error const e = so::read_error(res);
    if (e.kind != apibind::error_kind::api && e.kind != apibind::error_kind::http_status)
        violation("superoffice::read_error returned neither api nor http_status", to_string(e));
    if (e.http_status != res.status) violation("superoffice::read_error lost the HTTP status", to_string(e));
    std::string const line = to_string(e);
    apibind_fuzz::check_one_line(line);
    if (e.kind == apibind::error_kind::api) {
        // The server's texts are made one line (control characters become spaces).
        for (char c : e.api_code + e.message)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) violation("superoffice::read_error kept a control character", line);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0) return 0;
    std::string_view const in(reinterpret_cast<char const*>(data) + 1, size - 1);
    switch (data[0] % 7) {
    case 0: round_trip<ea::get_ready_sync_email_accounts::response>(in); break;
    case 1: round_trip<ea::sync_email_accounts::response>(in); break;
    case 2: round_trip<ea::sync_email_account::response>(in); break;
    case 3: round_trip<so::sync_user_account>(in); break;
    case 4: round_trip<so::error_body>(in); break;
    case 5: read_error(in); break;
    // Requests are decoded too (webhook-style servers and mocks read them back).
    case 6: round_trip<ea::sync_email_accounts::request>(in); break;
    }
    return 0;
}
