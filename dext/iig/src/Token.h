/*
 * A lexical token of a .iig file. Comments never become tokens: they stay in the source text,
 * which is what verbatim pass-through copies, and the class parser does not need them.
 */
#ifndef DKIIG_TOKEN_H
#define DKIIG_TOKEN_H

#include <cctype>
#include <cstddef>
#include <string>

namespace dkiig {

enum class TokenKind {
    Identifier, /* identifiers and keywords alike: the parser decides what a word means */
    Number,
    String,
    Char,
    Punct,     /* one operator or punctuator; only "::", "->" and "..." are joined */
    Directive, /* a whole preprocessor line, continuations included */
    End,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;
    int line = 0;           /* line of the token's first character, 1-based */
    std::size_t offset = 0; /* byte offset of the first character in the source */
    std::size_t endOffset = 0;
    bool spaceBefore = false; /* whitespace or a comment separates it from the previous token */

    bool is(const char *s) const { return kind != TokenKind::End && kind != TokenKind::Directive && text == s; }
    bool isIdentifier() const { return kind == TokenKind::Identifier; }
    /* iig attributes are macros spelled in capitals, digits and underscores (KERNEL, QUEUENAME,
     * PORTMAKESEND): an unknown word so spelled after a declaration is most likely one of Apple's
     * that dkiig does not support, rather than the start of something else. */
    bool isAttributeMacro() const
    {
        if (!isIdentifier()) return false;
        for (char c : text)
            if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
                  c == '_'))
                return false;
        return true;
    }
};

} // namespace dkiig

#endif
