#include "WireClient.h"

#include <cerrno>
#include <cstring>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

bool ReadFully(int fd, uint8_t *buffer, size_t size)
{
    size_t done = 0;
    while (done < size) {
        ssize_t n = read(fd, buffer + done, size - done);
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

uint64_t Load(const uint8_t *at, int width)
{
    uint64_t value = 0;
    for (int k = 0; k < width; k++) value |= static_cast<uint64_t>(at[k]) << (8 * k);
    return value;
}

} // namespace

Request &Request::U32(uint32_t value)
{
    for (int k = 0; k < 4; k++) bytes_.push_back(static_cast<uint8_t>(value >> (8 * k)));
    return *this;
}

Request &Request::U64(uint64_t value)
{
    for (int k = 0; k < 8; k++) bytes_.push_back(static_cast<uint8_t>(value >> (8 * k)));
    return *this;
}

Request &Request::Str(const std::string &text)
{
    U32(static_cast<uint32_t>(text.size()));
    return Raw(text.data(), text.size());
}

Request &Request::U64s(const std::vector<uint64_t> &values)
{
    U32(static_cast<uint32_t>(values.size()));
    for (auto value : values) U64(value);
    return *this;
}

Request &Request::Raw(const void *bytes, size_t size)
{
    auto begin = static_cast<const uint8_t *>(bytes);
    bytes_.insert(bytes_.end(), begin, begin + size);
    return *this;
}

uint32_t Response::U32()
{
    if (offset_ + 4 > payload.size()) {
        ADD_FAILURE() << "response payload too short for a u32 at " << offset_;
        return 0;
    }
    offset_ += 4;
    return static_cast<uint32_t>(Load(payload.data() + offset_ - 4, 4));
}

uint64_t Response::U64()
{
    if (offset_ + 8 > payload.size()) {
        ADD_FAILURE() << "response payload too short for a u64 at " << offset_;
        return 0;
    }
    offset_ += 8;
    return Load(payload.data() + offset_ - 8, 8);
}

std::vector<uint8_t> Response::Raw(size_t size)
{
    if (offset_ + size > payload.size()) {
        ADD_FAILURE() << "response payload too short for " << size << " bytes at " << offset_;
        return {};
    }
    offset_ += size;
    return std::vector<uint8_t>(payload.begin() + static_cast<long>(offset_ - size),
                                payload.begin() + static_cast<long>(offset_));
}

std::string Response::Str()
{
    auto bytes = Raw(U32());
    return std::string(bytes.begin(), bytes.end());
}

WireClient::WireClient(const std::string &path)
{
    fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    if (connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        ADD_FAILURE() << "cannot connect to " << path << ": " << std::strerror(errno);
}

WireClient::~WireClient()
{
    if (fd_ >= 0) close(fd_);
}

void WireClient::SendRaw(const std::vector<uint8_t> &bytes)
{
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return; // the host may drop us mid-frame; the test checks that it did
        done += static_cast<size_t>(n);
    }
}

bool WireClient::Exchange(uint32_t op, const Request &request, Response &response)
{
    Request frame;
    frame.U32(static_cast<uint32_t>(request.Bytes().size() + 4))
        .U32(op)
        .Raw(request.Bytes().data(), request.Bytes().size());
    SendRaw(frame.Bytes());
    return Receive(response);
}

bool WireClient::Receive(Response &response)
{
    uint8_t header[8];
    if (!ReadFully(fd_, header, 8)) return false;
    auto length = static_cast<uint32_t>(Load(header, 4));
    response = Response();
    response.status = static_cast<int32_t>(Load(header + 4, 4));
    if (length < 4) {
        ADD_FAILURE() << "response length " << length << " is under 4";
        return false;
    }
    response.payload.resize(length - 4);
    return ReadFully(fd_, response.payload.data(), response.payload.size());
}

bool WireClient::ClosedByHost(int timeoutMs)
{
    pollfd waiting{fd_, POLLIN, 0};
    if (poll(&waiting, 1, timeoutMs) != 1) return false;
    uint8_t byte;
    ssize_t n = read(fd_, &byte, 1);
    // Closing with our unread bytes still queued makes the kernel reset instead of a plain EOF.
    return n == 0 || (n < 0 && errno == ECONNRESET);
}
