// Compile probe: beast_send_header_only.cpp with APIBIND_BEAST_SEPARATE_COMPILATION: the light
// header and the calls, the definitions being in beast_src.cpp.
#define APIBIND_BEAST_SEPARATE_COMPILATION
#include <apibind/transport/beast.hpp>

#include "beast_send.hpp"
