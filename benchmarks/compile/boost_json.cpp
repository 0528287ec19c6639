// Boost.JSON: parse into a DOM, then value_to (described structs + the wrappers' conversions);
// value_from into a DOM, then the serializer into a reused std::string.
#include "../adapters.hpp"
#include "../boost_json_conversions.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serializer.hpp>

namespace bench {

namespace {
// Boost 1.81's described-struct conversion requires exactly the struct's members; older models of
// the list response have no "ok" member, so the list is read member by member.
list_response list_from(boost::json::value const& jv)
{
    boost::json::object const& o = jv.as_object();
    list_response r;
    r.connected_accounts = boost::json::value_to<std::vector<account>>(o.at("connected_accounts"));
    r.pagination = boost::json::value_to<apibind::seam::pagination>(o.at("pagination"));
    if constexpr (list_has_ok) {
        if (auto const* ok = o.if_contains("ok")) r.ok = boost::json::value_to<bool>(*ok);
    }
    return r;
}

template <class T>
std::string_view serialize_reused(T const& v)
{
    thread_local std::string out;
    boost::json::value const jv = boost::json::value_from(v);
    boost::json::serializer sr;
    sr.reset(&jv);
    out.clear();
    char buf[4096];
    while (!sr.done()) {
        boost::json::string_view const part = sr.read(buf, sizeof buf);
        out.append(part.data(), part.size());
    }
    return out;
}

struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    using ec = boost::system::error_code;
    bool on_document_begin(ec&) { return true; }
    bool on_document_end(ec&) { return true; }
    bool on_object_begin(ec&) { return true; }
    bool on_object_end(std::size_t, ec&) { return true; }
    bool on_array_begin(ec&) { return true; }
    bool on_array_end(std::size_t, ec&) { return true; }
    bool on_key_part(boost::json::string_view, std::size_t, ec&) { return true; }
    bool on_key(boost::json::string_view, std::size_t, ec&) { return true; }
    bool on_string_part(boost::json::string_view, std::size_t, ec&) { return true; }
    bool on_string(boost::json::string_view, std::size_t, ec&) { return true; }
    bool on_number_part(boost::json::string_view, ec&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, ec&) { return true; }
    bool on_uint64(std::uint64_t, boost::json::string_view, ec&) { return true; }
    bool on_double(double, boost::json::string_view, ec&) { return true; }
    bool on_bool(bool, ec&) { return true; }
    bool on_null(ec&) { return true; }
    bool on_comment_part(boost::json::string_view, ec&) { return true; }
    bool on_comment(boost::json::string_view, ec&) { return true; }
};
}  // namespace

account boost_json::decode_account(std::string_view json)
{
    return boost::json::value_to<account>(boost::json::parse(boost::json::string_view(json.data(), json.size())));
}
list_response boost_json::decode_list(std::string_view json)
{
    return list_from(boost::json::parse(boost::json::string_view(json.data(), json.size())));
}
std::string_view boost_json::encode(account const& v) { return serialize_reused(v); }
std::string_view boost_json::encode(list_response const& v) { return serialize_reused(v); }

bool boost_json::validate(std::string_view json)
{
    boost::json::basic_parser<null_handler> p{boost::json::parse_options()};
    boost::system::error_code ec;
    std::size_t const n = p.write_some(false, json.data(), json.size(), ec);
    return !ec && n == json.size() && p.done();
}

}  // namespace bench
