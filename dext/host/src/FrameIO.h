/*
 * Request frames in, response frames out, on one client socket (PROTOCOL.md, "Frames").
 */
#ifndef DEXTHOST_FRAME_IO_H
#define DEXTHOST_FRAME_IO_H

#include <cstdint>
#include <string>
#include <vector>

namespace dexthost {

enum class ReadOutcome {
    Frame,  /* op and payload are set */
    Closed, /* the client hung up between frames */
    Broken, /* a truncated or oversized frame, or a socket error: problem says which */
};

/* Reads one request; payload is reused between calls to avoid reallocating large frames. */
ReadOutcome ReadRequest(int fd, uint32_t &op, std::vector<uint8_t> &payload, std::string &problem);

/* Sends a whole response frame; false (with problem set) when the client is gone. */
bool WriteFrame(int fd, const std::vector<uint8_t> &frame, std::string &problem);

} // namespace dexthost

#endif
