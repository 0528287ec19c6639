// The compile-time probe for including the whole generated Seam binding (every resource, route
// namespace and the client) and calling nothing. benchmarks/run times `g++ -std=c++20 -O2 -c` of it.
#include <apibind/seam.hpp>

int seam_include_all_probe() { return 0; }
