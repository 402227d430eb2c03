/*
 * Writes Name.iig.cpp: the metaclass and factory of each class (DKSIM_CLASS_DEFINE, so the
 * runtime can instantiate an IOUserClass by name), and for each TYPE(...) handler the OSAction
 * subclass that delivers the callback to the handler's _Impl plus its CreateAction<Method>.
 */
#ifndef DKIIG_IMPLWRITER_H
#define DKIIG_IMPLWRITER_H

#include <string>

#include "IigModel.h"
#include "OutputNames.h"

namespace dkiig {

/* Method kinds must already be assigned (and Action methods checked against ActionTypes). */
std::string writeImpl(const IigFile &file, const OutputNames &names);

} // namespace dkiig

#endif
