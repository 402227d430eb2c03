/*
 * The TYPE(...) attributes dkiig supports. A TYPE(Class::Method) handler receives the callback of
 * Class::Method through an OSAction; the runtime delivers it by calling a virtual hook of OSAction
 * (its own name, not Apple's), which the generated OSAction subclass overrides to call the
 * handler's _Impl. Each entry says what the handler's parameters must be and which hook delivers.
 */
#ifndef DKIIG_ACTIONTYPES_H
#define DKIIG_ACTIONTYPES_H

#include <string>
#include <vector>

namespace dkiig {

struct ActionHookParameter {
    std::string type;
    std::string name;
};

struct ActionType {
    std::string iigName;  /* as written inside TYPE(...) */
    std::string hookName; /* the OSAction virtual the runtime calls; returns void */
    /* The handler's parameters after its leading OSAction*, which are also the hook's parameters. */
    std::vector<ActionHookParameter> parameters;
};

/* nullptr when the type is not supported. */
const ActionType *findActionType(const std::string &iigName);

/* "A, B" for messages that tell the author what would have been accepted. */
std::string supportedActionTypeNames();

} // namespace dkiig

#endif
