/* Test helpers over the dksim C ABI: a freshly booted system per test and calls with vectors. */
#ifndef DKSIM_TEST_SUPPORT_H
#define DKSIM_TEST_SUPPORT_H

#include <dksim.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dksimtest {

constexpr int32_t kSuccess = 0;
constexpr int32_t kError = (int32_t)0xe00002bc;
constexpr int32_t kBadArgument = (int32_t)0xe00002c2;
constexpr int32_t kUnsupported = (int32_t)0xe00002c7;
constexpr int32_t kNoDevice = (int32_t)0xe00002c0;
constexpr int32_t kNotOpen = (int32_t)0xe00002cd;
constexpr int32_t kTimeout = (int32_t)0xe00002d6;
constexpr int32_t kNotReady = (int32_t)0xe00002d8;
constexpr int32_t kNotPermitted = (int32_t)0xe00002e2;
constexpr int32_t kNoCompletion = (int32_t)0xe00002ea;
constexpr uint64_t kSecond = 1000000000ull;

struct CallOutcome {
    int32_t status = 0;
    std::vector<uint64_t> scalars;
    std::vector<uint8_t> bytes;
};

struct Shape {
    std::vector<uint64_t> scalarsIn;
    std::vector<uint8_t> bytesIn;
    uint32_t scalarCapacity = 0;
    uint64_t structCapacity = 0;
};

inline CallOutcome Call(dksim_connection_t connection, uint32_t selector, const Shape &shape,
                        const std::vector<uint64_t> *asyncReference = nullptr)
{
    CallOutcome outcome;
    std::vector<uint64_t> scalars(shape.scalarCapacity + 1, 0xdead);
    std::vector<uint8_t> bytes(shape.structCapacity + 1, 0xee);
    uint32_t scalarCount = shape.scalarCapacity;
    uint64_t structSize = shape.structCapacity;
    if (asyncReference)
        outcome.status =
            dksim_call_async_method(connection, selector, asyncReference->data(), (uint32_t)asyncReference->size(),
                                    shape.scalarsIn.data(), (uint32_t)shape.scalarsIn.size(), shape.bytesIn.data(),
                                    shape.bytesIn.size(), scalars.data(), &scalarCount, bytes.data(), &structSize);
    else
        outcome.status = dksim_call_method(connection, selector, shape.scalarsIn.data(),
                                           (uint32_t)shape.scalarsIn.size(), shape.bytesIn.data(), shape.bytesIn.size(),
                                           scalars.data(), &scalarCount, bytes.data(), &structSize);
    outcome.scalars.assign(scalars.begin(), scalars.begin() + scalarCount);
    outcome.bytes.assign(bytes.begin(), bytes.begin() + structSize);
    return outcome;
}

inline std::vector<uint8_t> U64Bytes(std::initializer_list<uint64_t> values)
{
    std::vector<uint8_t> bytes(values.size() * 8);
    size_t k = 0;
    for (uint64_t value : values) memcpy(&bytes[8 * k++], &value, 8);
    return bytes;
}

inline uint64_t U64At(const std::vector<uint8_t> &bytes, size_t index)
{
    uint64_t value = 0;
    memcpy(&value, &bytes.at(8 * index + 7) - 7, 8);
    return value;
}

inline std::vector<dksim_completion> Take(dksim_connection_t connection)
{
    std::vector<dksim_completion> all(64);
    uint32_t count = 0;
    EXPECT_EQ(kSuccess, dksim_take_completions(connection, all.data(), (uint32_t)all.size(), &count));
    all.resize(count);
    return all;
}

inline std::string ReadLog(dksim_connection_t connection)
{
    std::string text(dksim_read_log(connection, nullptr, 0) + 1, '\0');
    uint64_t length = dksim_read_log(connection, &text[0], text.size());
    text.resize(length);
    return text;
}

/* Every test starts from a freshly booted system on the virtual clock. */
class DksimTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_EQ(kSuccess, dksim_reset());
        ASSERT_EQ(kSuccess, dksim_boot()) << dksim_last_error();
    }
    void TearDown() override { dksim_reset(); }

    dksim_connection_t Open(const char *service, std::vector<const char *> access = {})
    {
        dksim_connection_t connection = 0;
        int32_t status = dksim_open(service, 0, access.data(), (uint32_t)access.size(), &connection);
        EXPECT_EQ(kSuccess, status) << dksim_last_error();
        return connection;
    }
};

} // namespace dksimtest

#endif
