// A client policy for integration tests that sends requests exactly as given (base URL plus the
// headers it holds) but reads errors the Seam way: for requests the Seam policy refuses to build
// (a personal access token without a workspace, a publishable key) and for the fake server's own
// /_fake/ routes.
#ifndef APIBIND_TEST_SEAM_RAW_POLICY_HPP
#define APIBIND_TEST_SEAM_RAW_POLICY_HPP

#include <apibind/client.hpp>
#include <apibind/retry.hpp>
#include <apibind/seam/errors.hpp>
#include <apibind/transport.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace apibind_test {

struct seam_raw_policy {
    std::string url;
    std::vector<apibind::http_header> headers;
    apibind::retry_policy retries{.max_attempts = 1};

    std::string_view base_url() const noexcept { return url; }
    apibind::result<void> prepare(apibind::http_request& r) const
    {
        r.headers.insert(r.headers.end(), headers.begin(), headers.end());
        return {};
    }
    apibind::error read_error(apibind::http_response const& r) const { return apibind::seam::read_error(r); }
    apibind::retry_policy const& retry() const noexcept { return retries; }
};

}  // namespace apibind_test

#endif
