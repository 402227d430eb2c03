/*
 * The few frames of dext/host/PROTOCOL.md the socket benchmark sends, and a frame reader shared by
 * the benchmark's client and its raw ping-pong server, so that both round trips read and write the
 * same way and differ only in what serves them.
 */
#ifndef DEXT_BENCH_WIRE_H
#define DEXT_BENCH_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "CheckedStruct.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WIRE_OP_RESET 5u
#define WIRE_OP_OPEN 9u
#define WIRE_OP_CALL_METHOD 11u
/* Big enough for every frame here: the largest is a CallMethod request of 60 bytes. */
#define WIRE_FRAME_CAPACITY 256u

/* Encoders: write a whole request frame into frame (WIRE_FRAME_CAPACITY bytes), return its size. */
size_t wire_reset_request(uint8_t *frame);
size_t wire_open_request(uint8_t *frame, const char *service_name);
/* CheckedStruct: no scalars, struct_input_size bytes of input (at most 16), output capacity 16. */
size_t wire_call_request(uint8_t *frame, uint64_t connection, const bench_data *input, uint64_t struct_input_size);
/* The response dexthost sends to a call of wire_call_request's shape that succeeded with output. */
size_t wire_call_response(uint8_t *frame, const bench_data *output);

/* Decoders of a whole response frame (status, then the payload). -1 when the frame is too short. */
int wire_status(const uint8_t *frame, size_t size, int32_t *status);
int wire_open_connection(const uint8_t *frame, size_t size, uint64_t *connection);
int wire_call_output(const uint8_t *frame, size_t size, bench_data *output);

/* Reads one frame (u32 length, then length bytes) into buffer with as few read calls as the data
 * allows — one when the peer wrote the frame in one piece. Both ends of every exchange here wait
 * for the answer before sending again, so nothing past the frame can arrive meanwhile.
 * Returns the frame's size, or -1 on error, EOF or a frame over capacity. */
long wire_read_frame(int fd, uint8_t *buffer, size_t capacity);
/* Writes all bytes; -1 on error. */
int wire_write_all(int fd, const uint8_t *bytes, size_t size);
/* One request, one response: returns the response's size or -1. */
long wire_exchange(int fd, const uint8_t *request, size_t request_size, uint8_t *response, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif
