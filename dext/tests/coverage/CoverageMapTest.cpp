/* The cov build counts the dext's edges into the map the harness hands in. */
#include "Dksim.h"

#include <algorithm>
#include <numeric>

using namespace dksimtest;

namespace {

using CoverageMap = DksimTest;

size_t EdgesHit(const std::vector<uint8_t> &map)
{
    return (size_t)std::count_if(map.begin(), map.end(), [](uint8_t c) { return c != 0; });
}

TEST_F(CoverageMap, InstrumentedBuildReportsItsEdges)
{
    EXPECT_EQ(1, dksim_has_coverage());
    EXPECT_GT(dksim_coverage_edges(), 100u);
}

TEST_F(CoverageMap, CallsLightUpTheMapAndDifferentPathsDifferently)
{
    std::vector<uint8_t> map(65536, 0);
    dksim_set_coverage_map(map.data(), (uint32_t)map.size());
    dksim_connection_t connection = Open("ProbeDriver", {"com.example.ProbeDriver"});
    std::fill(map.begin(), map.end(), 0);
    Call(connection, 9, Shape{});
    std::vector<uint8_t> unsupported = map;
    std::fill(map.begin(), map.end(), 0);
    Call(connection, 0, Shape{{1, 2}, std::vector<uint8_t>(8, 1), 3, 4});
    std::vector<uint8_t> echo = map;
    dksim_set_coverage_map(nullptr, 0);
    EXPECT_GT(EdgesHit(unsupported), 0u);
    EXPECT_GT(EdgesHit(echo), EdgesHit(unsupported));
    EXPECT_NE(unsupported, echo);
    std::fill(map.begin(), map.end(), 0);
    Call(connection, 9, Shape{});
    EXPECT_EQ(0u, EdgesHit(map)) << "a detached map is left alone";
}

} // namespace
