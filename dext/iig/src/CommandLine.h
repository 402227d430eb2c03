/*
 * The dkiig command line:
 *   dkiig --input PATH/Name.iig --header OUT/Name.h --impl OUT/Name.iig.cpp
 *   dkiig --help
 */
#ifndef DKIIG_COMMANDLINE_H
#define DKIIG_COMMANDLINE_H

#include <string>

namespace dkiig {

struct Options {
    bool help = false;
    std::string input;
    std::string header;
    std::string impl;
};

/* Throws std::invalid_argument with a one-line reason on a usage error. */
Options parseCommandLine(int argc, const char *const argv[]);

std::string usageText();

} // namespace dkiig

#endif
