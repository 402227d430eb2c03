#include "LineWriter.h"

namespace dkiig {

void LineWriter::write(const std::string &text)
{
    text_ += text;
    for (char c : text)
        if (c == '\n') ++completedLines_;
}

void LineWriter::lineDirective(int line, const std::string &file)
{
    /* Quotes and backslashes would end or escape the string literal of the directive. */
    std::string escaped;
    for (char c : file) {
        if (c == '"' || c == '\\') escaped += '\\';
        escaped += c;
    }
    this->line("#line " + std::to_string(line) + " \"" + escaped + "\"");
}

} // namespace dkiig
