#include "Handlers.h"

#include "Limits.h"

#include <algorithm>
#include <cstring>
#include <dksim.h>
#include <memory>

namespace dexthost {

namespace {

/*
 * Every buffer handed to the dext is its own heap block of exactly the client's size, never a view
 * into the frame buffer: an ASan build must see a dext that reads or writes past the caller's
 * buffer as a heap-buffer-overflow, as it would in-process. Size 0 is passed as NULL, as the
 * in-process transport does for an empty span.
 */
template <class T>
std::unique_ptr<T[]> ExactBuffer(uint64_t count)
{
    return count == 0 ? nullptr : std::unique_ptr<T[]>(new T[count]());
}

struct CallRequest {
    uint64_t connection = 0;
    uint32_t selector = 0;
    std::vector<uint64_t> reference;
    std::vector<uint64_t> scalarInput;
    const uint8_t *structInput = nullptr;
    uint64_t structInputSize = 0;
    uint32_t scalarOutputCapacity = 0;
    uint64_t structOutputCapacity = 0;
};

bool ReadShape(PayloadReader &in, CallRequest &call)
{
    return in.Scalars(call.scalarInput, kMaxScalars, "scalar_input") &&
           in.Size(call.structInputSize, kMaxStructBytes, "struct_input_size") &&
           in.Bytes(call.structInput, call.structInputSize, "struct_input") &&
           in.Count(call.scalarOutputCapacity, kMaxScalars, "scalar_output_capacity") &&
           in.Size(call.structOutputCapacity, kMaxStructBytes, "struct_output_capacity") && in.Finish();
}

bool Run(const CallRequest &call, bool async, Answer &answer)
{
    auto scalarsIn = ExactBuffer<uint64_t>(call.scalarInput.size());
    std::copy(call.scalarInput.begin(), call.scalarInput.end(), scalarsIn.get());
    auto bytesIn = ExactBuffer<uint8_t>(call.structInputSize);
    if (call.structInputSize != 0) std::memcpy(bytesIn.get(), call.structInput, call.structInputSize);
    auto scalarsOut = ExactBuffer<uint64_t>(call.scalarOutputCapacity);
    auto bytesOut = ExactBuffer<uint8_t>(call.structOutputCapacity);
    auto reference = ExactBuffer<uint64_t>(call.reference.size());
    std::copy(call.reference.begin(), call.reference.end(), reference.get());

    uint32_t scalarCount = call.scalarOutputCapacity;
    uint64_t structSize = call.structOutputCapacity;
    auto scalarInputCount = static_cast<uint32_t>(call.scalarInput.size());
    answer.status =
        async ? dksim_call_async_method(call.connection, call.selector, reference.get(),
                                        static_cast<uint32_t>(call.reference.size()), scalarsIn.get(), scalarInputCount,
                                        bytesIn.get(), call.structInputSize, scalarsOut.get(), &scalarCount,
                                        bytesOut.get(), &structSize)
              : dksim_call_method(call.connection, call.selector, scalarsIn.get(), scalarInputCount, bytesIn.get(),
                                  call.structInputSize, scalarsOut.get(), &scalarCount, bytesOut.get(), &structSize);

    // The counts are reported as dksim set them; only what fits the client's capacity is sent.
    answer.payload.U32(scalarCount);
    for (uint32_t k = 0; k < std::min(scalarCount, call.scalarOutputCapacity); k++) answer.payload.U64(scalarsOut[k]);
    answer.payload.U64(structSize);
    answer.payload.Bytes(bytesOut.get(), static_cast<size_t>(std::min(structSize, call.structOutputCapacity)));
    return true;
}

} // namespace

bool HandleCallMethod(PayloadReader &in, Answer &answer)
{
    CallRequest call;
    if (!in.U64(call.connection, "connection") || !in.U32(call.selector, "selector") || !ReadShape(in, call))
        return false;
    return Run(call, false, answer);
}

bool HandleCallAsyncMethod(PayloadReader &in, Answer &answer)
{
    CallRequest call;
    if (!in.U64(call.connection, "connection") || !in.U32(call.selector, "selector") ||
        !in.Scalars(call.reference, DKSIM_ASYNC_REF_COUNT, "reference") || !ReadShape(in, call))
        return false;
    return Run(call, true, answer);
}

} // namespace dexthost
