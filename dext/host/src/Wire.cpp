#include "Wire.h"

#include "Limits.h"

namespace dexthost {

namespace {

uint64_t LoadLittleEndian(const uint8_t *at, size_t width)
{
    uint64_t value = 0;
    for (size_t k = 0; k < width; k++) value |= static_cast<uint64_t>(at[k]) << (8 * k);
    return value;
}

void StoreLittleEndian(uint8_t *at, uint32_t value)
{
    for (int k = 0; k < 4; k++) at[k] = static_cast<uint8_t>(value >> (8 * k));
}

} // namespace

bool PayloadReader::Fail(std::string problem)
{
    if (problem_.empty()) problem_ = std::move(problem);
    return false;
}

bool PayloadReader::Take(uint64_t count, const char *field, const uint8_t *&at)
{
    if (!problem_.empty()) return false;
    if (count > size_ - offset_)
        return Fail(std::string(field) + ": needs " + std::to_string(count) + " bytes, " +
                    std::to_string(size_ - offset_) + " left in the frame");
    at = data_ + offset_;
    offset_ += static_cast<size_t>(count);
    return true;
}

bool PayloadReader::U32(uint32_t &value, const char *field)
{
    const uint8_t *at;
    if (!Take(4, field, at)) return false;
    value = static_cast<uint32_t>(LoadLittleEndian(at, 4));
    return true;
}

bool PayloadReader::I32(int32_t &value, const char *field)
{
    uint32_t raw;
    if (!U32(raw, field)) return false;
    value = static_cast<int32_t>(raw);
    return true;
}

bool PayloadReader::U64(uint64_t &value, const char *field)
{
    const uint8_t *at;
    if (!Take(8, field, at)) return false;
    value = LoadLittleEndian(at, 8);
    return true;
}

bool PayloadReader::OverCap(const char *field, uint64_t value, uint64_t max)
{
    return Fail(std::string(field) + ": " + std::to_string(value) + " is over the cap of " + std::to_string(max));
}

bool PayloadReader::Count(uint32_t &value, uint32_t max, const char *field)
{
    if (!U32(value, field)) return false;
    return value <= max || OverCap(field, value, max);
}

bool PayloadReader::Size(uint64_t &value, uint64_t max, const char *field)
{
    if (!U64(value, field)) return false;
    return value <= max || OverCap(field, value, max);
}

bool PayloadReader::Scalars(std::vector<uint64_t> &values, uint32_t maxCount, const char *field)
{
    uint32_t count;
    if (!Count(count, maxCount, field)) return false;
    values.resize(count);
    for (auto &value : values)
        if (!U64(value, field)) return false;
    return true;
}

bool PayloadReader::String(std::string &value, const char *field)
{
    uint32_t size;
    if (!U32(size, field)) return false;
    if (size > kMaxString) return OverCap(field, size, kMaxString);
    const uint8_t *at;
    if (!Take(size, field, at)) return false;
    value.assign(reinterpret_cast<const char *>(at), size);
    return true;
}

bool PayloadReader::Bytes(const uint8_t *&bytes, uint64_t size, const char *field) { return Take(size, field, bytes); }

bool PayloadReader::Finish()
{
    if (!problem_.empty()) return false;
    if (offset_ != size_) return Fail(std::to_string(size_ - offset_) + " unexpected bytes after the payload");
    return true;
}

void ResponseWriter::U32(uint32_t value)
{
    uint8_t bytes[4];
    StoreLittleEndian(bytes, value);
    frame_.insert(frame_.end(), bytes, bytes + 4);
}

void ResponseWriter::U64(uint64_t value)
{
    U32(static_cast<uint32_t>(value));
    U32(static_cast<uint32_t>(value >> 32));
}

void ResponseWriter::Bytes(const void *bytes, size_t size)
{
    auto begin = static_cast<const uint8_t *>(bytes);
    frame_.insert(frame_.end(), begin, begin + size);
}

void ResponseWriter::String(const char *text, size_t size)
{
    U32(static_cast<uint32_t>(size));
    Bytes(text, size);
}

const std::vector<uint8_t> &ResponseWriter::Frame(int32_t status)
{
    // The length counts what follows it: the status and the payload.
    StoreLittleEndian(frame_.data(), static_cast<uint32_t>(frame_.size() - 4));
    StoreLittleEndian(frame_.data() + 4, static_cast<uint32_t>(status));
    return frame_;
}

} // namespace dexthost
