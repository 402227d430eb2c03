/*
 * A minimal client of the dexthost protocol (PROTOCOL.md), written apart from the host's own
 * encoder so that the tests check the documented format rather than the host against itself.
 */
#ifndef DEXTHOST_TESTS_WIRE_CLIENT_H
#define DEXTHOST_TESTS_WIRE_CLIENT_H

#include <cstdint>
#include <string>
#include <vector>

/* A request payload under construction. */
class Request
{
public:
    Request &U32(uint32_t value);
    Request &I32(int32_t value) { return U32(static_cast<uint32_t>(value)); }
    Request &U64(uint64_t value);
    Request &Str(const std::string &text);
    Request &U64s(const std::vector<uint64_t> &values);
    Request &Raw(const void *bytes, size_t size);

    const std::vector<uint8_t> &Bytes() const { return bytes_; }

private:
    std::vector<uint8_t> bytes_;
};

/* Reads a response payload; any read past its end fails the current test. */
class Response
{
public:
    int32_t status = 0;
    std::vector<uint8_t> payload;

    uint32_t U32();
    int32_t I32() { return static_cast<int32_t>(U32()); }
    uint64_t U64();
    std::string Str();
    std::vector<uint8_t> Raw(size_t size);
    bool AtEnd() const { return offset_ == payload.size(); }

private:
    size_t offset_ = 0;
};

class WireClient
{
public:
    /* Connects to the socket at path; fails the test when it cannot. */
    explicit WireClient(const std::string &path);
    WireClient(const WireClient &) = delete;
    WireClient &operator=(const WireClient &) = delete;
    ~WireClient();

    /* Sends one request and reads its response; false when the host closed the connection. */
    bool Exchange(uint32_t op, const Request &request, Response &response);
    /* Reads one response frame without sending (a fork server copy's greeting); false on close. */
    bool Receive(Response &response);
    /* Writes raw bytes (for malformed frames). */
    void SendRaw(const std::vector<uint8_t> &bytes);
    /* True when the host closes the connection within timeout_ms without sending anything. */
    bool ClosedByHost(int timeoutMs);

private:
    int fd_ = -1;
};

#endif
