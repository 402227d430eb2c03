/*
 * Splits .iig source into tokens with line numbers. Preprocessor lines become single Directive
 * tokens so that braces inside a #define never disturb brace matching.
 */
#ifndef DKIIG_LEXER_H
#define DKIIG_LEXER_H

#include <string>
#include <vector>

#include "Token.h"

namespace dkiig {

/* The result always ends with one End token (carrying the last line). Throws IigError on an
 * unterminated comment, string or character literal. */
std::vector<Token> tokenize(const std::string &source);

} // namespace dkiig

#endif
