#include "device/SimulatedDevice.h"

namespace dksim {

size_t SimulatedDevice::take(void *out, size_t n)
{
    size_t count = n < data.size() ? n : data.size();
    uint8_t *bytes = static_cast<uint8_t *>(out);
    for (size_t k = 0; k < count; k++) {
        bytes[k] = data.front();
        data.pop_front();
    }
    consumed += count;
    return count;
}

void SimulatedDevice::reset()
{
    data.clear();
    consumed = 0;
    unplugged = false;
}

} // namespace dksim
