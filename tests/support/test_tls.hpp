// Throwaway TLS identities for tests, made at run time with OpenSSL's C API: a CA and
// server certificates it signs, for 127.0.0.1 / localhost or any names a test wants.
// Nothing here is secret or persistent; keys are P-256 and live one test run.
//
//   auto ca = apibind_test::test_ca::make();
//   auto id = ca.issue({"localhost"}, {"127.0.0.1"});      // id.cert_pem, id.key_pem, id.ca_pem
//   apibind_test::temp_file ca_file(ca.cert_pem, ".pem");  // removed when it goes out of scope
#ifndef APIBIND_TEST_TEST_TLS_HPP
#define APIBIND_TEST_TEST_TLS_HPP

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace apibind_test {

namespace tls_detail {

struct pkey_free {
    void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct x509_free {
    void operator()(X509* p) const noexcept { X509_free(p); }
};
struct bio_free {
    void operator()(BIO* p) const noexcept { BIO_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using bio_ptr = std::unique_ptr<BIO, bio_free>;

inline void check(bool ok, char const* what)
{
    if (!ok) throw std::runtime_error(std::string("test_tls: OpenSSL failed: ") + what);
}

inline pkey_ptr make_key()
{
    std::unique_ptr<EVP_PKEY_CTX, void (*)(EVP_PKEY_CTX*)> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr), EVP_PKEY_CTX_free);
    check(ctx != nullptr, "EVP_PKEY_CTX_new_id");
    check(EVP_PKEY_keygen_init(ctx.get()) == 1, "EVP_PKEY_keygen_init");
    check(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx.get(), NID_X9_62_prime256v1) == 1, "set curve");
    EVP_PKEY* key = nullptr;
    check(EVP_PKEY_keygen(ctx.get(), &key) == 1, "EVP_PKEY_keygen");
    return pkey_ptr(key);
}

inline void add_ext(X509* cert, X509* issuer, int nid, std::string const& value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    check(ext != nullptr, "X509V3_EXT_conf_nid");
    int const ok = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    check(ok == 1, "X509_add_ext");
}

inline long next_serial()
{
    static std::atomic<long> serial{static_cast<long>(std::chrono::system_clock::now().time_since_epoch().count() & 0xffffff)};
    return ++serial;
}

// A certificate for `subject_key`, signed by issuer (or self-signed when issuer is null).
inline x509_ptr make_cert(std::string const& common_name, EVP_PKEY* subject_key, X509* issuer, EVP_PKEY* issuer_key,
                          std::vector<std::pair<int, std::string>> const& extensions)
{
    x509_ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    check(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
    check(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), next_serial()) == 1, "serial");
    check(X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) != nullptr, "notBefore");
    check(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 2 * 86400) != nullptr, "notAfter");
    check(X509_set_pubkey(cert.get(), subject_key) == 1, "X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<unsigned char const*>("apibind tests"), -1, -1, 0) == 1,
          "O");
    check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<unsigned char const*>(common_name.c_str()), -1, -1,
                                     0) == 1,
          "CN");
    X509* const signer = issuer != nullptr ? issuer : cert.get();
    check(X509_set_issuer_name(cert.get(), X509_get_subject_name(signer)) == 1, "X509_set_issuer_name");
    add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
    add_ext(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    for (auto const& [nid, value] : extensions) add_ext(cert.get(), signer, nid, value);
    check(X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : subject_key, EVP_sha256()) > 0, "X509_sign");
    return cert;
}

inline std::string bio_text(BIO* bio)
{
    char* data = nullptr;
    long const n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

inline std::string to_pem(X509* cert)
{
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bio_text(bio.get());
}

inline std::string to_pem(EVP_PKEY* key)
{
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM_write_bio_PrivateKey");
    return bio_text(bio.get());
}

}  // namespace tls_detail

// What a TLS server needs, plus the CA that clients must trust for it.
struct tls_identity {
    std::string cert_pem;  // the server certificate
    std::string key_pem;   // its private key
    std::string ca_pem;    // the issuing CA's certificate
};

class test_ca {
public:
    std::string cert_pem;

    static test_ca make(std::string const& common_name = "apibind throwaway test CA")
    {
        test_ca ca;
        ca.key_ = tls_detail::make_key();
        ca.cert_ = tls_detail::make_cert(common_name, ca.key_.get(), nullptr, nullptr,
                                         {{NID_basic_constraints, "critical,CA:TRUE"},
                                          {NID_key_usage, "critical,keyCertSign,cRLSign"}});
        ca.cert_pem = tls_detail::to_pem(ca.cert_.get());
        return ca;
    }

    // A server certificate for these DNS names and IP addresses.
    tls_identity issue(std::vector<std::string> const& dns_names, std::vector<std::string> const& ip_addresses) const
    {
        std::string san;
        for (auto const& d : dns_names) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
        for (auto const& ip : ip_addresses) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
        auto key = tls_detail::make_key();
        std::string const cn = dns_names.empty() ? (ip_addresses.empty() ? "server" : ip_addresses.front()) : dns_names.front();
        std::vector<std::pair<int, std::string>> ext = {{NID_basic_constraints, "critical,CA:FALSE"},
                                                        {NID_key_usage, "critical,digitalSignature"},
                                                        {NID_ext_key_usage, "serverAuth"}};
        if (!san.empty()) ext.emplace_back(NID_subject_alt_name, san);
        auto cert = tls_detail::make_cert(cn, key.get(), cert_.get(), key_.get(), ext);
        return {tls_detail::to_pem(cert.get()), tls_detail::to_pem(key.get()), cert_pem};
    }

    // The OpenSSL subject hash file name ("1a2b3c4d.0") for a CA directory (ca_path).
    std::string hashed_name() const
    {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08lx.0", X509_subject_name_hash(cert_.get()));
        return buf;
    }

private:
    tls_detail::pkey_ptr key_;
    tls_detail::x509_ptr cert_;
};

// A file (or, with make_dir, a directory) under the temp directory, removed on destruction.
class temp_path {
public:
    static temp_path file(std::string const& contents, std::string const& suffix = ".pem")
    {
        temp_path t(unique_name() + suffix);
        std::ofstream out(t.path_, std::ios::binary);
        out << contents;
        if (!out) throw std::runtime_error("temp_path: cannot write " + t.path_.string());
        return t;
    }
    static temp_path directory()
    {
        temp_path t(unique_name());
        std::filesystem::create_directory(t.path_);
        return t;
    }

    temp_path(temp_path&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
    temp_path& operator=(temp_path&&) = delete;
    ~temp_path()
    {
        std::error_code ignored;
        if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
    }

    std::string string() const { return path_.string(); }
    std::filesystem::path const& path() const noexcept { return path_; }

private:
    explicit temp_path(std::string name) : path_(std::filesystem::temp_directory_path() / name) {}

    static std::string unique_name()
    {
        static std::atomic<unsigned> counter{0};
        return "apibind-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    }

    std::filesystem::path path_;
};

}  // namespace apibind_test

#endif
