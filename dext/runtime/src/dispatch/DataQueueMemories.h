/* Which IOMemoryDescriptor is the shared memory of which IODataQueueDispatchSource, so that the
 * app's stores through its mapping (memory/ClientMemory.cpp) reach the queue's notifications. */
#ifndef DKSIM_DATA_QUEUE_MEMORIES_H
#define DKSIM_DATA_QUEUE_MEMORIES_H

class IODataQueueDispatchSource;
class IOMemoryDescriptor;

namespace dksim {

/* From Create to free; the source does not retain itself through this table. */
void RegisterDataQueueMemory(const IOMemoryDescriptor *memory, IODataQueueDispatchSource *source);
void UnregisterDataQueueMemory(const IOMemoryDescriptor *memory);

} // namespace dksim

#endif
