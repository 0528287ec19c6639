// The replaced allocation functions. They forward to glibc's own allocator (__libc_malloc & co.),
// so operator new and the interposed malloc never count the same block twice. The counters are
// per thread (the benchmark thread's allocations are the ones that count) and plain integers: an
// atomic read-modify-write on every allocation would tax the allocation-heavy contenders unfairly.
#include "alloc_counter.hpp"

#include <cstddef>
#include <new>

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
void __libc_free(void*);
}

namespace bench::alloc {
namespace {
thread_local std::uint64_t t_count = 0;
thread_local std::uint64_t t_bytes = 0;

inline void note(std::size_t n) noexcept
{
    ++t_count;
    t_bytes += n;
}

void* cxx_allocate(std::size_t n, std::size_t align)
{
    note(n);
    if (n == 0) n = 1;
    void* p = align > alignof(std::max_align_t) ? __libc_memalign(align, n) : __libc_malloc(n);
    if (!p) throw std::bad_alloc();
    return p;
}
}  // namespace

snapshot now() noexcept
{
    return {t_count, t_bytes};
}

}  // namespace bench::alloc

// ---- C allocator (interposed for the whole process: the executable's definitions win) ----
extern "C" {
void* malloc(std::size_t n) noexcept
{
    bench::alloc::note(n);
    return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) noexcept
{
    bench::alloc::note(n * size);
    return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) noexcept
{
    bench::alloc::note(n);
    return __libc_realloc(p, n);
}
void free(void* p) noexcept { __libc_free(p); }
}

// ---- C++ allocation functions ----
void* operator new(std::size_t n) { return bench::alloc::cxx_allocate(n, 0); }
void* operator new[](std::size_t n) { return bench::alloc::cxx_allocate(n, 0); }
void* operator new(std::size_t n, std::align_val_t a) { return bench::alloc::cxx_allocate(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return bench::alloc::cxx_allocate(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::nothrow_t const&) noexcept
{
    bench::alloc::note(n);
    return __libc_malloc(n ? n : 1);
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept
{
    bench::alloc::note(n);
    return __libc_malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { __libc_free(p); }
void operator delete[](void* p) noexcept { __libc_free(p); }
void operator delete(void* p, std::size_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::size_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { __libc_free(p); }
