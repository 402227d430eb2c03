/*
 * IOPCIDevice (IOPCIDevice.iig of PCIDriverKit): the nub a PCI dext's personality matches, made by
 * the runtime's PCI family from the simulated device (dext/runtime/src/pci/, docs/devices.md "PCI").
 *
 * As Apple's header has it: Open/Close take the client service (exclusive: one client at a time);
 * the configuration and memory accessors are LOCALONLY and return nothing — an access that fails
 * (device not open, offset out of range, device gone) reads all ones and writes nothing; the other
 * methods are RPCs and take the usual trailing supermethod (ignored: dexts do not override them).
 * docs/driverkit-semantics.md section 16 says which behaviour is Apple's and which is inferred.
 */
#ifndef DKSIM_PCIDRIVERKIT_IOPCIDEVICE_H
#define DKSIM_PCIDRIVERKIT_IOPCIDEVICE_H

#include <DriverKit/IOService.h>
#include <DriverKit/IOMemoryDescriptor.h>
#include <PCIDriverKit/IOPCIFamilyDefinitions.h>

namespace dksim {
struct PciAccess;
struct PciNubState;
} // namespace dksim

class IOPCIDevice : public IOService
{
    DKSIM_CLASS_DECLARE(IOPCIDevice, IOService)

public:
    bool init() override;
    void free() override;

    /* Exclusive: kIOReturnExclusiveAccess while another client has it open. */
    kern_return_t Open(IOService *forClient, IOOptionBits options = 0);
    /* Only the client that opened it closes it; clears Bus Master and Memory Space Enable. */
    void Close(IOService *forClient, IOOptionBits options = 0);

    void ConfigurationRead32(uint64_t offset, uint32_t *readData);
    void ConfigurationRead16(uint64_t offset, uint16_t *readData);
    void ConfigurationRead8(uint64_t offset, uint8_t *readData);
    void ConfigurationWrite32(uint64_t offset, uint32_t data);
    void ConfigurationWrite16(uint64_t offset, uint16_t data);
    void ConfigurationWrite8(uint64_t offset, uint8_t data);

    /* memoryIndex indexes the device's memory ranges (GetBARInfo gives a BAR's), not the BAR number. */
    void MemoryRead64(uint8_t memoryIndex, uint64_t offset, uint64_t *readData);
    void MemoryRead32(uint8_t memoryIndex, uint64_t offset, uint32_t *readData);
    void MemoryRead16(uint8_t memoryIndex, uint64_t offset, uint16_t *readData);
    void MemoryRead8(uint8_t memoryIndex, uint64_t offset, uint8_t *readData);
    void MemoryWrite64(uint8_t memoryIndex, uint64_t offset, uint64_t data);
    void MemoryWrite32(uint8_t memoryIndex, uint64_t offset, uint32_t data);
    void MemoryWrite16(uint8_t memoryIndex, uint64_t offset, uint16_t data);
    void MemoryWrite8(uint8_t memoryIndex, uint64_t offset, uint8_t data);

    kern_return_t GetBARInfo(uint8_t barIndex, uint8_t *memoryIndex, uint64_t *barSize, uint8_t *barType,
                             OSDispatchMethod supermethod = nullptr);
    /* searchOffset 0 finds the first capability with that ID, otherwise the next one after it. */
    kern_return_t FindPCICapability(uint32_t capabilityID, uint64_t searchOffset, uint64_t *foundCapabilityOffset,
                                    OSDispatchMethod supermethod = nullptr);
    kern_return_t GetBusDeviceFunction(uint8_t *returnBusNumber, uint8_t *returnDeviceNumber,
                                       uint8_t *returnFunctionNumber, OSDispatchMethod supermethod = nullptr);
    kern_return_t HasPCIPowerManagement(uint64_t state, OSDispatchMethod supermethod = nullptr);
    kern_return_t EnablePCIPowerManagement(uint64_t state, OSDispatchMethod supermethod = nullptr);
    kern_return_t Reset(uint32_t type, OSDispatchMethod supermethod = nullptr);
    /* Newer SDKs: chooses MSI or MSI-X (kIOInterruptTypePCIMessaged / ...MessagedX) and how many
     * vectors, before IOInterruptDispatchSource::Create. */
    kern_return_t ConfigureInterrupts(uint32_t interruptType, uint32_t numRequired, uint32_t numRequested,
                                      IOOptionBits options = 0, OSDispatchMethod supermethod = nullptr);
    /* Private in the .iig, public in the generated header, and used by dexts to map a BAR to their app:
     * a descriptor (+1) over the memory range's bytes. */
    kern_return_t _CopyDeviceMemoryWithIndex(uint64_t memoryIndex, IOMemoryDescriptor **returnMemory,
                                             IOService *forClient, OSDispatchMethod supermethod = nullptr);

private:
    friend struct dksim::PciAccess;
    dksim::PciNubState *pci_ = nullptr;
};

#endif
