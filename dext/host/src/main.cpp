/*
 * dexthost: one dext (lib<Dext>.so) in its own process, served over a Unix-domain socket, so that a
 * crash or hang of the dext ends this process and not the harness. See PROTOCOL.md.
 */
#include "ForkServer.h"
#include "Listener.h"
#include "Ops.h"
#include "Options.h"
#include "Session.h"
#include "Shutdown.h"

#include <cstdio>
#include <dksim.h>
#include <unistd.h>

using namespace dexthost;

namespace {

int Fail(const std::string &problem, int status)
{
    std::fprintf(stderr, "dexthost: %s\n", problem.c_str());
    return status;
}

int Serve(const Options &options)
{
    Listener listener;
    std::string problem;
    bool opened = options.privateDir ? listener.OpenPrivate(problem) : listener.Open(options.socketPath, problem);
    if (!opened) {
        listener.Remove();
        return Fail(problem, 1);
    }
    ExitCleanlyOnTermination(listener.SocketPath().c_str(), listener.PrivateDirectory().c_str());
    if (options.privateDir) {
        std::printf("%s\n", listener.SocketPath().c_str());
        std::fflush(stdout);
    }
    if (options.forkServer) {
        int status = ServeForked(listener);
        listener.Remove();
        return status;
    }
    for (;;) {
        int client = listener.Accept(problem);
        if (client < 0) {
            listener.Remove();
            return Fail(problem, 1);
        }
        bool clean = ServeClient(client);
        close(client);
        if (options.once) {
            listener.Remove();
            return clean ? 0 : 1;
        }
    }
}

} // namespace

/* A host inherits every descriptor its starter did not mark close-on-exec — under a fuzz campaign,
 * AFL++'s fork-server pipes (198, 199), which kept afl-fuzz waiting on an orphaned host after it was
 * told to stop. The host needs only stdin, stdout and stderr; its socket and shared memory it opens
 * itself. */
static void CloseInheritedDescriptors()
{
    if (close_range(3, ~0U, 0) == 0) return;
    long limit = sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (limit > 0 ? limit : 1024); fd++) close(fd);
}

int main(int argc, char **argv)
{
    CloseInheritedDescriptors();
    Options options;
    std::string problem;
    if (!ParseOptions(argc, argv, options, problem)) return Fail(problem + " (see dexthost --help)", 2);
    switch (options.action) {
    case Options::Action::Help: std::fputs(kUsage, stdout); return 0;
    case Options::Action::Version:
        std::printf("dexthost protocol %u, dksim ABI %u, dext %s\n", kProtocolVersion, dksim_abi_version(),
                    dksim_dext_identifier());
        return 0;
    case Options::Action::Serve: break;
    }
    return Serve(options);
}
