#include "Wire.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* PROTOCOL.md: every integer is little-endian, whatever the host's order. */
static uint8_t *put_u32(uint8_t *at, uint32_t value)
{
    for (int k = 0; k < 4; k++) at[k] = (uint8_t)(value >> (8 * k));
    return at + 4;
}

static uint8_t *put_u64(uint8_t *at, uint64_t value)
{
    for (int k = 0; k < 8; k++) at[k] = (uint8_t)(value >> (8 * k));
    return at + 8;
}

static uint32_t get_u32(const uint8_t *at)
{
    return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 | (uint32_t)at[3] << 24;
}

static uint64_t get_u64(const uint8_t *at) { return (uint64_t)get_u32(at) | (uint64_t)get_u32(at + 4) << 32; }

/* Fills in the frame's length once its end is known; the op (or status) follows it. */
static size_t finish(uint8_t *frame, const uint8_t *end)
{
    size_t size = (size_t)(end - frame);
    put_u32(frame, (uint32_t)(size - 4));
    return size;
}

size_t wire_reset_request(uint8_t *frame) { return finish(frame, put_u32(frame + 4, WIRE_OP_RESET)); }

size_t wire_open_request(uint8_t *frame, const char *service_name)
{
    size_t length = strlen(service_name);
    uint8_t *at = put_u32(frame + 4, WIRE_OP_OPEN);
    at = put_u32(at, (uint32_t)length);
    memcpy(at, service_name, length);
    at = put_u32(at + length, 0); /* connection type */
    at = put_u32(at, 0);          /* no access identifiers: NullDriver allows any client */
    return finish(frame, at);
}

size_t wire_call_request(uint8_t *frame, uint64_t connection, const bench_data *input, uint64_t struct_input_size)
{
    uint8_t *at = put_u32(frame + 4, WIRE_OP_CALL_METHOD);
    at = put_u64(at, connection);
    at = put_u32(at, BENCH_SELECTOR_CHECKED_STRUCT);
    at = put_u32(at, 0); /* scalar_input: none */
    at = put_u64(at, struct_input_size);
    uint8_t bytes[sizeof *input];
    put_u64(put_u64(bytes, input->foo), input->bar);
    memcpy(at, bytes, struct_input_size);
    at = put_u32(at + struct_input_size, 0); /* scalar output capacity */
    at = put_u64(at, BENCH_STRUCT_SIZE);     /* struct output capacity */
    return finish(frame, at);
}

size_t wire_call_response(uint8_t *frame, const bench_data *output)
{
    uint8_t *at = put_u32(frame + 4, (uint32_t)BENCH_IORETURN_SUCCESS);
    at = put_u32(at, 0); /* scalar_output_count */
    at = put_u64(at, BENCH_STRUCT_SIZE);
    at = put_u64(at, output->foo);
    at = put_u64(at, output->bar);
    return finish(frame, at);
}

int wire_status(const uint8_t *frame, size_t size, int32_t *status)
{
    if (size < 8) return -1;
    *status = (int32_t)get_u32(frame + 4);
    return 0;
}

int wire_open_connection(const uint8_t *frame, size_t size, uint64_t *connection)
{
    if (size < 16) return -1;
    *connection = get_u64(frame + 8);
    return 0;
}

int wire_call_output(const uint8_t *frame, size_t size, bench_data *output)
{
    /* status, u32 scalar count (0 here: capacity 0), u64 struct size, then the bytes */
    if (size < 20 || get_u32(frame + 8) != 0 || get_u64(frame + 12) != BENCH_STRUCT_SIZE ||
        size < 20 + BENCH_STRUCT_SIZE)
        return -1;
    output->foo = get_u64(frame + 20);
    output->bar = get_u64(frame + 28);
    return 0;
}

long wire_read_frame(int fd, uint8_t *buffer, size_t capacity)
{
    size_t got = 0, need = 4;
    while (got < need) {
        ssize_t n = read(fd, buffer + got, capacity - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        got += (size_t)n;
        if (need == 4 && got >= 4) {
            need = 4 + (size_t)get_u32(buffer);
            if (need > capacity) return -1;
        }
    }
    return (long)got;
}

int wire_write_all(int fd, const uint8_t *bytes, size_t size)
{
    size_t done = 0;
    while (done < size) {
        /* MSG_NOSIGNAL: a server that died must fail the benchmark, not kill it with SIGPIPE. */
        ssize_t n = send(fd, bytes + done, size - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

long wire_exchange(int fd, const uint8_t *request, size_t request_size, uint8_t *response, size_t capacity)
{
    if (wire_write_all(fd, request, request_size) != 0) return -1;
    return wire_read_frame(fd, response, capacity);
}
