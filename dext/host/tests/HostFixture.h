/*
 * A fixture for the operation suites: a private NullDriver release host serving one client (--once),
 * the client connected, and an Ask that fails the test when the host drops the connection.
 */
#ifndef DEXTHOST_TEST_HOST_FIXTURE_H
#define DEXTHOST_TEST_HOST_FIXTURE_H

#include "TestHosts.h"

#include <gtest/gtest.h>
#include <chrono>
#include <memory>

class HostFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        host_ = StartPrivateHost(DEXTHOST_PATH, {"--once"});
        ASSERT_FALSE(host_.socket.empty()) << "no socket path on stdout; stderr: " << host_.process->Stderr();
        client_ = std::make_unique<WireClient>(host_.socket);
    }

    void TearDown() override
    {
        client_.reset();
        int status = 0;
        ASSERT_TRUE(host_.process->WaitExit(std::chrono::seconds(10), status));
    }

    Response Ask(dexthost::Op op, const Request &request)
    {
        Response response;
        EXPECT_TRUE(client_->Exchange(OpNumber(op), request, response))
            << "host closed the connection; stderr: " << host_.process->Stderr();
        return response;
    }

    uint64_t OpenNullDriver()
    {
        auto response =
            Ask(dexthost::Op::Open, Request().Str("NullDriver").U32(0).U32(1).Str("com.example.NullDriver"));
        EXPECT_EQ(response.status, kIOReturnSuccess);
        return response.U64();
    }

    PrivateHost host_;
    std::unique_ptr<WireClient> client_;
};

#endif
