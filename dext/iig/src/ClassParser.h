/*
 * Parses one DriverKit class definition, "class Name : public Base { members };", into a
 * ClassDecl. Only single public inheritance of a named base is accepted: that is what DriverKit
 * classes are, and what the generated DKSIM_CLASS_DECLARE(Name, Base) can express.
 */
#ifndef DKIIG_CLASSPARSER_H
#define DKIIG_CLASSPARSER_H

#include <cstddef>
#include <vector>

#include "IigModel.h"
#include "Token.h"

namespace dkiig {

/* True when the 'class' keyword at tokens[pos] starts a definition (a '{' comes before any ';'),
 * as opposed to a forward declaration or an elaborated type such as "class Foo *gFoo;". */
bool startsClassDefinition(const std::vector<Token> &tokens, std::size_t pos);

/* tokens[pos] is the 'class' keyword. On return pos indexes the ';' that ends the class. */
ClassDecl parseClass(const std::vector<Token> &tokens, std::size_t &pos);

} // namespace dkiig

#endif
