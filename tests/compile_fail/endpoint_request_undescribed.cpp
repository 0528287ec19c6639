// Must not compile: the request is not a described struct.
#include <apibind/endpoint.hpp>

#include <boost/describe.hpp>

#include <string>

namespace shop {
struct get_item_request {
    std::string id;
};

struct item {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
using get_item = apibind::endpoint<"/items/{id}", get_item_request, item, apibind::query<"id">>;
using list_items = apibind::endpoint<"/items", get_item_request, item>;
}  // namespace shop

int main()
{
    return shop::get_item::has_body ? 0 : 1;
}
