/* Under ASan each planted bug of UsbVendorDriver is a detected memory error, reached the way it
 * can be: from the app alone, only through device data, only by an unplug during a read. */
#include "../usb/UsbVendor.h"

using namespace usbtest;

namespace {

class UsbPlantedBugs : public UsbTest
{
protected:
    void SetUp() override
    {
        GTEST_FLAG_SET(death_test_style, "threadsafe");
        UsbTest::SetUp();
        connection = OpenClient();
    }
    dksim_connection_t connection = 0;
};

TEST_F(UsbPlantedBugs, AStructInputOver64BytesOverflowsTheOutBuffer)
{
    EXPECT_DEATH(Call(connection, BulkWrite, Shape{{}, std::vector<uint8_t>(65, 1), 1, 0}),
                 "heap-buffer-overflow.*\n.*WRITE");
    EXPECT_EQ(kSuccess, Call(connection, BulkWrite, Shape{{}, std::vector<uint8_t>(64, 1), 1, 0}).status);
}

TEST_F(UsbPlantedBugs, ARecordCountOver16FromTheDeviceOverflowsTheStatusBlock)
{
    std::vector<uint8_t> answer(20, 0);
    answer[0] = 16;
    ASSERT_EQ(kSuccess, Feed(Transfer(answer)));
    EXPECT_EQ(kSuccess, Call(connection, VendorRead, Shape{{0}, {}, 2, 0}).status) << "16 records fit";
    answer[0] = 17;
    ASSERT_EQ(kSuccess, Feed(Transfer(answer)));
    EXPECT_DEATH(Call(connection, VendorRead, Shape{{0}, {}, 2, 0}), "heap-buffer-overflow");
}

TEST_F(UsbPlantedBugs, UnplugDuringAnInterruptReadReleasesItsBufferTwice)
{
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncInterruptRead).status);
    /* The second release goes through the freed object's vtable: UBSan's vptr check sees it before
     * ASan's use-after-free report does. */
    EXPECT_DEATH(dksim_device_unplug(), "heap-use-after-free|invalid vptr");
}

TEST_F(UsbPlantedBugs, AnAbortedInterruptReadIsNotTheBug)
{
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncInterruptRead).status);
    ASSERT_EQ(kSuccess, Call(connection, AbortReads, Shape{}).status);
    ASSERT_EQ(1u, Take(connection).size());
    EXPECT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(kSuccess, dksim_device_unplug());
}

} // namespace
