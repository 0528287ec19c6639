// Must not compile: a member enum without BOOST_DESCRIBE_ENUM.
#include <apibind/json.hpp>

#include <boost/describe.hpp>

namespace shop {
enum class colour_t { red, green };
struct item {
    int id = 0;
    colour_t colour = colour_t::red;
};
BOOST_DESCRIBE_STRUCT(item, (), (id, colour))
}  // namespace shop

int main()
{
    auto r = apibind::json::decode<shop::item>(R"({"id":1,"colour":"red"})");
    std::string const text = apibind::json::encode(shop::item{});
    return r ? 0 : static_cast<int>(text.size());
}
