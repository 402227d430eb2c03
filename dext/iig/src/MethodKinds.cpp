#include "MethodKinds.h"

#include <set>

#include "ActionTypes.h"
#include "Diagnostic.h"
#include "LocalOnlyBaseMethods.h"

namespace dkiig {
namespace {

std::string withoutSpaces(const std::string &text)
{
    std::string out;
    for (char c : text)
        if (c != ' ') out += c;
    return out;
}

std::string expectedSignature(const ActionType &type)
{
    std::string s = "(OSAction *action";
    for (const ActionHookParameter &p : type.parameters) s += ", " + p.type + " " + p.name;
    return s + ")";
}

void checkAction(const Method &m)
{
    const ActionType *type = findActionType(m.actionType);
    if (!type)
        throw IigError(m.line, "unsupported TYPE(" + m.actionType + ") on method '" + m.name +
                                   "'; supported: " + supportedActionTypeNames());
    if (m.isStatic || m.isConst || m.isOverride || m.isFinal || m.localOnly)
        throw IigError(m.line,
                       "TYPE(...) method '" + m.name + "' cannot be static, const, override, final or LOCALONLY");
    if (withoutSpaces(m.returnType) != "void")
        throw IigError(m.line, "TYPE(...) method '" + m.name + "' must return void");
    if (m.params.empty() || withoutSpaces(m.params[0].type) != "OSAction*")
        throw IigError(m.line, "the parameters of TYPE(...) method '" + m.name + "' must start with 'OSAction *'");
    bool matches = m.params.size() == type->parameters.size() + 1;
    for (std::size_t i = 0; matches && i < type->parameters.size(); ++i)
        matches = withoutSpaces(m.params[i + 1].type) == withoutSpaces(type->parameters[i].type);
    if (!matches)
        throw IigError(m.line,
                       "TYPE(" + type->iigName + ") method '" + m.name + "' must take " + expectedSignature(*type));
}

MethodKind kindOf(const Method &m)
{
    if (!m.actionType.empty()) return MethodKind::Action;
    if (m.isStatic || m.localOnly || isLocalOnlyBaseMethod(m.name)) return MethodKind::Local;
    return MethodKind::Rpc;
}

} // namespace

void assignMethodKinds(ClassDecl &cls)
{
    std::set<std::string> generatedNames; /* each Rpc/Action method owns Class_Method_Args */
    for (Method &m : cls.methods) {
        m.kind = kindOf(m);
        if (m.kind == MethodKind::Local) continue;
        if (m.kind == MethodKind::Action) checkAction(m);
        if (m.kind == MethodKind::Rpc && m.isConst)
            throw IigError(m.line,
                           "RPC method '" + m.name + "' cannot be const; mark it LOCALONLY if only the dext calls it");
        if (!generatedNames.insert(m.name).second)
            throw IigError(m.line, "overloaded method '" + m.name + "' is not supported unless it is LOCALONLY");
    }
}

} // namespace dkiig
