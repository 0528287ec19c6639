// apibind-seam webhook verify --svix-id ID --svix-timestamp TS --svix-signature SIG < body
//
// Checks a webhook request the way a receiver does (apibind::seam::webhook_verifier): the body from stdin,
// the three signature headers from the flags, the endpoint's secret from SEAM_WEBHOOK_SECRET (never
// from a flag, so it stays out of shell history and `ps`). Prints the decoded event as JSON and
// exits 0, or prints the reason and exits 1 (2 for usage errors and a missing or malformed secret).
#include "webhook.hpp"

#include "pretty.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#if defined(APIBIND_HAS_WEBHOOK)
#include <apibind/json/encode.hpp>
#include <apibind/seam/webhook.hpp>
#endif

namespace seam_cli {

namespace {

int webhook_usage_error(std::string_view why)
{
    std::fprintf(stderr, "apibind-seam: %.*s\nusage:\n%s", static_cast<int>(why.size()), why.data(), webhook_usage);
    return 2;
}

}  // namespace

int webhook(int argc, char** argv, int first)
{
    if (first >= argc) return webhook_usage_error("webhook needs a command");
    if (std::string_view(argv[first]) != "verify")
        return webhook_usage_error("unknown webhook command \"" + std::string(argv[first]) + "\"");

    std::string id, timestamp, signature;
    for (int i = first + 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string_view value;
        if (auto const eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return webhook_usage_error(std::string(arg) + " needs a value");
        }
        if (arg == "--svix-id") id = value;
        else if (arg == "--svix-timestamp") timestamp = value;
        else if (arg == "--svix-signature") signature = value;
        else return webhook_usage_error("unknown option " + std::string(arg));
    }

#if defined(APIBIND_HAS_WEBHOOK)
    char const* secret = std::getenv("SEAM_WEBHOOK_SECRET");
    if (secret == nullptr || *secret == '\0') {
        std::fprintf(stderr, "error: set SEAM_WEBHOOK_SECRET to the webhook endpoint's secret (whsec_...)\n");
        return 2;
    }
    auto verifier = apibind::seam::webhook_verifier::from_secret(secret);
    if (!verifier) {
        std::fprintf(stderr, "error: SEAM_WEBHOOK_SECRET: %s\n", to_string(verifier.error()).c_str());
        return 2;
    }
    std::string const body((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    // A missing flag is a missing header: the verifier names it.
    auto event = verifier->verify(body, apibind::seam::webhook_headers{id, timestamp, signature});
    if (!event) {
        std::fprintf(stderr, "error: %s\n", to_string(event.error()).c_str());
        return 1;
    }
    if (event->is_unrecognised())
        std::fprintf(stderr, "note: event type \"%s\" is not modelled; kept as is\n", std::string(event->tag()).c_str());
    std::printf("%s\n", pretty_json(apibind::json::encode(*event)).c_str());
    return 0;
#else
    std::fprintf(stderr, "error: this apibind-seam was built without OpenSSL: webhook verification is unavailable\n");
    return 2;
#endif
}

}  // namespace seam_cli
