// Compile probe, the floor of seam_beast_*.cpp: the same TU over apibind::testing::mock_transport,
// i.e. what the Seam binding and the two calls cost without any HTTP stack.
#include <apibind/testing/mock_transport.hpp>

#include "seam_two_calls.hpp"

std::size_t seam_mock_probe()
{
    apibind::testing::mock_transport http;
    return two_seam_calls(http);
}
