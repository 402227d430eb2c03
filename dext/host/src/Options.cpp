#include "Options.h"

#include <cstring>

namespace dexthost {

const char kUsage[] =
    "usage: dexthost (--socket PATH | --private-dir) [--once | --fork-server]\n"
    "       dexthost --version | --help\n"
    "\n"
    "Serves the dksim C ABI of the dext linked into this host over a Unix-domain socket, one client\n"
    "at a time (wire format: dext/host/PROTOCOL.md).\n"
    "\n"
    "  --socket PATH   listen at PATH (its directory must exist); the socket is mode 0600\n"
    "  --private-dir   listen in a new private directory (mode 0700) under $TMPDIR or /tmp and print\n"
    "                  the socket's path as the first line of stdout\n"
    "  --once          exit when the first client hangs up (status 0, or 1 if it was dropped for a\n"
    "                  malformed frame) instead of waiting for the next one\n"
    "  --fork-server   serve each client in a copy of this process forked when it connects (a crash\n"
    "                  of the dext ends the copy, not the host); after each copy, write\n"
    "                  'dexthost: session PID ended: exit status N' (or 'signal N') on stderr; exit 0\n"
    "                  when stdin reaches its end (start it with stdin on a pipe you hold)\n"
    "  --version       print the protocol version, the dksim ABI version and the dext's identifier\n"
    "\n"
    "Exit status: 0 on SIGTERM, after --once, or at the end of stdin with --fork-server; 1 when the\n"
    "socket cannot be served; 2 for bad usage.\n"
    "A crash of the dext ends the process with the sanitizer's or the kernel's report on stderr.\n";

bool ParseOptions(int argc, char **argv, Options &options, std::string &problem)
{
    for (int k = 1; k < argc; k++) {
        const char *arg = argv[k];
        if (std::strcmp(arg, "--socket") == 0) {
            if (k + 1 >= argc) {
                problem = "--socket needs a path";
                return false;
            }
            options.socketPath = argv[++k];
            if (options.socketPath.empty()) {
                problem = "--socket needs a non-empty path";
                return false;
            }
        } else if (std::strcmp(arg, "--private-dir") == 0) {
            options.privateDir = true;
        } else if (std::strcmp(arg, "--once") == 0) {
            options.once = true;
        } else if (std::strcmp(arg, "--fork-server") == 0) {
            options.forkServer = true;
        } else if (std::strcmp(arg, "--version") == 0) {
            options.action = Options::Action::Version;
        } else if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
            options.action = Options::Action::Help;
        } else {
            problem = std::string("unknown argument '") + arg + "'";
            return false;
        }
    }
    if (options.action != Options::Action::Serve) return true;
    if (options.privateDir == !options.socketPath.empty()) {
        problem = options.privateDir ? "--socket and --private-dir exclude each other"
                                     : "give --socket PATH or --private-dir";
        return false;
    }
    if (options.once && options.forkServer) {
        problem = "--once and --fork-server exclude each other";
        return false;
    }
    return true;
}

} // namespace dexthost
