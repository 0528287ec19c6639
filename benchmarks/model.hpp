// The model every contender fills: apibind's Seam connected_account and the list response.
// Each library gets the SAME C++ structs; only the way the bytes reach them differs.
#ifndef APIBIND_BENCH_MODEL_HPP
#define APIBIND_BENCH_MODEL_HPP

#include <apibind/seam/connected_account.hpp>

#if __has_include(<apibind/seam/connected_accounts.hpp>)
#include <apibind/seam/connected_accounts.hpp>
#endif

#include <boost/describe/class.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace bench {

using account = apibind::seam::connected_account;

#if __has_include(<apibind/seam/connected_accounts.hpp>)
using list_response = apibind::seam::connected_accounts::list_response;
#else
// Same shape as Seam's /connected_accounts/list body (`"ok": true` is skipped, not a member).
struct list_response {
    std::vector<apibind::seam::connected_account> connected_accounts;
    apibind::seam::pagination pagination;
};
BOOST_DESCRIBE_STRUCT(list_response, (), (connected_accounts, pagination))
#endif

// Structural equality for both documents (list_response has no operator== of its own).
inline bool equal(account const& a, account const& b) { return a == b; }
inline bool equal(list_response const& a, list_response const& b)
{
    if constexpr (requires { a.ok; }) {
        if (a.ok != b.ok) return false;
    }
    return a.connected_accounts == b.connected_accounts && a.pagination == b.pagination;
}

// Whether the list response models the body's `"ok": true` (newer models keep it for round trips).
inline constexpr bool list_has_ok = requires(list_response r) { r.ok; };

}  // namespace bench

#endif
