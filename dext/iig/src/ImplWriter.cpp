#include "ImplWriter.h"

#include "ActionTypes.h"
#include "GeneratedNames.h"
#include "LineWriter.h"

namespace dkiig {
namespace {

std::string hookParameters(const ActionType &type)
{
    std::string text;
    for (const ActionHookParameter &p : type.parameters) text += (text.empty() ? "" : ", ") + p.type + " " + p.name;
    return text;
}

std::string hookArguments(const ActionType &type)
{
    std::string text = "this";
    for (const ActionHookParameter &p : type.parameters) text += ", " + p.name;
    return text;
}

void writeActionClass(LineWriter &w, const ClassDecl &cls, const Method &m)
{
    const ActionType &type = *findActionType(m.actionType);
    const std::string action = actionClassName(cls, m);
    w.line("");
    w.line("class " + action + " final : public OSAction");
    w.line("{");
    w.line("    DKSIM_CLASS_DECLARE(" + action + ", OSAction)");
    w.line("public:");
    w.line("    void " + type.hookName + "(" + hookParameters(type) + ") override { static_cast<" + cls.name +
           " *>(dksimTarget())->" + implMethodName(m) + "(" + hookArguments(type) + "); }");
    w.line("};");
    w.line("DKSIM_CLASS_DEFINE(" + action + ", OSAction)");
    w.line("kern_return_t " + cls.name + "::" + createActionMethodName(m) +
           "(size_t referenceSize, OSAction **action)");
    w.line("{");
    w.line("    return ::dksim::CreateTypedAction<" + action + ">(this, referenceSize, action);");
    w.line("}");
}

} // namespace

std::string writeImpl(const IigFile &file, const OutputNames &names)
{
    LineWriter w;
    w.line(bannerComment(names.iigName));
    w.line("#include \"" + names.headerName + "\"");
    w.line("#include <DriverKit/OSAction.h>");
    for (const IigItem &item : file.items) {
        const auto *cls = std::get_if<ClassDecl>(&item);
        if (!cls) continue;
        /* A class the .iig declares inside #if (a family compiled out, a feature switch) is not
         * declared when the condition is false; neither are its definitions then. */
        w.line("");
        w.line("#ifdef " + declaredMacroName(*cls));
        w.line("DKSIM_CLASS_DEFINE(" + cls->name + ", " + cls->base + ")");
        for (const Method &m : cls->methods)
            if (m.kind == MethodKind::Action) writeActionClass(w, *cls, m);
        w.line("#endif");
    }
    return w.text();
}

} // namespace dkiig
