#include "core/Runtime.h"

#include <algorithm>
#include <time.h>

#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IOService.h>

#include "dispatch/TimerState.h"

namespace dksim {

Runtime &Runtime::get()
{
    /* Never destroyed: dext objects may still be released from static destructors at exit. */
    static Runtime *runtime = new Runtime();
    return *runtime;
}

static uint64_t MonotonicRawNow()
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t Runtime::now() const { return clockMode == DKSIM_CLOCK_REAL ? MonotonicRawNow() : virtualNow; }

uint64_t ClockGetTimeNsec(clockid_t) { return Runtime::get().now(); }

void Runtime::appendLog(const std::string &line)
{
    if (!logCapture.load(std::memory_order_relaxed)) return;
    std::string &log = logs[currentConnection];
    log += "[" + std::to_string(now()) + "] " + line;
    if (line.empty() || line.back() != '\n') log += "\n";
}

Connection *Runtime::findOpen(uint64_t id)
{
    auto found = connections.find(id);
    if (found == connections.end() || !found->second.open) return nullptr;
    return &found->second;
}

int32_t Runtime::findLive(uint64_t id, Connection *&connection)
{
    connection = findOpen(id);
    if (connection == nullptr) {
        SetLastError("connection " + std::to_string(id) + " is not open");
        return kIOReturnNotOpen;
    }
    if (connection->terminated) {
        /* (inferred) xnu's IOUserClient entry points refuse an inactive (terminated) client with
         * kIOReturnNotAttached; docs/driverkit-semantics.md, "Unplugging". */
        SetLastError("connection " + std::to_string(id) + ": its device was unplugged");
        connection = nullptr;
        return kIOReturnNotAttached;
    }
    return kIOReturnSuccess;
}

void Runtime::serviceRegistered(IOService *service)
{
    for (auto &entry : notifications)
        if (entry.second.name == service->dksimName()) entry.second.matched++;
}

void Runtime::enqueue(Work work) { pending.push_back(std::move(work)); }

void Runtime::pump()
{
    while (!pending.empty()) {
        Work work = std::move(pending.front());
        pending.pop_front();
        runAs(work.owner, [&] { work.run(); });
        if (work.queue) work.queue->release();
    }
}

bool Runtime::nextDeadline(uint64_t &deadline) const
{
    if (armedTimers.empty()) return false;
    deadline = (*std::min_element(armedTimers.begin(), armedTimers.end(), [](const TimerState *a, const TimerState *b) {
                   return a->deadline < b->deadline;
               }))->deadline;
    return true;
}

void Runtime::disarm(TimerState *timer)
{
    timer->armed = false;
    armedTimers.erase(std::remove(armedTimers.begin(), armedTimers.end(), timer), armedTimers.end());
}

void Runtime::fireDueTimers(uint64_t until)
{
    pump();
    for (;;) {
        uint64_t deadline = 0;
        if (!nextDeadline(deadline) || deadline > until) return;
        if (clockMode == DKSIM_CLOCK_VIRTUAL && deadline > virtualNow) virtualNow = deadline;
        /* Ties fire in the order they were armed (armedTimers keeps arming order). */
        auto due = std::find_if(armedTimers.begin(), armedTimers.end(),
                                [deadline](const TimerState *t) { return t->deadline == deadline; });
        TimerState *timer = *due;
        disarm(timer);
        timer->fire(deadline);
        pump();
    }
}

void Runtime::startRealClock()
{
    if (realClock.joinable()) return;
    realClockStop = false;
    realClock = std::thread([this] {
        std::unique_lock<std::mutex> held(lock);
        while (!realClockStop) {
            uint64_t deadline = 0;
            if (nextDeadline(deadline)) {
                uint64_t current = now();
                if (deadline <= current) {
                    fireDueTimers(current);
                    changed.notify_all();
                    continue;
                }
                changed.wait_for(held, std::chrono::nanoseconds(deadline - current));
            } else {
                changed.wait(held);
            }
        }
    });
}

void Runtime::stopRealClock(std::unique_lock<std::mutex> &held)
{
    if (!realClock.joinable()) return;
    realClockStop = true;
    changed.notify_all();
    held.unlock();
    realClock.join();
    held.lock();
}

static thread_local std::string lastError;

void SetLastError(const std::string &message) { lastError = message; }
const char *LastError() { return lastError.c_str(); }

} // namespace dksim
