/*
 * Text output that knows which line it is on, so the header writer can emit a #line directive that
 * points back at the generated file itself after a block attributed to the .iig.
 */
#ifndef DKIIG_LINEWRITER_H
#define DKIIG_LINEWRITER_H

#include <string>

namespace dkiig {

class LineWriter
{
public:
    /* text may span lines; a line is counted when its '\n' is written. */
    void write(const std::string &text);
    void line(const std::string &text) { write(text + "\n"); }

    /* The 1-based number of the line the next character lands on. */
    int nextLine() const { return completedLines_ + 1; }

    /* "#line N "file"" for the next line; the directive itself takes the line before it. */
    void lineDirective(int line, const std::string &file);
    /* Attributes what follows to this output file at its true line numbers. */
    void resumeOwnLines(const std::string &file) { lineDirective(nextLine() + 1, file); }

    const std::string &text() const { return text_; }

private:
    std::string text_;
    int completedLines_ = 0;
};

} // namespace dkiig

#endif
