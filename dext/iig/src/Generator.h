/*
 * dkiig as a library: .iig source in, the text of Name.h and Name.iig.cpp out. No file access, so
 * tests run it in-process and the command line only adds reading and atomic writing.
 */
#ifndef DKIIG_GENERATOR_H
#define DKIIG_GENERATOR_H

#include <string>

#include "OutputNames.h"

namespace dkiig {

struct GeneratedFiles {
    std::string header;
    std::string impl;
};

/* Throws IigError (with the .iig line) on malformed or unsupported input. */
GeneratedFiles generate(const std::string &iigSource, const OutputNames &names);

} // namespace dkiig

#endif
