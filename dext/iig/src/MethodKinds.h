/*
 * Decides how each method of a class is generated (Local, Rpc or Action) and checks the rules of
 * its kind:
 *   Local  - static, LOCALONLY, or a name in LocalOnlyBaseMethods (init, free, ExternalMethod);
 *   Action - has TYPE(...): a supported type, returns void, parameters (OSAction*, <the type's>);
 *   Rpc    - everything else, as in DriverKit where a method is an IPC message unless told otherwise.
 */
#ifndef DKIIG_METHODKINDS_H
#define DKIIG_METHODKINDS_H

#include "IigModel.h"

namespace dkiig {

/* Sets Method::kind for every method of cls; throws IigError on a rule violation. */
void assignMethodKinds(ClassDecl &cls);

} // namespace dkiig

#endif
