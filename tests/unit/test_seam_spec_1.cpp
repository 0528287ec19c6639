// Generated Seam endpoints against the spec's own samples through the mock transport: group 1 of 4
// (the endpoints listed in seam_spec/group_1.hpp; see seam_spec/check.hpp for what is checked).
// Four translation units, so that no one of them instantiates the whole API.
#include "seam_spec/check.hpp"
#include "seam_spec/group_1.hpp"

TEST_CASE("Seam spec samples, group 1: requests encode to the spec's path and body, responses round-trip")
{
    apibind_test::seam_spec::check_all<apibind_test::seam_spec::group_1>();
}
