/* A surprise removal under PciBarDriver: the client is terminated, the driver's reads in its Stop see
 * all ones, no interrupt arrives, and a DMA the client still had prepared is reported. */
#include "PciSupport.h"

using namespace dksimtest;

namespace {

TEST_F(PciBar, UnplugTerminatesTheClientAndReadsAllOnes)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Call(connection, kRegisterInterruptCallback, Shape{}, &reference).status);
    ASSERT_EQ(kSuccess, dksim_device_unplug()) << dksim_last_error();
    EXPECT_EQ(kNotAttached, Read(connection, 0).status);
    EXPECT_EQ(kNoDevice, dksim_device_interrupt(0));
    EXPECT_TRUE(Take(connection).empty()) << "the registered callback is never completed";
    EXPECT_NE(std::string::npos, ReadLog(0).find("the device is gone (ID register reads 0xffffffff)")) << ReadLog(0);
    EXPECT_EQ(kSuccess, dksim_close(connection));
    EXPECT_TRUE(Violations().empty()) << "touching a removed device in Stop is not IO after Stop";
    uint32_t count = 7;
    ASSERT_EQ(kSuccess, dksim_count_matching("PciBarDriver", &count));
    EXPECT_EQ(0u, count) << "the service was stopped and no longer matches";
}

TEST_F(PciBar, UnplugWithADmaPreparedReportsTheImbalance)
{
    dksim_connection_t connection = OpenClient();
    ASSERT_EQ(kSuccess, Call(connection, kStartDMA, Shape{{64}, {}, 2, 0}).status);
    ASSERT_EQ(kSuccess, dksim_device_unplug());
    std::vector<dksim_violation> violations = Violations();
    ASSERT_EQ(1u, violations.size());
    EXPECT_STREQ("device.dma-balance", violations[0].rule);
    EXPECT_EQ(kSuccess, dksim_close(connection));
}

TEST_F(PciBar, AResetPlugsTheDeviceBackIn)
{
    ASSERT_EQ(kSuccess, dksim_device_unplug());
    ASSERT_EQ(kSuccess, dksim_reset());
    ASSERT_EQ(kSuccess, dksim_boot());
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(0x00421b36u, Config(connection, 0));
    EXPECT_EQ(0u, Read(connection, 0).scalars.at(0));
}

} // namespace
