/*
 * The device behind a USB or PCI personality, as the harness describes it (dksim_set_device: an
 * XML property-list dictionary), and the second input stream of a program: the device data. Every
 * value the device supplies — transfer data, descriptor bytes it is asked for again, register reads,
 * how many bytes a transfer moved — is taken from the stream while it has bytes, and from the
 * description's model once it is empty, so a bug reachable only through malicious device data is
 * found, minimized and replayed like one reachable from the app.
 */
#ifndef DKSIM_SIMULATED_DEVICE_H
#define DKSIM_SIMULATED_DEVICE_H

#include <deque>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "image/Plist.h"

namespace dksim {

struct SimulatedDevice {
    PlistValue description; /* a dictionary; empty when the harness described none */
    bool described = false;
    bool unplugged = false;
    std::deque<uint8_t> data; /* device data not yet consumed */
    uint64_t consumed = 0;    /* bytes consumed since reset */

    /* Up to n bytes from the stream into out; returns how many (0 once it is empty). */
    size_t take(void *out, size_t n);
    /* A whole value from the stream when it holds one (little-endian), otherwise fallback. */
    template <class T>
    T takeOr(T fallback)
    {
        if (data.size() < sizeof(T)) return fallback;
        T value;
        take(&value, sizeof value);
        return value;
    }
    /* Forget the stream and the unplug; the description stays (it is configuration). */
    void reset();
};

} // namespace dksim

#endif
