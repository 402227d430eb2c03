/*
 * Size caps on what a client may send. They bound the memory one bad frame can make the host
 * allocate; every value the real harness sends is far below them.
 */
#ifndef DEXTHOST_LIMITS_H
#define DEXTHOST_LIMITS_H

#include <cstddef>
#include <cstdint>

namespace dexthost {

/* Struct input size and struct output capacity of one call. */
constexpr uint64_t kMaxStructBytes = 64ull << 20;
/* Scalar input count and scalar output capacity. dksim itself refuses more than 16 input scalars
 * (DKSIM_MIG_ARRAY_TOO_LARGE) and clamps output capacity to 16, so this cap only has to leave room
 * for a client that tests those answers. */
constexpr uint32_t kMaxScalars = 256;
/* Service names, class names, access identifiers. */
constexpr uint32_t kMaxString = 4096;
/* Entries of an open's userclient-access array. */
constexpr uint32_t kMaxAccessIds = 256;
/* Completions taken in one request. */
constexpr uint32_t kMaxCompletions = 4096;
/* Device starts and HID reports taken in one TakeHidEvents request (each). */
constexpr uint32_t kMaxHidEvents = 4096;
/* Text answers (live objects, logs) longer than this are cut to their first kMaxText bytes. */
constexpr uint64_t kMaxText = 64ull << 20;
/* A device description (an XML property list) and one feed of device data. */
constexpr uint64_t kMaxDeviceDescription = 1ull << 20;
/* Violations taken in one TakeViolations request. */
constexpr uint32_t kMaxViolations = 4096;
/* Dispatch entries taken in one TakeDispatchEntries request (dksim keeps at most 4096). */
constexpr uint32_t kMaxDispatchEntries = 4096;
/* A request frame: the largest call (struct input + scalars + fixed fields) fits with room to spare. */
constexpr uint32_t kMaxRequestFrame = static_cast<uint32_t>(kMaxStructBytes + (64u << 10));

} // namespace dexthost

#endif
