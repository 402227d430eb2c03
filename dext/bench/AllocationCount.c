/*
 * The executable defines malloc, calloc and realloc, so the dynamic linker binds every library's
 * calls (libNullDriver.so, libstdc++'s operator new) to these, which count and forward to glibc's
 * own entry points. Outside a counting pass the cost is one relaxed load per allocation.
 * free is left to glibc: frees are not counted and need no forwarding.
 * Written in C: glibc's C++ declarations of malloc carry noexcept, which a C++ definition would
 * have to match.
 */
#include "AllocationCount.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *pointer, size_t size);

static atomic_bool counting;
static atomic_uint_fast64_t allocations;

static inline void count_one(void)
{
    if (atomic_load_explicit(&counting, memory_order_relaxed))
        atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
}

void *malloc(size_t size)
{
    count_one();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size)
{
    count_one();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size)
{
    count_one();
    return __libc_realloc(pointer, size);
}

void bench_start_counting_allocations(void)
{
    atomic_store_explicit(&allocations, 0, memory_order_relaxed);
    atomic_store_explicit(&counting, true, memory_order_relaxed);
}

uint64_t bench_stop_counting_allocations(void)
{
    atomic_store_explicit(&counting, false, memory_order_relaxed);
    return atomic_load_explicit(&allocations, memory_order_relaxed);
}
