/*
 * One client connection: requests are served in order until the client hangs up.
 */
#ifndef DEXTHOST_SESSION_H
#define DEXTHOST_SESSION_H

namespace dexthost {

/*
 * Serves the connected socket fd. True when the client hung up between frames; false when the
 * connection was dropped because of a malformed frame or a socket error (already reported on
 * stderr in one line). The simulator's state outlives the connection; the coverage map does not.
 */
bool ServeClient(int fd);

} // namespace dexthost

#endif
