/*
 * What every C ABI entry point does first: clear the thread's last error and take the runtime's
 * lock for the whole call (dext code never runs concurrently with itself).
 */
#ifndef DKSIM_ABI_ENTER_H
#define DKSIM_ABI_ENTER_H

#include <mutex>

#include "core/Runtime.h"

namespace dksim {

inline std::unique_lock<std::mutex> Enter()
{
    SetLastError("");
    return std::unique_lock<std::mutex>(Runtime::get().lock);
}

} // namespace dksim

#endif
