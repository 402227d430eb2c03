#ifndef DKSIM_TIMER_STATE_H
#define DKSIM_TIMER_STATE_H

#include <stdint.h>

class IODispatchQueue;
class IOTimerDispatchSource;
class OSAction;

namespace dksim {

struct TimerState {
    IOTimerDispatchSource *source = nullptr;
    IODispatchQueue *queue = nullptr; /* retained */
    OSAction *handler = nullptr;      /* retained */
    bool enabled = true;
    bool canceled = false;
    bool armed = false; /* one pending deadline per source: WakeAtTime replaces it */
    uint64_t deadline = 0;
    uint64_t leeway = 0;

    /* Queues the handler's TimerOccurred(deadline) on the source's queue. */
    void fire(uint64_t time);
};

} // namespace dksim

#endif
