/*
 * IOUserClient (iokit/DriverKit/IOUserClient.iig): a connection opened by IOServiceOpen. Calls from
 * the app arrive in ExternalMethod; the default implementation checks the arguments against an
 * IOUserClientMethodDispatch entry and calls its function.
 */
#ifndef DKSIM_DRIVERKIT_IOUSERCLIENT_H
#define DKSIM_DRIVERKIT_IOUSERCLIENT_H

#include <DriverKit/OSAction.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/OSData.h>

enum {
    kIOUserClientScalarArrayCountMax = 16,
};
typedef uint64_t IOUserClientScalarArray[kIOUserClientScalarArrayCountMax];

enum {
    kIOUserClientAsyncReferenceCountMax = 16,
};
typedef uint64_t IOUserClientAsyncReferenceArray[kIOUserClientAsyncReferenceCountMax];

enum {
    kIOUserClientAsyncArgumentsCountMax = 16,
};
typedef uint64_t IOUserClientAsyncArgumentsArray[kIOUserClientAsyncArgumentsCountMax];

enum {
    kIOUserClientMemoryReadOnly = 0x00000001,
};

#define kIOUserClientQueueNameExternalMethod "IOUserClientQueueExternalMethod"

enum { kIOUserClientVariableStructureSize = 0xffffffff };

enum {
#define IO_USER_CLIENT_METHOD_ARGUMENTS_CURRENT_VERSION 2
    kIOUserClientMethodArgumentsCurrentVersion = IO_USER_CLIENT_METHOD_ARGUMENTS_CURRENT_VERSION
};

struct IOUserClientMethodArguments {
    uint64_t version;
    uint64_t selector;
    OSAction *completion;
    const uint64_t *scalarInput;
    uint32_t scalarInputCount;
    OSData *structureInput;
    IOMemoryDescriptor *structureInputDescriptor;
    uint64_t *scalarOutput;
    uint32_t scalarOutputCount;
    OSData *structureOutput;
    IOMemoryDescriptor *structureOutputDescriptor;
    uint64_t structureOutputMaximumSize;
    uint64_t __reserved[30];
};

typedef kern_return_t (*IOUserClientMethodFunction)(OSObject *target, void *reference,
                                                    IOUserClientMethodArguments *arguments);

struct IOUserClientMethodDispatch {
    IOUserClientMethodFunction function;
    uint32_t checkCompletionExists;
    uint32_t checkScalarInputCount;
    uint32_t checkStructureInputSize;
    uint32_t checkScalarOutputCount;
    uint32_t checkStructureOutputSize;
};

#define IOUserClient_AsyncCompletion_Args \
    OSAction *action, IOReturn status, const unsigned long long *asyncData, uint32_t asyncDataCount
#define IOUserClient_CopyClientMemoryForType_Args uint64_t type, uint64_t *options, IOMemoryDescriptor **memory

class IOUserClient : public IOService
{
    DKSIM_CLASS_DECLARE(IOUserClient, IOService)

public:
    bool init() override;
    void free() override;

    /* dispatch is NULL when the kernel calls; a subclass passes its table entry to super. */
    virtual kern_return_t ExternalMethod(uint64_t selector, IOUserClientMethodArguments *arguments,
                                         const IOUserClientMethodDispatch *dispatch, OSObject *target, void *reference);

    /* Sends status and up to 16 arguments to the app's callback of the async call that created action. */
    void AsyncCompletion(OSAction *action, IOReturn status, const IOUserClientAsyncArgumentsArray asyncData,
                         uint32_t asyncDataCount, OSDispatchMethod supermethod = nullptr);

    kern_return_t CopyClientMemoryForType(uint64_t type, uint64_t *options, IOMemoryDescriptor **memory,
                                          OSDispatchMethod supermethod = nullptr);

protected:
    virtual kern_return_t CopyClientMemoryForType_Impl(IOUserClient_CopyClientMemoryForType_Args);
};

#endif
