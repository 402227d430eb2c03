#include <DriverKit/IOUserClient.h>

#include "core/Access.h"
#include "core/Runtime.h"
#include "objects/ActionState.h"

DKSIM_CLASS_DEFINE_ABSTRACT(IOUserClient, IOService)

bool IOUserClient::init() { return IOService::init(); }

void IOUserClient::free() { IOService::free(); }

namespace {

/* A check field of kIOUserClientVariableStructureSize accepts any value. */
bool Mismatch(uint32_t check, uint64_t actual)
{
    return check != (uint32_t)kIOUserClientVariableStructureSize && (uint64_t)check != actual;
}

uint64_t StructureInputSize(const IOUserClientMethodArguments *arguments)
{
    if (arguments->structureInput) return arguments->structureInput->getLength();
    uint64_t length = 0;
    if (arguments->structureInputDescriptor) arguments->structureInputDescriptor->GetLength(&length);
    return length;
}

} // namespace

/*
 * The dispatch checks of DriverKit's IOUserClient::ExternalMethod, in the order of
 * docs/driverkit-semantics.md (DriverKit's own order is not public and no app can observe it, since
 * every mismatch gives the same code; xnu's kernel-side dispatchers check the counts and sizes in
 * this order and the completion last). Each mismatch is kIOReturnBadArgument and the function
 * never runs.
 */
kern_return_t IOUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments *arguments,
                                           const IOUserClientMethodDispatch *dispatch, OSObject *target,
                                           void *reference)
{
    /* Keyed by the app's selector: a dext may pass super another number, but a spec speaks of the app's. */
    dksim::Runtime &runtime = dksim::Runtime::get();
    runtime.dispatchRecord.record(runtime.currentConnection, arguments ? arguments->selector : selector, dispatch);
    /* (inferred) Without a dispatch entry there is nothing to call. */
    if (dispatch == nullptr) return kIOReturnUnsupported;
    if (arguments == nullptr) return kIOReturnBadArgument;

    if (dispatch->checkCompletionExists != (uint32_t)kIOUserClientVariableStructureSize) {
        bool required = dispatch->checkCompletionExists != 0;
        if (required != (arguments->completion != nullptr)) return kIOReturnBadArgument;
    }
    if (Mismatch(dispatch->checkScalarInputCount, arguments->scalarInputCount)) return kIOReturnBadArgument;
    if (Mismatch(dispatch->checkStructureInputSize, StructureInputSize(arguments))) return kIOReturnBadArgument;
    if (Mismatch(dispatch->checkScalarOutputCount, arguments->scalarOutputCount)) return kIOReturnBadArgument;
    /* (inferred) Compared with the caller's capacity, as xnu does for kernel user clients. */
    if (Mismatch(dispatch->checkStructureOutputSize, arguments->structureOutputMaximumSize))
        return kIOReturnBadArgument;

    /* (inferred) An entry without a function is a dext bug the app sees as kIOReturnNoCompletion. */
    if (dispatch->function == nullptr) return kIOReturnNoCompletion;
    return dispatch->function(target, reference, arguments);
}

void IOUserClient::AsyncCompletion(OSAction *action, IOReturn status, const IOUserClientAsyncArgumentsArray asyncData,
                                   uint32_t asyncDataCount, OSDispatchMethod)
{
    dksim::Runtime &runtime = dksim::Runtime::get();
    if (action == nullptr) {
        runtime.appendLog("dksim: AsyncCompletion with a null action: nothing sent");
        return;
    }
    dksim::ActionState &state = dksim::Access::action(action);
    if (!state.completion) {
        runtime.appendLog("dksim: AsyncCompletion with an action that is not an async call's completion: nothing sent");
        return;
    }
    /* (inferred) More than kIOUserClientAsyncArgumentsCountMax arguments cannot be encoded in the
     * notification message: nothing is sent (kIOReturnMessageTooLarge). */
    if (asyncDataCount > DKSIM_MAX_COMPLETION_ARGS) {
        runtime.appendLog("dksim: AsyncCompletion with " + std::to_string(asyncDataCount) +
                          " arguments (max 16): kIOReturnMessageTooLarge, nothing sent");
        return;
    }
    if (asyncDataCount > 0 && asyncData == nullptr) {
        runtime.appendLog("dksim: AsyncCompletion with a null argument array: nothing sent");
        return;
    }
    dksim::Connection *connection = runtime.findOpen(state.connection);
    if (connection == nullptr) {
        runtime.appendLog("dksim: AsyncCompletion after the connection closed: dropped");
        return;
    }
    if (connection->terminated) {
        runtime.appendLog("dksim: AsyncCompletion after the device was unplugged: dropped");
        return;
    }
    if (state.canceled) {
        runtime.appendLog("dksim: AsyncCompletion on a canceled action: dropped");
        return;
    }
    dksim_completion completion = {};
    completion.callback = state.asyncReference[1];
    completion.refcon = state.asyncReference[2];
    completion.status = status;
    completion.arg_count = asyncDataCount;
    for (uint32_t k = 0; k < asyncDataCount; k++) completion.args[k] = asyncData[k];
    completion.time_ns = runtime.now();
    connection->completions.push_back(completion);
    runtime.changed.notify_all();
}

kern_return_t IOUserClient::CopyClientMemoryForType(uint64_t type, uint64_t *options, IOMemoryDescriptor **memory,
                                                    OSDispatchMethod supermethod)
{
    return supermethod ? IOUserClient::CopyClientMemoryForType_Impl(type, options, memory)
                       : CopyClientMemoryForType_Impl(type, options, memory);
}

kern_return_t IOUserClient::CopyClientMemoryForType_Impl(uint64_t, uint64_t *, IOMemoryDescriptor **)
{
    return kIOReturnUnsupported;
}
