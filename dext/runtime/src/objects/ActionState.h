/* What the runtime keeps for an OSAction: its target, reference memory, and for the actions the
 * kernel creates for async calls, the connection and the app's async reference. */
#ifndef DKSIM_ACTION_STATE_H
#define DKSIM_ACTION_STATE_H

#include <stdint.h>
#include <vector>

#include <DriverKit/OSAction.h>
#include <dksim.h>

namespace dksim {

struct ActionState {
    OSObject *target = nullptr; /* retained until Cancel or free */
    void *reference = nullptr;  /* referenceSize zeroed bytes (exactly that long) */
    size_t referenceSize = 0;
    bool canceled = false;
    bool completion = false; /* created by the kernel for an async call */
    uint64_t connection = 0;
    uint64_t asyncReference[DKSIM_ASYNC_REF_COUNT] = {};
};

/* The OSAction the kernel wraps an async call's reference in (passed to the dext as completion). */
OSAction *CreateCompletionAction(uint64_t connection, const uint64_t *reference, uint32_t count);

} // namespace dksim

#endif
