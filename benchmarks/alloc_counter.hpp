// Counts every heap allocation of the process, so each benchmark reports the allocations and bytes
// per operation of the code it times: the global operator new is replaced (C++ containers,
// Boost.JSON, nlohmann, simdjson), and malloc/calloc/realloc are interposed (RapidJSON's
// CrtAllocator and anything else that calls the C allocator directly).
#ifndef APIBIND_BENCH_ALLOC_COUNTER_HPP
#define APIBIND_BENCH_ALLOC_COUNTER_HPP

#include <cstdint>

namespace bench::alloc {

struct snapshot {
    std::uint64_t count = 0;  // allocation calls (operator new, malloc, calloc, realloc)
    std::uint64_t bytes = 0;  // bytes requested by them
};

snapshot now() noexcept;

}  // namespace bench::alloc

#endif
