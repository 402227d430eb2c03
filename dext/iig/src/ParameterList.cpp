#include "ParameterList.h"

#include "Diagnostic.h"
#include "TokenText.h"

namespace dkiig {
namespace {

/* Words that can end a type, so a parameter ending in one of them has no name. */
bool isBuiltinTypeWord(const std::string &word)
{
    static const char *const words[] = {"void",  "bool",     "char",     "short",    "int",      "long",
                                        "float", "double",   "signed",   "unsigned", "const",    "volatile",
                                        "auto",  "wchar_t",  "char16_t", "char32_t", "restrict", "__restrict"};
    for (const char *w : words)
        if (word == w)
            return true;
    return false;
}

/* Words that qualify a type but are not one: "const uint64_t" is a type with no name. */
bool isQualifierWord(const std::string &word)
{
    return word == "const" || word == "volatile" || word == "struct" || word == "class" || word == "enum" ||
           word == "union" || word == "typename";
}

std::string ordinal(std::size_t index)
{
    return std::to_string(index + 1);
}

Parameter parseOne(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, std::size_t index,
                   const std::string &methodName)
{
    const int line = tokens[begin].line;
    std::size_t declEnd = end;
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const Token &t = tokens[i];
        if (t.is("..."))
            throw IigError(t.line, "variadic method '" + methodName + "' is not supported");
        if (t.is("(") || t.is("[") || t.is("{"))
            ++depth;
        else if (t.is(")") || t.is("]") || t.is("}"))
            --depth;
        else if (depth == 0 && t.is("=")) {
            declEnd = i;
            break;
        } else if (depth == 0 && t.is("<"))
            throw IigError(t.line, "templates are not supported (parameter " + ordinal(index) + " of '" +
                                       methodName + "')");
    }
    for (std::size_t i = begin; i < declEnd; ++i)
        if (tokens[i].is("("))
            throw IigError(tokens[i].line, "parameter " + ordinal(index) + " of '" + methodName +
                                               "' declares a function pointer; name its type with a typedef");
    if (declEnd < end && declEnd + 1 == end)
        throw IigError(tokens[declEnd].line, "missing default argument after '=' in '" + methodName + "'");

    /* The name is the last word, before any array suffix: "uint64_t values[16]". */
    std::size_t nameIndex = declEnd;
    if (declEnd > begin) {
        nameIndex = declEnd - 1;
        if (tokens[nameIndex].is("]")) {
            int brackets = 0;
            while (nameIndex > begin) {
                if (tokens[nameIndex].is("]"))
                    ++brackets;
                else if (tokens[nameIndex].is("[") && --brackets == 0)
                    break;
                --nameIndex;
            }
            nameIndex = nameIndex > begin ? nameIndex - 1 : declEnd;
        }
    }
    bool hasTypeBeforeName = false;
    for (std::size_t i = begin; i < nameIndex && i < declEnd; ++i)
        if (!isQualifierWord(tokens[i].text))
            hasTypeBeforeName = true;
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
    p.declaration = joinTokens(tokens, begin, declEnd);
    p.withDefault = joinTokens(tokens, begin, end);
    p.type = joinTokens(tokens, begin, nameIndex) + joinTokens(tokens, nameIndex + 1, declEnd);
    return p;
}

} // namespace

std::vector<Parameter> parseParameterList(const std::vector<Token> &tokens, std::size_t begin, std::size_t end,
                                          const std::string &methodName)
{
    std::vector<Parameter> params;
    if (begin == end || (end - begin == 1 && tokens[begin].is("void")))
        return params;
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
            if (depth != 0 || !t.is(","))
                continue;
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
