#include "Handlers.h"

#include "Limits.h"

#include <dksim.h>

namespace dexthost {

bool HandleCountMatching(PayloadReader &in, Answer &answer)
{
    std::string name;
    if (!in.String(name, "service_name") || !in.Finish()) return false;
    uint32_t count = 0;
    answer.status = dksim_count_matching(name.c_str(), &count);
    answer.payload.U32(count);
    return true;
}

bool HandleAddMatchNotification(PayloadReader &in, Answer &answer)
{
    std::string name;
    if (!in.String(name, "service_name") || !in.Finish()) return false;
    uint64_t notification = 0;
    answer.status = dksim_add_match_notification(name.c_str(), &notification);
    answer.payload.U64(notification);
    return true;
}

bool HandlePollMatchNotification(PayloadReader &in, Answer &answer)
{
    uint64_t notification;
    if (!in.U64(notification, "notification") || !in.Finish()) return false;
    uint32_t matched = 0;
    answer.status = dksim_poll_match_notification(notification, &matched);
    answer.payload.U32(matched);
    return true;
}

bool HandleOpen(PayloadReader &in, Answer &answer)
{
    std::string name;
    uint32_t type, accessCount;
    if (!in.String(name, "service_name") || !in.U32(type, "type") ||
        !in.Count(accessCount, kMaxAccessIds, "access_count"))
        return false;
    std::vector<std::string> ids(accessCount);
    for (auto &id : ids)
        if (!in.String(id, "access_id")) return false;
    if (!in.Finish()) return false;

    std::vector<const char *> pointers;
    for (const auto &id : ids) pointers.push_back(id.c_str());
    dksim_connection_t connection = 0;
    answer.status =
        dksim_open(name.c_str(), type, pointers.empty() ? nullptr : pointers.data(), accessCount, &connection);
    answer.payload.U64(connection);
    return true;
}

bool HandleClose(PayloadReader &in, Answer &answer)
{
    uint64_t connection;
    if (!in.U64(connection, "connection") || !in.Finish()) return false;
    answer.status = dksim_close(connection);
    return true;
}

} // namespace dexthost
