/*
 * SIGTERM and SIGINT end dexthost with exit status 0 after removing its socket (and private
 * directory). Crash signals (SIGSEGV, SIGABRT, ...) are deliberately left alone: the sanitizer's
 * or the kernel's default handling must report the crash on stderr and end the process.
 */
#ifndef DEXTHOST_SHUTDOWN_H
#define DEXTHOST_SHUTDOWN_H

namespace dexthost {

/* Both strings are copied; either may be empty. */
void ExitCleanlyOnTermination(const char *socketPath, const char *privateDir);

} // namespace dexthost

#endif
