#include "FileParser.h"

#include <algorithm>
#include <set>

#include "ClassParser.h"
#include "Diagnostic.h"
#include "Lexer.h"

namespace dkiig {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* source[begin, end) as a block starting on its own line and ending with a newline, without the
 * leftovers of the lines a class shares with it (the rest of a "};" line, the indentation before
 * "class"), so the generated header keeps one construct per line and #line numbers stay exact.
 * Returns false when nothing but whitespace is left. */
bool makeVerbatim(const std::string &source, std::size_t begin, std::size_t end, int line, VerbatimBlock &block)
{
    std::size_t firstNewline = source.find('\n', begin);
    if (firstNewline < end && std::all_of(source.begin() + begin, source.begin() + firstNewline, isBlank)) {
        begin = firstNewline + 1;
        ++line;
    }
    while (end > begin && isBlank(source[end - 1])) --end;
    std::string text = source.substr(begin, end - begin);
    if (std::all_of(text.begin(), text.end(), [](char c) { return isBlank(c) || c == '\n'; })) return false;
    if (text.back() != '\n') text += '\n';
    block.firstLine = line;
    block.text = std::move(text);
    return true;
}

class FileParser
{
public:
    explicit FileParser(const std::string &source) : source_(source), tokens_(tokenize(source)) {}

    IigFile run()
    {
        std::vector<std::size_t> openBraces; /* token indexes of unclosed '{' */
        for (std::size_t i = 0; tokens_[i].kind != TokenKind::End; ++i) {
            const Token &t = tokens_[i];
            if (t.kind == TokenKind::Directive) continue;
            if (t.is("template")) throw IigError(t.line, "templates are not supported");
            if (t.is("{")) {
                openBraces.push_back(i);
            } else if (t.is("}")) {
                if (openBraces.empty()) throw IigError(t.line, "unbalanced braces: '}' without a matching '{'");
                openBraces.pop_back();
            } else if (t.is("class") && !(i > 0 && tokens_[i - 1].is("enum")) && startsClassDefinition(tokens_, i)) {
                if (!openBraces.empty())
                    throw IigError(t.line, "nested classes are not supported; declare DriverKit classes at "
                                           "file scope");
                flushVerbatim(t.offset);
                ClassDecl cls = parseClass(tokens_, i);
                if (!classNames_.insert(cls.name).second)
                    throw IigError(cls.line, "class '" + cls.name + "' is defined twice");
                file_.items.push_back(std::move(cls));
                verbatimBegin_ = tokens_[i].endOffset;
                verbatimLine_ = tokens_[i].line;
            }
        }
        if (!openBraces.empty())
            throw IigError(tokens_[openBraces.back()].line, "unbalanced braces: '{' is never closed");
        flushVerbatim(source_.size());
        return std::move(file_);
    }

private:
    void flushVerbatim(std::size_t end)
    {
        VerbatimBlock block;
        if (makeVerbatim(source_, verbatimBegin_, end, verbatimLine_, block)) file_.items.push_back(std::move(block));
    }

    const std::string &source_;
    std::vector<Token> tokens_;
    IigFile file_;
    std::set<std::string> classNames_;
    std::size_t verbatimBegin_ = 0;
    int verbatimLine_ = 1;
};

} // namespace

IigFile parseIigFile(const std::string &source) { return FileParser(source).run(); }

} // namespace dkiig
