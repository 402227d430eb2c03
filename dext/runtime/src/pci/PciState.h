/*
 * What the runtime keeps inside the PCIDriverKit objects (IOPCIDevice, IOInterruptDispatchSource,
 * IODMACommand): private state the dext never sees, reached through one friend struct as
 * core/Access.h does for the other classes.
 */
#ifndef DKSIM_PCI_STATE_H
#define DKSIM_PCI_STATE_H

#include <map>
#include <memory>
#include <set>
#include <stdint.h>

#include <DriverKit/IODMACommand.h>
#include <DriverKit/IOInterruptDispatchSource.h>
#include <PCIDriverKit/IOPCIDevice.h>

#include "pci/PciModel.h"

namespace dksim {

struct InterruptState;
struct DmaState;

struct PciNubState {
    std::shared_ptr<PciModel> model;
    IOService *opener = nullptr; /* the client that has it open (retained while open) */
    /* The client that opened it last, retained until the nub goes: an access after its Stop is the
     * rule device.io-after-stop, also once it has closed the device. */
    IOService *lastOpener = nullptr;
    std::map<uint32_t, InterruptState *> interrupts; /* index -> the live source registered for it */
    std::set<DmaState *> dma;                        /* live commands created on this device */
};

struct InterruptState {
    IOInterruptDispatchSource *source = nullptr;
    IOPCIDevice *provider = nullptr;  /* retained until Cancel or free, as xnu's Create_Impl does */
    IODispatchQueue *queue = nullptr; /* retained */
    OSAction *handler = nullptr;      /* retained */
    uint32_t index = 0;
    bool enabled = false; /* a source starts disabled (xnu: ivars zeroed) */
    bool canceled = false;
    bool queued = false; /* a delivery is waiting on the queue: more interrupts coalesce into it */
    uint64_t count = 0;  /* raised and not yet delivered */
    uint64_t time = 0;   /* of the last one */

    /* The device raised the interrupt: count it and queue one delivery unless one is waiting. */
    void raise(uint64_t now);
};

struct DmaState {
    IODMACommand *command = nullptr;
    IOPCIDevice *device = nullptr; /* retained; null when created on a provider that is not PCI */
    uint8_t maxAddressBits = 64;
    bool prepared = false;
    IOMemoryDescriptor *memory = nullptr; /* retained while prepared */
    uint64_t offset = 0, length = 0;
    uint64_t address = 0; /* the simulated bus address of the preparation */
};

struct PciAccess {
    static PciNubState &nub(const IOPCIDevice *device);
    static InterruptState &interrupt(const IOInterruptDispatchSource *source);
    static DmaState &dma(const IODMACommand *command);
    /* A nub for the model (+1), counted like any object. */
    static IOPCIDevice *makeNub(const std::shared_ptr<PciModel> &model);
};

/* Checks every device access: false (and the access reads all ones, writes nothing) when the device
 * is not open, has been unplugged, or its client's Stop has run (that last one reported as
 * device.io-after-stop). what names the access for the log. */
bool PciAccessAllowed(IOPCIDevice *device, const char *what);

/* The next simulated bus address for a DMA preparation of length bytes (page aligned, below 4 GiB,
 * deterministic from the runtime's reset). */
uint64_t NextDmaAddress(uint64_t length);
void ResetDmaAddresses();

} // namespace dksim

#endif
