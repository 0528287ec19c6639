// libFuzzer target: apibind::seam::webhook_verifier, the Seam (Svix) webhook verifier. The fuzzer supplies
// the header names and values and the body; the secret and the clock are fixed.
//
// Input: selector byte, then NUL-separated fields: id NUL timestamp NUL signature NUL body (missing
// fields are empty). Selector bits: 0 use the webhook-* names instead of svix-*, 1 upper-case the
// names, 2 append the correct "v1,<HMAC>" (computed here with OpenSSL's one-shot HMAC(), not the
// verifier's code) to the signature list, 3 leave the svix-id header out.
//
// Invariants: no crash; an accepted request's signature list holds the correct v1 signature (no
// acceptance without the right HMAC); a request that has it, a non-empty id and the fixed "now" as
// its timestamp is accepted; an accepted body is returned unchanged; errors print as one line and
// never contain the secret.
#include "fuzz_common.hpp"

#include <apibind/detail/base64.hpp>
#include <apibind/seam/webhook.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using apibind_fuzz::violation;

constexpr std::string_view secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr std::int64_t now = 1614265330;

apibind::seam::webhook_verifier const& verifier()
{
    static auto const w = apibind::seam::webhook_verifier::from_secret(
        secret, {std::chrono::minutes(5), [] { return std::chrono::system_clock::time_point(std::chrono::seconds(now)); }});
    if (!w) violation("the fixed secret was refused", to_string(w.error()));
    return *w;
}

// "v1," + base64(HMAC-SHA256(key, id "." canonical(timestamp) "." body)), or "" when the timestamp
// is not a plain number (then nothing may be accepted).
std::string expected_signature(std::string_view id, std::string_view timestamp, std::string_view body)
{
    if (timestamp.empty()) return {};
    std::int64_t v = 0;
    int significant = 0;  // digits after leading zeros: more than 15 is far outside the tolerance
    for (char c : timestamp) {
        if (c < '0' || c > '9') return {};
        if (v == 0 && c == '0') continue;
        if (++significant > 15) return {};
        v = v * 10 + (c - '0');
    }
    static std::string const key = *apibind::detail::base64_decode(secret.substr(6));
    std::string const content = std::string(id) + "." + std::to_string(v) + "." + std::string(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(content.data()),
             content.size(), mac, &size) == nullptr)
        violation("HMAC() failed", content);
    return "v1," + apibind::detail::base64_encode(std::string_view(reinterpret_cast<char const*>(mac), size));
}

bool lists(std::string_view signatures, std::string_view wanted)
{
    for (std::string_view rest = signatures; !rest.empty();) {
        auto const space = rest.find(' ');
        if (rest.substr(0, space) == wanted) return true;
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0) return 0;
    unsigned const sel = data[0];
    std::string_view in(reinterpret_cast<char const*>(data) + 1, size - 1);
    std::string_view field[4];
    for (int i = 0; i < 3; ++i) {
        auto const nul = in.find('\0');
        field[i] = in.substr(0, nul);
        in = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
    }
    field[3] = in;
    std::string_view const id = field[0], timestamp = field[1], body = field[3];

    std::string const expected = expected_signature(id, timestamp, body);
    std::string signature(field[2]);
    bool const injected = (sel & 4) != 0 && !expected.empty();
    if (injected) signature += (signature.empty() ? "" : " ") + expected;

    std::string const prefix = (sel & 1) ? "webhook-" : "svix-";
    auto const name = [&](std::string_view suffix) {
        std::string n = prefix + std::string(suffix);
        if (sel & 2)
            for (char& c : n) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        return n;
    };
    std::vector<apibind::http_header> headers;
    if (!(sel & 8)) headers.push_back({name("id"), std::string(id)});
    headers.push_back({name("timestamp"), std::string(timestamp)});
    headers.push_back({name("signature"), signature});

    auto const r = verifier().authenticate(body, headers);
    if (r) {
        if (expected.empty() || !lists(signature, expected)) violation("accepted without the right HMAC", signature, body);
        if (sel & 8) violation("accepted without an id header", signature);
        if (r->data() != body.data() || r->size() != body.size()) violation("the accepted body is not the one given", body);
    } else {
        std::string const line = to_string(r.error());
        apibind_fuzz::check_one_line(line);
        if (line.find("MfKQ9r8G") != std::string::npos) violation("an error holds the secret", line);
        if (!expected.empty() && line.find(expected.substr(3, 12)) != std::string::npos)
            violation("an error holds the expected signature", line);
        if (injected && !(sel & 8) && !id.empty() && timestamp == std::to_string(now))
            violation("the correctly signed request was refused", line, signature);
    }

    // The event path: never crashes; accepts exactly what authenticate accepts.
    auto const e = verifier().verify(body, headers);
    if (!r && e) violation("verify accepted what authenticate refused", body);
    if (!e) apibind_fuzz::check_one_line(to_string(e.error()));
    return 0;
}
