#include "ClassParser.h"

#include "Diagnostic.h"
#include "MemberParser.h"

namespace dkiig {
namespace {

const Token &at(const std::vector<Token> &tokens, std::size_t i)
{
    return tokens[i < tokens.size() ? i : tokens.size() - 1];
}

/* "class Name : public Base {" with pos at 'class'; leaves pos at the '{'. */
void parseHead(const std::vector<Token> &tokens, std::size_t &pos, ClassDecl &cls)
{
    cls.line = tokens[pos].line;
    const Token &name = at(tokens, pos + 1);
    const Token &afterName = at(tokens, pos + 2);
    if (!name.isIdentifier() || !(afterName.is(":") || afterName.is("{")))
        throw IigError(cls.line, "unsupported class head; expected 'class Name : public Base'");
    cls.name = name.text;
    if (afterName.is("{"))
        throw IigError(cls.line, "class '" + cls.name + "' must derive from a DriverKit class, as in 'class " +
                                     cls.name + " : public IOService'");
    pos += 3;
    const Token &access = at(tokens, pos);
    if (access.is("virtual") || (access.isIdentifier() && at(tokens, pos + 1).is("virtual")))
        throw IigError(access.line, "virtual inheritance is not supported");
    if (!access.is("public")) throw IigError(access.line, "the base class of '" + cls.name + "' must be public");
    const Token &base = at(tokens, ++pos);
    if (!base.isIdentifier()) throw IigError(base.line, "expected a base class name after 'public'");
    cls.base = base.text;
    const Token &next = at(tokens, ++pos);
    if (next.is("<")) throw IigError(next.line, "templates are not supported");
    if (next.is(",")) throw IigError(next.line, "multiple inheritance is not supported (class '" + cls.name + "')");
    if (!next.is("{")) throw IigError(next.line, "expected '{' after the base class of '" + cls.name + "'");
}

bool parseAccessSpecifier(const std::vector<Token> &tokens, std::size_t pos, Access &access)
{
    if (!at(tokens, pos + 1).is(":")) return false;
    const Token &t = tokens[pos];
    if (t.is("public"))
        access = Access::Public;
    else if (t.is("protected"))
        access = Access::Protected;
    else if (t.is("private"))
        access = Access::Private;
    else
        return false;
    return true;
}

/* pos at the first token of a member; returns the index of its ';'. */
std::size_t findMemberEnd(const std::vector<Token> &tokens, std::size_t begin, const ClassDecl &cls, int openLine)
{
    std::vector<int> openParens; /* lines of unclosed '(' */
    for (std::size_t i = begin;; ++i) {
        const Token &t = at(tokens, i);
        if (t.kind == TokenKind::End)
            throw IigError(openLine, "unbalanced braces: the '{' of class '" + cls.name + "' is never closed");
        if (t.kind == TokenKind::Directive)
            throw IigError(t.line, "preprocessor directives are not supported inside class '" + cls.name + "'");
        if (t.is("(")) {
            openParens.push_back(t.line);
        } else if (t.is(")")) {
            if (openParens.empty()) throw IigError(t.line, "unbalanced parentheses: ')' without a matching '('");
            openParens.pop_back();
        } else if (!openParens.empty() && (t.is("{") || t.is("}"))) {
            throw IigError(openParens.back(), "unbalanced parentheses: '(' is never closed");
        } else if (t.is("{")) {
            rejectBraceInMember(tokens, begin, i);
        } else if (t.is("}")) {
            rejectUnterminatedMember(tokens, begin, i);
        } else if (t.is(";") && openParens.empty()) {
            return i;
        }
    }
}

} // namespace

bool startsClassDefinition(const std::vector<Token> &tokens, std::size_t pos)
{
    int parens = 0;
    for (std::size_t i = pos + 1; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.kind == TokenKind::End || t.kind == TokenKind::Directive) return false;
        if (t.is("(")) {
            ++parens;
        } else if (t.is(")")) {
            /* "f(class Foo *p)": the keyword was inside a parameter list. */
            if (parens-- == 0) return false;
        } else if (parens == 0 && (t.is(";") || t.is("="))) {
            return false;
        } else if (parens == 0 && t.is("{")) {
            return true;
        }
    }
    return false;
}

ClassDecl parseClass(const std::vector<Token> &tokens, std::size_t &pos)
{
    ClassDecl cls;
    parseHead(tokens, pos, cls);
    const int openLine = tokens[pos].line;
    ++pos;
    Access access = Access::Private; /* a class's members are private until told otherwise */
    for (;;) {
        const Token &t = at(tokens, pos);
        if (t.kind == TokenKind::End)
            throw IigError(openLine, "unbalanced braces: the '{' of class '" + cls.name + "' is never closed");
        if (t.kind == TokenKind::Directive)
            throw IigError(t.line, "preprocessor directives are not supported inside class '" + cls.name + "'");
        if (t.is("}")) break;
        if (t.is(";")) {
            ++pos;
            continue;
        }
        if (parseAccessSpecifier(tokens, pos, access)) {
            pos += 2;
            continue;
        }
        std::size_t end = findMemberEnd(tokens, pos, cls, openLine);
        cls.methods.push_back(parseMember(tokens, pos, end, access, cls.name));
        pos = end + 1;
    }
    const Token &close = tokens[pos];
    if (!at(tokens, pos + 1).is(";"))
        throw IigError(close.line, "expected ';' after the definition of class '" + cls.name + "'");
    ++pos;
    return cls;
}

} // namespace dkiig
