/*
 * The dispatch checks of NullDriver's CheckedStruct entry and its arithmetic, as one plain C function:
 * no lock, no copies into kernel-side buffers, no OSData, no log. It lives in its own translation
 * unit (and the build has no LTO), so the benchmark pays a real call and the compiler cannot fold the
 * checks into the caller's constant arguments.
 */
#include "BareChecks.h"

#include <string.h>

#include "CheckedStruct.h"

int32_t bare_call_checked_struct(uint64_t connection, uint32_t selector, const uint64_t *scalar_input,
                                 uint32_t scalar_input_count, const void *struct_input, uint64_t struct_input_size,
                                 uint64_t *scalar_output, uint32_t *scalar_output_count, void *struct_output,
                                 uint64_t *struct_output_size)
{
    (void)connection;
    (void)scalar_input;
    (void)scalar_output;
    uint32_t scalar_capacity = scalar_output_count ? *scalar_output_count : 0;
    uint64_t struct_capacity = struct_output_size ? *struct_output_size : 0;
    if (scalar_output_count) *scalar_output_count = 0;
    if (struct_output_size) *struct_output_size = 0;

    /* The dispatch table lookup: only this selector has an entry here. */
    if (selector != BENCH_SELECTOR_CHECKED_STRUCT) return BENCH_IORETURN_BAD_ARGUMENT;
    /* The checks in IOUserClient::ExternalMethod's order. A synchronous call never carries a
     * completion and the entry requires none, so the first check always passes (the compiler drops
     * it; the runtime still tests a pointer). */
    const void *completion = NULL;
    if (completion != NULL) return BENCH_IORETURN_BAD_ARGUMENT;
    if (scalar_input_count != 0) return BENCH_IORETURN_BAD_ARGUMENT;
    if (struct_input_size != BENCH_STRUCT_SIZE) return BENCH_IORETURN_BAD_ARGUMENT;
    if (scalar_capacity != 0) return BENCH_IORETURN_BAD_ARGUMENT;
    if (struct_capacity != BENCH_STRUCT_SIZE) return BENCH_IORETURN_BAD_ARGUMENT;

    bench_data input, output;
    memcpy(&input, struct_input, sizeof input);
    output.foo = input.foo + 1;
    output.bar = input.bar + 10;
    memcpy(struct_output, &output, sizeof output);
    *struct_output_size = sizeof output;
    return BENCH_IORETURN_SUCCESS;
}
