/*
 * The runtime's access to the simulator state it keeps inside DriverKit objects (private members
 * that dext code never sees). One friend struct instead of scattered friend declarations.
 */
#ifndef DKSIM_ACCESS_H
#define DKSIM_ACCESS_H

#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/OSAction.h>
#include <DriverKit/OSObject.h>

namespace dksim {

struct ServiceState;
struct QueueState;
struct TimerState;
struct ActionState;

struct Access {
    static const OSMetaClass *&countedAs(const OSObject *object) { return const_cast<OSObject *>(object)->countedAs_; }
    static uint64_t &ownerConnection(const OSObject *object)
    {
        return const_cast<OSObject *>(object)->ownerConnection_;
    }

    /* Created on first use, so a dext whose init() forgets super::init() still works. */
    static ServiceState &service(const IOService *service);
    static QueueState &queue(const IODispatchQueue *queue);
    static TimerState &timer(const IOTimerDispatchSource *timer);
    static ActionState &action(const OSAction *action);
    static void dropService(IOService *service);
    static void dropQueue(IODispatchQueue *queue);
    static void dropTimer(IOTimerDispatchSource *timer);
    static void dropAction(OSAction *action);
};

} // namespace dksim

#endif
