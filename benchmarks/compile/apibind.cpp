// apibind: decode (new struct, reused struct) and encode (reused buffer) of the benchmark model.
#include "../adapters.hpp"

#include <apibind/json.hpp>

namespace bench::apibind_codec {

namespace json = apibind::json;

apibind::result<account> decode_account(std::string_view text) { return json::decode<account>(text); }
apibind::result<list_response> decode_list(std::string_view text) { return json::decode<list_response>(text); }
apibind::result<void> decode_into(std::string_view text, account& target) { return json::decode_into(target, text); }
apibind::result<void> decode_into(std::string_view text, list_response& target) { return json::decode_into(target, text); }

namespace {
template <class T>
std::string_view encode_reused(T const& v)
{
    thread_local std::string out;
    out.clear();  // keeps the capacity: steady-state encodes allocate nothing
    json::encode(v, out);
    return out;
}
}  // namespace

std::string_view encode(account const& v) { return encode_reused(v); }
std::string_view encode(list_response const& v) { return encode_reused(v); }

}  // namespace bench::apibind_codec
