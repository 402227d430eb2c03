#include "ParameterList.h"

#include <cctype>

#include "Diagnostic.h"
#include "TokenText.h"

namespace dkiig {
namespace {

/* Words that can end a type, so a parameter ending in one of them has no name. */
bool isBuiltinTypeWord(const std::string &word)
{
    static const char *const words[] = {"void",  "bool",    "char",     "short",    "int",      "long",
                                        "float", "double",  "signed",   "unsigned", "const",    "volatile",
                                        "auto",  "wchar_t", "char16_t", "char32_t", "restrict", "__restrict"};
    for (const char *w : words)
        if (word == w) return true;
    return false;
}

/* Words that qualify a type but are not one: "const uint64_t" is a type with no name. */
bool isQualifierWord(const std::string &word)
{
    return word == "const" || word == "volatile" || word == "struct" || word == "class" || word == "enum" ||
           word == "union" || word == "typename";
}

std::string ordinal(std::size_t index) { return std::to_string(index + 1); }

/* The opener matching the closer at tokens[close], scanning back no further than begin (begin when
 * none matches). */
std::size_t openerBefore(const std::vector<Token> &tokens, std::size_t begin, std::size_t close, const char *opener,
                         const char *closer)
{
    std::size_t at = close;
    int depth = 0;
    while (at > begin) {
        if (tokens[at].is(closer))
            ++depth;
        else if (tokens[at].is(opener) && --depth == 0)
            break;
        --at;
    }
    return at;
}

const char kSupportedParameterAttributes[] = "TARGET, TYPE(...), PORTMAKESEND, PORTCOPYSEND";

/*
 * The attributes Apple's .iig headers write after a parameter's name: TARGET (the OSAction a callback
 * is sent through: OSAction.iig, IOUserClient.iig AsyncCompletion), TYPE(Class::Method) (the callback
 * an action parameter must carry: IODataQueueDispatchSource.iig SetDataAvailableHandler),
 * PORTMAKESEND and PORTCOPYSEND (how a mach_port_t crosses: IODispatchQueue.iig, IOEventLink.iig).
 * They steer Apple's IPC layer only, so they are dropped; returns the end of the declaration proper.
 * Another capitalized word after a pointer's name is an attribute dkiig does not know: an error.
 */
std::size_t withoutAttributes(const std::vector<Token> &tokens, std::size_t begin, std::size_t declEnd,
                              std::size_t index, const std::string &methodName)
{
    std::size_t end = declEnd;
    for (;;) {
        if (end > begin && tokens[end - 1].is(")")) {
            /* TYPE(...) at the end: find its '(' and check the word before it. */
            std::size_t open = openerBefore(tokens, begin, end - 1, "(", ")");
            if (open > begin && tokens[open].is("(") && tokens[open - 1].is("TYPE")) {
                end = open - 1;
                continue;
            }
            return end;
        }
        if (end > begin && (tokens[end - 1].is("TARGET") || tokens[end - 1].is("PORTMAKESEND") ||
                            tokens[end - 1].is("PORTCOPYSEND"))) {
            --end;
            continue;
        }
        break;
    }
    if (end - begin >= 3 && tokens[end - 1].isAttributeMacro() && tokens[end - 2].isIdentifier() &&
        (tokens[end - 3].is("*") || tokens[end - 3].is("&")))
        throw IigError(tokens[end - 1].line, "unsupported attribute '" + tokens[end - 1].text + "' on parameter " +
                                                 ordinal(index) + " of '" + methodName +
                                                 "'; supported: " + kSupportedParameterAttributes);
    return end;
}

Parameter parseOne(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, std::size_t index,
                   const std::string &methodName)
{
    const int line = tokens[begin].line;
    std::size_t declEnd = end;
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const Token &t = tokens[i];
        if (t.is("...")) throw IigError(t.line, "variadic method '" + methodName + "' is not supported");
        if (t.is("(") || t.is("[") || t.is("{"))
            ++depth;
        else if (t.is(")") || t.is("]") || t.is("}"))
            --depth;
        else if (depth == 0 && t.is("=")) {
            declEnd = i;
            break;
        } else if (depth == 0 && t.is("<"))
            throw IigError(t.line,
                           "templates are not supported (parameter " + ordinal(index) + " of '" + methodName + "')");
    }
    const std::size_t written = declEnd;
    declEnd = withoutAttributes(tokens, begin, declEnd, index, methodName);
    for (std::size_t i = begin; i < declEnd; ++i)
        if (tokens[i].is("("))
            throw IigError(tokens[i].line, "parameter " + ordinal(index) + " of '" + methodName +
                                               "' declares a function pointer; name its type with a typedef");
    if (written < end && written + 1 == end)
        throw IigError(tokens[written].line, "missing default argument after '=' in '" + methodName + "'");

    /* The name is the last word, before any array suffix: "uint64_t values[16]". */
    std::size_t nameIndex = declEnd;
    if (declEnd > begin) {
        nameIndex = declEnd - 1;
        if (tokens[nameIndex].is("]")) {
            nameIndex = openerBefore(tokens, begin, nameIndex, "[", "]");
            nameIndex = nameIndex > begin ? nameIndex - 1 : declEnd;
        }
    }
    bool hasTypeBeforeName = false;
    for (std::size_t i = begin; i < nameIndex && i < declEnd; ++i)
        if (!isQualifierWord(tokens[i].text)) hasTypeBeforeName = true;
    if (nameIndex >= declEnd || !tokens[nameIndex].isIdentifier() || isBuiltinTypeWord(tokens[nameIndex].text) ||
        !hasTypeBeforeName)
        throw IigError(line, "parameter " + ordinal(index) + " of '" + methodName +
                                 "' has no name; DriverKit requires every parameter to be named");
    if (tokens[nameIndex].text == "supermethod")
        throw IigError(line, "parameter name 'supermethod' of '" + methodName +
                                 "' is reserved for the generated wrapper's OSDispatchMethod");

    Parameter p;
    p.line = line;
    p.name = tokens[nameIndex].text;
    p.annotated = declEnd != written;
    p.declaration = joinTokens(tokens, begin, declEnd);
    p.withDefault = !p.annotated ? joinTokens(tokens, begin, end)
                                 : p.declaration + (written < end ? " " + joinTokens(tokens, written, end) : "");
    p.type = joinTokens(tokens, begin, nameIndex) + joinTokens(tokens, nameIndex + 1, declEnd);
    return p;
}

} // namespace

std::vector<Parameter> parseParameterList(const std::vector<Token> &tokens, std::size_t begin, std::size_t end,
                                          const std::string &methodName)
{
    std::vector<Parameter> params;
    if (begin == end || (end - begin == 1 && tokens[begin].is("void"))) return params;
    std::size_t start = begin;
    int depth = 0;
    for (std::size_t i = begin; i <= end; ++i) {
        bool atEnd = i == end;
        if (!atEnd) {
            const Token &t = tokens[i];
            if (t.is("(") || t.is("[") || t.is("{"))
                ++depth;
            else if (t.is(")") || t.is("]") || t.is("}"))
                --depth;
            if (depth != 0 || !t.is(",")) continue;
        }
        if (start == i)
            throw IigError(tokens[i < end ? i : end - 1].line,
                           "parameter " + ordinal(params.size()) + " of '" + methodName + "' is empty");
        params.push_back(parseOne(tokens, start, i, params.size(), methodName));
        start = i + 1;
    }
    return params;
}

} // namespace dkiig
