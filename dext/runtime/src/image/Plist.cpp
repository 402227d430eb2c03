#include "image/Plist.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdlib>

namespace dksim {

const PlistValue *PlistValue::find(const std::string &key) const
{
    for (const auto &entry : entries)
        if (entry.first == key) return &entry.second;
    return nullptr;
}

const std::string *PlistValue::findString(const std::string &key) const
{
    const PlistValue *value = find(key);
    return value && value->isString() ? &value->text : nullptr;
}

namespace {

class Reader
{
public:
    explicit Reader(const std::string &text) : text_(text) {}

    bool document(PlistValue &root, PlistError &error)
    {
        if (!skipProlog()) return fail(error);
        Tag tag;
        if (!readTag(tag)) return fail(error);
        if (tag.name != "plist" || tag.closing) return fail(error, tag.line, "expected <plist>");
        if (!tag.selfClosing) {
            if (!value(root)) return fail(error);
            Tag end;
            if (!readTag(end)) return fail(error);
            if (end.name != "plist" || !end.closing)
                return fail(error, end.line, "expected </plist> after the top-level value");
        } else {
            return fail(error, tag.line, "empty <plist/>");
        }
        skipMisc();
        if (pos_ < text_.size()) return fail(error, line_, "unexpected content after </plist>");
        return true;
    }

private:
    struct Tag {
        std::string name;
        bool closing = false;
        bool selfClosing = false;
        int line = 0;
    };

    bool fail(PlistError &error)
    {
        error.line = errorLine_;
        error.message = errorText_;
        return false;
    }
    bool fail(PlistError &error, int line, const std::string &message)
    {
        error.line = line;
        error.message = message;
        return false;
    }
    bool setError(int line, const std::string &message)
    {
        if (errorText_.empty()) {
            errorLine_ = line;
            errorText_ = message;
        }
        return false;
    }

    void advance(size_t count)
    {
        for (size_t k = 0; k < count && pos_ < text_.size(); ++k, ++pos_)
            if (text_[pos_] == '\n') ++line_;
    }

    bool startsWith(const char *prefix) const { return text_.compare(pos_, strlen(prefix), prefix) == 0; }

    void skipSpace()
    {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) advance(1);
    }

    bool skipUntil(const char *terminator)
    {
        size_t end = text_.find(terminator, pos_);
        if (end == std::string::npos) return false;
        advance(end + strlen(terminator) - pos_);
        return true;
    }

    /* Whitespace, comments and processing instructions between elements. */
    bool skipMisc()
    {
        for (;;) {
            skipSpace();
            if (startsWith("<!--")) {
                int at = line_;
                if (!skipUntil("-->")) return setError(at, "unterminated comment");
            } else if (startsWith("<?")) {
                int at = line_;
                if (!skipUntil("?>")) return setError(at, "unterminated <? ... ?>");
            } else {
                return true;
            }
        }
    }

    bool skipProlog()
    {
        if (!skipMisc()) return false;
        if (startsWith("<!DOCTYPE")) {
            int at = line_;
            if (!skipUntil(">")) return setError(at, "unterminated <!DOCTYPE");
        }
        return skipMisc();
    }

    bool readTag(Tag &tag)
    {
        if (!skipMisc()) return false;
        tag = Tag{};
        tag.line = line_;
        if (pos_ >= text_.size() || text_[pos_] != '<') return setError(line_, "expected an element");
        advance(1);
        if (pos_ < text_.size() && text_[pos_] == '/') {
            tag.closing = true;
            advance(1);
        }
        size_t start = pos_;
        while (pos_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-' || text_[pos_] == '_'))
            advance(1);
        tag.name = text_.substr(start, pos_ - start);
        if (tag.name.empty()) return setError(tag.line, "malformed element");
        /* attributes (plist version="1.0") are accepted and ignored */
        while (pos_ < text_.size() && text_[pos_] != '>') {
            if (text_[pos_] == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '>') {
                tag.selfClosing = true;
                advance(1);
                break;
            }
            if (text_[pos_] == '<') return setError(line_, "malformed element <" + tag.name + ">");
            advance(1);
        }
        if (pos_ >= text_.size()) return setError(tag.line, "unterminated element <" + tag.name + ">");
        advance(1);
        return true;
    }

    /* Character data up to the closing tag </name>, entities decoded. */
    bool readText(const std::string &name, int line, std::string &out)
    {
        out.clear();
        for (;;) {
            if (pos_ >= text_.size()) return setError(line, "unterminated <" + name + ">");
            char c = text_[pos_];
            if (c == '<') {
                if (startsWith("<![CDATA[")) {
                    advance(9);
                    size_t end = text_.find("]]>", pos_);
                    if (end == std::string::npos) return setError(line, "unterminated CDATA");
                    out.append(text_, pos_, end - pos_);
                    advance(end + 3 - pos_);
                    continue;
                }
                if (startsWith("<!--")) {
                    if (!skipUntil("-->")) return setError(line, "unterminated comment");
                    continue;
                }
                Tag end;
                if (!readTag(end)) return false;
                if (!end.closing || end.name != name) return setError(end.line, "expected </" + name + ">");
                return true;
            }
            if (c == '&') {
                size_t semi = text_.find(';', pos_);
                if (semi == std::string::npos || semi - pos_ > 10) return setError(line_, "malformed entity");
                std::string entity = text_.substr(pos_ + 1, semi - pos_ - 1);
                if (entity == "lt")
                    out += '<';
                else if (entity == "gt")
                    out += '>';
                else if (entity == "amp")
                    out += '&';
                else if (entity == "quot")
                    out += '"';
                else if (entity == "apos")
                    out += '\'';
                else if (entity.size() > 1 && entity[0] == '#') {
                    long code = entity[1] == 'x' ? std::strtol(entity.c_str() + 2, nullptr, 16)
                                                 : std::strtol(entity.c_str() + 1, nullptr, 10);
                    if (code <= 0 || code > 0x7f)
                        return setError(line_, "unsupported character reference &" + entity + ";");
                    out += static_cast<char>(code);
                } else {
                    return setError(line_, "unknown entity &" + entity + ";");
                }
                advance(semi + 1 - pos_);
                continue;
            }
            out += c;
            advance(1);
        }
    }

    static std::string trim(const std::string &s)
    {
        size_t b = 0, e = s.size();
        while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
        return s.substr(b, e - b);
    }

    static bool decodeBase64(const std::string &in, std::string &out)
    {
        int bits = 0, value = 0;
        for (char c : in) {
            int d;
            if (c >= 'A' && c <= 'Z')
                d = c - 'A';
            else if (c >= 'a' && c <= 'z')
                d = c - 'a' + 26;
            else if (c >= '0' && c <= '9')
                d = c - '0' + 52;
            else if (c == '+')
                d = 62;
            else if (c == '/')
                d = 63;
            else if (c == '=' || std::isspace(static_cast<unsigned char>(c)))
                continue;
            else
                return false;
            value = (value << 6) | d;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += static_cast<char>((value >> bits) & 0xff);
            }
        }
        return true;
    }

