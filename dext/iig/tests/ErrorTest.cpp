/*
 * Every rejection dkiig makes, with its line. In each source the marker comment HERE sits on
 * the line the error must name (comments are invisible to dkiig).
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "Diagnostic.h"
#include "Generator.h"

namespace {

struct ErrorCase {
    const char *name;
    const char *source;
    const char *message; /* a distinctive part of the message */
};

/* Readable test output instead of the parameter's bytes. */
void PrintTo(const ErrorCase &c, std::ostream *os) { *os << c.name; }

int markedLine(const std::string &source)
{
    std::size_t marker = source.find("/*HERE*/");
    EXPECT_NE(std::string::npos, marker) << "fixture without a HERE marker";
    return 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<long>(marker), '\n'));
}

/* The class wrapper the member-level cases share. */
std::string inClass(const std::string &members)
{
    return "#include <DriverKit/IOUserClient.iig>\n"
           "class C : public IOUserClient\n"
           "{\n" +
           members + "\n};\n";
}

const ErrorCase kCases[] = {
    // Templates, nesting, inheritance.
    {"TemplateAtFileScope", "template <typename T> /*HERE*/\nstruct Box { T value; };\n",
     "templates are not supported"},
    {"TemplateMember", nullptr, "templates are not supported"},
    {"TemplateBase", "class C : public Base<int> /*HERE*/ {\n};\n", "templates are not supported"},
    {"NestedClassInClass", nullptr, "nested type definitions are not supported"},
    {"NestedClassInStruct", "struct Outer {\n    class Inner : public OSObject /*HERE*/ {\n    };\n};\n",
     "nested classes are not supported"},
    {"NestedTypedef", nullptr, "nested type declarations are not supported"},
    {"MultipleInheritance", "class C : public IOService, /*HERE*/ public Other\n{\n};\n",
     "multiple inheritance is not supported"},
    {"PrivateBase", "class C : private /*HERE*/ IOService\n{\n};\n", "must be public"},
    {"DefaultPrivateBase", "class C : IOService /*HERE*/\n{\n};\n", "must be public"},
    {"VirtualBase", "class C : virtual /*HERE*/ public IOService\n{\n};\n", "virtual inheritance"},
    {"NoBase", "class C /*HERE*/\n{\n};\n", "must derive from a DriverKit class"},
    {"ClassHeadWithExtraWord", "class KERNEL C /*HERE*/ : public IOService\n{\n};\n", "unsupported class head"},
    {"DuplicateClass", "class C : public IOService\n{\n};\nclass C /*HERE*/ : public IOService\n{\n};\n",
     "defined twice"},

    // Member shapes.
    {"MethodBody", nullptr, "method bodies are not allowed"},
    {"DataMember", nullptr, "data member 'count' is not supported"},
    {"DataMemberWithInitializer", nullptr, "data member 'count' is not supported"},
    {"FunctionPointerDataMember", nullptr, "data member 'callback' is not supported"},
    {"Constructor", nullptr, "constructors are not supported"},
    {"Destructor", nullptr, "destructors are not supported"},
    {"Operator", nullptr, "operator declarations are not supported"},
    {"PureVirtual", nullptr, "pure, deleted or defaulted"},
    {"FriendMember", nullptr, "friend declarations are not supported"},
    {"StaticVirtual", nullptr, "both static and virtual"},
    {"NoReturnType", nullptr, "has no return type"},
    {"InlineMethod", nullptr, "'inline' is not supported"},
    {"UnsupportedAttribute", nullptr, "unsupported attribute 'REMOTE'"},
    {"TwoQueueNames", nullptr, "more than one QUEUENAME"},
    {"QueueNameWithoutName", nullptr, "expected QUEUENAME(name)"},
    {"CompilerAttribute", nullptr, "'__attribute__' is not supported in the declaration of 'Go'"},
    {"DirectiveInClass", nullptr, "preprocessor directives are not supported inside class 'C'"},
    {"ConstRpc", nullptr, "RPC method 'Get' cannot be const"},
    {"OverloadedRpc", nullptr, "overloaded method 'Set'"},

    // Parameters.
    {"UnnamedParameter", nullptr, "parameter 2 of 'Start' has no name"},
    {"UnnamedPointerParameter", nullptr, "parameter 1 of 'Stop' has no name"},
    {"UnnamedConstParameter", nullptr, "parameter 1 of 'Set' has no name"},
    {"VariadicParameter", nullptr, "variadic method 'Log'"},
    {"FunctionPointerParameter", nullptr, "declares a function pointer"},
    {"ReservedParameterName", nullptr, "'supermethod'"},
    {"EmptyParameter", nullptr, "parameter 2 of 'Set' is empty"},
    {"UnsupportedParameterAttribute", nullptr,
     "unsupported attribute 'OWNED' on parameter 2 of 'Set'; supported: TARGET, TYPE(...), PORTMAKESEND, PORTCOPYSEND"},

    // TYPE(...).
    {"UnsupportedType", nullptr,
     "unsupported TYPE(IOExampleSource::Fired) on method 'Fired'; supported: "
     "IOTimerDispatchSource::TimerOccurred, IODataQueueDispatchSource::DataAvailable, "
     "IODataQueueDispatchSource::DataServiced, IOInterruptDispatchSource::InterruptOccurred, IOUSBHostPipe::CompleteAsyncIO"},
    {"DataAvailableWithExtraParameter", nullptr, "must take (OSAction *action)"},
    {"TypeNotReturningVoid", nullptr, "TYPE(...) method 'Fired' must return void"},
    {"TypeWithoutOSActionFirst", nullptr, "must start with 'OSAction *'"},
    {"TypeWithWrongParameters", nullptr, "must take (OSAction *action, uint64_t time)"},
    {"TypeWithoutParameters", nullptr, "must start with 'OSAction *'"},
    {"TypeOnOverride", nullptr, "cannot be static, const, override, final or LOCALONLY"},
    {"TwoTypes", nullptr, "more than one TYPE"},
    {"EmptyType", nullptr, "empty TYPE()"},

    // Braces and semicolons.
    {"UnclosedClass", "class C : public IOService\n{ /*HERE*/\npublic:\n    virtual void free() override;\n",
     "the '{' of class 'C' is never closed"},
    {"UnclosedStruct", "struct S { /*HERE*/\n    int a;\n", "'{' is never closed"},
    {"StrayClosingBrace", "struct S {\n    int a;\n};\n} /*HERE*/\n", "'}' without a matching '{'"},
    {"MissingSemicolonBetweenMembers", nullptr, "expected ';' after the declaration of 'init'"},
    {"MissingSemicolonBeforeAccess", nullptr, "expected ';' after the declaration of 'free'"},
    {"MissingSemicolonBeforeClassEnd", nullptr, "expected ';' after the declaration of 'free'"},
    {"MissingSemicolonAfterClass", "class C : public IOService\n{\n} /*HERE*/\n#endif\n",
     "expected ';' after the definition of class 'C'"},
    {"UnbalancedParentheses", nullptr, "unbalanced parentheses"},

    // Lexical.
    {"UnterminatedComment", "#include <x.iig>\n/*HERE*/ /* never closed\nclass C;\n", "unterminated /* comment"},
    {"UnterminatedString", "static const char *k = \"abc /*HERE*/\n;\n", "unterminated string literal"},
};

