/*
 * Forced into every translation unit of a dext (cmake/AddDext.cmake, -include): what Apple's
 * toolchain gives DriverKit sources implicitly and clang on Linux does not.
 */
#ifndef DKSIM_DEXT_PREFIX_H
#define DKSIM_DEXT_PREFIX_H

/* __builtin_available(driverkit 20.0, *): clang accepts the driverkit platform name only when it
 * targets an Apple platform, and rejects it on Linux. The runtime models the newest DriverKit API the
 * dext can call, so every availability check holds (docs/driverkit-semantics.md §8). */
#define __builtin_available(...) 1

#endif
