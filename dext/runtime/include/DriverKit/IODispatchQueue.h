/*
 * IODispatchQueue: a serial queue (iokit/DriverKit/IODispatchQueue.iig). The simulator runs every
 * queue's work in FIFO order under one lock, so no two blocks of a dext ever run concurrently.
 */
#ifndef DKSIM_DRIVERKIT_IODISPATCHQUEUE_H
#define DKSIM_DRIVERKIT_IODISPATCHQUEUE_H

#include <DriverKit/OSObject.h>
#include <DriverKit/IODispatchSource.h>

typedef int (*IODispatchLogFunction)(const char *format, ...);
typedef void (^IODispatchBlock)(void);
typedef void (*IODispatchFunction)(void *context);
typedef kern_return_t (^IODispatchAction)(void);
typedef void (^IODispatchQueueCancelHandler)(void);

enum {
    kIODispatchQueueReentrant = 0x00000001,
    kIODispatchQueueMethodsNotSynchronized = 0x00000002,
};

namespace dksim {
struct QueueState;
}

class IODispatchQueue : public OSObject
{
    DKSIM_CLASS_DECLARE(IODispatchQueue, OSObject)

public:
    static kern_return_t Create(const IODispatchQueueName name, uint64_t options, uint64_t priority,
                                IODispatchQueue **queue);

    bool init() override;
    void free() override;

    bool OnQueue();
    const char *GetName();
    kern_return_t Cancel(IODispatchQueueCancelHandler handler);
    void DispatchAsync(IODispatchBlock block);
    void DispatchAsync_f(void *context, IODispatchFunction function);
    void DispatchSync(IODispatchBlock block);
    void DispatchSync_f(void *context, IODispatchFunction function);
    kern_return_t RunAction(IODispatchAction action);


private:
    friend struct dksim::Access;
    dksim::QueueState *state_ = nullptr;
};

#endif
