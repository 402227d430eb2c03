#include "Shutdown.h"

#include <csignal>
#include <cstring>
#include <unistd.h>

namespace dexthost {

namespace {

// Copied before the handler is installed, so the handler only reads memory that never changes.
char gSocketPath[4096];
char gPrivateDir[4096];

void Terminate(int)
{
    // Only async-signal-safe calls: the signal may arrive in the middle of a dext call.
    if (gSocketPath[0] != '\0') unlink(gSocketPath);
    if (gPrivateDir[0] != '\0') rmdir(gPrivateDir);
    _exit(0);
}

void Copy(char *to, size_t size, const char *from)
{
    std::strncpy(to, from, size - 1);
    to[size - 1] = '\0';
}

} // namespace

void ExitCleanlyOnTermination(const char *socketPath, const char *privateDir)
{
    Copy(gSocketPath, sizeof(gSocketPath), socketPath);
    Copy(gPrivateDir, sizeof(gPrivateDir), privateDir);
    struct sigaction action = {};
    action.sa_handler = Terminate;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

} // namespace dexthost
