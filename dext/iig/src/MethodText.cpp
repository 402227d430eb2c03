#include "MethodText.h"

#include "GeneratedNames.h"

namespace dkiig {
namespace {

const char kSupermethodParameter[] = "OSDispatchMethod supermethod = nullptr";

bool returnsVoid(const Method &m) { return m.returnType == "void"; }

std::string joinParameters(const Method &m, bool withDefaults)
{
    std::string text;
    for (const Parameter &p : m.params)
        text += (text.empty() ? "" : ", ") + (withDefaults ? p.withDefault : p.declaration);
    return text;
}

std::string argumentNames(const Method &m)
{
    std::string text;
    for (const Parameter &p : m.params) text += (text.empty() ? "" : ", ") + p.name;
    return text;
}

/* Defaults stay on the wrapper, the only thing callers see, so calls written for Xcode that rely
 * on them still compile; the macro (also used to define Method_Impl) cannot carry them. */
std::string wrapperParameters(const Method &m)
{
    std::string params = joinParameters(m, true);
    return params.empty() ? kSupermethodParameter : params + ", " + kSupermethodParameter;
}

std::string implCall(const Method &m, const char *qualifier = "")
{
    return qualifier + implMethodName(m) + "(" + argumentNames(m) + ")";
}

} // namespace

std::string localDeclaration(const Method &m)
{
    std::string text;
    if (m.isVirtual) text += "virtual ";
    if (m.isStatic) text += "static ";
    text += m.returnType + " " + m.name + "(" + m.declaredParams + ")";
    if (m.isConst) text += " const";
    if (m.isOverride) text += " override";
    if (m.isFinal) text += " final";
    return text + ";";
}

std::string argsMacroDefinition(const ClassDecl &cls, const Method &m)
{
    std::string params = joinParameters(m, false);
    return "#define " + argsMacroName(cls, m) + (params.empty() ? "" : " " + params);
}

std::string rpcWrapperDefinition(const Method &m)
{
    std::string body;
    if (!m.isOverride) /* A new method has no superclass implementation to select. */
        body = returnsVoid(m) ? "(void)supermethod; " + implCall(m) + ";"
                              : "(void)supermethod; return " + implCall(m) + ";";
    else if (returnsVoid(m))
        body = "if (supermethod) " + implCall(m, "super::") + "; else " + implCall(m) + ";";
    else
        body = "return supermethod ? " + implCall(m, "super::") + " : " + implCall(m) + ";";
    return m.returnType + " " + m.name + "(" + wrapperParameters(m) + ") { " + body + " }";
}

std::string implDeclaration(const ClassDecl &cls, const Method &m)
{
    std::string text = "virtual " + m.returnType + " " + implMethodName(m) + "(" + argsMacroName(cls, m) + ")";
    if (m.isOverride) text += " override";
    if (m.isFinal) text += " final";
    return text + ";";
}

std::string actionWrapperDefinition(const Method &m)
{
    return "void " + m.name + "(" + wrapperParameters(m) + ") { (void)supermethod; " + implCall(m) + "; }";
}

std::string createActionDeclaration(const Method &m)
{
    return "kern_return_t " + createActionMethodName(m) + "(size_t referenceSize, OSAction **action);";
}

} // namespace dkiig
