#include "HeaderWriter.h"

#include <string>
#include <vector>

#include "GeneratedNames.h"
#include "IncludeRewrite.h"
#include "LineWriter.h"
#include "MethodText.h"

namespace dkiig {
namespace {

const char kIndent[] = "    ";

/* Apple's iig ignores the .iig's access specifiers: everything it declares is public except the
 * _Impl methods, which are protected. Sources written for Xcode depend on that; Apple's NullDriver
 * sample takes &NullDriver::StaticHandle... (declared under protected: in its .iig) in a
 * file-scope dispatch table, which C++ only allows for a public member. So dkiig does the same. */
struct ClassSections {
    std::vector<std::string> publicMembers;
    std::vector<std::string> protectedMembers;
    std::vector<std::string> friends;
};

ClassSections sectionsOf(const ClassDecl &cls)
{
    ClassSections s;
    s.publicMembers.push_back(ivarsStructName(cls) + " *ivars = nullptr;");
    for (const Method &m : cls.methods) {
        switch (m.kind) {
        case MethodKind::Local: s.publicMembers.push_back(localDeclaration(m)); break;
        case MethodKind::Rpc:
            s.publicMembers.push_back(rpcWrapperDefinition(m));
            s.protectedMembers.push_back(implDeclaration(cls, m));
            break;
        case MethodKind::Action:
            s.publicMembers.push_back(actionWrapperDefinition(m));
            s.publicMembers.push_back(createActionDeclaration(m));
            s.protectedMembers.push_back(implDeclaration(cls, m));
            /* The generated OSAction subclass calls the protected Method_Impl. */
            s.friends.push_back("friend class " + actionClassName(cls, m) + ";");
            break;
        }
    }
    return s;
}

void writeSection(LineWriter &w, const char *specifier, const std::vector<std::string> &members)
{
    if (members.empty()) return;
    if (specifier) w.line(specifier);
    for (const std::string &member : members) w.line(kIndent + member);
}

void writeClass(LineWriter &w, const ClassDecl &cls)
{
    w.line("struct " + ivarsStructName(cls) + ";");
    /* Before the class: IMPL(Class, Method) in the .cpp expands to these macro names. */
    for (const Method &m : cls.methods)
        if (m.kind != MethodKind::Local) w.line(argsMacroDefinition(cls, m));
    w.line("class " + cls.name + " : public " + cls.base);
    w.line("{");
    w.line(std::string(kIndent) + "DKSIM_CLASS_DECLARE(" + cls.name + ", " + cls.base + ")");
    ClassSections s = sectionsOf(cls);
    writeSection(w, "public:", s.publicMembers);
    writeSection(w, "protected:", s.protectedMembers);
    writeSection(w, nullptr, s.friends);
    w.line("};");
    /* The header keeps the .iig's own preprocessor lines around the class, so this is defined
     * exactly when the class is: the .iig.cpp defines the class only then (see ImplWriter). */
    w.line("#define " + declaredMacroName(cls) + " 1");
}

} // namespace

std::string writeHeader(const IigFile &file, const OutputNames &names)
{
    LineWriter w;
    w.line(bannerComment(names.iigName));
    bool linesPointIntoIig = false;
    for (const IigItem &item : file.items) {
        if (const auto *block = std::get_if<VerbatimBlock>(&item)) {
            /* Compiler diagnostics in passed-through text then name the .iig line the author wrote. */
            w.lineDirective(block->firstLine, names.iigName);
            w.write(rewriteIigIncludes(block->text));
            linesPointIntoIig = true;
        } else {
            /* Generated code has no .iig line; attribute it to the header at its real lines. */
            if (linesPointIntoIig) w.resumeOwnLines(names.headerName);
            linesPointIntoIig = false;
            writeClass(w, std::get<ClassDecl>(item));
        }
    }
    return w.text();
}

} // namespace dkiig
