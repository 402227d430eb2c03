/*
 * dexthost's command line.
 */
#ifndef DEXTHOST_OPTIONS_H
#define DEXTHOST_OPTIONS_H

#include <string>

namespace dexthost {

struct Options {
    enum class Action { Serve, Version, Help };
    Action action = Action::Serve;
    std::string socketPath;  /* --socket PATH */
    bool privateDir = false; /* --private-dir */
    bool once = false;       /* --once: exit after the first client leaves */
    bool forkServer = false; /* --fork-server: serve each client in a forked copy until stdin ends */
};

/* False with a one-line problem for bad usage. */
bool ParseOptions(int argc, char **argv, Options &options, std::string &problem);

extern const char kUsage[];

} // namespace dexthost

#endif
