/*
 * Parses the parameters of a .iig method declaration. DriverKit generates RPC marshalling from
 * parameter names, so every parameter must be named; dkiig relies on them too (the wrappers
 * forward by name).
 */
#ifndef DKIIG_PARAMETERLIST_H
#define DKIIG_PARAMETERLIST_H

#include <cstddef>
#include <string>
#include <vector>

#include "IigModel.h"
#include "Token.h"

namespace dkiig {

/* tokens[begin, end) is the text between the parentheses. "()" and "(void)" give no parameters. */
std::vector<Parameter> parseParameterList(const std::vector<Token> &tokens, std::size_t begin, std::size_t end,
                                          const std::string &methodName);

} // namespace dkiig

#endif
