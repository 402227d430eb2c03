/*
 * The PCI family: one IOPCIDevice nub per run, made from the description (or the personality's match
 * keys) on the first personality that asks for it, and the device's interrupts. docs/devices.md "PCI"
 * describes the device; docs/driverkit-semantics.md section 16 what the runtime infers.
 */
#include "pci/PciFamily.h"

#include <DriverKit/IOReturn.h>

#include "core/Runtime.h"
#include "image/DextImage.h"
#include "pci/PciState.h"

namespace dksim {

namespace {

/* Bus addresses start high enough not to look like 0 or a small offset, and stay below 4 GiB so that
 * a dext with maxAddressBits 32 (litepcie) gets addresses it can program. */
constexpr uint64_t kFirstDmaAddress = 0x10000000;
constexpr uint64_t kLastDmaAddress = 0xFFFFF000;
constexpr uint64_t kPage = 4096;
uint64_t gNextDmaAddress = kFirstDmaAddress;

class PciDeviceFamily final : public DeviceFamily
{
public:
    const char *name() const override { return "pci"; }
    std::vector<std::string> providerClasses() const override { return {"IOPCIDevice"}; }

    IOService *provider(const Personality &personality, const PlistValue &description, std::string &error) override
    {
        if (nub_ != nullptr) return nub_;
        const std::string *family = description.findString("family");
        if (family != nullptr && *family != name()) {
            error = "the device description is a " + *family + " device, the personality matches IOPCIDevice";
            return nullptr;
        }
        std::shared_ptr<PciModel> model = BuildPciModel(personality, description, error);
        if (!model) return nullptr;
        nub_ = PciAccess::makeNub(model);
        return nub_;
    }

    int32_t interrupt(uint32_t index) override
    {
        if (nub_ == nullptr) return kIOReturnUnsupported;
        PciNubState &nub = PciAccess::nub(nub_);
        Runtime &runtime = Runtime::get();
        if (index >= nub.model->msiVectors) {
            SetLastError("dksim_device_interrupt: the PCI device has " + std::to_string(nub.model->msiVectors) +
                         " MSI vectors");
            return kIOReturnBadArgument;
        }
        auto found = nub.interrupts.find(index);
        /* A vector no enabled source unmasks is lost, as a masked MSI with no pending-bit support. */
        if (found == nub.interrupts.end() || !found->second->enabled || found->second->canceled) {
            runtime.appendLog("dksim: PCI interrupt " + std::to_string(index) + ": no enabled source; dropped");
            return kIOReturnSuccess;
        }
        found->second->raise(runtime.now());
        return kIOReturnSuccess;
    }

    void reset() override
    {
        if (nub_ != nullptr) {
            /* The services on the nub have stopped: drop the clients it keeps (they keep the nub). */
            PciNubState &nub = PciAccess::nub(nub_);
            OSSafeReleaseNULL(nub.opener);
            OSSafeReleaseNULL(nub.lastOpener);
        }
        OSSafeReleaseNULL(nub_);
        ResetDmaAddresses();
    }

private:
    IOPCIDevice *nub_ = nullptr; /* the family's reference, dropped at reset */
};

} // namespace

uint64_t NextDmaAddress(uint64_t length)
{
    uint64_t pages = (length + kPage - 1) / kPage;
    if (gNextDmaAddress + pages * kPage > kLastDmaAddress) gNextDmaAddress = kFirstDmaAddress;
    uint64_t address = gNextDmaAddress;
    gNextDmaAddress += pages * kPage;
    return address;
}

void ResetDmaAddresses() { gNextDmaAddress = kFirstDmaAddress; }

DeviceFamily *PciFamily()
{
    static PciDeviceFamily family;
    return &family;
}

} // namespace dksim
