// The two benchmark documents, as C++ values (built by hand) and as JSON text (written by hand,
// independently of any contender), so "decoded == expected" checks every library, apibind included.
#ifndef APIBIND_BENCH_FIXTURES_HPP
#define APIBIND_BENCH_FIXTURES_HPP

#include "model.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace bench {

// JSON text with readable padding after it: simdjson reads up to 64 bytes past the end of its
// input, so every document is stored with that much slack (`json` excludes it).
struct document {
    std::string storage;
    std::string_view json;

    static constexpr std::size_t padding = 64;
    explicit document(std::string text);
    document(document const&) = delete;
    document& operator=(document const&) = delete;
};

// (a) The seed's connected_account with the error and warning variants the hand-written model had
// (3 of the generated model's 4 errors, 4 of its 8 warnings) and the optional members the seed has;
// kept as it was so the numbers stay comparable across the switch to the generated model.
account make_account(int i);
std::string account_json(int i);  // compact JSON text of make_account(i)

// (b) A /connected_accounts/list body: 100 accounts with varied ids, pagination, "ok": true.
inline constexpr int list_size = 100;
list_response make_list();
std::string list_json();

document const& account_document();
document const& list_document();
account const& expected_account();
list_response const& expected_list();

}  // namespace bench

#endif
