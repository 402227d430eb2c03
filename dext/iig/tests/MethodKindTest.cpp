#include <gtest/gtest.h>

#include "FileParser.h"
#include "MethodKinds.h"

namespace {

using dkiig::MethodKind;

dkiig::ClassDecl parseOneClass(const std::string &members)
{
    dkiig::IigFile file = dkiig::parseIigFile("class C : public IOUserClient\n{\n" + members + "\n};\n");
    dkiig::ClassDecl cls = std::get<dkiig::ClassDecl>(file.items.at(0));
    dkiig::assignMethodKinds(cls);
    return cls;
}

TEST(MethodKinds, LocalOnlyBaseMethodsStaticAndLocalOnlyAreLocal)
{
    dkiig::ClassDecl cls = parseOneClass(
        "public:\n"
        "virtual bool init() override;\n"
        "virtual void free() override;\n"
        "virtual kern_return_t ExternalMethod(uint64_t selector, IOUserClientMethodArguments *arguments,"
        " const IOUserClientMethodDispatch *dispatch, OSObject *target, void *reference) override;\n"
        "static kern_return_t Handler(OSObject *target, void *reference, IOUserClientMethodArguments *arguments);\n"
        "void Log(int level) LOCALONLY;\n");
    for (const dkiig::Method &m : cls.methods) EXPECT_EQ(MethodKind::Local, m.kind) << m.name;
}

TEST(MethodKinds, HidDriverKitLocalOnlyOverridesAreLocal)
{
    /* As a virtual HID dext's .iig declares them: IOUserHIDDevice.iig and IOHIDDevice.iig mark the
     * base methods LOCALONLY, the overrides usually do not. */
    dkiig::ClassDecl cls = parseOneClass(
        "public:\n"
        "virtual bool handleStart(IOService *provider) override;\n"
        "virtual OSDictionary *newDeviceDescription(void) override;\n"
        "virtual OSData *newReportDescriptor(void) override LOCALONLY;\n"
        "virtual kern_return_t setReport(IOMemoryDescriptor *report, IOHIDReportType reportType, IOOptionBits options,"
        " uint32_t completionTimeout, OSAction *action) override;\n"
        "virtual kern_return_t getReport(IOMemoryDescriptor *report, IOHIDReportType reportType, IOOptionBits options,"
        " uint32_t completionTimeout, OSAction *action) override;\n"
        "virtual kern_return_t handleReport(uint64_t timestamp, IOMemoryDescriptor *report, uint32_t reportLength,"
        " IOHIDReportType reportType = kIOHIDReportTypeInput, IOOptionBits options = 0) override;\n"
        "virtual void setProperty(OSObject *key, OSObject *value) override;\n");
    ASSERT_EQ(7u, cls.methods.size());
    for (const dkiig::Method &m : cls.methods) EXPECT_EQ(MethodKind::Local, m.kind) << m.name;
}

TEST(MethodKinds, EverythingElseIsAnRpcIncludingLocal)
{
    dkiig::ClassDecl cls = parseOneClass("virtual kern_return_t Start(IOService *provider) override LOCAL;\n"
                                         "virtual kern_return_t Mine(uint32_t value) NATIVE;\n"
                                         "kern_return_t NotVirtual();\n");
    for (const dkiig::Method &m : cls.methods) EXPECT_EQ(MethodKind::Rpc, m.kind) << m.name;
    EXPECT_EQ(dkiig::Access::Private, cls.methods[0].access);
    EXPECT_TRUE(cls.methods[0].isOverride);
}

TEST(MethodKinds, TypedHandlersAreActions)
{
    dkiig::ClassDecl cls = parseOneClass(
        "protected:\nvirtual void Fired(OSAction *action, uint64_t time) TYPE(IOTimerDispatchSource::TimerOccurred);\n");
    ASSERT_EQ(1u, cls.methods.size());
    EXPECT_EQ(MethodKind::Action, cls.methods[0].kind);
    EXPECT_EQ("IOTimerDispatchSource::TimerOccurred", cls.methods[0].actionType);
    EXPECT_EQ(dkiig::Access::Protected, cls.methods[0].access);
}

TEST(MethodKinds, ParametersKeepTheirSpellingAndDefaults)
{
    dkiig::ClassDecl cls = parseOneClass("virtual kern_return_t Set(const char *label = \"a, b\",\n"
                                         "    uint64_t  values[ 4 ], IOService** out = nullptr);\n");
    const auto &p = cls.methods.at(0).params;
    ASSERT_EQ(3u, p.size());
    EXPECT_EQ("label", p[0].name);
    EXPECT_EQ("const char *label", p[0].declaration);
    EXPECT_EQ("const char *label = \"a, b\"", p[0].withDefault);
    EXPECT_EQ("values", p[1].name);
    EXPECT_EQ("uint64_t values[4]", p[1].declaration);
    EXPECT_EQ("IOService**", p[2].type);
}

} // namespace
