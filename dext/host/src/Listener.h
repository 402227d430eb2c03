/*
 * The Unix-domain socket dexthost serves on: at a path the user chose, or in a fresh private
 * directory (mode 0700) so that no other user can reach the dext. The socket itself is mode 0600.
 */
#ifndef DEXTHOST_LISTENER_H
#define DEXTHOST_LISTENER_H

#include <string>
#include <string_view>

namespace dexthost {

class Listener
{
public:
    Listener() = default;
    Listener(const Listener &) = delete;
    Listener &operator=(const Listener &) = delete;
    ~Listener();

    /* Binds and listens at path; its directory must exist. The path appears only once the socket
     * accepts connections (it is bound as path + kStagingSuffix first). False with a one-line problem. */
    bool Open(const std::string &path, std::string &problem);
    /* Creates a private directory under $TMPDIR (or /tmp) and listens at <dir>/socket. */
    bool OpenPrivate(std::string &problem);

    /* Waits for the next client; -1 with problem set on failure. */
    int Accept(std::string &problem);

    /* In a forked copy: closes the listening socket without removing anything (the server keeps it). */
    void CloseInCopy();

    int Fd() const { return fd_; }

    /* Removes the socket file and the private directory, if any. */
    void Remove();

    const std::string &SocketPath() const { return socketPath_; }
    const std::string &PrivateDirectory() const { return privateDir_; }

    static constexpr std::string_view kStagingSuffix = ".bind";

private:
    int fd_ = -1;
    std::string socketPath_;
    std::string privateDir_;
};

} // namespace dexthost

#endif
