// How apibind-seam makes one call and what it prints, through the facade (apibind/facade.hpp):
// the response unwrapped by the descriptor's response_key as the official SDKs unwrap it, every
// page's items for --all, action attempts awaited unless --no-wait.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_INVOKE_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_INVOKE_HPP

#include <apibind/client.hpp>
#include <apibind/error.hpp>
#include <apibind/facade.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/paginate.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace seam_cli {

struct invoke_options {
    bool all = false;   // --all: follow next_page_cursor to the last page
    bool wait = true;   // --no-wait clears it: the action attempt as the server first answers
};

// --all applies: the endpoint pages, and its unwrapped value is the page's items.
template <class E>
inline constexpr bool paginated = apibind::item_paginated_endpoint<E>;

template <class E>
inline constexpr bool returns_action_attempt = E::response_key == "action_attempt";

// The JSON to print for one call of E: the unwrapped response; "{}" when E returns nothing (as the
// Seam CLI prints); with --all a JSON array of every page's items.
template <class E, class Core>
apibind::result<std::string> invoke(Core& core, typename E::request const& req, invoke_options const& opts)
{
    apibind::facade_call<Core, E> const call(core);
    apibind::call_options options;
    if (!opts.wait) options.wait = apibind::no_wait;
    auto encode = [](auto const& r) -> apibind::result<std::string> {
        if (!r) return r.error();
        if constexpr (std::is_void_v<typename std::remove_cvref_t<decltype(r)>::value_type>) return std::string("{}");
        else return apibind::json::encode(*r);
    };
    if constexpr (paginated<E>) {
        if (opts.all) return encode(call.all(req, options));
    }
    return encode(call(req, options));
}

}  // namespace seam_cli

#endif
