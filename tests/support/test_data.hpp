// Files under tests/data/ and JSON comparison, shared by the test files.
#ifndef APIBIND_TESTS_SUPPORT_TEST_DATA_HPP
#define APIBIND_TESTS_SUPPORT_TEST_DATA_HPP

#include <boost/json/parse.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace apibind_test {

// The bytes of tests/data/<relative>; fails the test when the file cannot be opened.
inline std::string read_test_data(std::string const& relative)
{
    std::ifstream in(std::string(APIBIND_SOURCE_DIR "/tests/data/") + relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open tests/data/" << relative);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Equal as JSON values: key order, white space and number spelling do not matter.
inline bool json_equal(std::string_view a, std::string_view b)
{
    return boost::json::parse(a) == boost::json::parse(b);
}

}  // namespace apibind_test

#endif
