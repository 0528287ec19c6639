// The compile-time probe for a user's view of the Seam binding: include the route namespace's
// header and call every /connected_accounts endpoint through apibind::client over the mock
// transport. benchmarks/run times `g++ -std=c++20 -O2 -c` of this file.
#include <apibind/seam/connected_accounts.hpp>
#include <apibind/seam/policy.hpp>
#include <apibind/client.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <cstddef>

namespace sca = apibind::seam::connected_accounts;

std::size_t call_every_seam_endpoint(apibind::testing::mock_transport& transport)
{
    apibind::seam::options o;
    o.credentials = apibind::seam::api_key{"seam_test_key_1234"};
    apibind::client<apibind::testing::mock_transport&, apibind::seam::policy> c(transport, apibind::seam::policy(std::move(o)));

    std::size_t ok = 0;
    if (auto r = c.call<sca::get>({.connected_account_id = "ca_1"})) ok += r->connected_account.connected_account_id.size();
    if (auto r = c.call<sca::list>({.limit = 10})) ok += r->connected_accounts.size();
    if (c.call<sca::sync>({.connected_account_id = "ca_1"})) ++ok;
    if (auto r = c.call<sca::update>({.automatically_manage_new_devices = true, .connected_account_id = "ca_1"}))
        ok += r->connected_account.errors.size();
    if (c.call<sca::delete_>({.connected_account_id = "ca_1"})) ++ok;
    if (c.call<sca::simulate::disconnect>({.connected_account_id = "ca_1"})) ++ok;
    return ok;
}
