/* UsbVendorDriver on the default device (made from its personality's keys): boot, control and bulk
 * transfers fed by the device data, waiting, abort, unplug. */
#include "UsbVendor.h"

using namespace usbtest;

namespace {

TEST_F(UsbTest, BootsOnTheDeviceItsPersonalityMatches)
{
    uint32_t count = 0;
    ASSERT_EQ(kSuccess, dksim_count_matching(kService, &count));
    EXPECT_EQ(1u, count);
    EXPECT_EQ(3, dksim_live_objects("IOUSBHostPipe")) << "the driver's three pipes are counted like any object";
    dksim_connection_t connection = OpenClient();
    CallOutcome info = Call(connection, DeviceInfo, Shape{{}, {}, 4, 0});
    ASSERT_EQ(kSuccess, info.status);
    EXPECT_EQ((std::vector<uint64_t>{0x1209, 0xb000, 512, 0x0200}), info.scalars)
        << "the personality's ids, a high-speed bulk IN";
    EXPECT_EQ(kSuccess, dksim_close(connection));
    EXPECT_NE(std::string::npos, ReadLog(0).find("device at locationID 0x14100000: Simulated USB Device"))
        << "the interface's registry properties, and the device's up the provider chain: " << ReadLog(0);
}

TEST_F(UsbTest, AVendorControlReadIsAnsweredFromTheDeviceData)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Feed(Transfer({3, 0xa, 0xb, 0xc})));
    CallOutcome read = Call(connection, VendorRead, Shape{{7}, {}, 2, 0});
    ASSERT_EQ(kSuccess, read.status);
    EXPECT_EQ((std::vector<uint64_t>{4, 3}), read.scalars);
}

TEST_F(UsbTest, AControlReadWithoutDeviceDataTimesOutAtOnce)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kTimeout, Call(connection, VendorRead, Shape{{7}, {}, 2, 0}).status);
}

TEST_F(UsbTest, ABulkWriteSendsEveryByte)
{
    dksim_connection_t connection = OpenClient();
    CallOutcome write = Call(connection, BulkWrite, Shape{{}, std::vector<uint8_t>(40, 0x5a), 1, 0});
    ASSERT_EQ(kSuccess, write.status);
    EXPECT_EQ((std::vector<uint64_t>{40}), write.scalars);
}

TEST_F(UsbTest, CheckedSelectorsRefuseOtherShapes)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kBadArgument, Call(connection, VendorRead, Shape{{}, {}, 2, 0}).status);
    EXPECT_EQ(kBadArgument, Call(connection, AsyncBulkRead, Shape{}).status) << "no completion";
    EXPECT_EQ(kBadArgument, Call(connection, DeviceInfo, Shape{{1}, {}, 4, 0}).status);
    EXPECT_EQ(kUnsupported, Call(connection, 6, Shape{}).status);
}

TEST_F(UsbTest, AnInReadWaitsUntilTheDeviceSendsData)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status);
    EXPECT_TRUE(Take(connection).empty()) << "no data: the device NAKs";
    EXPECT_EQ(kBusy, StartRead(connection, AsyncBulkRead).status) << "one read at a time";
    ASSERT_EQ(kSuccess, Feed({5})) << "half a length is not a transfer yet";
    EXPECT_TRUE(Take(connection).empty());
    ASSERT_EQ(kSuccess, Feed({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    std::vector<dksim_completion> done = Take(connection);
    ASSERT_EQ(1u, done.size());
    EXPECT_EQ(kSuccess, done[0].status);
    EXPECT_EQ(0x2000u, done[0].refcon);
    ASSERT_EQ(2u, done[0].arg_count);
    EXPECT_EQ(5u, done[0].args[0]) << "the length the device sent";
    EXPECT_EQ(0x0504030201ull, done[0].args[1]);
}

TEST_F(UsbTest, DataAlreadyWaitingCompletesTheReadAndIsClampedToIt)
{
    dksim_connection_t connection = OpenClient();
    std::vector<uint8_t> data = {200, 0}; /* more than the 64-byte read asks for */
    data.resize(2 + 200, 0x11);
    ASSERT_EQ(kSuccess, Feed(data));
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status);
    std::vector<dksim_completion> done = Take(connection);
    ASSERT_EQ(1u, done.size());
    EXPECT_EQ(64u, done[0].args[0]);
}

TEST_F(UsbTest, AbortCompletesThePendingReadsWithAborted)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status);
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncInterruptRead).status);
    ASSERT_EQ(kSuccess, Call(connection, AbortReads, Shape{}).status);
    std::vector<dksim_completion> done = Take(connection);
    ASSERT_EQ(2u, done.size());
    EXPECT_EQ(kAborted, done[0].status);
    EXPECT_EQ(kAborted, done[1].status);
    EXPECT_EQ(0u, dksim_violation_count());
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status) << "a new read after the abort";
    ASSERT_EQ(kSuccess, Feed(Transfer({9})));
    ASSERT_EQ(1u, Take(connection).size());
}

TEST_F(UsbTest, ClosingWithAReadInFlightLeavesNothingBehind)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status);
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncInterruptRead).status);
    EXPECT_EQ(kSuccess, dksim_close(connection));
    EXPECT_EQ(0, dksim_live_objects("UsbVendorUserClient"));
    EXPECT_EQ(0, dksim_live_objects("IOBufferMemoryDescriptor"));
    EXPECT_EQ(0u, dksim_violation_count());
}

TEST_F(UsbTest, UnplugFailsTheReadTerminatesTheClientAndTheRetryIsAViolation)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, StartRead(connection, AsyncBulkRead).status);
    ASSERT_EQ(kSuccess, dksim_device_unplug());
    std::vector<dksim_completion> done = Take(connection);
    ASSERT_EQ(1u, done.size());
    EXPECT_EQ(kAborted, done[0].status) << "the read in flight fails with kIOReturnAborted";
    std::vector<std::string> violations = TakeViolations();
    ASSERT_EQ(1u, violations.size());
    EXPECT_NE(std::string::npos, violations[0].find("device.io-after-stop: IOUSBHostPipe::AsyncIO started after the "
                                                    "device was unplugged"))
        << violations[0];
    EXPECT_EQ(kNotAttached, Call(connection, DeviceInfo, Shape{{}, {}, 4, 0}).status);
    EXPECT_EQ(kSuccess, dksim_close(connection));
    uint32_t count = 1;
    ASSERT_EQ(kSuccess, dksim_count_matching(kService, &count));
    EXPECT_EQ(0u, count) << "the driver was stopped";
    EXPECT_EQ(0, dksim_live_objects("UsbVendorDriver"));
    EXPECT_EQ(0, dksim_live_objects("IOUSBHostPipe"));
}

TEST_F(UsbTest, UnplugWithoutReadsIsClean)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, dksim_device_unplug());
    EXPECT_EQ(0u, dksim_violation_count());
    EXPECT_EQ(kNotAttached, Call(connection, AbortReads, Shape{}).status);
    EXPECT_EQ(kNoDevice, dksim_device_unplug());
}

TEST_F(UsbTest, AResetPlugsTheDeviceBackIn)
{
    ASSERT_EQ(kSuccess, dksim_device_unplug());
    ASSERT_EQ(kSuccess, dksim_reset());
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kSuccess, Call(connection, DeviceInfo, Shape{{}, {}, 4, 0}).status);
}

} // namespace
