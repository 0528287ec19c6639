// Must not compile: the {path} parameter names a member the request does not have.
#include <apibind/endpoint.hpp>

#include <boost/describe.hpp>

#include <string>

namespace shop {
struct get_item_request {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(get_item_request, (), (id))
struct item {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
using get_item = apibind::endpoint<"/items/{item_id}", get_item_request, item>;
}  // namespace shop

int main()
{
    return shop::get_item::has_body ? 0 : 1;
}
