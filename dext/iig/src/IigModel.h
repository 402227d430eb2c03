/*
 * What dkiig understands of a .iig: a sequence of verbatim text blocks and DriverKit classes, each
 * class a list of method declarations. The writers generate from this alone.
 */
#ifndef DKIIG_IIGMODEL_H
#define DKIIG_IIGMODEL_H

#include <string>
#include <variant>
#include <vector>

namespace dkiig {

enum class Access { Public, Protected, Private };

/* How a method crosses into generated code; see MethodKind.h for the rules. */
enum class MethodKind {
    Local,  /* copied as a plain C++ declaration */
    Rpc,    /* a non-virtual Method(args, supermethod) wrapper around a virtual Method_Impl */
    Action, /* a TYPE(...) handler: wrapper, Method_Impl and a typed OSAction subclass */
};

struct Parameter {
    std::string declaration; /* as written, without a default argument: "IOService* provider" */
    std::string withDefault; /* as written, with the default argument if any */
    std::string type;        /* the declaration without the name: "IOService*" */
    std::string name;
    int line = 0;
    bool annotated = false; /* written with parameter attributes (TARGET, TYPE(...), ...), now dropped */
};

struct Method {
    int line = 0; /* line of the method's name */
    std::string name;
    Access access = Access::Private; /* as written; generation makes all but _Impl public, as Apple's iig */
    bool isVirtual = false;
    bool isStatic = false;
    bool isConst = false;
    bool isOverride = false;
    bool isFinal = false;
    bool localOnly = false;        /* LOCALONLY */
    std::string returnType;        /* as written: "kern_return_t", "const char *" */
    std::string declaredParams;    /* the text between the parentheses, as written ("void" kept) */
    std::vector<Parameter> params; /* empty for "()" and "(void)" */
    std::string actionType;        /* the argument of TYPE(...), empty when there is none */
    std::string queueName;         /* the argument of QUEUENAME(...), empty when there is none */
    MethodKind kind = MethodKind::Local;
};

struct ClassDecl {
    int line = 0; /* line of the "class" keyword */
    std::string name;
    std::string base;
    std::vector<Method> methods;
};

/* Source text outside every class, copied to the header; firstLine is the .iig line it starts on. */
struct VerbatimBlock {
    int firstLine = 1;
    std::string text;
};

using IigItem = std::variant<VerbatimBlock, ClassDecl>;

struct IigFile {
    std::vector<IigItem> items;
};

} // namespace dkiig

#endif
