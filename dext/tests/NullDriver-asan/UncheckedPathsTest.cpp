/* Under ASan, each unchecked path of the sample is a detected memory error, not silent corruption. */
#include "NullDriverCalls.h"

using namespace dksimtest;

namespace {

class UncheckedPaths : public DksimTest
{
protected:
    void SetUp() override
    {
        GTEST_FLAG_SET(death_test_style, "threadsafe");
        DksimTest::SetUp();
        connection = Open("NullDriver");
    }
    dksim_connection_t connection = 0;
};

TEST_F(UncheckedPaths, ShortStructInputIsAnOutOfBoundsRead)
{
    for (size_t in : {1, 8, 15})
        EXPECT_DEATH(Call(connection, Struct, StructShape(in, 16)), "heap-buffer-overflow.*\n.*READ") << in;
}

TEST_F(UncheckedPaths, OutputCapacityBetween4097And4103IsAnOutOfBoundsWrite)
{
    for (uint64_t out : {4097, 4100, 4103})
        EXPECT_DEATH(Call(connection, Struct, StructShape(16, out)), "heap-buffer-overflow.*\n.*WRITE") << out;
}

TEST_F(UncheckedPaths, TheSameSelectorIsFineWithTheShapesTheAppUses)
{
    EXPECT_EQ(kSuccess, Call(connection, Struct, StructShape(16, 16)).status);
    EXPECT_EQ(kSuccess, Call(connection, Struct, StructShape(16, 4104)).status);
    EXPECT_EQ(kSuccess, Call(connection, Scalar, ScalarShape(3, 16)).status);
}

} // namespace
