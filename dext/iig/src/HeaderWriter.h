/*
 * Writes Name.h: the .iig's text outside classes (includes of .iig files turned into .h) and, for
 * each class, the C++ class a dext's .cpp compiles against: RPC methods as a non-virtual
 * Method(args, supermethod) wrapper over a virtual Method_Impl with its Class_Method_Args macro,
 * TYPE(...) handlers with their CreateAction<Method>, local methods as written.
 */
#ifndef DKIIG_HEADERWRITER_H
#define DKIIG_HEADERWRITER_H

#include <string>

#include "IigModel.h"
#include "OutputNames.h"

namespace dkiig {

/* Method kinds must already be assigned. */
std::string writeHeader(const IigFile &file, const OutputNames &names);

} // namespace dkiig

#endif
