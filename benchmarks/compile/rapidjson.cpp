// RapidJSON: Document::Parse, then extract member by member into the structs; a rapidjson::Writer
// over a reused StringBuffer writes the structs directly (no DOM) for encode.
#include "../adapters.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

namespace bench {
namespace {

namespace sj = apibind::seam;
namespace aj = apibind::json;
using value = rapidjson::Value;

[[noreturn]] void fail(char const* what) { throw std::runtime_error(std::string("rapidjson: ") + what); }

std::string_view sv(value const& v)
{
    if (!v.IsString()) fail("expected a string");
    return {v.GetString(), v.GetStringLength()};
}

// ---- reading ----

void get(value const& v, std::string& out) { out.assign(sv(v)); }
template <class T, bool C>
void get(value const& v, aj::defaulted<T, C>& out);
void get(value const& v, bool& out)
{
    if (!v.IsBool()) fail("expected a boolean");
    out = v.GetBool();
}
void get(value const& v, std::int64_t& out)
{
    if (!v.IsInt64()) fail("expected an integer");
    out = v.GetInt64();
}
void get(value const& v, aj::date_time& out) { out.assign(sv(v)); }
template <class E>
void get(value const& v, aj::open_enum<E>& out) { out.assign(sv(v)); }
template <apibind::detail::fixed_string V>
void get(value const& v, aj::literal<V>&)
{
    if (sv(v) != aj::literal<V>::value) fail("wrong literal");
}
std::string compact(value const& v)
{
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    v.Accept(w);
    return {sb.GetString(), sb.GetSize()};
}
void get(value const& v, aj::any_value& out)
{
    if (v.IsNull()) out = aj::any_value();
    else if (v.IsBool()) out = aj::any_value(v.GetBool());
    else if (v.IsString()) out = aj::any_value(sv(v));
    else if (v.IsNumber()) out = aj::any_value::from_number_text(compact(v));
    else out = aj::any_value::from_json_text(v.IsObject() ? aj::value_kind::object : aj::value_kind::array, compact(v));
}
template <class T>
void get(value const& v, std::vector<T>& out);
template <class T>
void get(value const& v, std::optional<T>& out);
template <class T>
void get(value const& v, aj::nullable<T>& out);
template <class V>
void get(value const& v, aj::record<V>& out);
template <apibind::detail::fixed_string K, class... A>
void get(value const& v, aj::tagged_union<K, A...>& out);
void get(value const& v, sj::connected_account_user_identifier& out);
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& out);
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& out);
void get(value const& v, sj::connected_account_error_account_disconnected& out);
void get(value const& v, sj::connected_account_error_bridge_disconnected& out);
void get(value const& v, sj::connected_account_error_dormakaba_sites_disconnected& out);
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded& out);
void get(value const& v, sj::connected_account_warning_scheduled_maintenance_window& out);
void get(value const& v, sj::connected_account_warning_unknown_issue_with_connected_account& out);
void get(value const& v, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& out);
void get(value const& v, sj::connected_account_warning_account_reauthorization_requested& out);
void get(value const& v, sj::connected_account_warning_being_deleted& out);
void get(value const& v, sj::connected_account_warning_provider_service_unavailable& out);
void get(value const& v, sj::connected_account_warning_setup_required& out);
void get(value const& v, sj::connected_account_warning_dormakaba_sites_unapproved& out);
void get(value const& v, sj::pagination& out);
void get(value const& v, account& out);

value const& object(value const& v)
{
    if (!v.IsObject()) fail("expected an object");
    return v;
}
template <class T>
void req(value const& o, char const* key, T& out)
{
    auto const it = o.FindMember(key);
    if (it == o.MemberEnd()) fail("missing member");
    get(it->value, out);
}
template <class T>
void opt(value const& o, char const* key, T& out)
{
    auto const it = o.FindMember(key);
    if (it != o.MemberEnd()) get(it->value, out);
}

