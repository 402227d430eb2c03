#include "Lexer.h"

#include <cctype>

#include "Diagnostic.h"

namespace dkiig {
namespace {

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Lexer
{
public:
    explicit Lexer(const std::string &source) : src_(source) {}

    std::vector<Token> run()
    {
        std::vector<Token> tokens;
        bool atLineStart = true;
        for (;;) {
            bool space = skipSpaceAndComments(atLineStart);
            if (pos_ >= src_.size()) break;
            Token token;
            token.line = line_;
            token.offset = pos_;
            token.spaceBefore = space;
            char c = src_[pos_];
            if (c == '#' && atLineStart) {
                token.kind = TokenKind::Directive;
                readDirective();
            } else if (isIdentStart(c)) {
                token.kind = TokenKind::Identifier;
                readIdentifierOrPrefixedLiteral(token);
            } else if (isDigit(c) || (c == '.' && pos_ + 1 < src_.size() && isDigit(src_[pos_ + 1]))) {
                token.kind = TokenKind::Number;
                readNumber();
            } else if (c == '"' || c == '\'') {
                token.kind = c == '"' ? TokenKind::String : TokenKind::Char;
                readQuoted(c);
            } else {
                token.kind = TokenKind::Punct;
                readPunct();
            }
            token.endOffset = pos_;
            token.text = src_.substr(token.offset, pos_ - token.offset);
            tokens.push_back(token);
            atLineStart = false;
        }
        Token end;
        end.kind = TokenKind::End;
        end.line = line_;
        end.offset = end.endOffset = src_.size();
        tokens.push_back(end);
        return tokens;
    }

private:
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }

    void advance()
    {
        if (src_[pos_] == '\n') ++line_;
        ++pos_;
    }

    /* Returns whether anything was skipped; sets atLineStart when a newline was crossed, since only
     * a '#' first on its line starts a directive. */
    bool skipSpaceAndComments(bool &atLineStart)
    {
        std::size_t start = pos_;
        while (pos_ < src_.size()) {
            char c = src_[pos_];
            if (c == '\n') {
                atLineStart = true;
                advance();
            } else if (c == '\\' && peek(1) == '\n') {
                advance();
                advance();
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                break;
            }
        }
        return pos_ != start;
    }

    void skipLineComment()
    {
        /* A backslash before the newline continues a // comment onto the next line, as in C++. */
        while (pos_ < src_.size() && !(src_[pos_] == '\n' && (pos_ == 0 || src_[pos_ - 1] != '\\'))) advance();
    }

    void skipBlockComment()
    {
        int startLine = line_;
        advance();
        advance();
        while (pos_ < src_.size() && !(src_[pos_] == '*' && peek(1) == '/')) advance();
        if (pos_ >= src_.size()) throw IigError(startLine, "unterminated /* comment");
        advance();
        advance();
    }

    /* To the end of the logical line: backslash-newline continues it, and a block comment that
     * starts on the line may run past its end. */
    void readDirective()
    {
        while (pos_ < src_.size()) {
            char c = src_[pos_];
            if (c == '\n') break;
            if (c == '\\' && peek(1) == '\n') {
                advance();
                advance();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '/' && peek(1) == '/') {
                skipLineComment();
            } else {
                advance();
            }
        }
    }

    void readIdentifierOrPrefixedLiteral(Token &token)
    {
        std::size_t start = pos_;
        while (pos_ < src_.size() && isIdentChar(src_[pos_])) advance();
        std::string word = src_.substr(start, pos_ - start);
        bool rawPrefix = word == "R" || word == "LR" || word == "uR" || word == "UR" || word == "u8R";
        if (rawPrefix && peek() == '"') {
            token.kind = TokenKind::String;
            readRawString(token.line);
            return;
        }
        bool prefix = word == "L" || word == "u" || word == "U" || word == "u8";
        if (prefix && (peek() == '"' || peek() == '\'')) {
            char quote = peek();
            token.kind = quote == '"' ? TokenKind::String : TokenKind::Char;
            readQuoted(quote);
        }
    }

    void readNumber()
    {
        while (pos_ < src_.size()) {
            char c = src_[pos_];
            bool exponentSign =
                (c == '+' || c == '-') && pos_ > 0 &&
                (src_[pos_ - 1] == 'e' || src_[pos_ - 1] == 'E' || src_[pos_ - 1] == 'p' || src_[pos_ - 1] == 'P');
            /* A quote inside a number is a C++14 digit separator. */
            if (isIdentChar(c) || c == '.' || c == '\'' || exponentSign)
                advance();
            else
                break;
        }
    }

    void readQuoted(char quote)
    {
        int startLine = line_;
        advance();
        while (pos_ < src_.size() && src_[pos_] != quote) {
            if (src_[pos_] == '\n') break;
            if (src_[pos_] == '\\' && pos_ + 1 < src_.size()) advance();
            advance();
        }
        if (pos_ >= src_.size() || src_[pos_] != quote)
            throw IigError(startLine, quote == '"' ? "unterminated string literal" : "unterminated character literal");
        advance();
    }

    /* R"delim( ... )delim": no escapes, may span lines. */
    void readRawString(int startLine)
    {
        advance(); /* the opening quote */
        std::size_t delimStart = pos_;
        while (pos_ < src_.size() && src_[pos_] != '(' && src_[pos_] != '\n') advance();
        if (pos_ >= src_.size() || src_[pos_] != '(') throw IigError(startLine, "malformed raw string literal");
        std::string closing = ")" + src_.substr(delimStart, pos_ - delimStart) + "\"";
        std::size_t end = src_.find(closing, pos_);
        if (end == std::string::npos) throw IigError(startLine, "unterminated raw string literal");
        while (pos_ < end + closing.size()) advance();
    }

    void readPunct()
    {
        static const char *const joined[] = {"...", "::", "->"};
        for (const char *op : joined) {
            std::size_t n = std::char_traits<char>::length(op);
            if (src_.compare(pos_, n, op) == 0) {
                for (std::size_t i = 0; i < n; ++i) advance();
                return;
            }
        }
        advance();
    }

    const std::string &src_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

} // namespace

std::vector<Token> tokenize(const std::string &source) { return Lexer(source).run(); }

} // namespace dkiig
