// Must not compile: one_of<> names a member the request does not have (or one that is not optional).
#include <apibind/endpoint.hpp>

#include <boost/describe.hpp>

#include <optional>
#include <string>

namespace shop {
struct find_item_request {
    std::optional<std::string> id;
    std::optional<std::string> sku;
};
BOOST_DESCRIBE_STRUCT(find_item_request, (), (id, sku))
struct item {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
using find_item = apibind::endpoint<"/items/find", find_item_request, item, apibind::one_of<apibind::members<"id">, apibind::members<"barcode">>>;
}  // namespace shop

int main()
{
    return shop::find_item::has_body ? 0 : 1;
}
