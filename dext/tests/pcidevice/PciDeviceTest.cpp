/* IOPCIDevice, IOInterruptDispatchSource and IODMACommand against the runtime directly, on a nub the
 * PCI family makes for a personality without a description (docs/devices.md, "PCI"): the paths no
 * app reaches through PciBarDriver — exclusive Open, BAR sizing, capabilities, coalesced interrupts,
 * DMA argument checks, IO after Stop. */
#include "Collections.h"

#include <string.h>

#include <PCIDriverKit/PCIDriverKit.h>

#include "IrqWatcher.h"
#include "core/Runtime.h"
#include "image/DextImage.h"
#include "pci/PciFamily.h"

struct IrqWatcher_IVars {
    uint64_t calls;
    uint64_t interrupts;
};

bool IrqWatcher::init()
{
    if (!super::init()) return false;
    ivars = IONewZero(IrqWatcher_IVars, 1);
    return ivars != nullptr;
}

void IrqWatcher::free()
{
    IOSafeDeleteNULL(ivars, IrqWatcher_IVars, 1);
    super::free();
}

uint64_t IrqWatcher::Calls() { return ivars->calls; }
uint64_t IrqWatcher::Interrupts() { return ivars->interrupts; }

void IMPL(IrqWatcher, InterruptOccurred)
{
    ivars->calls++;
    ivars->interrupts += count;
}

using collectionstest::Collections;

namespace {

constexpr kern_return_t kExclusiveAccess = (kern_return_t)0xe00002c5;

class PciDevice : public Collections
{
protected:
    void SetUp() override
    {
        Collections::SetUp();
        personalityDict_.kind = dksim::PlistValue::Kind::Dict;
        dksim::PlistValue match;
        match.text = "0x00421b36&0xffffffff 0x00431b36";
        personalityDict_.entries.push_back({"IOPCIMatch", match});
        personality_.name = "Test";
        personality_.providerClass = "IOPCIDevice";
        personality_.properties = &personalityDict_;
        dksim::PlistValue none;
        none.kind = dksim::PlistValue::Kind::Dict;
        std::string error;
        device_ = OSDynamicCast(IOPCIDevice, dksim::PciFamily()->provider(personality_, none, error));
        ASSERT_NE(nullptr, device_) << error;
        for (IrqWatcher *&client : clients_) {
            client = new IrqWatcher();
            dksim::TrackObject(client);
            ASSERT_TRUE(client->init());
        }
    }
    void TearDown() override
    {
        for (IrqWatcher *client : clients_) OSSafeReleaseNULL(client);
        dksim::PciFamily()->reset();
        Collections::TearDown();
    }

    std::vector<std::string> TakeViolations()
    {
        std::vector<std::string> rules;
        dksim_violation violation;
        while (dksim_take_violation(&violation, nullptr, 0) == kIOReturnSuccess) rules.push_back(violation.rule);
        return rules;
    }

