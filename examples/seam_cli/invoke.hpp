// How apibind-seam makes one call and what it prints: the response unwrapped as the official SDKs
// unwrap it (the member the spec's x-response-key names), every page's items for --all.
#ifndef APIBIND_EXAMPLES_SEAM_CLI_INVOKE_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_INVOKE_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/traits.hpp>
#include <apibind/json/encode.hpp>

#include <boost/mp11/algorithm.hpp>

#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace seam_cli {

struct invoke_options {
    bool all = false;   // --all: follow next_page_cursor to the last page
    bool wait = true;   // --no-wait clears it: return the action attempt as the server first answers
};

// The request takes a page cursor and the response carries the next one.
template <class E>
concept paginated = requires(typename E::request& req, typename E::response& res) {
    req.page_cursor;
    res.pagination.next_page_cursor;
};

// The member of E::response handed to the user: E::response_key when the descriptor says it,
// else the response's one member besides `ok` and `pagination` (what x-response-key names in
// every Seam route that returns something); empty when the call returns nothing.
template <class E>
constexpr std::string_view response_key()
{
    if constexpr (requires { E::response_key; }) {
        return E::response_key;
    } else {
        std::string_view key;
        int count = 0;
        boost::mp11::mp_for_each<apibind::json::detail::members_of<typename E::response>>([&](auto d) {
            std::string_view const name = d.name;
            if (name != "ok" && name != "pagination") {
                key = name;
                ++count;
            }
        });
        return count == 1 ? key : std::string_view();
    }
}

template <class E>
inline constexpr bool returns_action_attempt = response_key<E>() == "action_attempt";

// Calls `f` with the member named `key` (or the whole response when the key is empty).
template <class Response, class F>
void with_unwrapped(Response const& res, std::string_view key, F&& f)
{
    if (key.empty()) {
        f(res);
        return;
    }
    boost::mp11::mp_for_each<apibind::json::detail::members_of<Response>>([&](auto d) {
        if (std::string_view(d.name) == key) f(res.*d.pointer);
    });
}

// The JSON to print for one call of E: the unwrapped response, "{}" when E returns nothing (as
// the Seam CLI prints), or with --all a JSON array of every page's items.
template <class E, class Client>
apibind::result<std::string> invoke(Client& client, typename E::request req, invoke_options const& opts)
{
    constexpr std::string_view key = response_key<E>();
    if constexpr (paginated<E>) {
        if (opts.all) {
            std::string out = "[";
            std::set<std::string, std::less<>> cursors;  // a server repeating a cursor must not loop us forever
            for (;;) {
                auto page = client.template call<E>(req);
                if (!page) return std::move(page).error();
                with_unwrapped(*page, key, [&](auto const& items) {
                    if constexpr (apibind::json::detail::is_vector_v<std::decay_t<decltype(items)>>) {
                        for (auto const& item : items) {
                            if (out.size() > 1) out += ',';
                            out += apibind::json::encode(item);
                        }
                    }
                });
                auto const& next = page->pagination.next_page_cursor;
                if (!next.has_value() || next->empty()) break;
                if (!cursors.insert(*next).second) {
                    return apibind::make_error(apibind::error_kind::api, apibind::error_code::none,
                                               "the server returned the page cursor \"" + *next + "\" twice; stopped");
                }
                req.page_cursor = *next;
            }
            return out + "]";
        }
    }
    auto res = client.template call<E>(req);
    if (!res) return std::move(res).error();
    if constexpr (key.empty()) {
        return std::string("{}");
    } else {
        std::string out;
        with_unwrapped(*res, key, [&](auto const& v) { out = apibind::json::encode(v); });
        return out;
    }
}

}  // namespace seam_cli

#endif
