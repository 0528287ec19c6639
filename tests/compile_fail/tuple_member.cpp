// Must not compile: a std::tuple member (tuples are not supported).
#include <apibind/json.hpp>

#include <boost/describe.hpp>

#include <tuple>

namespace shop {
using colour_t = std::tuple<int, int>;
struct item {
    int id = 0;
    colour_t colour;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, colour))
}  // namespace shop

int main()
{
    auto r = apibind::json::decode<shop::item>(R"({"id":1,"colour":"red"})");
    std::string const text = apibind::json::encode(shop::item{});
    return r ? 0 : static_cast<int>(text.size());
}
