// `apibind-seam webhook ...`: verifying a Seam webhook request (see webhook.cpp).
#ifndef APIBIND_EXAMPLES_SEAM_CLI_WEBHOOK_HPP
#define APIBIND_EXAMPLES_SEAM_CLI_WEBHOOK_HPP

namespace seam_cli {

// argv[first] is the word after "webhook". Returns the exit status: 0 authentic and decoded,
// 1 rejected (the reason printed on stderr), 2 usage or configuration error.
int webhook(int argc, char** argv, int first);

// The usage lines of the webhook commands.
inline constexpr char const* webhook_usage =
    "  SEAM_WEBHOOK_SECRET=whsec_... apibind-seam webhook verify --svix-id ID --svix-timestamp TS --svix-signature SIG < body\n";

}  // namespace seam_cli

#endif
