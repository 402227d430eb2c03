/*
 * The call every benchmark here makes: NullDriver's CheckedStruct selector, whose dispatch entry asks
 * for no completion, no scalars and a 16-byte structure each way, and whose handler answers
 * {foo + 1, bar + 10}. Shared by the in-process and the socket benchmarks (C and C++).
 */
#ifndef DEXT_BENCH_CHECKED_STRUCT_H
#define DEXT_BENCH_CHECKED_STRUCT_H

#include <stdint.h>

#define BENCH_SERVICE_NAME "NullDriver"
#define BENCH_SELECTOR_CHECKED_STRUCT 3u
#define BENCH_STRUCT_SIZE 16u
/* One byte short of what the entry checks: the call is refused before the handler runs. */
#define BENCH_REJECTED_STRUCT_SIZE 15u

/* IOReturn values as IOKit returns them to the app (IOReturn.h). */
#define BENCH_IORETURN_SUCCESS 0
#define BENCH_IORETURN_BAD_ARGUMENT ((int32_t)0xE00002C2)

/* Fixed inputs, so every response can be checked against the same expected output. */
#define BENCH_FOO 41u
#define BENCH_BAR 7u

typedef struct bench_data {
    uint64_t foo;
    uint64_t bar;
} bench_data;

#endif