template <class T>
void get(value const& v, std::vector<T>& out)
{
    if (!v.IsArray()) fail("expected an array");
    out.resize(v.Size());
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) get(v[i], out[i]);
}
template <class T>
void get(value const& v, std::optional<T>& out)
{
    if (v.IsNull()) out.reset();
    else get(v, out.emplace());
}
template <class T>
void get(value const& v, aj::nullable<T>& out)
{
    if (v.IsNull()) out.set_null();
    else get(v, out.emplace());
}
template <class V>
void get(value const& v, aj::record<V>& out)
{
    object(v);
    out.clear();
    out.entries().reserve(v.MemberCount());
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
        get(it->value, out.entries().emplace_back(std::string(sv(it->name)), V{}).second);
}
template <apibind::detail::fixed_string K, class... A>
void get(value const& v, aj::tagged_union<K, A...>& out)
{
    using U = aj::tagged_union<K, A...>;
    object(v);
    auto const it = v.FindMember(rapidjson::StringRef(U::tag_key.data(), U::tag_key.size()));
    std::string_view const tag = it != v.MemberEnd() && it->value.IsString() ? sv(it->value) : std::string_view();
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
        constexpr std::size_t i = decltype(I)::value;
        if (!found && !tag.empty() && U::tags()[i] == tag) {
            found = true;
            boost::mp11::mp_at_c<boost::mp11::mp_list<A...>, i> alt;
            get(v, alt);
            out = U(std::move(alt));
        }
    });
    if (!found) out = U(aj::unrecognised{std::string(tag), aj::raw_json(compact(v))});
}

template <class T, bool C>
void get(value const& v, aj::defaulted<T, C>& out)
{
    get(v, out.get());
}

void get(value const& v, sj::connected_account_user_identifier& o)
{
    object(v);
    opt(v, "api_url", o.api_url);
    opt(v, "email", o.email);
    opt(v, "exclusive", o.exclusive);
    opt(v, "phone", o.phone);
    opt(v, "username", o.username);
}
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& o)
{
    object(v);
    opt(v, "site_id", o.site_id);
    opt(v, "site_name", o.site_name);
    opt(v, "site_user_subscription_limit", o.site_user_subscription_limit);
    opt(v, "subscribed_site_user_count", o.subscribed_site_user_count);
}
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& o)
{
    object(v);
    opt(v, "sites", o.sites);
}
template <class E>
void get_error(value const& v, E& o)
{
    object(v);
    req(v, "created_at", o.created_at);
    req(v, "error_code", o.error_code);
    opt(v, "is_bridge_error", o.is_bridge_error);
    opt(v, "is_connected_account_error", o.is_connected_account_error);
    req(v, "message", o.message);
}
void get(value const& v, sj::connected_account_error_account_disconnected& o) { get_error(v, o); }
void get(value const& v, sj::connected_account_error_bridge_disconnected& o) { get_error(v, o); }
void get(value const& v, sj::connected_account_error_dormakaba_sites_disconnected& o) { get_error(v, o); }
void get(value const& v, sj::connected_account_error_salto_ks_subscription_limit_exceeded& o)
{
    get_error(v, o);
    req(v, "salto_ks_metadata", o.salto_ks_metadata);
}
template <class W>
void get_warning(value const& v, W& o)
{
    object(v);
    req(v, "created_at", o.created_at);
    req(v, "message", o.message);
    req(v, "warning_code", o.warning_code);
}
void get(value const& v, sj::connected_account_warning_scheduled_maintenance_window& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_unknown_issue_with_connected_account& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& o)
{
    get_warning(v, o);
    req(v, "salto_ks_metadata", o.salto_ks_metadata);
}
void get(value const& v, sj::connected_account_warning_account_reauthorization_requested& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_being_deleted& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_provider_service_unavailable& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_setup_required& o) { get_warning(v, o); }
void get(value const& v, sj::connected_account_warning_dormakaba_sites_unapproved& o) { get_warning(v, o); }
void get(value const& v, sj::pagination& o)
{
    object(v);
    req(v, "has_next_page", o.has_next_page);
    opt(v, "next_page_cursor", o.next_page_cursor);
    opt(v, "next_page_url", o.next_page_url);
}
void get(value const& v, account& o)
{
    object(v);
    req(v, "accepted_capabilities", o.accepted_capabilities);
    opt(v, "account_type", o.account_type);
    req(v, "account_type_display_name", o.account_type_display_name);
    req(v, "automatically_manage_new_devices", o.automatically_manage_new_devices);
    req(v, "connected_account_id", o.connected_account_id);
    opt(v, "created_at", o.created_at);
    req(v, "custom_metadata", o.custom_metadata);
    opt(v, "customer_key", o.customer_key);
    opt(v, "default_checkin_time", o.default_checkin_time);
    opt(v, "default_checkout_time", o.default_checkout_time);
    opt(v, "display_name", o.display_name);
    opt(v, "errors", o.errors);
    opt(v, "ical_feed_origin", o.ical_feed_origin);
    opt(v, "ical_url", o.ical_url);
    opt(v, "image_url", o.image_url);
    opt(v, "time_zone", o.time_zone);
    opt(v, "user_identifier", o.user_identifier);
    opt(v, "warnings", o.warnings);
}

void parse(rapidjson::Document& d, std::string_view json)
{
    d.Parse(json.data(), json.size());
    if (d.HasParseError()) fail("syntax error");
}

// ---- writing ----

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void key(writer& w, std::string_view k) { w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
void put(writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void put(writer& w, std::string const& s) { put(w, std::string_view(s)); }
void put(writer& w, bool b) { w.Bool(b); }
void put(writer& w, std::int64_t n) { w.Int64(n); }
void put(writer& w, aj::date_time const& v) { put(w, std::string_view(v.text())); }
template <class E>
void put(writer& w, aj::open_enum<E> const& v) { put(w, v.to_string()); }
template <apibind::detail::fixed_string V>
void put(writer& w, aj::literal<V> const&) { put(w, aj::literal<V>::value); }
void put(writer& w, aj::any_value const& v)
{
    switch (v.kind()) {
    case aj::value_kind::null: w.Null(); break;
    case aj::value_kind::boolean: w.Bool(*v.as_bool()); break;
    case aj::value_kind::string: put(w, v.text()); break;
    default: w.RawValue(v.text().data(), v.text().size(), v.is_number() ? rapidjson::kNumberType : rapidjson::kObjectType); break;
    }
}
template <class T>
void put(writer& w, std::vector<T> const& v);
template <class V>
void put(writer& w, aj::record<V> const& r);
template <apibind::detail::fixed_string K, class... A>
void put(writer& w, aj::tagged_union<K, A...> const& u);
void put(writer& w, sj::connected_account_user_identifier const& o);
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site const& o);
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata const& o);
void put(writer& w, sj::connected_account_error_account_disconnected const& o);
void put(writer& w, sj::connected_account_error_bridge_disconnected const& o);
void put(writer& w, sj::connected_account_error_dormakaba_sites_disconnected const& o);
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded const& o);
void put(writer& w, sj::connected_account_warning_scheduled_maintenance_window const& o);
void put(writer& w, sj::connected_account_warning_unknown_issue_with_connected_account const& o);
void put(writer& w, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached const& o);
void put(writer& w, sj::connected_account_warning_account_reauthorization_requested const& o);
void put(writer& w, sj::connected_account_warning_being_deleted const& o);
void put(writer& w, sj::connected_account_warning_provider_service_unavailable const& o);
void put(writer& w, sj::connected_account_warning_setup_required const& o);
void put(writer& w, sj::connected_account_warning_dormakaba_sites_unapproved const& o);
void put(writer& w, sj::pagination const& o);
void put(writer& w, account const& o);

template <class T>
void set(writer& w, std::string_view k, T const& v)
{
    key(w, k);
    put(w, v);
}
template <class T, bool C>
void set(writer& w, std::string_view k, aj::defaulted<T, C> const& v)
{
    if (v.is_present()) set(w, k, v.get());
}
template <class T>
void set(writer& w, std::string_view k, std::optional<T> const& v)
{
    if (v) set(w, k, *v);
}
template <class T>
void set(writer& w, std::string_view k, aj::nullable<T> const& v)
{
    if (v.has_value()) set(w, k, *v);
    else if (v.is_null()) {
        key(w, k);
        w.Null();
    }
}

