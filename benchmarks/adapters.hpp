// What each contender offers the benchmark: decode JSON text into the model's structs, encode
// the structs to JSON text. Each library's adapter is one translation unit in compile/, so the
// compile-time and object-size measurements time exactly the code that is benchmarked.
//
// Rules every adapter follows:
//  - decode fills the SAME structs (bench::account, bench::list_response) completely; it throws
//    std::runtime_error on anything it cannot represent (never silently skips a member);
//  - encode writes every member the struct has, into a buffer the adapter keeps between calls
//    (each library's own idiomatic reusable output), and returns a view of it;
//  - `json` may be read up to bench::document::padding bytes past its end (simdjson's need;
//    the others ignore it).
#ifndef APIBIND_BENCH_ADAPTERS_HPP
#define APIBIND_BENCH_ADAPTERS_HPP

#include "model.hpp"

#include <apibind/error.hpp>

#include <string>
#include <string_view>

namespace bench {

namespace apibind_codec {
apibind::result<account> decode_account(std::string_view json);            // json::decode<T>: a new struct
apibind::result<list_response> decode_list(std::string_view json);
apibind::result<void> decode_into(std::string_view json, account& target);  // json::decode_into: reused target
apibind::result<void> decode_into(std::string_view json, list_response& target);
std::string_view encode(account const& v);        // json::encode(v, out) into a reused std::string
std::string_view encode(list_response const& v);
}  // namespace apibind_codec

namespace boost_json {  // boost::json::parse + value_to; value_from + serializer
account decode_account(std::string_view json);
list_response decode_list(std::string_view json);
std::string_view encode(account const& v);
std::string_view encode(list_response const& v);
bool validate(std::string_view json);  // floor: basic_parser with a handler that does nothing
}  // namespace boost_json

namespace nlohmann_json {  // nlohmann::json::parse + extraction; struct -> nlohmann::json -> dump
account decode_account(std::string_view json);
list_response decode_list(std::string_view json);
std::string_view encode(account const& v);
std::string_view encode(list_response const& v);
}  // namespace nlohmann_json

namespace rapid_json {  // rapidjson::Document::Parse + extraction; rapidjson::Writer
account decode_account(std::string_view json);
list_response decode_list(std::string_view json);
std::string_view encode(account const& v);
std::string_view encode(list_response const& v);
}  // namespace rapid_json

namespace simd_json {  // simdjson on demand (decode only)
account decode_account(std::string_view json);
list_response decode_list(std::string_view json);
bool validate(std::string_view json);  // floor: DOM parse (full validation, builds the tape)
std::string implementation();          // simdjson::get_active_implementation()->name()
}  // namespace simd_json

}  // namespace bench

#endif
