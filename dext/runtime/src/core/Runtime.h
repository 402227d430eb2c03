/*
 * The simulated system: one per dext library. Holds what the kernel and the DriverKit runtime keep
 * between calls — connections, the service registry, the clock, armed timers, queued work, logs —
 * behind one lock. Every dksim_* entry point takes the lock, so dext code never runs concurrently
 * with itself (DriverKit's default queue is serial, and the sample relies on that).
 */
#ifndef DKSIM_RUNTIME_H
#define DKSIM_RUNTIME_H

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <dksim.h>

#include "device/SimulatedDevice.h"
#include "image/DextImage.h"
#include "service/DispatchRecord.h"

class IOService;
class IOUserClient;
class IODispatchQueue;
class OSAction;

namespace dksim {

struct TimerState;

struct Connection {
    uint64_t id = 0;
    IOService *service = nullptr;   /* retained while open */
    IOUserClient *client = nullptr; /* the kernel's reference, dropped at close */
    bool open = false;
    /* The device under its service was unplugged: the kernel terminated the user client (the dext saw
     * its Stop); the app's handle stays until it closes it, and every call on it fails. */
    bool terminated = false;
    std::deque<dksim_completion> completions;
};

/* One rule the runtime saw broken (device/Violations.h), kept until taken or reset. */
struct Violation {
    std::string rule;
    std::string message;
    uint64_t timeNs = 0;
    uint64_t connection = 0;
};

struct MatchNotification {
    std::string name;
    uint32_t matched = 0;
};

/* One IOHIDDevice::handleReport call (dksim_hid_take_report). */
struct HidReport {
    dksim_hid_report header{};
    std::vector<uint8_t> bytes;
};

/* One report descriptor an IOUserHIDDevice's Start obtained (dksim_hid_take_device). */
struct HidDevice {
    dksim_hid_device header{};
    std::vector<uint8_t> descriptor;
};

/* A unit of work on a serial queue: a block or function the dext dispatched, or a timer event. */
struct Work {
    IODispatchQueue *queue = nullptr; /* retained until the work has run or is dropped */
    uint64_t owner = 0;               /* connection the work runs for (log attribution) */
    std::function<void()> run;
};

class Runtime
{
public:
    static Runtime &get();

    std::mutex lock;
    std::condition_variable changed; /* a completion was queued or a timer was armed */

    DextImage image;
    bool booted = false;
    std::string bootError;
    uint64_t currentConnection = 0;

    /* ---- clock ---- */
    int clockMode = DKSIM_CLOCK_VIRTUAL;
    uint64_t virtualNow = 0;
    uint64_t now() const;

    /* ---- logs: connection id -> "[t] line\n" text ---- */
    std::map<uint64_t, std::string> logs;
    std::atomic<bool> logCapture{true};
    void appendLog(const std::string &line);

    /* ---- connections and registry ---- */
    std::map<uint64_t, Connection> connections;
    uint64_t nextConnection = 1;
    IOService *resources = nullptr; /* the IOUserResources provider the personalities match on */
    /* Retained: what boot started, with the provider each was started on; stopped at reset (or when
     * their device is unplugged). */
    struct StartedService {
        IOService *service = nullptr;
        IOService *provider = nullptr; /* runtime.resources or a device family's nub */
    };
    std::vector<StartedService> startedServices;
    std::vector<IOService *> registered; /* retained: services published by RegisterService */
    std::map<uint64_t, MatchNotification> notifications;
    uint64_t nextNotification = 1;
    Connection *findOpen(uint64_t id);
    /* An open connection whose user client is alive: kIOReturnSuccess, or kIOReturnNotOpen, or
     * kIOReturnNotAttached when its device was unplugged (last error set either way). */
    int32_t findLive(uint64_t id, Connection *&connection);
    void serviceRegistered(IOService *service);
    /* IOService::GetRegistryEntryID: the next ID given, per boot so that runs repeat. */
    static constexpr uint64_t kFirstRegistryEntryID = 0x100000100; /* (inferred) the kernel's IDs look like this */
    uint64_t nextRegistryEntryID = kFirstRegistryEntryID;

    /* ---- HID reports posted by the dext's IOHIDDevices, oldest first ---- */
    std::deque<HidReport> hidReports;
    uint32_t hidReportsDropped = 0; /* dropped since the last one kept */
    /* ---- HID devices: descriptors obtained at Start, and the number each device is known by ---- */
    std::deque<HidDevice> hidDevices;
    std::map<const void *, uint64_t> hidDeviceIds; /* live devices; an entry goes when its device is freed */
    uint64_t nextHidDevice = 1;

    /* ---- the simulated device behind USB and PCI personalities (device/) ---- */
    SimulatedDevice device;
    std::deque<Violation> violations;

    /* ---- the dispatch entries dexts passed to IOUserClient::ExternalMethod ---- */
    DispatchRecord dispatchRecord;

    /* ---- work and timers ---- */
    std::deque<Work> pending;
    std::vector<TimerState *> armedTimers;
    void enqueue(Work work);
    /* Runs queued work (and the work it queues) until none is left. */
    void pump();
    /* Fires, in deadline order, every armed timer due at or before `until`, moving the virtual
     * clock to each deadline; pumps after each. */
    void fireDueTimers(uint64_t until);
    bool nextDeadline(uint64_t &deadline) const;
    void disarm(TimerState *timer);

    /* ---- real-time mode ---- */
    std::thread realClock;
    bool realClockStop = false;
    void startRealClock();
    void stopRealClock(std::unique_lock<std::mutex> &held);

    /* Runs fn with currentConnection set to owner, restoring it afterwards. */
    template <class Fn>
    void runAs(uint64_t owner, Fn &&fn)
    {
        uint64_t saved = currentConnection;
        currentConnection = owner;
        fn();
        currentConnection = saved;
    }

private:
    Runtime() = default;
};

/* The failing reason of the last dksim_* call on this thread. */
void SetLastError(const std::string &message);
const char *LastError();

} // namespace dksim

#endif
