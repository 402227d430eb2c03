/*
 * --fork-server: every client is served by a fresh copy of this process, forked when the client
 * connects, so that a crash or hang of the dext costs that copy (a fork and an exit) and not a new
 * process (exec, dynamic linking, sanitizer start-up). See PROTOCOL.md "Fork server".
 */
#ifndef DEXTHOST_FORK_SERVER_H
#define DEXTHOST_FORK_SERVER_H

#include "Listener.h"

#include <string_view>

namespace dexthost {

/* The start of the line on stderr that tells how a copy ended (after everything it wrote):
 * "dexthost: session PID ended: exit status N" or "dexthost: session PID ended: signal N". */
constexpr std::string_view kSessionEndPrefix = "dexthost: session ";

/* Accepts clients until stdin reaches its end (the starter exited or closed it) and serves each in
 * a forked copy, one at a time. Returns the exit status: 0 at the end of stdin, 1 when the socket
 * cannot be served or the host cannot fork. */
int ServeForked(Listener &listener);

} // namespace dexthost

#endif
