// The body of the transport compile probes (seam_beast_*.cpp, seam_mock_two_calls.cpp): what a new
// user writes first, after README.md: the whole Seam binding, a client over the probe's
// transport, two calls. The including file picks the transport and its compile mode.
#include <apibind/seam.hpp>

#include <cstddef>
#include <utility>

template <class Transport>
std::size_t two_seam_calls(Transport& http)
{
    auto options = apibind::seam::options::from_env();
    if (!options) return 0;
    apibind::seam::client<Transport&> seam(http, std::move(*options));
    std::size_t n = 0;
    if (auto account = seam.connected_accounts.get({.connected_account_id = "23e4eb21-6e93-48c4-a077-bf503246d47c"}))
        n += account->display_name.size();
    if (auto accounts = seam.connected_accounts.list({.limit = 10})) n += accounts->size();
    return n;
}
