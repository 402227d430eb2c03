#include "FrameIO.h"

#include "Limits.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace dexthost {

namespace {

/* Bytes read before EOF (== size when complete), or -1 on a socket error. */
ssize_t ReadFully(int fd, uint8_t *buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, buffer + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

uint32_t LoadU32(const uint8_t *at)
{
    return static_cast<uint32_t>(at[0]) | static_cast<uint32_t>(at[1]) << 8 | static_cast<uint32_t>(at[2]) << 16 |
           static_cast<uint32_t>(at[3]) << 24;
}

} // namespace

ReadOutcome ReadRequest(int fd, uint32_t &op, std::vector<uint8_t> &payload, std::string &problem)
{
    uint8_t header[8];
    ssize_t got = ReadFully(fd, header, 4);
    if (got == 0) return ReadOutcome::Closed;
    if (got < 0) {
        problem = std::string("reading the client socket: ") + std::strerror(errno);
        return ReadOutcome::Broken;
    }
    if (got < 4) {
        problem = "the client hung up inside a frame header";
        return ReadOutcome::Broken;
    }
    uint32_t length = LoadU32(header);
    if (length < 4 || length > kMaxRequestFrame) {
        problem = "frame length " + std::to_string(length) + " is outside 4.." + std::to_string(kMaxRequestFrame);
        return ReadOutcome::Broken;
    }
    if (ReadFully(fd, header + 4, 4) != 4) {
        problem = "the client hung up before the op of a frame";
        return ReadOutcome::Broken;
    }
    op = LoadU32(header + 4);
    payload.resize(length - 4);
    if (ReadFully(fd, payload.data(), payload.size()) != static_cast<ssize_t>(payload.size())) {
        problem = "the client hung up inside a frame of " + std::to_string(length) + " bytes";
        return ReadOutcome::Broken;
    }
    return ReadOutcome::Frame;
}

bool WriteFrame(int fd, const std::vector<uint8_t> &frame, std::string &problem)
{
    size_t done = 0;
    while (done < frame.size()) {
        // MSG_NOSIGNAL: a client that left must not kill the host with SIGPIPE.
        ssize_t n = send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            problem = std::string("writing to the client socket: ") + std::strerror(errno);
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

} // namespace dexthost
