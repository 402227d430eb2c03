/*
 * What the kernel and DriverKit do between an app and a dext, on the simulated system: boot the
 * dext from its personalities, open and close user clients, and carry a call across the boundary
 * (argument limits, in-band vs descriptor structures, output copy-back). The runtime's lock is held
 * by the caller (the C ABI) for every function here.
 */
#ifndef DKSIM_KERNEL_H
#define DKSIM_KERNEL_H

#include <stdint.h>

class IOService;

namespace dksim {

int32_t Boot();
int32_t Reset();
int32_t Open(const char *serviceName, uint32_t type, const char *const *accessIds, uint32_t accessCount,
             uint64_t *connection);
int32_t Close(uint64_t connection);

class Runtime;
/* Stops and releases, newest first, the services boot started whose provider `which` selects (all
 * when null). Runs as the dext's own connection (0). */
void StopStartedServices(Runtime &runtime, bool (*which)(const Runtime &, IOService *provider));

/* The simulated device (device/): its description, its data, its interrupts and its unplugging. */
int32_t SetDevice(const char *description);
int32_t FeedDevice(const uint8_t *bytes, uint64_t count);
int32_t UnplugDevice();
int32_t RaiseInterrupt(uint32_t index);

struct CallBuffers {
    const uint64_t *scalarInput;
    uint32_t scalarInputCount;
    const void *structInput;
    uint64_t structInputSize;
    uint64_t *scalarOutput;
    uint32_t *scalarOutputCount; /* in: capacity, out: returned */
    void *structOutput;
    uint64_t *structOutputSize; /* in: capacity, out: returned */
};

int32_t CallMethod(uint64_t connection, uint32_t selector, const uint64_t *asyncReference, uint32_t referenceCount,
                   bool async, const CallBuffers &buffers);

} // namespace dksim

#endif
