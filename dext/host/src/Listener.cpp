#include "Listener.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace dexthost {

namespace {

std::string Errno(const std::string &what) { return what + ": " + std::strerror(errno); }

} // namespace

Listener::~Listener()
{
    if (fd_ >= 0) close(fd_);
}

bool Listener::Open(const std::string &path, std::string &problem)
{
    // bind creates the socket file before listen makes it accept connections, and a client that
    // connects in between is refused. So the socket is bound under a staging name next to PATH and
    // linked to PATH once it listens: whoever sees PATH can connect (a caller of --socket PATH has
    // no other sign that the host is ready). link, unlike rename, fails when PATH exists, as bind
    // would.
    const std::string staging = path + std::string(kStagingSuffix);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.empty() || staging.size() >= sizeof(address.sun_path)) {
        problem = "socket path must be 1.." + std::to_string(sizeof(address.sun_path) - 1 - kStagingSuffix.size()) +
                  " bytes, '" + path + "' is " + std::to_string(path.size());
        return false;
    }
    std::memcpy(address.sun_path, staging.c_str(), staging.size() + 1);

    fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        problem = Errno("socket");
        return false;
    }
    // The umask makes bind create the socket as 0600 from the start: no window in which another
    // user could connect before a chmod.
    mode_t previous = umask(0177);
    int bound = bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    int bindErrno = errno;
    umask(previous);
    if (bound != 0) {
        errno = bindErrno;
        problem = Errno("cannot bind " + staging);
        return false;
    }
    socketPath_ = staging; // what Remove deletes if the rest fails
    if (listen(fd_, 1) != 0) {
        problem = Errno("listen on " + staging);
        return false;
    }
    if (link(staging.c_str(), path.c_str()) != 0) {
        problem = Errno("cannot bind " + path);
        return false;
    }
    unlink(staging.c_str());
    socketPath_ = path;
    return true;
}

bool Listener::OpenPrivate(std::string &problem)
{
    const char *base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/dexthost.XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    if (mkdtemp(name.data()) == nullptr) { // mkdtemp creates the directory with mode 0700
        problem = Errno("cannot create a private directory " + pattern);
        return false;
    }
    privateDir_ = name.data();
    return Open(privateDir_ + "/socket", problem);
}

int Listener::Accept(std::string &problem)
{
    for (;;) {
        int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client >= 0) return client;
        if (errno == EINTR || errno == ECONNABORTED) continue;
        problem = Errno("accept on " + socketPath_);
        return -1;
    }
}

void Listener::CloseInCopy()
{
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
    socketPath_.clear();
    privateDir_.clear();
}

void Listener::Remove()
{
    if (!socketPath_.empty()) unlink(socketPath_.c_str());
    if (!privateDir_.empty()) rmdir(privateDir_.c_str());
}

} // namespace dexthost
