/*
 * The C++ text generated for one method, per kind (one line each). Kept apart from the header
 * layout so each shape of the output contract is visible in one place.
 */
#ifndef DKIIG_METHODTEXT_H
#define DKIIG_METHODTEXT_H

#include <string>

#include "IigModel.h"

namespace dkiig {

/* Local: the declaration as written, without the iig-only attribute words.
 *   virtual bool init(void) override; */
std::string localDeclaration(const Method &m);

/* Rpc and Action: the parameters as a macro, the argument list of Method_Impl.
 *   #define NullDriver_Start_Args IOService* provider */
std::string argsMacroDefinition(const ClassDecl &cls, const Method &m);

/* Rpc: the public entry point; a non-null supermethod (SUPERDISPATCH) selects the superclass's
 * implementation of an override.
 *   kern_return_t Start(IOService* provider, OSDispatchMethod supermethod = nullptr) { ... } */
std::string rpcWrapperDefinition(const Method &m);

/* Rpc and Action: what IMPL(Class, Method) defines.
 *   virtual kern_return_t Start_Impl(NullDriver_Start_Args) override; */
std::string implDeclaration(const ClassDecl &cls, const Method &m);

/* Action: the public entry point of a TYPE(...) handler (there is no superclass handler). */
std::string actionWrapperDefinition(const Method &m);

/* Action: kern_return_t CreateActionSimulatedAsyncEvent(size_t referenceSize, OSAction **action); */
std::string createActionDeclaration(const Method &m);

} // namespace dkiig

#endif
