/*
 * The file names a generation refers to inside its output: the .iig (banner, #line directives),
 * the header (#line directives that return to it, and the implementation's #include).
 * Base names, not paths, so output does not depend on where the build directory is.
 */
#ifndef DKIIG_OUTPUTNAMES_H
#define DKIIG_OUTPUTNAMES_H

#include <string>

namespace dkiig {

struct OutputNames {
    std::string iigName;    /* NullDriver.iig */
    std::string headerName; /* NullDriver.h */
};

} // namespace dkiig

#endif
