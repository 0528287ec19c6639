// simdjson On Demand: iterate each object's fields once, dispatching on the key, straight into the
// structs (decode only: simdjson does not write JSON). Tagged unions look the tag up first
// (find_field_unordered), then rewind the object and read the chosen alternative.
//
// On Demand is compiled for the implementation the compiler flags allow (SIMDJSON_BUILTIN_IMPLEMENTATION);
// without -march it is the scalar "fallback", which is why the benchmark is built with -march=native.
#include "../adapters.hpp"

#include <simdjson.h>

#include <cstdint>
#include <stdexcept>

namespace bench {
namespace {

namespace sj = apibind::seam;
namespace aj = apibind::json;
namespace od = simdjson::ondemand;

[[noreturn]] void fail(char const* what) { throw std::runtime_error(std::string("simdjson: ") + what); }

template <class T>
T ok(simdjson::simdjson_result<T>&& r)
{
    T v;
    if (auto e = std::move(r).get(v)) fail(simdjson::error_message(e));
    return v;
}

void get(od::value v, std::string& out) { out.assign(ok(v.get_string())); }
template <class T, bool C>
void get(od::value v, aj::defaulted<T, C>& out);
void get(od::value v, bool& out) { out = ok(v.get_bool()); }
void get(od::value v, std::int64_t& out) { out = ok(v.get_int64()); }
void get(od::value v, aj::date_time& out) { out.assign(ok(v.get_string())); }
template <class E>
void get(od::value v, aj::open_enum<E>& out) { out.assign(ok(v.get_string())); }
template <apibind::detail::fixed_string V>
void get(od::value v, aj::literal<V>&)
{
    if (ok(v.get_string()) != aj::literal<V>::value) fail("wrong literal");
}
void get(od::value v, aj::any_value& out)
{
    switch (ok(v.type())) {
    case od::json_type::null: out = aj::any_value(); break;
    case od::json_type::boolean: out = aj::any_value(ok(v.get_bool())); break;
    case od::json_type::string: out = aj::any_value(ok(v.get_string())); break;
    case od::json_type::number: {
        std::string_view t = v.raw_json_token();
        while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t')) t.remove_suffix(1);
        out = aj::any_value::from_number_text(t);
        break;
    }
    case od::json_type::object: out = aj::any_value::from_json_text(aj::value_kind::object, ok(ok(v.get_object()).raw_json())); break;
    case od::json_type::array: out = aj::any_value::from_json_text(aj::value_kind::array, ok(ok(v.get_array()).raw_json())); break;
    }
}
template <class T>
void get(od::value v, std::vector<T>& out);
template <class T>
void get(od::value v, std::optional<T>& out);
template <class T>
void get(od::value v, aj::nullable<T>& out);
template <class V>
void get(od::value v, aj::record<V>& out);
template <apibind::detail::fixed_string K, class... A>
void get(od::value v, aj::tagged_union<K, A...>& out);
void get(od::value v, sj::connected_account_user_identifier& out);
void get(od::value v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& out);
void get(od::value v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& out);
void get(od::object o, sj::connected_account_error_account_disconnected& out);
void get(od::object o, sj::connected_account_error_bridge_disconnected& out);
void get(od::object o, sj::connected_account_error_dormakaba_sites_disconnected& out);
void get(od::object o, sj::connected_account_error_salto_ks_subscription_limit_exceeded& out);
void get(od::object o, sj::connected_account_warning_scheduled_maintenance_window& out);
void get(od::object o, sj::connected_account_warning_unknown_issue_with_connected_account& out);
void get(od::object o, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& out);
void get(od::object o, sj::connected_account_warning_account_reauthorization_requested& out);
void get(od::object o, sj::connected_account_warning_being_deleted& out);
void get(od::object o, sj::connected_account_warning_provider_service_unavailable& out);
void get(od::object o, sj::connected_account_warning_setup_required& out);
void get(od::object o, sj::connected_account_warning_dormakaba_sites_unapproved& out);
void get(od::value v, sj::pagination& out);
void get(od::value v, account& out);

template <class T>
void get(od::value v, std::vector<T>& out)
{
    std::size_t n = 0;
    for (auto element : ok(v.get_array())) {
        if (n == out.size()) out.emplace_back();
        get(ok(std::move(element)), out[n++]);
    }
    out.resize(n);
}
template <class T>
void get(od::value v, std::optional<T>& out)
{
    if (ok(v.is_null())) out.reset();
    else get(v, out.emplace());
}
template <class T>
void get(od::value v, aj::nullable<T>& out)
{
    if (ok(v.is_null())) out.set_null();
    else get(v, out.emplace());
}
template <class V>
void get(od::value v, aj::record<V>& out)
{
    out.clear();
    for (auto field : ok(v.get_object())) {
        od::field f = ok(std::move(field));
        auto& e = out.entries().emplace_back(std::string(ok(f.unescaped_key())), V{});
        get(f.value(), e.second);
    }
}
template <apibind::detail::fixed_string K, class... A>
void get(od::value v, aj::tagged_union<K, A...>& out)
{
    using U = aj::tagged_union<K, A...>;
    od::object o = ok(v.get_object());
    std::string_view tag;
    {
        od::value t;
        if (!o.find_field_unordered(U::tag_key).get(t)) {
            std::string_view s;
            if (!t.get_string().get(s)) tag = s;
        }
    }
    std::size_t index = U::alternative_count;
    for (std::size_t i = 0; i < U::alternative_count; ++i)
        if (!tag.empty() && U::tags()[i] == tag) index = i;
    if (index == U::alternative_count) {
        std::string t(tag);
        ok(o.reset());
        out = U(aj::unrecognised{std::move(t), aj::raw_json(std::string(ok(o.raw_json())))});
        return;
    }
    ok(o.reset());
    boost::mp11::mp_with_index<U::alternative_count>(index, [&](auto I) {
        boost::mp11::mp_at_c<boost::mp11::mp_list<A...>, decltype(I)::value> alt;
        get(o, alt);
        out = U(std::move(alt));
    });
}

template <class T, bool C>
void get(od::value v, aj::defaulted<T, C>& out)
{
    get(v, out.get());
}

// Members are read in one pass over the fields; `seen` checks the required ones at the end.
#define BENCH_FIELD(name, bit)                                  \
    if (key == #name) {                                         \
        get(f.value(), out.name);                               \
        seen |= (bit);                                          \
        continue;                                               \
    }

void require(unsigned seen, unsigned required)
{
    if ((seen & required) != required) fail("missing required member");
}

void get(od::value v, sj::connected_account_user_identifier& out)
{
    unsigned seen = 0;
    for (auto field : ok(v.get_object())) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(api_url, 1)
        BENCH_FIELD(email, 2)
        BENCH_FIELD(exclusive, 4)
        BENCH_FIELD(phone, 8)
        BENCH_FIELD(username, 16)
    }
}
void get(od::value v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& out)
{
    unsigned seen = 0;
    for (auto field : ok(v.get_object())) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(site_id, 1)
        BENCH_FIELD(site_name, 2)
        BENCH_FIELD(site_user_subscription_limit, 4)
        BENCH_FIELD(subscribed_site_user_count, 8)
    }
}
void get(od::value v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& out)
{
    unsigned seen = 0;
    for (auto field : ok(v.get_object())) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(sites, 1)
    }
}
template <class E>
void get_error(od::object o, E& out)
{
    unsigned seen = 0;
    for (auto field : o) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(created_at, 1)
        BENCH_FIELD(error_code, 2)
        BENCH_FIELD(is_bridge_error, 4)
        BENCH_FIELD(is_connected_account_error, 8)
        BENCH_FIELD(message, 16)
        if constexpr (requires { out.salto_ks_metadata; }) {
            BENCH_FIELD(salto_ks_metadata, 32)
        }
    }
    unsigned required = 1 | 2 | 16;
    if constexpr (requires { out.salto_ks_metadata; }) required |= 32;
    require(seen, required);
}
void get(od::object o, sj::connected_account_error_account_disconnected& out) { get_error(o, out); }
void get(od::object o, sj::connected_account_error_bridge_disconnected& out) { get_error(o, out); }
void get(od::object o, sj::connected_account_error_dormakaba_sites_disconnected& out) { get_error(o, out); }
void get(od::object o, sj::connected_account_error_salto_ks_subscription_limit_exceeded& out) { get_error(o, out); }
template <class W>
void get_warning(od::object o, W& out)
{
    unsigned seen = 0;
    for (auto field : o) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(created_at, 1)
        BENCH_FIELD(message, 2)
        BENCH_FIELD(warning_code, 4)
        if constexpr (requires { out.salto_ks_metadata; }) {
            BENCH_FIELD(salto_ks_metadata, 8)
        }
    }
    unsigned required = 1 | 2 | 4;
    if constexpr (requires { out.salto_ks_metadata; }) required |= 8;
    require(seen, required);
}
void get(od::object o, sj::connected_account_warning_scheduled_maintenance_window& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_unknown_issue_with_connected_account& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_account_reauthorization_requested& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_being_deleted& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_provider_service_unavailable& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_setup_required& out) { get_warning(o, out); }
void get(od::object o, sj::connected_account_warning_dormakaba_sites_unapproved& out) { get_warning(o, out); }
void get(od::value v, sj::pagination& out)
{
    unsigned seen = 0;
    for (auto field : ok(v.get_object())) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(has_next_page, 1)
        BENCH_FIELD(next_page_cursor, 2)
        BENCH_FIELD(next_page_url, 4)
    }
    require(seen, 1);
}
template <class Object>
void get_account(Object&& o, account& out)
{
    unsigned seen = 0;
    for (auto field : o) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        BENCH_FIELD(accepted_capabilities, 1u)
        BENCH_FIELD(account_type, 2u)
        BENCH_FIELD(account_type_display_name, 4u)
        BENCH_FIELD(automatically_manage_new_devices, 8u)
        BENCH_FIELD(connected_account_id, 16u)
        BENCH_FIELD(created_at, 32u)
        BENCH_FIELD(custom_metadata, 64u)
        BENCH_FIELD(customer_key, 128u)
        BENCH_FIELD(default_checkin_time, 256u)
        BENCH_FIELD(default_checkout_time, 512u)
        BENCH_FIELD(display_name, 1024u)
        BENCH_FIELD(errors, 2048u)
        BENCH_FIELD(ical_feed_origin, 4096u)
        BENCH_FIELD(ical_url, 8192u)
        BENCH_FIELD(image_url, 16384u)
        BENCH_FIELD(time_zone, 32768u)
        BENCH_FIELD(user_identifier, 65536u)
        BENCH_FIELD(warnings, 131072u)
    }
    require(seen, 1u | 4u | 8u | 16u | 64u);
}
void get(od::value v, account& out) { get_account(ok(v.get_object()), out); }

