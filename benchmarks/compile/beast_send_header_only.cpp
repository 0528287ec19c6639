// Compile probe: the Beast transports alone, header-only: one send() on each (no binding, no
// codec), i.e. what including and using beast.hpp costs by itself.
#define APIBIND_BEAST_HAS_SSL 1
#include <apibind/transport/beast.hpp>

#include "beast_send.hpp"
