/*
 * One dkiig run: arguments in, files out, one line on the error stream when something is wrong.
 * main() only forwards to it, so tests exercise exit codes and messages in-process.
 */
#ifndef DKIIG_TOOL_H
#define DKIIG_TOOL_H

#include <ostream>

namespace dkiig {

enum ExitCode { kExitSuccess = 0, kExitFailure = 1, kExitUsage = 2 };

int runTool(int argc, const char *const argv[], std::ostream &out, std::ostream &err);

} // namespace dkiig

#endif
