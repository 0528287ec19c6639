// Must not compile: a member struct without BOOST_DESCRIBE_STRUCT.
#include <apibind/json.hpp>

#include <boost/describe.hpp>

namespace shop {
struct colour_t {
    int r = 0, g = 0, b = 0;
};
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
