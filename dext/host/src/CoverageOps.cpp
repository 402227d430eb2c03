#include "Handlers.h"

#include <cerrno>
#include <cstring>
#include <dksim.h>
#include <sys/shm.h>

namespace dexthost {

namespace {

constexpr int32_t kIOReturnBadArgument = static_cast<int32_t>(0xE00002C2u);

/* The client's SysV segment currently attached as the dext's coverage map (AFL's __AFL_SHM_ID). */
void *gAttached = nullptr;
uint32_t gAttachedSize = 0;

/* The runtime stops writing to the old map before it is unmapped. */
void Replace(void *map, uint32_t size)
{
    dksim_set_coverage_map(static_cast<uint8_t *>(map), size);
    if (gAttached != nullptr) shmdt(gAttached);
    gAttached = map;
    gAttachedSize = size;
}

/* kIOReturnSuccess, or kIOReturnBadArgument with the reason. shm id -1 detaches. */
int32_t Attach(int32_t shmId, uint32_t size, std::string &reason)
{
    if (shmId == -1) {
        Replace(nullptr, 0);
        return 0;
    }
    shmid_ds segment{};
    if (shmctl(shmId, IPC_STAT, &segment) != 0) {
        reason = "shm id " + std::to_string(shmId) + ": " + std::strerror(errno);
        return kIOReturnBadArgument;
    }
    if (size == 0) size = segment.shm_segsz > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(segment.shm_segsz);
    if (size == 0 || size > segment.shm_segsz) {
        reason = "map size " + std::to_string(size) + " does not fit shm id " + std::to_string(shmId) + " of " +
                 std::to_string(segment.shm_segsz) + " bytes";
        return kIOReturnBadArgument;
    }
    void *map = shmat(shmId, nullptr, 0);
    if (map == reinterpret_cast<void *>(-1)) {
        reason = "shmat of id " + std::to_string(shmId) + ": " + std::strerror(errno);
        return kIOReturnBadArgument;
    }
    Replace(map, size);
    return 0;
}

} // namespace

void DetachCoverageShm()
{
    if (gAttached != nullptr) Replace(nullptr, 0);
}

UncountedCoverage::UncountedCoverage()
{
    if (gAttached != nullptr) dksim_set_coverage_map(nullptr, 0);
}

UncountedCoverage::~UncountedCoverage()
{
    if (gAttached != nullptr) dksim_set_coverage_map(static_cast<uint8_t *>(gAttached), gAttachedSize);
}

bool HandleSetCoverageShm(PayloadReader &in, Answer &answer)
{
    int32_t shmId;
    uint32_t size;
    if (!in.I32(shmId, "shm_id") || !in.U32(size, "size") || !in.Finish()) return false;
    std::string reason;
    answer.status = Attach(shmId, size, reason);
    answer.payload.String(reason.data(), reason.size());
    return true;
}

bool HandleHasCoverage(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.payload.I32(dksim_has_coverage());
    return true;
}

bool HandleCoverageEdges(PayloadReader &in, Answer &answer)
{
    if (!in.Finish()) return false;
    answer.payload.U32(dksim_coverage_edges());
    return true;
}

} // namespace dexthost
