#include "ActionTypes.h"

namespace dkiig {
namespace {

/* The one table. IOTimerDispatchSource::TimerOccurred is void (OSAction *action, uint64_t time)
 * in IOTimerDispatchSource.iig; it is the only callback type a user-client dext needs so far. */
const std::vector<ActionType> &table()
{
    static const std::vector<ActionType> types = {
        {"IOTimerDispatchSource::TimerOccurred", "dksimTimerOccurred", {{"uint64_t", "time"}}},
    };
    return types;
}

} // namespace

const ActionType *findActionType(const std::string &iigName)
{
    for (const ActionType &type : table())
        if (type.iigName == iigName)
            return &type;
    return nullptr;
}

std::string supportedActionTypeNames()
{
    std::string names;
    for (const ActionType &type : table())
        names += (names.empty() ? "" : ", ") + type.iigName;
    return names;
}

} // namespace dkiig
