// The compile-time probe for including one route namespace of the generated Seam binding
// (<apibind/seam/locks.hpp>: its requests, responses, the resources they use and its view) and
// calling nothing. benchmarks/run times `g++ -std=c++20 -O2 -c` of it.
#include <apibind/seam/locks.hpp>

int seam_include_locks_probe() { return 0; }
