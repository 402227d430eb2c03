/* The planted overflows of PciBarDriver under ASan: one the app reaches with a register offset, one
 * only a device reaches with the slot it returns. (The DMA imbalance is PciBarDriverTest's.) */
#include "PciSupport.h"

using namespace dksimtest;

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
TEST_F(PciBar, AWriteBeyondTheShadowIsAHeapOverflowTheAppReaches)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kSuccess, Write(connection, 0xFC, 1)) << "the last shadowed register is fine";
    EXPECT_DEATH(Write(connection, 0x100, 1), "heap-buffer-overflow.*\n.*WRITE");
}

TEST_F(PciBar, ADeviceSlotBeyondTheTableIsAHeapOverflowOnlyDeviceDataReaches)
{
    dksim_connection_t connection = OpenClient();
    EXPECT_EQ(kSuccess, Write(connection, 0x24, 16)) << "ignored: the app cannot set the slot";
    EXPECT_EQ(0xE000u, Call(connection, kReadEvent, Shape{{}, {}, 1, 0}).scalars.at(0));
    Feed({16, 0, 0, 0});
    EXPECT_DEATH(Call(connection, kReadEvent, Shape{{}, {}, 1, 0}), "heap-buffer-overflow.*\n.*READ");
}
#endif
#endif

} // namespace
