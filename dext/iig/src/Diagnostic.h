/*
 * The one kind of failure dkiig reports about its input: a message tied to a line of the .iig.
 * Everything that cannot be generated faithfully is an IigError, so the tool either produces
 * output that compiles like Apple's iig output would, or names the line that stops it.
 */
#ifndef DKIIG_DIAGNOSTIC_H
#define DKIIG_DIAGNOSTIC_H

#include <stdexcept>
#include <string>

namespace dkiig {

class IigError : public std::runtime_error
{
public:
    IigError(int line, const std::string &message) : std::runtime_error(message), line_(line) {}

    int line() const { return line_; }

    /* "PATH:LINE: error: message", the shape compilers use, so editors and CI annotators link it. */
    std::string format(const std::string &path) const
    {
        return path + ":" + std::to_string(line_) + ": error: " + what();
    }

private:
    int line_;
};

} // namespace dkiig

#endif