    dksim::PlistValue personalityDict_;
    dksim::Personality personality_;
    IOPCIDevice *device_ = nullptr; /* the family's */
    IrqWatcher *clients_[2] = {};
};

TEST_F(PciDevice, OpenIsExclusiveAndEveryAccessNeedsIt)
{
    uint32_t value = 0;
    device_->MemoryRead32(0, 0, &value);
    EXPECT_EQ(0xFFFFFFFFu, value) << "not open: all ones";
    EXPECT_EQ(kIOReturnSuccess, device_->Open(clients_[0], 0));
    EXPECT_EQ(kExclusiveAccess, device_->Open(clients_[1], 0));
    EXPECT_EQ(kExclusiveAccess, device_->Open(clients_[0], 0));
    device_->MemoryWrite32(0, 0x10, 0xABCD);
    device_->MemoryRead32(0, 0x10, &value);
    EXPECT_EQ(0xABCDu, value);
    uint64_t wide = 0;
    device_->MemoryRead64(0, 0xFFF8, &wide);
    EXPECT_EQ(0u, wide) << "the last 8 bytes of 64 KiB";
    device_->MemoryRead64(0, 0xFFFC, &wide);
    EXPECT_EQ(~0ull, wide) << "past the BAR's end";
    device_->MemoryRead32(1, 0, &value);
    EXPECT_EQ(0xFFFFFFFFu, value) << "no second memory range";
    device_->ConfigurationWrite16(kIOPCIConfigurationOffsetCommand, kIOPCICommandMemorySpace | kIOPCICommandBusMaster);
    device_->Close(clients_[1], 0);
    EXPECT_EQ(kExclusiveAccess, device_->Open(clients_[1], 0)) << "a close by another client changes nothing";
    device_->Close(clients_[0], 0);
    EXPECT_EQ(kIOReturnSuccess, device_->Open(clients_[1], 0));
    uint16_t command = 0xFFFF;
    device_->ConfigurationRead16(kIOPCIConfigurationOffsetCommand, &command);
    EXPECT_EQ(0u, command) << "Close turned off memory decoding and bus mastering";
    device_->Close(clients_[1], 0);
    EXPECT_TRUE(TakeViolations().empty());
}

TEST_F(PciDevice, TheConfigurationSpaceBehavesAsAType0Header)
{
    ASSERT_EQ(kIOReturnSuccess, device_->Open(clients_[0], 0));
    uint32_t value = 0;
    device_->ConfigurationWrite32(kIOPCIConfigurationOffsetVendorID, 0x12345678);
    device_->ConfigurationRead32(kIOPCIConfigurationOffsetVendorID, &value);
    EXPECT_EQ(0x00421b36u, value) << "identity registers are read-only";
    device_->ConfigurationWrite32(kIOPCIConfigurationOffsetBaseAddress0, 0xFFFFFFFF);
    device_->ConfigurationRead32(kIOPCIConfigurationOffsetBaseAddress0, &value);
    EXPECT_EQ(0xFFFF0004u, value) << "sizing: 64 KiB, 64-bit memory";
    device_->ConfigurationWrite32(kIOPCIConfigurationOffsetBaseAddress1, 0xFFFFFFFF);
    device_->ConfigurationRead32(kIOPCIConfigurationOffsetBaseAddress1, &value);
    EXPECT_EQ(0xFFFFFFFFu, value);
    device_->ConfigurationRead32(2, &value);
    EXPECT_EQ(0xFFFFFFFFu, value) << "unaligned";
    uint8_t byte = 0;
    device_->ConfigurationRead8(4096, &byte);
    EXPECT_EQ(0xFFu, byte) << "past 4 KiB";
    uint64_t at = 0;
    EXPECT_EQ(kIOReturnSuccess, device_->FindPCICapability(kIOPCICapabilityIDMSI, 0, &at));
    EXPECT_EQ(0x50u, at);
    EXPECT_EQ(kIOReturnNotFound, device_->FindPCICapability(kIOPCICapabilityIDMSI, at, &at)) << "no second MSI";
    EXPECT_EQ(kIOReturnNotFound, device_->FindPCICapability(kIOPCICapabilityIDPowerManagement, 0, &at));
    EXPECT_EQ(kIOReturnNotFound, device_->FindPCICapability((uint32_t)kIOPCIExpressCapabilityIDErrorReporting, 0, &at));
    uint8_t memoryIndex = 9, type = 9;
    uint64_t size = 0;
    EXPECT_EQ(kIOReturnSuccess, device_->GetBARInfo(kPCIMemoryRangeBAR0, &memoryIndex, &size, &type));
    EXPECT_EQ(0u, memoryIndex);
    EXPECT_EQ(65536u, size);
    EXPECT_EQ(kPCIBARTypeM64, type);
    EXPECT_EQ(kIOReturnNotFound, device_->GetBARInfo(kPCIMemoryRangeBAR2, &memoryIndex, &size, &type));
    uint8_t bus = 0, slot = 9, function = 9;
    EXPECT_EQ(kIOReturnSuccess, device_->GetBusDeviceFunction(&bus, &slot, &function));
    EXPECT_EQ(1u, bus);
    EXPECT_EQ(0u, slot + function);
    device_->MemoryWrite8(0, 7, 0x77);
    EXPECT_EQ(kIOReturnSuccess, device_->Reset(kIOPCIDeviceResetTypeFunctionReset));
    device_->MemoryRead8(0, 7, &byte);
    EXPECT_EQ(0u, byte) << "a reset restores the described contents";
    device_->ConfigurationRead32(kIOPCIConfigurationOffsetBaseAddress0, &value);
    EXPECT_EQ(0xC0000004u, value);
    device_->Close(clients_[0], 0);
}

TEST_F(PciDevice, InterruptsRaisedBeforeTheHandlerRunsArriveAsOneCall)
{
    IODispatchQueue *queue = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IODispatchQueue::Create("Interrupts", 0, 0, &queue));
    uint64_t type = 0;
    EXPECT_EQ(kIOReturnSuccess, IOInterruptDispatchSource::GetInterruptType(device_, 0, &type));
    EXPECT_EQ((uint64_t)kIOInterruptTypePCIMessaged, type);
    EXPECT_EQ(kIOReturnNoInterrupt, IOInterruptDispatchSource::GetInterruptType(device_, 1, &type));
    EXPECT_EQ(kIOReturnUnsupported, device_->ConfigureInterrupts(kIOInterruptTypePCIMessagedX, 1, 1, 0));
    EXPECT_EQ(kIOReturnSuccess, device_->ConfigureInterrupts(kIOInterruptTypePCIMessaged, 1, 4, 0));
    EXPECT_EQ(kIOReturnNoResources, device_->ConfigureInterrupts(kIOInterruptTypePCIMessaged, 2, 2, 0));
    IOInterruptDispatchSource *source = nullptr, *second = nullptr;
    EXPECT_EQ(kIOReturnNoInterrupt, IOInterruptDispatchSource::Create(device_, 1, queue, &second));
    ASSERT_EQ(kIOReturnSuccess, IOInterruptDispatchSource::Create(device_, 0, queue, &source));
    EXPECT_EQ(kIOReturnNoResources, IOInterruptDispatchSource::Create(device_, 0, queue, &second));
    OSAction *action = nullptr;
    ASSERT_EQ(kIOReturnSuccess, clients_[0]->CreateActionInterruptOccurred(0, &action));
    ASSERT_EQ(kIOReturnSuccess, source->SetHandler(action));
    dksim::Runtime &runtime = dksim::Runtime::get();
    EXPECT_EQ(kIOReturnSuccess, dksim::PciFamily()->interrupt(0));
    runtime.pump();
    EXPECT_EQ(0u, clients_[0]->Calls()) << "a source starts disabled";
    ASSERT_EQ(kIOReturnSuccess, source->SetEnable(true));
    for (int k = 0; k < 3; k++) EXPECT_EQ(kIOReturnSuccess, dksim::PciFamily()->interrupt(0));
    runtime.pump();
    EXPECT_EQ(1u, clients_[0]->Calls());
    EXPECT_EQ(3u, clients_[0]->Interrupts());
    EXPECT_EQ(kIOReturnBadArgument, dksim::PciFamily()->interrupt(1));
    ASSERT_EQ(kIOReturnSuccess, source->Cancel(nullptr));
    EXPECT_EQ(kIOReturnSuccess, dksim::PciFamily()->interrupt(0));
    runtime.pump();
    EXPECT_EQ(1u, clients_[0]->Calls()) << "nothing after Cancel";
    EXPECT_EQ(kIOReturnUnsupported, source->SetEnable(false));
    ASSERT_EQ(kIOReturnSuccess, IOInterruptDispatchSource::Create(device_, 0, queue, &second))
        << "Cancel gave the vector back";
    action->Cancel(nullptr);
    OSSafeReleaseNULL(action);
    OSSafeReleaseNULL(source);
    OSSafeReleaseNULL(second);
    OSSafeReleaseNULL(queue);
    runtime.pump();
}

