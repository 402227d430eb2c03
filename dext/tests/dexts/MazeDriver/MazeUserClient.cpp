//
//  MazeUserClient.cpp
//  MazeDriver
//
//  A condition that only the dext's own branches can lead a fuzzer to. Selector 0 (Increment)
//  takes any call shape and returns each input scalar plus one — in every call, whatever the hidden
//  stage in the instance variables. The stage moves on only when consecutive calls pass exactly
//  the secret sequence of scalar counts (kMazeLength calls, see AdvanceStage) and falls back to
//  0 on any other count. The call that completes the sequence returns each scalar plus TWO: a
//  dispatch.accept violation (output-value), the one bug this dext has.
//
//  From the harness's side every call of the maze looks like any other well-shaped Increment:
//  same return, same outputs, same code path in the runner and the oracle. Only the dext's
//  SanitizerCoverage edges change when a stage is reached, one new edge per stage, so a fuzzer
//  that sees them can climb the maze a stage at a time; one that does not must guess the whole
//  sequence at once (about 1 in 24^kMazeLength for random count operands).
//

#include <os/log.h>

#include <DriverKit/IOLib.h>
#include <DriverKit/IOUserClient.h>

#include "MazeUserClient.h"

#define Log(fmt, ...) os_log(OS_LOG_DEFAULT, "MazeDriver - " fmt "\n", ##__VA_ARGS__)

typedef enum
{
    ExternalMethodType_Increment = 0,
    NumberOfExternalMethods // Keep last.
} ExternalMethodType;

// The number of calls in the secret sequence; AdvanceStage spells out each one.
static const uint32_t kMazeLength = 5;

// Every shape is accepted (IOKit itself still stops more than 16 input scalars): any call of
// selector 0 reaches the handler, so each step of the maze is one call with the right count, not
// also a well-formed call. That keeps the climb short for a fuzzer that sees the stages, and
// changes nothing for one that does not (it still has to guess the counts in order).
const IOUserClientMethodDispatch externalMethodChecks[NumberOfExternalMethods] = {
    [ExternalMethodType_Increment] =
    {
        .function = (IOUserClientMethodFunction) &MazeUserClient::StaticHandleIncrement,
        .checkCompletionExists = kIOUserClientVariableStructureSize,
        .checkScalarInputCount = kIOUserClientVariableStructureSize,
        .checkStructureInputSize = kIOUserClientVariableStructureSize,
        .checkScalarOutputCount = kIOUserClientVariableStructureSize,
        .checkStructureOutputSize = kIOUserClientVariableStructureSize,
    },
};

struct MazeUserClient_IVars
{
    uint32_t stage = 0; // calls of the secret sequence passed so far, 0..kMazeLength-1
};

bool MazeUserClient::init()
{
    if (!super::init())
    {
        return false;
    }

    ivars = IONewZero(MazeUserClient_IVars, 1);
    return ivars != nullptr;
}

void MazeUserClient::free()
{
    IOSafeDeleteNULL(ivars, MazeUserClient_IVars, 1);
    super::free();
}

kern_return_t MazeUserClient::ExternalMethod(uint64_t selector, IOUserClientMethodArguments* arguments, const IOUserClientMethodDispatch* dispatch, OSObject* target, void* reference)
{
    if (selector >= NumberOfExternalMethods)
    {
        return super::ExternalMethod(selector, arguments, nullptr, nullptr, nullptr);
    }

    return super::ExternalMethod(selector, arguments, &externalMethodChecks[selector], this, reference);
}

kern_return_t MazeUserClient::StaticHandleIncrement(OSObject* target, void* reference, IOUserClientMethodArguments* arguments)
{
    MazeUserClient* self = OSDynamicCast(MazeUserClient, target);
    if (self == nullptr || arguments == nullptr)
    {
        return kIOReturnError;
    }

    return self->HandleIncrement(arguments);
}

// One branch per stage, each with its own log line. Written as a lookup
// (count == secret[stage]) it would compile to a single edge for every stage, and native coverage
// would show the fuzzer no progress either; the log calls keep the compiler from merging the
// branches into a select.
bool MazeUserClient::AdvanceStage(uint32_t scalarCount)
{
    static_assert(kMazeLength == 5, "AdvanceStage spells out five stages");

    switch (ivars->stage)
    {
    case 0:
        if (scalarCount == 3)
        {
            ivars->stage = 1;
            Log("maze: stage 1");
            return false;
        }
        break;
    case 1:
        if (scalarCount == 11)
        {
            ivars->stage = 2;
            Log("maze: stage 2");
            return false;
        }
        break;
    case 2:
        if (scalarCount == 7)
        {
            ivars->stage = 3;
            Log("maze: stage 3");
            return false;
        }
        break;
    case 3:
        if (scalarCount == 14)
        {
            ivars->stage = 4;
            Log("maze: stage 4");
            return false;
        }
        break;
    case 4:
        if (scalarCount == 5)
        {
            ivars->stage = 0;
            Log("maze: through");
            return true;
        }
        break;
    default:
        break;
    }

    ivars->stage = 0;
    return false;
}

kern_return_t MazeUserClient::HandleIncrement(IOUserClientMethodArguments* arguments)
{
    uint32_t inputs = arguments->scalarInputCount;
    uint32_t outputs = arguments->scalarOutputCount < inputs ? arguments->scalarOutputCount : inputs;

    if (outputs > 0 && (arguments->scalarInput == nullptr || arguments->scalarOutput == nullptr))
    {
        return kIOReturnBadArgument;
    }

    // The planted bug: the call that completes the maze adds two.
    uint64_t increment = AdvanceStage(inputs) ? 2 : 1;

    for (uint32_t index = 0; index < outputs; ++index)
    {
        arguments->scalarOutput[index] = arguments->scalarInput[index] + increment;
    }
    arguments->scalarOutputCount = outputs;

    return kIOReturnSuccess;
}
