/*
 * Rebuilds declaration text from tokens. The author's spacing is kept where it matters to a reader
 * ("IOService* provider" stays as written) while line breaks and comments of a multi-line
 * declaration collapse to single spaces, so each generated declaration fits on one line.
 */
#ifndef DKIIG_TOKENTEXT_H
#define DKIIG_TOKENTEXT_H

#include <cstddef>
#include <string>
#include <vector>

#include "Token.h"

namespace dkiig {

/* Joins tokens [begin, end). */
std::string joinTokens(const std::vector<Token> &tokens, std::size_t begin, std::size_t end);

} // namespace dkiig

#endif
