// docs/getting-started.md ("Your own policy") quotes this file. It is built and run as a test.
//
// A policy for an API of your own whose error bodies have a shape of their own,
// {"error": "no such item", "id": "nope"}: read_error() decodes them into a struct, so the
// caller gets the API's words in `error::message`, the raw body in `error::data` for typed
// access, and a readable line from to_string().
#include <apibind/apibind.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <boost/describe.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace shop {

// The API's error body.
struct error_body {
    std::string error;              // what went wrong, in the API's words
    std::optional<std::string> id;  // the item it was about, when there is one
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error, id))

// What the client needs from an API (the apibind::api_policy concept): where it lives
// (base_url), how to authenticate a request (prepare), how to read an error body (read_error)
// and how to retry (retry). Optional: annotate(error&, http_response const&), called on decode
// errors of 2xx bodies, and `static constexpr apibind::query_encoding query_style`.
class policy {
public:
    explicit policy(std::string token) : token_(std::move(token)) {}

    std::string_view base_url() const noexcept { return "https://shop.example.com/api"; }

    // Runs before each request is sent; an error here stops the call before the network.
    apibind::result<void> prepare(apibind::http_request& r) const
    {
        if (token_.empty())
            return apibind::make_error(apibind::error_kind::invalid_argument, apibind::error_code::invalid_argument,
                                       "shop: no API token");
        r.headers.push_back({"authorization", "Bearer " + token_});
        return {};
    }

    // Every non-2xx response comes here. A body in the API's error shape becomes an API error;
    // anything else (a proxy's HTML page, an empty body) stays a plain HTTP status error.
    apibind::error read_error(apibind::http_response const& r) const
    {
        auto body = apibind::json::decode<error_body>(r.body);
        if (!body) return apibind::http_status_error(r);
        apibind::error e;
        e.kind = apibind::error_kind::api;
        e.http_status = r.status;
        e.api_code = r.status == 404 ? "not_found" : "shop_error";
        e.message = body->error;
        e.data = r.body;  // the whole body: json::decode<error_body>(e.data) gives it back typed
        e.request_id = std::string(r.header("x-request-id"));
        return e;
    }

    apibind::retry_policy const& retry() const noexcept { return retries_; }

private:
    std::string token_;
    apibind::retry_policy retries_;
};
static_assert(apibind::api_policy<policy>);

struct get_item_request {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(get_item_request, (), (id))

struct item {
    std::string id;
    std::string name;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, name))

using get_item = apibind::endpoint<"/items/{id}", get_item_request, item,
                                   apibind::method<apibind::http_method::get>, apibind::retry_safe>;

}  // namespace shop

int main()
{
    apibind::testing::mock_transport transport;
    apibind::client<apibind::testing::mock_transport&, shop::policy> client(transport, shop::policy("my-token"));

    transport.push(404, R"({"error":"no such item","id":"nope"})", {{"x-request-id", "r-17"}});
    apibind::result<shop::item> missing = client.call<shop::get_item>({.id = "nope"});
    if (missing) return 1;
    apibind::error const& e = missing.error();
    std::printf("%s\n", to_string(e).c_str());
    // API error (HTTP 404) not_found: no such item (request r-17)
    if (to_string(e) != "API error (HTTP 404) not_found: no such item (request r-17)") return 1;

    // Typed access to the error body.
    auto body = apibind::json::decode<shop::error_body>(e.data);
    if (!body || body->id != "nope") return 1;
    std::printf("the API says \"%s\" about item %s\n", body->error.c_str(), body->id->c_str());

    // A body in another shape stays an HTTP status error, with the start of the body.
    transport.push(403, "<html>Forbidden by the proxy</html>");
    auto proxied = client.call<shop::get_item>({.id = "a1"});
    if (proxied || proxied.error().kind != apibind::error_kind::http_status) return 1;
    std::printf("%s\n", to_string(proxied.error()).c_str());

    // The policy refuses a call without a token before anything is sent.
    apibind::client<apibind::testing::mock_transport&, shop::policy> anonymous(transport, shop::policy(""));
    auto refused = anonymous.call<shop::get_item>({.id = "a1"});
    if (refused || refused.error().kind != apibind::error_kind::invalid_argument) return 1;
    std::printf("%s\n", to_string(refused.error()).c_str());
    return 0;
}
