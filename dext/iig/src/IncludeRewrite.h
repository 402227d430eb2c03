/*
 * A .iig includes other interfaces as .iig files ("#include <DriverKit/IOService.iig>"); the
 * generated header must include their generated (or runtime) headers instead.
 */
#ifndef DKIIG_INCLUDEREWRITE_H
#define DKIIG_INCLUDEREWRITE_H

#include <string>

namespace dkiig {

/* Rewrites every "#include <X.iig>" / "#include "X.iig"" line of text to X.h; other text unchanged. */
std::string rewriteIigIncludes(const std::string &text);

} // namespace dkiig

#endif
