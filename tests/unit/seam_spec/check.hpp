// The spec-sample check behind tests/unit/test_seam_spec_*.cpp: every generated Seam endpoint
// against the documents tests/seam_spec/make_samples.mjs generated from the spec's own schemas
// (tests/data/seam/spec_samples.json). For an endpoint descriptor E:
//   - each request sample decodes into E::request; sent with the client's call<E> through
//     testing::mock_transport, it goes to <base URL> + E::path, its body JSON-equal to the sample;
//   - each response sample decodes into E::response and encodes back JSON-equal to the sample.
// Every failure names the endpoint path, the sample and the JSON path where it went wrong.
#ifndef APIBIND_TESTS_SEAM_SPEC_CHECK_HPP
#define APIBIND_TESTS_SEAM_SPEC_CHECK_HPP

#include "json_diff.hpp"
#include "test_data.hpp"

#include <apibind/client.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/seam/policy.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace apibind_test::seam_spec {

inline constexpr std::string_view base_url = "https://seam.test/prefix";

// One endpoint's samples, placeholders resolved.
struct endpoint_samples {
    std::vector<boost::json::value> requests;
    std::vector<boost::json::value> responses;
};

namespace detail {

// {"$sample": "X", "$index": k} -> components.X[k], recursively (components refer to components).
inline boost::json::value expand(boost::json::value const& v, boost::json::object const& components, int depth = 0)
{
    // Plain ifs, not REQUIREs: this runs for every node of every sample.
    if (depth >= 64) FAIL("spec_samples.json: $sample references nest too deep");
    if (v.is_array()) {
        boost::json::array out;
        for (auto const& x : v.get_array()) out.push_back(expand(x, components, depth));
        return out;
    }
    if (!v.is_object()) return v;
    auto const& o = v.get_object();
    if (auto const* name = o.if_contains("$sample"); name && o.contains("$index")) {
        auto const* docs = components.if_contains(name->as_string());
        auto const i = static_cast<std::size_t>(o.at("$index").to_number<std::int64_t>());
        if (!docs || i >= docs->as_array().size()) FAIL("spec_samples.json: no sample " << boost::json::serialize(v));
        return expand(docs->as_array()[i], components, depth + 1);
    }
    boost::json::object out;
    for (auto const& kv : o) out[kv.key()] = expand(kv.value(), components, depth);
    return out;
}

// A response sample with a member {"$sample": "X", "$each": true} stands for one document per
// document of X.
inline void expand_each(boost::json::value const& doc, boost::json::object const& components, std::vector<boost::json::value>& out)
{
    if (doc.is_object())
        for (auto const& kv : doc.get_object())
            if (kv.value().is_object() && kv.value().get_object().contains("$each")) {
                auto const& name = kv.value().get_object().at("$sample").as_string();
                auto const n = components.at(name).as_array().size();
                for (std::size_t i = 0; i < n; ++i) {
                    boost::json::value one = doc;
                    one.as_object()[kv.key()] = {{"$sample", name}, {"$index", static_cast<std::int64_t>(i)}};
                    out.push_back(expand(one, components));
                }
                return;
            }
    out.push_back(expand(doc, components));
}

inline std::map<std::string, endpoint_samples, std::less<>> load()
{
    auto const doc = boost::json::parse(read_test_data("seam/spec_samples.json"));
    auto const& components = doc.at("components").as_object();
    std::map<std::string, endpoint_samples, std::less<>> out;
    for (auto const& e : doc.at("endpoints").as_array()) {
        endpoint_samples s;
        for (auto const& r : e.at("requests").as_array()) s.requests.push_back(expand(r, components));
        for (auto const& r : e.at("responses").as_array()) expand_each(r, components, s.responses);
        out.emplace(std::string(e.at("path").as_string()), std::move(s));
    }
    return out;
}

}  // namespace detail

// Parsed once per test run.
inline std::map<std::string, endpoint_samples, std::less<>> const& samples()
{
    static auto const all = detail::load();
    return all;
}

template <class E>
void check_endpoint()
{
    std::string const path(E::path);
    auto const it = samples().find(path);
    if (it == samples().end()) {
        FAIL_CHECK(path << ": the spec has no documented endpoint with this path (stale descriptor?)");
        return;
    }
    auto const& s = it->second;
    REQUIRE_MESSAGE(!s.requests.empty(), path << ": no request sample");
    REQUIRE_MESSAGE(!s.responses.empty(), path << ": no response sample");

    // Requests: decode the sample, send it, compare what went out.
    for (std::size_t i = 0; i < s.requests.size(); ++i) {
        std::string const sample = boost::json::serialize(s.requests[i]);
        auto req = apibind::json::decode<typename E::request>(sample);
        if (!req) {
            FAIL_CHECK(path << " request sample " << i << " does not decode: " << to_string(req.error()) << "\n  sample: " << sample);
            continue;
        }
        apibind::testing::mock_transport t;
        t.push(200, boost::json::serialize(s.responses.front()), {{"Content-Type", "application/json"}});
        apibind::client<apibind::testing::mock_transport&, apibind::seam::policy> c(
            t, apibind::seam::policy({.credentials = apibind::seam::api_key{"seam_spec_test_key"}, .endpoint = std::string(base_url)}));
        auto r = c.template call<E>(*req);
        CHECK_MESSAGE(r.has_value(), path << " request sample " << i << ": call<E> failed: " << (r ? std::string() : to_string(r.error())));
        REQUIRE(t.request_count() == 1);
        auto const sent = t.last_request();
        CHECK_MESSAGE(sent.url == std::string(base_url) + path, path << " request sample " << i << ": sent to " << sent.url);
        CHECK_MESSAGE(sent.method == std::string(apibind::to_string(E::method)), path << ": method " << sent.method);
        // A request struct without members sends no body: the same as the empty sample {}.
        auto const body = sent.body.empty() ? boost::json::value(boost::json::object()) : boost::json::parse(sent.body);
        auto const diff = json_difference(s.requests[i], body);
        CHECK_MESSAGE(!diff, path << " request sample " << i << ": sent body differs at " << diff.value_or("") << "\n  sample: " << sample
                                  << "\n  sent:   " << sent.body);
    }

    // Responses: decode, encode, compare.
    for (std::size_t i = 0; i < s.responses.size(); ++i) {
        std::string const sample = boost::json::serialize(s.responses[i]);
        auto res = apibind::json::decode<typename E::response>(sample);
        if (!res) {
            FAIL_CHECK(path << " response sample " << i << " does not decode: " << to_string(res.error())
                            << "\n  sample: " << (sample.size() > 2000 ? sample.substr(0, 2000) + "..." : sample));
            continue;
        }
        std::string const again = apibind::json::encode(*res);
        auto const diff = json_difference(s.responses[i], boost::json::parse(again));
        CHECK_MESSAGE(!diff, path << " response sample " << i << ": round trip differs at " << diff.value_or(""));
    }
}

// Every descriptor of an mp_list.
template <class List>
void check_all()
{
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, List>>([](auto e) {
        using E = typename decltype(e)::type;
        check_endpoint<E>();
    });
}

}  // namespace apibind_test::seam_spec

#endif
