/*
 * Little-endian field encoding of request payloads and response payloads (PROTOCOL.md).
 * The reader never trusts the client: every read is bounds-checked, and the first failure is kept
 * as a one-line reason so the session can report the malformed frame and drop the client.
 */
#ifndef DEXTHOST_WIRE_H
#define DEXTHOST_WIRE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dexthost {

class PayloadReader
{
public:
    PayloadReader(const uint8_t *data, size_t size) : data_(data), size_(size) {}

    bool U32(uint32_t &value, const char *field);
    bool I32(int32_t &value, const char *field);
    bool U64(uint64_t &value, const char *field);
    /* A u32 count or capacity that must not exceed max. */
    bool Count(uint32_t &value, uint32_t max, const char *field);
    /* A u64 size that must not exceed max. */
    bool Size(uint64_t &value, uint64_t max, const char *field);
    /* u32 count (at most maxCount) followed by that many u64. */
    bool Scalars(std::vector<uint64_t> &values, uint32_t maxCount, const char *field);
    /* u32 byte length (at most kMaxString) followed by the bytes. */
    bool String(std::string &value, const char *field);
    /* A view of the next size bytes (still inside the frame buffer). */
    bool Bytes(const uint8_t *&bytes, uint64_t size, const char *field);
    /* True when the whole payload was consumed; a frame with trailing bytes is malformed. */
    bool Finish();

    const std::string &Problem() const { return problem_; }
    /* A field read whole but out of range: keeps the reason, like a failed read. */
    bool Reject(std::string problem) { return Fail(std::move(problem)); }

private:
    bool Take(uint64_t count, const char *field, const uint8_t *&at);
    bool Fail(std::string problem);
    bool OverCap(const char *field, uint64_t value, uint64_t max);

    const uint8_t *data_;
    size_t size_;
    size_t offset_ = 0;
    std::string problem_;
};

/*
 * Builds one response frame: the 8 header bytes are reserved up front so the finished frame goes
 * out in one buffer without copying the payload.
 */
class ResponseWriter
{
public:
    ResponseWriter() : frame_(kHeaderSize, 0) {}

    void U32(uint32_t value);
    void I32(int32_t value) { U32(static_cast<uint32_t>(value)); }
    void U64(uint64_t value);
    void Bytes(const void *bytes, size_t size);
    /* u32 byte length followed by the bytes. */
    void String(const char *text, size_t size);

    /* Fills in the header (length, status) and returns the whole frame. */
    const std::vector<uint8_t> &Frame(int32_t status);

    /* The payload written so far (after the reserved header), and emptying it for reuse: the
     * program executor (ProgramOps.cpp) builds its sub-requests and takes its sub-answers with
     * writers it keeps, so a long program does not allocate per step. */
    const uint8_t *Payload() const { return frame_.data() + kHeaderSize; }
    size_t PayloadSize() const { return frame_.size() - kHeaderSize; }
    void Clear() { frame_.resize(kHeaderSize); }

private:
    static constexpr size_t kHeaderSize = 8;
    std::vector<uint8_t> frame_;
};

} // namespace dexthost

#endif