#undef BENCH_FIELD

od::parser& parser()
{
    thread_local od::parser p;  // reused: its buffers are allocated once
    return p;
}

od::document iterate(std::string_view json)
{
    return ok(parser().iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)));
}

}  // namespace

account simd_json::decode_account(std::string_view json)
{
    od::document doc = iterate(json);
    account a;
    get_account(ok(doc.get_object()), a);
    return a;
}

list_response simd_json::decode_list(std::string_view json)
{
    od::document doc = iterate(json);
    list_response r;
    unsigned seen = 0;
    for (auto field : ok(doc.get_object())) {
        od::field f = ok(std::move(field));
        std::string_view const key = ok(f.unescaped_key());
        if (key == "connected_accounts") {
            get(f.value(), r.connected_accounts);
            seen |= 1;
        } else if (key == "pagination") {
            get(f.value(), r.pagination);
            seen |= 2;
        } else if (key == "ok") {
            if constexpr (list_has_ok) get(f.value(), r.ok);
        }
    }
    require(seen, 3);
    return r;
}

bool simd_json::validate(std::string_view json)
{
    thread_local simdjson::dom::parser p;
    simdjson::dom::element e;
    return !p.parse(json.data(), json.size(), false).get(e);
}

std::string simd_json::implementation()
{
    std::string s = simdjson::get_active_implementation()->name();
    s += " (On Demand compiled for ";
    s += SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION);
    s += ')';
    return s;
}

}  // namespace bench
