// The CMake target apibind::beast_compiled: the Beast transports' definitions compiled once
// (APIBIND_BEAST_SEPARATE_COMPILATION, defined by the target for this file and for its users).
#include <apibind/transport/beast_src.hpp>
