/*
 * The dexthost binaries under test (paths from the build: DEXTHOST_PATH is NullDriver's release
 * host, DEXTHOST_ASAN_PATH its ASan+UBSan host) and what the tests know of NullDriver.
 */
#ifndef DEXTHOST_TESTS_TEST_HOSTS_H
#define DEXTHOST_TESTS_TEST_HOSTS_H

#include "HostProcess.h"
#include "Ops.h"
#include "WireClient.h"

#include <memory>
#include <string>

#ifndef DEXTHOST_PATH
#error "DEXTHOST_PATH must name the dexthost binary under test"
#endif

constexpr int32_t kIOReturnSuccess = 0;
constexpr int32_t kIOReturnNoDevice = static_cast<int32_t>(0xE00002C0u);
constexpr int32_t kIOReturnBadArgument = static_cast<int32_t>(0xE00002C2u);
constexpr int32_t kIOReturnNotOpen = static_cast<int32_t>(0xE00002CDu);
constexpr int32_t kIOReturnNotPermitted = static_cast<int32_t>(0xE00002E2u);
constexpr int32_t kMigArrayTooLarge = -307;

inline uint32_t OpNumber(dexthost::Op op) { return static_cast<uint32_t>(op); }

/* A host started with --private-dir (plus extra args) and the socket path it printed. */
struct PrivateHost {
    std::unique_ptr<HostProcess> process;
    std::string socket;
};

inline PrivateHost StartPrivateHost(const std::string &binary, std::vector<std::string> extra = {})
{
    extra.insert(extra.begin(), "--private-dir");
    PrivateHost host;
    host.process = std::make_unique<HostProcess>(binary, extra);
    host.socket = host.process->ReadLine();
    return host;
}

#endif
