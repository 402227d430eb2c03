/*
 * A lexical token of a .iig file. Comments never become tokens: they stay in the source text,
 * which is what verbatim pass-through copies, and the class parser does not need them.
 */
#ifndef DKIIG_TOKEN_H
#define DKIIG_TOKEN_H

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
};

} // namespace dkiig

#endif
