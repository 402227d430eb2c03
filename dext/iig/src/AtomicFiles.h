/*
 * Writes a set of output files all-or-nothing: a build that stops half-way (or a dkiig that fails)
 * must never leave a truncated header that a later incremental build would take as up to date.
 */
#ifndef DKIIG_ATOMICFILES_H
#define DKIIG_ATOMICFILES_H

#include <string>
#include <vector>

namespace dkiig {

struct OutputFile {
    std::string path;
    std::string contents;
};

/* Each file is written under a temporary name in its target directory (created if missing) and
 * renamed over the target only once every file was written. Throws std::runtime_error with a
 * one-line reason; temporary files are removed first. */
void writeFilesAtomically(const std::vector<OutputFile> &files);

} // namespace dkiig

#endif
