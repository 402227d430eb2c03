/*
 * IOTimerDispatchSource (IOTimerDispatchSource.iig of the DriverKit SDK): one pending deadline per
 * source; WakeAtTime replaces a deadline that has not fired yet. The handler action runs on the
 * source's queue. Deadlines are read on the simulator clock (virtual unless real-time mode is on).
 */
#ifndef DKSIM_DRIVERKIT_IOTIMERDISPATCHSOURCE_H
#define DKSIM_DRIVERKIT_IOTIMERDISPATCHSOURCE_H

#include <time.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IODispatchSource.h>
#include <DriverKit/OSAction.h>

enum {
    kIOTimerClockUptimeRaw = 0x88ull,
    kIOTimerClockMonotonicRaw = 0x84ull,
    kIOTimerClockRealTime = 0x80ull,
    kIOTimerClockWallTime = 0x80ull,
    kIOTimerClockMachAbsoluteTime = 0xC8ull,
    kIOTimerClockMachContinuousTime = 0xC4ull,
};

namespace dksim {
struct TimerState;
}

class IOTimerDispatchSource : public IODispatchSource
{
    DKSIM_CLASS_DECLARE(IOTimerDispatchSource, IODispatchSource)

public:
    static kern_return_t Create(IODispatchQueue *queue, IOTimerDispatchSource **source);

    bool init() override;
    void free() override;

    /* The action is retained until SetHandler is called again or the source is canceled. */
    virtual kern_return_t SetHandler(OSAction *action);
    kern_return_t SetEnableWithCompletion(bool enable, IODispatchSourceCancelHandler handler) override;
    kern_return_t Cancel(IODispatchSourceCancelHandler handler) override;
    /* options: one of kIOTimerClock*; every clock reads the simulator clock (nanoseconds). */
    virtual kern_return_t WakeAtTime(uint64_t options, uint64_t deadline, uint64_t leeway);


private:
    friend struct dksim::Access;
    dksim::TimerState *state_ = nullptr;
};

#endif
