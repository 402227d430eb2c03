/* IODataQueueMemory as the runtime lays it out (docs/driverkit-semantics.md, section 14): shared by
 * the queue discipline (IODataQueueDispatchSource.cpp) and its notifications (DataQueueHandlers.cpp). */
#ifndef DKSIM_DATA_QUEUE_LAYOUT_H
#define DKSIM_DATA_QUEUE_LAYOUT_H

#include <stdint.h>
#include <string.h>

namespace dksim {
namespace dataqueue {

/* uint32_t head, uint32_t tail, uint8_t needServicedCallback, reserved bytes up to 128. */
constexpr uint64_t kHeaderBytes = 128;
constexpr uint64_t kHeadOffset = 0;
constexpr uint64_t kTailOffset = 4;
constexpr uint64_t kNeedServicedOffset = 8;
/* IODataQueueEntry: uint32_t size, then the data. */
constexpr uint64_t kEntryHeaderBytes = 4;

inline uint32_t Load(const uint8_t *at)
{
    uint32_t value;
    memcpy(&value, at, sizeof value);
    return value;
}

inline void Store(uint8_t *at, uint32_t value) { memcpy(at, &value, sizeof value); }

} // namespace dataqueue
} // namespace dksim

#endif
