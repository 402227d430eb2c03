/* Fixture for the container tests: the runtime linked in directly, object counts read through the
 * same C ABI the harness's objects.balance rule uses (dksim_live_objects). */
#ifndef DKSIM_COLLECTIONS_TEST_SUPPORT_H
#define DKSIM_COLLECTIONS_TEST_SUPPORT_H

#include <DriverKit/DriverKit.h>
#include <dksim.h>
#include <gtest/gtest.h>

#include <string>

namespace collectionstest {

/* Each test starts with every counter at zero and must end there unless it says otherwise. */
class Collections : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_EQ(0, dksim_reset()); }
    void TearDown() override
    {
        if (checkBalance_) EXPECT_EQ("", LiveText()) << "objects left alive by the test";
    }

    static int64_t Live(const char *className) { return dksim_live_objects(className); }
    static std::string LiveText()
    {
        std::string text(dksim_live_objects_text(nullptr, 0) + 1, '\0');
        text.resize(dksim_live_objects_text(&text[0], text.size()));
        return text;
    }
    static uint32_t RetainCount(const OSObject *object) { return object->dksimRetainCount(); }

    bool checkBalance_ = true;
};

} // namespace collectionstest

#endif