/* Member-level cases, keyed by name, wrapped by inClass(). */
std::string memberSource(const std::string &name)
{
    struct Member {
        const char *name;
        const char *members;
    };
    static const Member members[] = {
        {"TemplateMember", "template <typename T> void Put(T value) LOCALONLY; /*HERE*/"},
        {"NestedClassInClass", "class Inner : public OSObject { /*HERE*/ };"},
        {"NestedTypedef", "typedef int Counter; /*HERE*/"},
        {"MethodBody", "virtual bool init() override\n    { /*HERE*/ return true; }"},
        {"DataMember", "uint32_t count; /*HERE*/"},
        {"DataMemberWithInitializer", "uint32_t count = 0; /*HERE*/"},
        {"FunctionPointerDataMember", "void (*callback)(int code); /*HERE*/"},
        {"Constructor", "C(); /*HERE*/"},
        {"Destructor", "~C(); /*HERE*/"},
        {"Operator", "bool operator==(const C &other) const LOCALONLY; /*HERE*/"},
        {"PureVirtual", "virtual kern_return_t Go(uint64_t x) = 0; /*HERE*/"},
        {"FriendMember", "friend class Other; /*HERE*/"},
        {"StaticVirtual", "static virtual kern_return_t Go(uint64_t x); /*HERE*/"},
        {"NoReturnType", "virtual Go(uint64_t x); /*HERE*/"},
        {"InlineMethod", "inline kern_return_t Go(uint64_t x) LOCALONLY; /*HERE*/"},
        {"UnsupportedAttribute", "virtual void Fired(OSAction *action, uint64_t time)\n"
                                 "    TYPE(IOTimerDispatchSource::TimerOccurred) REMOTE; /*HERE*/"},
        {"TwoQueueNames", "virtual void Fired(OSAction *action, uint64_t time)\n"
                          "    TYPE(IOTimerDispatchSource::TimerOccurred) QUEUENAME(A) QUEUENAME(B); /*HERE*/"},
        {"QueueNameWithoutName", "virtual void Fired(OSAction *action, uint64_t time)\n"
                                 "    TYPE(IOTimerDispatchSource::TimerOccurred) QUEUENAME(); /*HERE*/"},
        {"CompilerAttribute", "virtual kern_return_t Go(uint64_t x) __attribute__((deprecated)); /*HERE*/"},
        {"DirectiveInClass", "#if DEBUG /*HERE*/\n    virtual void free() override;\n#endif"},
        {"ConstRpc", "virtual kern_return_t Get(uint64_t *value) const; /*HERE*/"},
        {"OverloadedRpc", "virtual kern_return_t Set(uint64_t value);\n"
                          "    virtual kern_return_t Set(uint32_t value); /*HERE*/"},
        {"UnnamedParameter", "virtual kern_return_t Start(IOService *provider, uint64_t) override; /*HERE*/"},
        {"UnnamedPointerParameter", "virtual kern_return_t Stop(IOService *) override; /*HERE*/"},
        {"UnnamedConstParameter", "virtual kern_return_t Set(const uint64_t) override; /*HERE*/"},
        {"VariadicParameter", "void Log(const char *format, ...) LOCALONLY; /*HERE*/"},
        {"FunctionPointerParameter", "virtual kern_return_t Call(void (*fn)(int code)); /*HERE*/"},
        {"ReservedParameterName", "virtual kern_return_t Go(OSDispatchMethod supermethod); /*HERE*/"},
        {"EmptyParameter", "virtual kern_return_t Set(uint64_t a, , uint64_t b); /*HERE*/"},
        {"UnsupportedParameterAttribute", "virtual kern_return_t Set(uint64_t a,\n"
                                          "        OSAction *action OWNED); /*HERE*/"},
        {"DataAvailableWithExtraParameter", "virtual void Ready(OSAction *action, uint64_t n) /*HERE*/\n"
                                            "        TYPE(IODataQueueDispatchSource::DataAvailable);"},
        {"UnsupportedType", "virtual void Fired(OSAction *action, uint64_t count) /*HERE*/\n"
                            "        TYPE(IOExampleSource::Fired);"},
        {"TypeNotReturningVoid", "virtual kern_return_t Fired(OSAction *action, uint64_t time) /*HERE*/\n"
                                 "        TYPE(IOTimerDispatchSource::TimerOccurred);"},
        {"TypeWithoutOSActionFirst",
         "virtual void Fired(uint64_t time, OSAction *action) TYPE(IOTimerDispatchSource::TimerOccurred); /*HERE*/"},
        {"TypeWithWrongParameters",
         "virtual void Fired(OSAction *action, uint32_t time) TYPE(IOTimerDispatchSource::TimerOccurred); /*HERE*/"},
        {"TypeWithoutParameters", "virtual void Fired() TYPE(IOTimerDispatchSource::TimerOccurred); /*HERE*/"},
        {"TypeOnOverride", "virtual void Fired(OSAction *action, uint64_t time) override /*HERE*/\n"
                           "        TYPE(IOTimerDispatchSource::TimerOccurred);"},
        {"TwoTypes", "virtual void Fired(OSAction *action, uint64_t time)\n"
                     "        TYPE(IOTimerDispatchSource::TimerOccurred) TYPE(X::Y); /*HERE*/"},
        {"EmptyType", "virtual void Fired(OSAction *action, uint64_t time) TYPE(); /*HERE*/"},
        {"MissingSemicolonBetweenMembers", "virtual bool init() override /*HERE*/\n"
                                           "    virtual void free() override;"},
        {"MissingSemicolonBeforeAccess", "virtual void free() override /*HERE*/\nprotected:\n"
                                         "    void Reset() LOCALONLY;"},
        {"MissingSemicolonBeforeClassEnd", "virtual void free() override /*HERE*/"},
        {"UnbalancedParentheses", "virtual kern_return_t Go(uint64_t (x); /*HERE*/"},
    };
    for (const Member &m : members)
        if (name == m.name) return inClass("public:\n    " + std::string(m.members));
    ADD_FAILURE() << "no member source for " << name;
    return "";
}

class Errors : public ::testing::TestWithParam<ErrorCase>
{
};

TEST_P(Errors, NamesTheLine)
{
    const ErrorCase &c = GetParam();
    const std::string source = c.source ? c.source : memberSource(c.name);
    const int line = markedLine(source);
    try {
        dkiig::generate(source, {"Bad.iig", "Bad.h"});
        FAIL() << "accepted:\n" << source;
    } catch (const dkiig::IigError &e) {
        EXPECT_EQ(line, e.line()) << e.what() << "\n" << source;
        EXPECT_NE(std::string::npos, std::string(e.what()).find(c.message)) << e.what();
        const std::string formatted = e.format("dir/Bad.iig");
        EXPECT_EQ(0u, formatted.rfind("dir/Bad.iig:" + std::to_string(line) + ": error: ", 0)) << formatted;
        EXPECT_EQ(std::string::npos, formatted.find('\n')) << "must be one line";
    }
}

INSTANTIATE_TEST_SUITE_P(AllRejections, Errors, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<ErrorCase> &info) { return std::string(info.param.name); });

} // namespace
