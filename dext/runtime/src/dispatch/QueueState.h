#ifndef DKSIM_QUEUE_STATE_H
#define DKSIM_QUEUE_STATE_H

#include <string>

namespace dksim {

struct QueueState {
    std::string name;
    bool canceled = false;
    int running = 0; /* depth of work of this queue on the stack (OnQueue) */
};

} // namespace dksim

#endif