TEST_F(PciDevice, DmaChecksItsArgumentsAndReportsWhatIsLeftPrepared)
{
    IODMACommandSpecification specification;
    memset(&specification, 0, sizeof specification);
    specification.maxAddressBits = 64;
    IODMACommand *command = nullptr, *narrow = nullptr;
    EXPECT_EQ(kIOReturnBadArgument, IODMACommand::Create(device_, 1, &specification, &command));
    specification.maxAddressBits = 256;
    EXPECT_EQ(kIOReturnBadArgument, IODMACommand::Create(device_, 0, &specification, &command));
    specification.maxAddressBits = 64;
    ASSERT_EQ(kIOReturnSuccess, IODMACommand::Create(device_, 0, &specification, &command));
    IOBufferMemoryDescriptor *buffer = nullptr, *other = nullptr;
    ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(kIOMemoryDirectionOut, 8192, 0, &buffer));
    ASSERT_EQ(kIOReturnSuccess, IOBufferMemoryDescriptor::Create(kIOMemoryDirectionInOut, 64, 0, &other));
    uint64_t flags = 0;
    uint32_t count = 0;
    IOAddressSegment segments[2] = {};
    EXPECT_EQ(kIOReturnBadArgument, command->PrepareForDMA(0, buffer, 0, 0, &flags, &count, segments)) << "no room";
    count = 2;
    EXPECT_EQ(kIOReturnBadArgument, command->PrepareForDMA(0, buffer, 4096, 8192, &flags, &count, segments));
    EXPECT_EQ(kIOReturnNotReady, command->CompleteDMA(0));
    ASSERT_EQ(kIOReturnSuccess, command->PrepareForDMA(0, buffer, 4096, 0, &flags, &count, segments));
    EXPECT_EQ(1u, count);
    EXPECT_EQ(0x10000000u, segments[0].address);
    EXPECT_EQ(4096u, segments[0].length) << "length 0: the rest from the offset";
    EXPECT_EQ((uint64_t)kIOMemoryDirectionOut, flags);
    uint64_t offset = 0, length = 0;
    IOMemoryDescriptor *prepared = nullptr;
    EXPECT_EQ(kIOReturnSuccess, command->GetPreparation(&offset, &length, &prepared));
    EXPECT_EQ(4096u, offset);
    EXPECT_EQ(buffer, prepared);
    OSSafeReleaseNULL(prepared);
    EXPECT_EQ(kIOReturnSuccess, command->PerformOperation(kIODMACommandPerformOperationOptionWrite, 0, 16, 0, other));
    EXPECT_EQ(kIOReturnUnderrun,
              command->PerformOperation(kIODMACommandPerformOperationOptionZero, 4090, 16, 0, nullptr));
    EXPECT_TRUE(TakeViolations().empty());
    count = 1;
    EXPECT_EQ(kIOReturnBusy, command->PrepareForDMA(0, other, 0, 0, &flags, &count, segments));
    EXPECT_EQ(std::vector<std::string>{"device.dma-balance"}, TakeViolations()) << "prepared twice";
    EXPECT_EQ(kIOReturnSuccess, command->PrepareForDMA(0, buffer, 0, 0, &flags, &count, segments));
    EXPECT_EQ(std::vector<std::string>{"device.dma-balance"}, TakeViolations()) << "the same memory: still a leak";
    EXPECT_EQ(kIOReturnSuccess, command->CompleteDMA(0));
    specification.maxAddressBits = 20;
    ASSERT_EQ(kIOReturnSuccess, IODMACommand::Create(device_, 0, &specification, &narrow));
    EXPECT_EQ(kIOReturnNoResources, narrow->PrepareForDMA(0, other, 0, 0, &flags, &count, segments))
        << "no address fits 20 bits";
    /* Closing the device with a command prepared, then freeing it prepared: two reports. */
    ASSERT_EQ(kIOReturnSuccess, device_->Open(clients_[0], 0));
    ASSERT_EQ(kIOReturnSuccess, command->PrepareForDMA(0, other, 0, 0, &flags, &count, segments));
    device_->Close(clients_[0], 0);
    OSSafeReleaseNULL(command);
    EXPECT_EQ((std::vector<std::string>{"device.dma-balance", "device.dma-balance"}), TakeViolations());
    OSSafeReleaseNULL(narrow);
    OSSafeReleaseNULL(buffer);
    OSSafeReleaseNULL(other);
}

TEST_F(PciDevice, AnAccessAfterTheOpenersStopIsReported)
{
    ASSERT_EQ(kIOReturnSuccess, device_->Open(clients_[0], 0));
    device_->Close(clients_[0], 0);
    clients_[0]->Stop(device_);
    uint32_t value = 0;
    device_->MemoryRead32(0, 0, &value);
    EXPECT_EQ(0xFFFFFFFFu, value);
    EXPECT_EQ(std::vector<std::string>{"device.io-after-stop"}, TakeViolations());
    ASSERT_EQ(kIOReturnSuccess, device_->Open(clients_[1], 0)) << "another client may open it";
    device_->MemoryRead32(0, 0, &value);
    EXPECT_EQ(0u, value);
    EXPECT_TRUE(TakeViolations().empty());
    device_->Close(clients_[1], 0);
}

} // namespace
