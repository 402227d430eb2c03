/*
 * The baseline of the in-process benchmark: what a CheckedStruct call costs with nothing around it.
 * Same signature as dksim_call_method, so the caller passes exactly the same arguments.
 */
#ifndef DEXT_BENCH_BARE_CHECKS_H
#define DEXT_BENCH_BARE_CHECKS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

int32_t bare_call_checked_struct(uint64_t connection, uint32_t selector, const uint64_t *scalar_input,
                                 uint32_t scalar_input_count, const void *struct_input, uint64_t struct_input_size,
                                 uint64_t *scalar_output, uint32_t *scalar_output_count, void *struct_output,
                                 uint64_t *struct_output_size);

#ifdef __cplusplus
}
#endif

#endif
