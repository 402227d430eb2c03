#include "ActionTypes.h"

namespace dkiig {
namespace {

/* The one table, each signature as its .iig declares the callback: IOTimerDispatchSource.iig
 * TimerOccurred(OSAction *action, uint64_t time); IODataQueueDispatchSource.iig
 * DataAvailable(OSAction *action TARGET) and DataServiced(OSAction *action TARGET);
 * IOInterruptDispatchSource.iig InterruptOccurred(OSAction *action TARGET, uint64_t count, uint64_t time);
 * USBDriverKit's IOUSBHostPipe.iig CompleteAsyncIO(OSAction *action, IOReturn status, uint32_t
 * actualByteCount, uint64_t completionTimestamp). */
const std::vector<ActionType> &table()
{
    static const std::vector<ActionType> types = {
        {"IOTimerDispatchSource::TimerOccurred", "dksimTimerOccurred", {{"uint64_t", "time"}}},
        {"IODataQueueDispatchSource::DataAvailable", "dksimDataAvailable", {}},
        {"IODataQueueDispatchSource::DataServiced", "dksimDataServiced", {}},
        {"IOInterruptDispatchSource::InterruptOccurred",
         "dksimInterruptOccurred",
         {{"uint64_t", "count"}, {"uint64_t", "time"}}},
        {"IOUSBHostPipe::CompleteAsyncIO",
         "dksimCompleteAsyncIO",
         {{"IOReturn", "status"}, {"uint32_t", "actualByteCount"}, {"uint64_t", "completionTimestamp"}}},
    };
    return types;
}

} // namespace

const ActionType *findActionType(const std::string &iigName)
{
    for (const ActionType &type : table())
        if (type.iigName == iigName) return &type;
    return nullptr;
}

std::string supportedActionTypeNames()
{
    std::string names;
    for (const ActionType &type : table()) names += (names.empty() ? "" : ", ") + type.iigName;
    return names;
}

} // namespace dkiig
