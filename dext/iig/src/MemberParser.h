/*
 * Parses one member declaration of a .iig class (the tokens before its ';') into a Method, and
 * rejects every member shape that DriverKit classes do not have or dkiig cannot generate.
 */
#ifndef DKIIG_MEMBERPARSER_H
#define DKIIG_MEMBERPARSER_H

#include <cstddef>
#include <string>
#include <vector>

#include "IigModel.h"
#include "Token.h"

namespace dkiig {

/* tokens[begin, end) is the declaration without its ';'. */
Method parseMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t end, Access access,
                   const std::string &className);

/* The member tokens[begin, brace) is followed by '{': a nested type, a method body or a braced
 * data member initializer, all unsupported. Always throws, with the message that fits. */
[[noreturn]] void rejectBraceInMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t brace);

/* The member tokens[begin, end) was cut off by the class's '}' without its ';'. Always throws. */
[[noreturn]] void rejectUnterminatedMember(const std::vector<Token> &tokens, std::size_t begin, std::size_t end);

} // namespace dkiig

#endif
