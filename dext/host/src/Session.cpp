#include "Session.h"

#include "FrameIO.h"
#include "Handlers.h"

#include <cstdio>
#include <vector>

namespace dexthost {

namespace {

bool Drop(const std::string &problem)
{
    std::fprintf(stderr, "dexthost: dropping the client: %s\n", problem.c_str());
    return false;
}

bool Serve(int fd)
{
    std::vector<uint8_t> payload;
    std::string problem;
    for (;;) {
        uint32_t op = 0;
        switch (ReadRequest(fd, op, payload, problem)) {
        case ReadOutcome::Closed: return true;
        case ReadOutcome::Broken: return Drop(problem);
        case ReadOutcome::Frame: break;
        }
        const OpEntry *entry = FindOp(op);
        if (entry == nullptr) return Drop("unknown op " + std::to_string(op));
        PayloadReader in(payload.data(), payload.size());
        Answer answer;
        if (!entry->handler(in, answer))
            return Drop(std::string("malformed ") + entry->name + " request: " + in.Problem());
        if (!WriteFrame(fd, answer.payload.Frame(answer.status), problem)) return Drop(problem);
    }
}

} // namespace

bool ServeClient(int fd)
{
    SetProgramClient(fd);
    bool clean = Serve(fd);
    SetProgramClient(-1);
    DetachCoverageShm();
    return clean;
}

} // namespace dexthost
