#include "MemberParser.h"

#include <algorithm>
#include <cctype>

#include "Diagnostic.h"
#include "ParameterList.h"
#include "TokenText.h"

namespace dkiig {
namespace {

const char kSupportedAttributes[] =
    "LOCALONLY, LOCAL, NATIVE, KERNEL, REPLY, LOCALHOST, INVOKEREPLY, override, final, TYPE(...), QUEUENAME(...)";

bool isTypeKeyword(const Token &t) { return t.is("class") || t.is("struct") || t.is("union") || t.is("enum"); }

std::size_t findAtDepthZero(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, const char *text)
{
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (depth == 0 && tokens[i].is(text)) return i;
        if (tokens[i].is("(") || tokens[i].is("["))
            ++depth;
        else if (tokens[i].is(")") || tokens[i].is("]"))
            --depth;
    }
    return end;
}

/* The best name to show for a member: the word before its parameter list, else its last word. */
std::string memberName(const std::vector<Token> &tokens, std::size_t begin, std::size_t end)
{
    std::size_t paren = findAtDepthZero(tokens, begin, end, "(");
    /* "void (*callback)(int)": the name is inside the first parentheses. */
    if (paren + 2 < end && (tokens[paren + 1].is("*") || tokens[paren + 1].is("&")) && tokens[paren + 2].isIdentifier())
        return tokens[paren + 2].text;
    if (paren < end && paren > begin && tokens[paren - 1].isIdentifier()) return tokens[paren - 1].text;
    for (std::size_t i = end; i > begin; --i)
        if (tokens[i - 1].isIdentifier()) return tokens[i - 1].text;
    return tokens[begin].text;
}

[[noreturn]] void rejectDataMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t end)
{
    std::size_t stop = findAtDepthZero(tokens, begin, end, "=");
    stop = std::min(stop, findAtDepthZero(tokens, begin, end, "["));
    throw IigError(tokens[begin].line, "data member '" + memberName(tokens, begin, stop) +
                                           "' is not supported; DriverKit classes keep state in their ivars");
}

void rejectLeadingWord(const std::vector<Token> &tokens, std::size_t begin, std::size_t end,
                       const std::string &className)
{
    const Token &first = tokens[begin];
    if (first.is("template")) throw IigError(first.line, "templates are not supported");
    if (isTypeKeyword(first) || first.is("typedef") || first.is("using"))
        throw IigError(first.line, "nested type declarations are not supported in class '" + className +
                                       "'; declare types outside the class");
    if (first.is("friend")) throw IigError(first.line, "friend declarations are not supported in a .iig class");
    if (first.is("~")) throw IigError(first.line, "destructors are not supported; release resources in free()");
    for (std::size_t i = begin; i < end; ++i)
        if (tokens[i].is("operator")) throw IigError(tokens[i].line, "operator declarations are not supported");
}

struct Specifiers {
    bool isVirtual = false;
    bool isStatic = false;
    std::string returnType;
};

Specifiers parseSpecifiers(const std::vector<Token> &tokens, std::size_t begin, std::size_t nameIndex,
                           const std::string &name)
{
    Specifiers s;
    std::vector<Token> typeTokens;
    for (std::size_t i = begin; i < nameIndex; ++i) {
        const Token &t = tokens[i];
        if (t.is("virtual"))
            s.isVirtual = true;
        else if (t.is("static"))
            s.isStatic = true;
        else if (t.is("inline") || t.is("explicit") || t.is("constexpr") || t.is("extern") || t.is("mutable"))
            throw IigError(t.line, "'" + t.text + "' is not supported on method '" + name + "'");
        else if (t.is("<"))
            throw IigError(t.line, "templates are not supported (return type of '" + name + "')");
        else
            typeTokens.push_back(t);
    }
    if (s.isVirtual && s.isStatic)
        throw IigError(tokens[nameIndex].line, "method '" + name + "' cannot be both static and virtual");
    if (typeTokens.empty()) throw IigError(tokens[nameIndex].line, "method '" + name + "' has no return type");
    s.returnType = joinTokens(typeTokens, 0, typeTokens.size());
    return s;
}

std::size_t matchingParen(const std::vector<Token> &tokens, std::size_t open, std::size_t end, const std::string &name)
{
    int depth = 0;
    for (std::size_t i = open; i < end; ++i) {
        if (tokens[i].is("("))
            ++depth;
        else if (tokens[i].is(")") && --depth == 0)
            return i;
    }
    throw IigError(tokens[open].line, "unbalanced parentheses in the declaration of '" + name + "'");
}

/* Everything after the parameter list: qualifiers and iig attributes. */
void parseSuffix(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, Method &m)
{
    for (std::size_t i = begin; i < end; ++i) {
        const Token &t = tokens[i];
        if (t.is("const")) {
            m.isConst = true;
        } else if (t.is("override")) {
            m.isOverride = true;
        } else if (t.is("final")) {
            m.isFinal = true;
        } else if (t.is("LOCALONLY")) {
            m.localOnly = true;
        } else if (t.is("LOCAL") || t.is("NATIVE") || t.is("KERNEL") || t.is("REPLY") || t.is("LOCALHOST") ||
                   t.is("INVOKEREPLY")) {
            /* Only meaningful to Apple's IPC layer, which routes the message (KERNEL: to the kernel's
             * implementation, as IOUserClient.iig's KernelCompletion; REPLY and INVOKEREPLY: as a
             * reply, IOInterruptDispatchSource.iig's InterruptOccurred, IODispatchSource.iig's
             * CheckForWork; LOCALHOST: OSAction.iig's Aborted). In one process every method is the
             * dext's own call, so the kind stays what the other words make it. */
        } else if (t.is("TYPE")) {
            if (!m.actionType.empty()) throw IigError(t.line, "method '" + m.name + "' has more than one TYPE(...)");
            if (i + 1 >= end || !tokens[i + 1].is("("))
                throw IigError(t.line, "expected '(' after TYPE in the declaration of '" + m.name + "'");
            std::size_t close = matchingParen(tokens, i + 1, end, m.name);
            for (std::size_t j = i + 2; j < close; ++j) m.actionType += tokens[j].text;
            if (m.actionType.empty()) throw IigError(t.line, "empty TYPE() in the declaration of '" + m.name + "'");
            i = close;
        } else if (t.is("QUEUENAME")) {
            /* DriverKit's QUEUENAME(ivar): run the method on the queue the dext registered under that
             * name with SetDispatchQueue. The runtime serves every queue from one event loop, in
             * order (docs/driverkit-semantics.md, section 9), so the name is kept, not acted on. */
            if (!m.queueName.empty())
                throw IigError(t.line, "method '" + m.name + "' has more than one QUEUENAME(...)");
            if (i + 3 >= end || !tokens[i + 1].is("(") || !tokens[i + 2].isIdentifier() || !tokens[i + 3].is(")"))
                throw IigError(t.line, "expected QUEUENAME(name) in the declaration of '" + m.name + "'");
            m.queueName = tokens[i + 2].text;
            i += 3;
        } else if (t.is("=")) {
            throw IigError(t.line, "pure, deleted or defaulted method '" + m.name + "' is not supported");
        } else if (t.is("->") || t.is("noexcept") || t.is("throw") || t.is("&") || t.is("volatile") ||
                   t.text.rfind("__", 0) == 0 /* __attribute__, __deprecated, ... */) {
            throw IigError(t.line, "'" + t.text + "' is not supported in the declaration of '" + m.name + "'");
        } else if (t.isAttributeMacro()) {
            throw IigError(t.line, "unsupported attribute '" + t.text + "' on method '" + m.name +
                                       "'; supported: " + kSupportedAttributes);
        } else {
            /* Most likely the next declaration, run together with this one. */
            throw IigError(tokens[i - 1].line, "expected ';' after the declaration of '" + m.name + "'");
        }
    }
}

} // namespace

Method parseMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, Access access,
                   const std::string &className)
{
    rejectLeadingWord(tokens, begin, end, className);
    std::size_t open = findAtDepthZero(tokens, begin, end, "(");
    if (open == end) rejectDataMember(tokens, begin, end);
    /* "void (*callback)(int)": a function-pointer data member, not a method. */
    if (open + 1 < end && (tokens[open + 1].is("*") || tokens[open + 1].is("&"))) rejectDataMember(tokens, begin, end);
    if (open == begin || !tokens[open - 1].isIdentifier())
        throw IigError(tokens[open].line, "expected a method name before '('");
    const std::size_t nameIndex = open - 1;

    Method m;
    m.name = tokens[nameIndex].text;
    m.line = tokens[nameIndex].line;
    m.access = access;
    if (m.name == className) throw IigError(m.line, "constructors are not supported; initialize in init()");

    Specifiers s = parseSpecifiers(tokens, begin, nameIndex, m.name);
    m.isVirtual = s.isVirtual;
    m.isStatic = s.isStatic;
    m.returnType = s.returnType;

    std::size_t close = matchingParen(tokens, open, end, m.name);
    m.declaredParams = joinTokens(tokens, open + 1, close);
    m.params = parseParameterList(tokens, open + 1, close, m.name);
    /* Parameter attributes (TARGET, TYPE(...), ...) are gone from the parameters; a method written
     * with them is declared without them, as Apple's generated headers are. */
    bool annotated = false;
    for (const Parameter &p : m.params) annotated = annotated || p.annotated;
    if (annotated) {
        m.declaredParams.clear();
        for (const Parameter &p : m.params) m.declaredParams += (m.declaredParams.empty() ? "" : ", ") + p.withDefault;
    }
    parseSuffix(tokens, close + 1, end, m);
    return m;
}

void rejectBraceInMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t brace)
{
    const Token &first = tokens[begin];
    if (first.is("template")) throw IigError(first.line, "templates are not supported");
    if (isTypeKeyword(first))
        throw IigError(first.line, "nested type definitions are not supported; define types outside the class");
    if (findAtDepthZero(tokens, begin, brace, "(") < brace)
        throw IigError(tokens[brace].line, "method bodies are not allowed in a .iig class; define '" +
                                               memberName(tokens, begin, brace) + "' in the .cpp");
    rejectDataMember(tokens, begin, brace);
}

void rejectUnterminatedMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t end)
{
    throw IigError(tokens[end - 1].line,
                   "expected ';' after the declaration of '" + memberName(tokens, begin, end) + "'");
}

} // namespace dkiig
