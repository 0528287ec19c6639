// Must not compile: a form<> of chosen_by<> names a member the request does not have (or one that is
// not optional).
#include <apibind/endpoint.hpp>

#include <boost/describe.hpp>

#include <optional>
#include <string>

namespace shop {
struct set_mode_request {
    std::string mode;
    std::optional<double> cool_to;
};
BOOST_DESCRIBE_STRUCT(set_mode_request, (), (mode, cool_to))
struct item {
    std::string id;
};
BOOST_DESCRIBE_STRUCT(item, (), (id))
using set_mode = apibind::endpoint<"/set_mode", set_mode_request, item,
                                   apibind::chosen_by<"mode", apibind::form<apibind::values<"cool">, apibind::members<"cool_to">>,
                                                      apibind::form<apibind::values<"heat">, apibind::members<"heat_to">>>>;
}  // namespace shop

int main()
{
    return shop::set_mode::has_body ? 0 : 1;
}