template <class T>
void put(writer& w, std::vector<T> const& v)
{
    w.StartArray();
    for (auto const& e : v) put(w, e);
    w.EndArray();
}
template <class V>
void put(writer& w, aj::record<V> const& r)
{
    w.StartObject();
    for (auto const& [k, v] : r) set(w, k, v);
    w.EndObject();
}
template <apibind::detail::fixed_string K, class... A>
void put(writer& w, aj::tagged_union<K, A...> const& u)
{
    u.visit([&](auto const& alt) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(alt)>, aj::unrecognised>)
            w.RawValue(alt.raw.text.data(), alt.raw.text.size(), rapidjson::kObjectType);
        else put(w, alt);
    });
}
void put(writer& w, sj::connected_account_user_identifier const& o)
{
    w.StartObject();
    set(w, "api_url", o.api_url);
    set(w, "email", o.email);
    set(w, "exclusive", o.exclusive);
    set(w, "phone", o.phone);
    set(w, "username", o.username);
    w.EndObject();
}
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site const& o)
{
    w.StartObject();
    set(w, "site_id", o.site_id);
    set(w, "site_name", o.site_name);
    set(w, "site_user_subscription_limit", o.site_user_subscription_limit);
    set(w, "subscribed_site_user_count", o.subscribed_site_user_count);
    w.EndObject();
}
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata const& o)
{
    w.StartObject();
    set(w, "sites", o.sites);
    w.EndObject();
}
template <class E>
void put_error_members(writer& w, E const& o)
{
    set(w, "created_at", o.created_at);
    set(w, "error_code", o.error_code);
    set(w, "is_bridge_error", o.is_bridge_error);
    set(w, "is_connected_account_error", o.is_connected_account_error);
    set(w, "message", o.message);
}
void put(writer& w, sj::connected_account_error_account_disconnected const& o)
{
    w.StartObject();
    put_error_members(w, o);
    w.EndObject();
}
void put(writer& w, sj::connected_account_error_bridge_disconnected const& o)
{
    w.StartObject();
    put_error_members(w, o);
    w.EndObject();
}
void put(writer& w, sj::connected_account_error_dormakaba_sites_disconnected const& o)
{
    w.StartObject();
    put_error_members(w, o);
    w.EndObject();
}
void put(writer& w, sj::connected_account_error_salto_ks_subscription_limit_exceeded const& o)
{
    w.StartObject();
    put_error_members(w, o);
    set(w, "salto_ks_metadata", o.salto_ks_metadata);
    w.EndObject();
}
template <class W>
void put_plain_warning(writer& w, W const& o)
{
    w.StartObject();
    set(w, "created_at", o.created_at);
    set(w, "message", o.message);
    set(w, "warning_code", o.warning_code);
    w.EndObject();
}
void put(writer& w, sj::connected_account_warning_scheduled_maintenance_window const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_unknown_issue_with_connected_account const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached const& o)
{
    w.StartObject();
    set(w, "created_at", o.created_at);
    set(w, "message", o.message);
    set(w, "salto_ks_metadata", o.salto_ks_metadata);
    set(w, "warning_code", o.warning_code);
    w.EndObject();
}
void put(writer& w, sj::connected_account_warning_account_reauthorization_requested const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_being_deleted const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_provider_service_unavailable const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_setup_required const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::connected_account_warning_dormakaba_sites_unapproved const& o) { put_plain_warning(w, o); }
void put(writer& w, sj::pagination const& o)
{
    w.StartObject();
    set(w, "has_next_page", o.has_next_page);
    set(w, "next_page_cursor", o.next_page_cursor);
    set(w, "next_page_url", o.next_page_url);
    w.EndObject();
}
void put(writer& w, account const& o)
{
    w.StartObject();
    set(w, "accepted_capabilities", o.accepted_capabilities);
    set(w, "account_type", o.account_type);
    set(w, "account_type_display_name", o.account_type_display_name);
    set(w, "automatically_manage_new_devices", o.automatically_manage_new_devices);
    set(w, "connected_account_id", o.connected_account_id);
    set(w, "created_at", o.created_at);
    set(w, "custom_metadata", o.custom_metadata);
    set(w, "customer_key", o.customer_key);
    set(w, "default_checkin_time", o.default_checkin_time);
    set(w, "default_checkout_time", o.default_checkout_time);
    set(w, "display_name", o.display_name);
    set(w, "errors", o.errors);
    set(w, "ical_feed_origin", o.ical_feed_origin);
    set(w, "ical_url", o.ical_url);
    set(w, "image_url", o.image_url);
    set(w, "time_zone", o.time_zone);
    set(w, "user_identifier", o.user_identifier);
    set(w, "warnings", o.warnings);
    w.EndObject();
}
void put(writer& w, list_response const& o)
{
    w.StartObject();
    set(w, "connected_accounts", o.connected_accounts);
    set(w, "pagination", o.pagination);
    if constexpr (list_has_ok) set(w, "ok", o.ok);
    w.EndObject();
}

template <class T>
std::string_view write_reused(T const& v)
{
    thread_local rapidjson::StringBuffer sb;
    sb.Clear();  // keeps the capacity
    writer w(sb);
    put(w, v);
    return {sb.GetString(), sb.GetSize()};
}

}  // namespace

account rapid_json::decode_account(std::string_view json)
{
    rapidjson::Document d;
    parse(d, json);
    account a;
    get(d, a);
    return a;
}
list_response rapid_json::decode_list(std::string_view json)
{
    rapidjson::Document d;
    parse(d, json);
    object(d);
    list_response r;
    req(d, "connected_accounts", r.connected_accounts);
    req(d, "pagination", r.pagination);
    if constexpr (list_has_ok) opt(d, "ok", r.ok);
    return r;
}
std::string_view rapid_json::encode(account const& v) { return write_reused(v); }
std::string_view rapid_json::encode(list_response const& v) { return write_reused(v); }

}  // namespace bench
