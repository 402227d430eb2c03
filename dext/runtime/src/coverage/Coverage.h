/* SanitizerCoverage edges of the dext (the runtime itself is not instrumented), counted into a map the harness hands in. */
#ifndef DKSIM_COVERAGE_H
#define DKSIM_COVERAGE_H

#include <stdint.h>

namespace dksim {
void SetCoverageMap(uint8_t *map, uint32_t size);
bool HasCoverage();
uint32_t CoverageEdges();
} // namespace dksim

#endif
