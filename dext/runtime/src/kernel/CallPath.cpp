#include "kernel/Kernel.h"

#include <stdlib.h>
#include <string.h>

#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOUserClient.h>
#include <DriverKit/OSData.h>

#include "core/Runtime.h"
#include "objects/ActionState.h"

namespace dksim {

namespace {

/* Heap copies of exactly the caller's sizes, released when the call is over. */
struct KernelSide {
    uint64_t *scalarInput = nullptr;
    uint64_t *scalarOutput = nullptr;
    OSData *structureInput = nullptr;
    IOMemoryDescriptor *structureInputDescriptor = nullptr;
    IOMemoryDescriptor *structureOutputDescriptor = nullptr;
    OSAction *completion = nullptr;

    ~KernelSide() { release(); }

    void release()
    {
        ::free(scalarInput);
        ::free(scalarOutput);
        scalarInput = scalarOutput = nullptr;
        OSSafeReleaseNULL(structureInput);
        OSSafeReleaseNULL(structureInputDescriptor);
        OSSafeReleaseNULL(structureOutputDescriptor);
        OSSafeReleaseNULL(completion);
    }
};

void NoOutputs(const CallBuffers &buffers)
{
    if (buffers.scalarOutputCount) *buffers.scalarOutputCount = 0;
    if (buffers.structOutputSize) *buffers.structOutputSize = 0;
}

} // namespace

int32_t CallMethod(uint64_t id, uint32_t selector, const uint64_t *asyncReference, uint32_t referenceCount, bool async,
                   const CallBuffers &buffers)
{
    Runtime &runtime = Runtime::get();
    uint32_t scalarCapacity = buffers.scalarOutputCount ? *buffers.scalarOutputCount : 0;
    uint64_t structCapacity = buffers.structOutputSize ? *buffers.structOutputSize : 0;
    NoOutputs(buffers);

    Connection *connection = nullptr;
    int32_t live = runtime.findLive(id, connection);
    if (live != kIOReturnSuccess) return live;
    /* IOConnectCallMethod fails in the app's process: MIG cannot carry more than 16 scalars. */
    if (buffers.scalarInputCount > DKSIM_MAX_SCALARS) return DKSIM_MIG_ARRAY_TOO_LARGE;
    if ((buffers.scalarInputCount && !buffers.scalarInput) || (buffers.structInputSize && !buffers.structInput) ||
        (scalarCapacity && !buffers.scalarOutput) || (structCapacity && !buffers.structOutput)) {
        SetLastError("a buffer pointer is null while its size is not 0");
        return kIOReturnBadArgument;
    }
    if (async && (asyncReference == nullptr || referenceCount == 0 || referenceCount > DKSIM_ASYNC_REF_COUNT)) {
        SetLastError("an async call needs 1 to 8 reference words");
        return kIOReturnBadArgument;
    }
    if (scalarCapacity > DKSIM_MAX_SCALARS) scalarCapacity = DKSIM_MAX_SCALARS;

    KernelSide side;
    IOUserClientMethodArguments arguments = {};
    arguments.version = kIOUserClientMethodArgumentsCurrentVersion;
    arguments.selector = selector;

    /* Never null, even for a count of 0: DriverKit hands the dext pointers into the message's
     * 16-entry scalar arrays (iig's IOUserClient::_ExternalMethod_Invoke passes
     * &__scalarInput[0] and &reply->__scalarOutput[0]), and dexts test the pointers. Exactly the
     * caller's counts (malloc(0) is a valid empty block), so a dext reading or writing past them is
     * caught by ASan (docs/driverkit-semantics.md §3). */
    side.scalarInput = (uint64_t *)malloc(sizeof(uint64_t) * buffers.scalarInputCount);
    if (buffers.scalarInputCount)
        memcpy(side.scalarInput, buffers.scalarInput, sizeof(uint64_t) * buffers.scalarInputCount);
    arguments.scalarInput = side.scalarInput;
    arguments.scalarInputCount = buffers.scalarInputCount;

    side.scalarOutput = scalarCapacity ? (uint64_t *)calloc(scalarCapacity, sizeof(uint64_t)) : (uint64_t *)malloc(0);
    arguments.scalarOutput = side.scalarOutput;
    arguments.scalarOutputCount = scalarCapacity;

    runtime.runAs(id, [&] {
        if (buffers.structInputSize > DKSIM_MAX_INBAND_STRUCT)
            side.structureInputDescriptor =
                IOMemoryDescriptor::dksimCreate(buffers.structInputSize, buffers.structInput, kIOMemoryDirectionOut);
        else if (buffers.structInputSize > 0)
            side.structureInput = OSData::withBytes(buffers.structInput, buffers.structInputSize);
        if (structCapacity > DKSIM_MAX_INBAND_STRUCT)
            side.structureOutputDescriptor =
                IOMemoryDescriptor::dksimCreate(structCapacity, nullptr, kIOMemoryDirectionIn);
        if (async) side.completion = CreateCompletionAction(id, asyncReference, referenceCount);
    });
    if ((buffers.structInputSize && !side.structureInput && !side.structureInputDescriptor) ||
        (structCapacity > DKSIM_MAX_INBAND_STRUCT && !side.structureOutputDescriptor)) {
        SetLastError("out of memory for the call's structures");
        return kIOReturnNoMemory;
    }
    arguments.structureInput = side.structureInput;
    arguments.structureInputDescriptor = side.structureInputDescriptor;
    arguments.structureOutputDescriptor = side.structureOutputDescriptor;
    arguments.structureOutputMaximumSize = structCapacity;
    arguments.completion = side.completion;

    IOUserClient *client = connection->client;
    client->retain();
    kern_return_t ret = kIOReturnSuccess;
    runtime.runAs(id, [&] {
        ret = client->ExternalMethod(selector, &arguments, nullptr, nullptr, nullptr);
        runtime.pump();
    });
    client->release();

    /* The reference the dext returned in structureOutput belongs to the kernel now. */
    OSData *structureOutput = arguments.structureOutput;
    arguments.structureOutput = nullptr;
    if (ret == kIOReturnSuccess) {
        if (structureOutput && structureOutput->getLength() > structCapacity) {
            /* The handler has run, but the caller's buffer cannot hold its output. */
            ret = kIOReturnBadArgument;
        } else {
            uint32_t returned =
                arguments.scalarOutputCount < scalarCapacity ? arguments.scalarOutputCount : scalarCapacity;
            if (returned) memcpy(buffers.scalarOutput, side.scalarOutput, sizeof(uint64_t) * returned);
            if (buffers.scalarOutputCount) *buffers.scalarOutputCount = returned;
            uint64_t size = 0;
            if (structureOutput) {
                size = structureOutput->getLength();
                if (size) memcpy(buffers.structOutput, structureOutput->getBytesNoCopy(), size);
            } else if (side.structureOutputDescriptor) {
                /* (inferred) An out-of-line output comes back whole: the caller's size is unchanged. */
                size = structCapacity;
                memcpy(buffers.structOutput, side.structureOutputDescriptor->dksimBytes(), size);
            }
            if (buffers.structOutputSize) *buffers.structOutputSize = size;
        }
    }
    runtime.runAs(id, [&] {
        OSSafeReleaseNULL(structureOutput);
        side.release();
        runtime.pump();
    });
    return ret;
}

} // namespace dksim
