// Compiled against apibind::beast (and apibind::curl, apibind::webhook when available): the
// transport and webhook headers must be usable through the exported targets alone.
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL)
#include <apibind/transport/curl.hpp>
#endif
#if defined(APIBIND_HAS_WEBHOOK)
#include <apibind/seam/webhook.hpp>
#endif

int consumer_transports_linked()
{
#if defined(APIBIND_HAS_WEBHOOK)
    // Computes an HMAC: libcrypto must be on apibind::webhook's exported link interface.
    auto const w = apibind::seam::webhook_verifier::from_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    if (!w) return 0;
    auto const r = w->authenticate("{}", apibind::seam::webhook_headers{"msg_1", "1", "v1,AAAA"});
    if (r || r.error().code != apibind::error_code::timestamp_too_old) return 0;
#endif
    return 1;
}
