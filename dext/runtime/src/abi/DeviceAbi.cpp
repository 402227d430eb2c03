/*
 * The C ABI of dksim.h's simulated-device functions: the device's description, its data, its
 * interrupts and its unplugging (kernel/DeviceEvents.cpp), and the rules the runtime saw broken.
 */
#include <dksim.h>

#include <string.h>

#include <DriverKit/IOReturn.h>

#include "abi/Enter.h"
#include "core/Runtime.h"
#include "kernel/Kernel.h"

using dksim::Enter;
using dksim::Runtime;

extern "C" {

int32_t dksim_set_device(const char *description)
{
    auto held = Enter();
    return dksim::SetDevice(description);
}

int32_t dksim_device_feed(const uint8_t *bytes, uint64_t count)
{
    auto held = Enter();
    return dksim::FeedDevice(bytes, count);
}

int32_t dksim_device_unplug(void)
{
    auto held = Enter();
    return dksim::UnplugDevice();
}

int32_t dksim_device_interrupt(uint32_t index)
{
    auto held = Enter();
    return dksim::RaiseInterrupt(index);
}

uint32_t dksim_violation_count(void)
{
    auto held = Enter();
    return (uint32_t)Runtime::get().violations.size();
}

int32_t dksim_take_violation(dksim_violation *violation, char *message, uint64_t capacity)
{
    auto held = Enter();
    if (violation == nullptr) return kIOReturnBadArgument;
    Runtime &runtime = Runtime::get();
    if (runtime.violations.empty()) return kIOReturnNotFound;
    const dksim::Violation &oldest = runtime.violations.front();
    memset(violation, 0, sizeof *violation);
    strncpy(violation->rule, oldest.rule.c_str(), sizeof violation->rule - 1);
    violation->time_ns = oldest.timeNs;
    violation->connection = oldest.connection;
    if (message && capacity > 0) {
        size_t copied = oldest.message.size() < capacity - 1 ? oldest.message.size() : capacity - 1;
        memcpy(message, oldest.message.data(), copied);
        message[copied] = '\0';
    }
    runtime.violations.pop_front();
    return kIOReturnSuccess;
}

} // extern "C"
