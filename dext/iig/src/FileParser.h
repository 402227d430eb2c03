/*
 * Splits a .iig into what passes through verbatim and the DriverKit classes dkiig generates from.
 * Outside classes only braces are tracked: enough to know that a class sits at file scope and that
 * the file is balanced; the C++ compiler judges the rest when it reads the generated header.
 */
#ifndef DKIIG_FILEPARSER_H
#define DKIIG_FILEPARSER_H

#include <string>

#include "IigModel.h"

namespace dkiig {

/* Throws IigError on malformed or unsupported input. Method kinds are not assigned here. */
IigFile parseIigFile(const std::string &source);

} // namespace dkiig

#endif
