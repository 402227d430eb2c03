#include "TokenText.h"

namespace dkiig {
namespace {

/* No space after an opening bracket or before a closing one, a separator or an array suffix,
 * even if the source had a line break there: "(\n    uint64_t selector" reads as
 * "(uint64_t selector" and "values [ 4 ]" as "values[4]". */
bool suppressesSpace(const Token &previous, const Token &current)
{
    return previous.is("(") || previous.is("[") || current.is(")") || current.is("[") || current.is("]") ||
           current.is(",") || current.is(";");
}

} // namespace

std::string joinTokens(const std::vector<Token> &tokens, std::size_t begin, std::size_t end)
{
    std::string text;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && tokens[i].spaceBefore && !suppressesSpace(tokens[i - 1], tokens[i])) text += ' ';
        text += tokens[i].text;
    }
    return text;
}

} // namespace dkiig
