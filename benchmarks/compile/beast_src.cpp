// Compile probe: the one translation unit of the separately compiled Beast transports (what
// src/beast.cpp, the CMake target apibind::beast_compiled, compiles), with https support.
#define APIBIND_BEAST_SEPARATE_COMPILATION
#define APIBIND_BEAST_HAS_SSL 1
#include <apibind/transport/beast_src.hpp>