    bool value(PlistValue &out)
    {
        Tag tag;
        if (!readTag(tag)) return false;
        return valueOf(tag, out);
    }

    bool valueOf(const Tag &tag, PlistValue &out)
    {
        out = PlistValue{};
        out.line = tag.line;
        if (tag.closing) return setError(tag.line, "unexpected </" + tag.name + ">");
        const std::string &n = tag.name;
        if (n == "true" || n == "false") {
            out.kind = PlistValue::Kind::Boolean;
            out.boolean = n == "true";
            if (!tag.selfClosing) {
                std::string ignored;
                if (!readText(n, tag.line, ignored)) return false;
            }
            return true;
        }
        if (n == "dict") return dict(tag, out);
        if (n == "array") return array(tag, out);
        std::string body;
        if (!tag.selfClosing && !readText(n, tag.line, body)) return false;
        if (n == "string") {
            out.kind = PlistValue::Kind::String;
            out.text = body;
            return true;
        }
        if (n == "date") {
            out.kind = PlistValue::Kind::Date;
            out.text = trim(body);
            return true;
        }
        if (n == "real") {
            out.kind = PlistValue::Kind::Real;
            out.text = trim(body);
            return true;
        }
        if (n == "integer") {
            std::string digits = trim(body);
            char *end = nullptr;
            errno = 0;
            long long parsed = std::strtoll(digits.c_str(), &end, 0);
            if (digits.empty() || *end != '\0' || errno != 0)
                return setError(tag.line, "malformed <integer> '" + digits + "'");
            out.kind = PlistValue::Kind::Integer;
            out.integer = parsed;
            return true;
        }
        if (n == "data") {
            out.kind = PlistValue::Kind::Data;
            if (!decodeBase64(body, out.text)) return setError(tag.line, "malformed base64 in <data>");
            return true;
        }
        return setError(tag.line, "unknown plist element <" + n + ">");
    }

    bool dict(const Tag &open, PlistValue &out)
    {
        out.kind = PlistValue::Kind::Dict;
        if (open.selfClosing) return true;
        for (;;) {
            Tag tag;
            if (!readTag(tag)) return false;
            if (tag.closing) {
                if (tag.name != "dict") return setError(tag.line, "expected </dict>");
                return true;
            }
            if (tag.name != "key") return setError(tag.line, "expected <key> in <dict>, found <" + tag.name + ">");
            std::string key;
            if (!tag.selfClosing && !readText("key", tag.line, key)) return false;
            for (const auto &entry : out.entries)
                if (entry.first == key) return setError(tag.line, "duplicate key '" + key + "'");
            PlistValue item;
            Tag valueTag;
            if (!readTag(valueTag)) return false;
            if (valueTag.closing) return setError(valueTag.line, "key '" + key + "' has no value");
            if (!valueOf(valueTag, item)) return false;
            out.entries.emplace_back(key, std::move(item));
        }
    }

    bool array(const Tag &open, PlistValue &out)
    {
        out.kind = PlistValue::Kind::Array;
        if (open.selfClosing) return true;
        for (;;) {
            Tag tag;
            if (!readTag(tag)) return false;
            if (tag.closing) {
                if (tag.name != "array") return setError(tag.line, "expected </array>");
                return true;
            }
            PlistValue item;
            if (!valueOf(tag, item)) return false;
            out.items.push_back(std::move(item));
        }
    }

    const std::string &text_;
    size_t pos_ = 0;
    int line_ = 1;
    int errorLine_ = 0;
    std::string errorText_;
};

} // namespace

bool ParsePlist(const std::string &document, PlistValue &root, PlistError &error)
{
    Reader reader(document);
    return reader.document(root, error);
}

} // namespace dksim
