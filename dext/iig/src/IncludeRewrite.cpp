#include "IncludeRewrite.h"

namespace dkiig {
namespace {

std::size_t skipBlanks(const std::string &s, std::size_t i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
}

/* Works line by line: a preprocessor directive is one line, and the only lines shaped like an
 * include that are not directives sit inside comments, where rewriting them is harmless. */
std::string rewriteLine(const std::string &line)
{
    std::size_t i = skipBlanks(line, 0);
    if (i >= line.size() || line[i] != '#') return line;
    i = skipBlanks(line, i + 1);
    static const std::string kInclude = "include";
    if (line.compare(i, kInclude.size(), kInclude) != 0) return line;
    i = skipBlanks(line, i + kInclude.size());
    if (i >= line.size() || (line[i] != '<' && line[i] != '"')) return line;
    char closing = line[i] == '<' ? '>' : '"';
    std::size_t close = line.find(closing, i + 1);
    static const std::string kIig = ".iig";
    if (close == std::string::npos || close < i + 1 + kIig.size() ||
        line.compare(close - kIig.size(), kIig.size(), kIig) != 0)
        return line;
    return line.substr(0, close - kIig.size()) + ".h" + line.substr(close);
}

} // namespace

std::string rewriteIigIncludes(const std::string &text)
{
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t newline = text.find('\n', start);
        std::size_t end = newline == std::string::npos ? text.size() : newline + 1;
        std::size_t contentEnd = newline == std::string::npos ? text.size() : newline;
        out += rewriteLine(text.substr(start, contentEnd - start));
        out += text.substr(contentEnd, end - contentEnd);
        start = end;
    }
    return out;
}

} // namespace dkiig
