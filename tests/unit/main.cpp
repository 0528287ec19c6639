// The one doctest main, compiled once and linked into apibind_tests (tests/unit/*.cpp)
// and apibind_integration_tests (tests/integration/*.cpp): see tests/CMakeLists.txt.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
