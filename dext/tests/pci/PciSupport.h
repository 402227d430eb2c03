/* PciBarDriver's selectors and memory types as its app calls them (dexts/PciBarDriver/PciBarRegisters.h),
 * and a fixture that boots it on the default device or on a described one. */
#ifndef DKSIM_PCI_SUPPORT_H
#define DKSIM_PCI_SUPPORT_H

#include "Dksim.h"

#include <string.h>

namespace dksimtest {

constexpr int32_t kNotAttached = (int32_t)0xe00002d9;
constexpr int32_t kNotWritable = (int32_t)0xe00002cf;
constexpr int32_t kBusy = (int32_t)0xe00002d5;
constexpr int32_t kNotFound = (int32_t)0xe00002f0;

enum : uint32_t {
    kReadRegister = 0,
    kWriteRegister = 1,
    kStartDMA = 2,
    kCompleteDMA = 3,
    kRegisterInterruptCallback = 4,
    kReadEvent = 5,
    kReadConfig = 6,
};
constexpr uint32_t kBar0 = 0;
constexpr uint32_t kDmaBuffer = 1;

class PciBar : public DksimTest
{
protected:
    void TearDown() override
    {
        dksim_reset();
        dksim_set_device(nullptr); /* the description outlives reset: the next test gets the default */
    }

    /* Boots again on a described device (docs/devices.md, "PCI"). */
    void Describe(const std::string &dictBody)
    {
        ASSERT_EQ(kSuccess, dksim_reset());
        std::string plist = "<plist version=\"1.0\"><dict>" + dictBody + "</dict></plist>";
        ASSERT_EQ(kSuccess, dksim_set_device(plist.c_str())) << dksim_last_error();
        ASSERT_EQ(kSuccess, dksim_boot()) << dksim_last_error();
    }

    dksim_connection_t OpenClient() { return Open("PciBarDriver", {"com.example.PciBarDriver"}); }

    CallOutcome Read(dksim_connection_t connection, uint64_t offset)
    {
        return Call(connection, kReadRegister, Shape{{offset}, {}, 1, 0});
    }
    int32_t Write(dksim_connection_t connection, uint64_t offset, uint64_t value)
    {
        return Call(connection, kWriteRegister, Shape{{offset, value}, {}, 0, 0}).status;
    }
    uint64_t Config(dksim_connection_t connection, uint64_t offset)
    {
        CallOutcome outcome = Call(connection, kReadConfig, Shape{{offset}, {}, 1, 0});
        EXPECT_EQ(kSuccess, outcome.status);
        return outcome.scalars.empty() ? 0 : outcome.scalars[0];
    }
    void Feed(std::initializer_list<uint8_t> bytes)
    {
        std::vector<uint8_t> data(bytes);
        ASSERT_EQ(kSuccess, dksim_device_feed(data.data(), data.size()));
    }
    std::vector<dksim_violation> Violations(std::vector<std::string> *messages = nullptr)
    {
        std::vector<dksim_violation> all;
        dksim_violation violation;
        char message[512];
        while (dksim_take_violation(&violation, message, sizeof message) == kSuccess) {
            all.push_back(violation);
            if (messages) messages->push_back(message);
        }
        return all;
    }

    std::vector<uint64_t> reference{0, 0x1111, 0x2222};
};

} // namespace dksimtest

#endif
