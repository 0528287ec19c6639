// Must not compile: the request struct is not described. One error, also when the endpoint is called.
#include <apibind/apibind.hpp>
#include <apibind/testing/mock_transport.hpp>

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
using get_item = apibind::endpoint<"/items/{id}", get_item_request, item>;
}  // namespace shop

int main()
{
    apibind::testing::mock_transport transport;
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> client(transport, apibind::basic_policy{});
    auto r = client.call<shop::get_item>({.id = "x"});
    return r ? 0 : 1;
}
