// HMAC-SHA256 over several pieces of text, with OpenSSL 3's libcrypto (EVP_MAC), and a
// constant-time comparison. Only the targets that link OpenSSL::Crypto (apibind::webhook) use it:
// the core includes no crypto library.
#ifndef APIBIND_DETAIL_HMAC_SHA256_HPP
#define APIBIND_DETAIL_HMAC_SHA256_HPP

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace apibind::detail {

using sha256_digest = std::array<unsigned char, 32>;

// The MAC of the concatenation of `parts` (fed one by one: no copy of a large body), or nothing
// when OpenSSL fails (out of memory, no default provider).
inline std::optional<sha256_digest> hmac_sha256(std::string_view key, std::initializer_list<std::string_view> parts)
{
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) return std::nullopt;
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);  // the context keeps its own reference
    if (ctx == nullptr) return std::nullopt;

    char digest_name[] = "SHA256";
    OSSL_PARAM const params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                                 OSSL_PARAM_construct_end()};
    // EVP_MAC_init refuses a null key pointer even with length 0.
    static unsigned char const empty = 0;
    auto const* key_bytes = key.empty() ? &empty : reinterpret_cast<unsigned char const*>(key.data());
    bool ok = EVP_MAC_init(ctx, key_bytes, key.size(), params) == 1;
    for (std::string_view part : parts)
        if (ok && !part.empty()) ok = EVP_MAC_update(ctx, reinterpret_cast<unsigned char const*>(part.data()), part.size()) == 1;
    sha256_digest out{};
    std::size_t written = 0;
    if (ok) ok = EVP_MAC_final(ctx, out.data(), &written, out.size()) == 1 && written == out.size();
    EVP_MAC_CTX_free(ctx);
    if (!ok) return std::nullopt;
    return out;
}

// Equal, in a time that depends only on the size (CRYPTO_memcmp).
inline bool constant_time_equal(sha256_digest const& a, std::string_view b) noexcept
{
    return b.size() == a.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace apibind::detail

#endif
