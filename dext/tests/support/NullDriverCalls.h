/* The sample's selectors and the shapes its app uses, shared by the NullDriver and hardened tests. */
#ifndef DKSIM_TEST_NULLDRIVER_CALLS_H
#define DKSIM_TEST_NULLDRIVER_CALLS_H

#include "Dksim.h"

namespace dksimtest {

enum Selector : uint32_t {
    Scalar = 0,
    Struct = 1,
    CheckedScalar = 2,
    CheckedStruct = 3,
    RegisterAsyncCallback = 4,
    AsyncRequest = 5
};

inline std::vector<uint64_t> Counting(size_t count)
{
    std::vector<uint64_t> values(count);
    for (size_t k = 0; k < count; k++) values[k] = 10 * k;
    return values;
}

inline Shape ScalarShape(size_t in = 16, uint32_t out = 16) { return Shape{Counting(in), {}, out, 0}; }
inline Shape StructShape(size_t in = 16, uint64_t out = 16)
{
    std::vector<uint8_t> bytes = U64Bytes({40, 50});
    bytes.resize(in, 0);
    return Shape{{}, bytes, 0, out};
}
inline Shape DataShape(uint64_t foo, uint64_t bar, uint64_t out = 16)
{
    return Shape{{}, U64Bytes({foo, bar}), 0, out};
}

inline std::vector<uint64_t> AsyncReference(uint64_t refcon) { return {0, 0xcafe, refcon, 0, 0, 0, 0, 0}; }

} // namespace dksimtest

#endif
