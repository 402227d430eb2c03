/*
 * Base-class methods that DriverKit declares LOCALONLY: a dext overriding them writes a plain
 * C++ override (no IMPL, no SUPERDISPATCH), so their declarations are copied unchanged even when
 * the dext's .iig does not repeat the LOCALONLY attribute (Apple's sample does not).
 */
#ifndef DKIIG_LOCALONLYBASEMETHODS_H
#define DKIIG_LOCALONLYBASEMETHODS_H

#include <string>

namespace dkiig {

bool isLocalOnlyBaseMethod(const std::string &name);

} // namespace dkiig

#endif
