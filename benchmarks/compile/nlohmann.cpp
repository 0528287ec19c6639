// nlohmann/json: parse into nlohmann::json, then extract member by member into the structs;
// structs -> nlohmann::json -> dump(). Hand-written from_json/to_json, as a user of this model would.
#include "../adapters.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace bench {
namespace {

namespace sj = apibind::seam;
namespace aj = apibind::json;
using nj = nlohmann::json;

// ---- reading ----

void get(nj const& j, std::string& out) { out = j.get_ref<std::string const&>(); }
template <class T, bool C>
void get(nj const& j, aj::defaulted<T, C>& out);  // below, after the other overloads
void get(nj const& j, bool& out) { out = j.get<bool>(); }
void get(nj const& j, std::int64_t& out) { out = j.get<std::int64_t>(); }
void get(nj const& j, aj::date_time& out) { out.assign(j.get_ref<std::string const&>()); }
template <class E>
void get(nj const& j, aj::open_enum<E>& out) { out.assign(j.get_ref<std::string const&>()); }
template <apibind::detail::fixed_string V>
void get(nj const& j, aj::literal<V>&)
{
    if (j.get_ref<std::string const&>() != aj::literal<V>::value) throw std::runtime_error("nlohmann: wrong literal");
}
void get(nj const& j, aj::any_value& out)
{
    switch (j.type()) {
    case nj::value_t::null: out = aj::any_value(); break;
    case nj::value_t::boolean: out = aj::any_value(j.get<bool>()); break;
    case nj::value_t::string: out = aj::any_value(j.get_ref<std::string const&>()); break;
    case nj::value_t::number_integer:
    case nj::value_t::number_unsigned:
    case nj::value_t::number_float: out = aj::any_value::from_number_text(j.dump()); break;
    case nj::value_t::object: out = aj::any_value::from_json_text(aj::value_kind::object, j.dump()); break;
    default: out = aj::any_value::from_json_text(aj::value_kind::array, j.dump()); break;
    }
}
template <class T>
void get(nj const& j, std::vector<T>& out);
template <class T>
void get(nj const& j, std::optional<T>& out);
template <class T>
void get(nj const& j, aj::nullable<T>& out);
template <class V>
void get(nj const& j, aj::record<V>& out);
template <apibind::detail::fixed_string K, class... A>
void get(nj const& j, aj::tagged_union<K, A...>& out);
void get(nj const& j, sj::connected_account_user_identifier& out);
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& out);
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& out);
void get(nj const& j, sj::connected_account_error_account_disconnected& out);
void get(nj const& j, sj::connected_account_error_bridge_disconnected& out);
void get(nj const& j, sj::connected_account_error_dormakaba_sites_disconnected& out);
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded& out);
void get(nj const& j, sj::connected_account_warning_scheduled_maintenance_window& out);
void get(nj const& j, sj::connected_account_warning_unknown_issue_with_connected_account& out);
void get(nj const& j, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& out);
void get(nj const& j, sj::connected_account_warning_account_reauthorization_requested& out);
void get(nj const& j, sj::connected_account_warning_being_deleted& out);
void get(nj const& j, sj::connected_account_warning_provider_service_unavailable& out);
void get(nj const& j, sj::connected_account_warning_setup_required& out);
void get(nj const& j, sj::connected_account_warning_dormakaba_sites_unapproved& out);
void get(nj const& j, sj::pagination& out);
void get(nj const& j, account& out);

// A required member: absent is an error.
template <class T>
void req(nj const& j, char const* key, T& out)
{
    get(j.at(key), out);
}
// An optional (or defaulted) member: absent leaves it empty.
template <class T>
void opt(nj const& j, char const* key, T& out)
{
    auto const it = j.find(key);
    if (it != j.end()) get(*it, out);
}

template <class T>
void get(nj const& j, std::vector<T>& out)
{
    auto const& a = j.get_ref<nj::array_t const&>();
    out.resize(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) get(a[i], out[i]);
}
template <class T>
void get(nj const& j, std::optional<T>& out)
{
    if (j.is_null()) out.reset();
    else get(j, out.emplace());
}
template <class T>
void get(nj const& j, aj::nullable<T>& out)
{
    if (j.is_null()) out.set_null();
    else get(j, out.emplace());
}
template <class V>
void get(nj const& j, aj::record<V>& out)
{
    auto const& o = j.get_ref<nj::object_t const&>();
    out.clear();
    out.entries().reserve(o.size());
    for (auto const& [k, v] : o) get(v, out.entries().emplace_back(k, V{}).second);
}
template <apibind::detail::fixed_string K, class... A>
void get(nj const& j, aj::tagged_union<K, A...>& out)
{
    using U = aj::tagged_union<K, A...>;
    auto const it = j.find(std::string(U::tag_key));
    std::string_view const tag = it != j.end() && it->is_string() ? std::string_view(it->get_ref<std::string const&>()) : "";
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
        constexpr std::size_t i = decltype(I)::value;
        if (!found && !tag.empty() && U::tags()[i] == tag) {
            found = true;
            boost::mp11::mp_at_c<boost::mp11::mp_list<A...>, i> alt;
            get(j, alt);
            out = U(std::move(alt));
        }
    });
    if (!found) out = U(aj::unrecognised{std::string(tag), aj::raw_json(j.dump())});
}

template <class T, bool C>
void get(nj const& j, aj::defaulted<T, C>& out)
{
    get(j, out.get());
}

void get(nj const& j, sj::connected_account_user_identifier& o)
{
    opt(j, "api_url", o.api_url);
    opt(j, "email", o.email);
    opt(j, "exclusive", o.exclusive);
    opt(j, "phone", o.phone);
    opt(j, "username", o.username);
}
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site& o)
{
    opt(j, "site_id", o.site_id);
    opt(j, "site_name", o.site_name);
    opt(j, "site_user_subscription_limit", o.site_user_subscription_limit);
    opt(j, "subscribed_site_user_count", o.subscribed_site_user_count);
}
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata& o) { opt(j, "sites", o.sites); }
template <class E>
void get_error(nj const& j, E& o)
{
    req(j, "created_at", o.created_at);
    req(j, "error_code", o.error_code);
    opt(j, "is_bridge_error", o.is_bridge_error);
    opt(j, "is_connected_account_error", o.is_connected_account_error);
    req(j, "message", o.message);
}
void get(nj const& j, sj::connected_account_error_account_disconnected& o) { get_error(j, o); }
void get(nj const& j, sj::connected_account_error_bridge_disconnected& o) { get_error(j, o); }
void get(nj const& j, sj::connected_account_error_dormakaba_sites_disconnected& o) { get_error(j, o); }
void get(nj const& j, sj::connected_account_error_salto_ks_subscription_limit_exceeded& o)
{
    get_error(j, o);
    req(j, "salto_ks_metadata", o.salto_ks_metadata);
}
template <class W>
void get_warning(nj const& j, W& o)
{
    req(j, "created_at", o.created_at);
    req(j, "message", o.message);
    req(j, "warning_code", o.warning_code);
}
void get(nj const& j, sj::connected_account_warning_scheduled_maintenance_window& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_unknown_issue_with_connected_account& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_salto_ks_subscription_limit_almost_reached& o)
{
    get_warning(j, o);
    req(j, "salto_ks_metadata", o.salto_ks_metadata);
}
void get(nj const& j, sj::connected_account_warning_account_reauthorization_requested& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_being_deleted& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_provider_service_unavailable& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_setup_required& o) { get_warning(j, o); }
void get(nj const& j, sj::connected_account_warning_dormakaba_sites_unapproved& o) { get_warning(j, o); }
void get(nj const& j, sj::pagination& o)
{
    req(j, "has_next_page", o.has_next_page);
    opt(j, "next_page_cursor", o.next_page_cursor);
    opt(j, "next_page_url", o.next_page_url);
}
void get(nj const& j, account& o)
{
    req(j, "accepted_capabilities", o.accepted_capabilities);
    opt(j, "account_type", o.account_type);
    req(j, "account_type_display_name", o.account_type_display_name);
    req(j, "automatically_manage_new_devices", o.automatically_manage_new_devices);
    req(j, "connected_account_id", o.connected_account_id);
    opt(j, "created_at", o.created_at);
    req(j, "custom_metadata", o.custom_metadata);
    opt(j, "customer_key", o.customer_key);
    opt(j, "default_checkin_time", o.default_checkin_time);
    opt(j, "default_checkout_time", o.default_checkout_time);
    opt(j, "display_name", o.display_name);
    opt(j, "errors", o.errors);
    opt(j, "ical_feed_origin", o.ical_feed_origin);
    opt(j, "ical_url", o.ical_url);
    opt(j, "image_url", o.image_url);
    opt(j, "time_zone", o.time_zone);
    opt(j, "user_identifier", o.user_identifier);
    opt(j, "warnings", o.warnings);
}

// ---- writing ----

nj put(std::string const& v) { return v; }
template <class T, bool C>
nj put(aj::defaulted<T, C> const& v);
nj put(bool v) { return v; }
nj put(std::int64_t v) { return v; }
nj put(aj::date_time const& v) { return v.text(); }
template <class E>
nj put(aj::open_enum<E> const& v) { return std::string(v.to_string()); }
template <apibind::detail::fixed_string V>
nj put(aj::literal<V> const&) { return std::string(aj::literal<V>::value); }
nj put(aj::any_value const& v)
{
    switch (v.kind()) {
    case aj::value_kind::null: return nullptr;
    case aj::value_kind::boolean: return *v.as_bool();
    case aj::value_kind::string: return std::string(v.text());
    default: return nj::parse(v.text());
    }
}
template <class T>
nj put(std::vector<T> const& v);
template <class V>
nj put(aj::record<V> const& r);
template <apibind::detail::fixed_string K, class... A>
nj put(aj::tagged_union<K, A...> const& u);
nj put(sj::connected_account_user_identifier const& o);
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site const& o);
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata const& o);
nj put(sj::connected_account_error_account_disconnected const& o);
nj put(sj::connected_account_error_bridge_disconnected const& o);
nj put(sj::connected_account_error_dormakaba_sites_disconnected const& o);
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded const& o);
nj put(sj::connected_account_warning_scheduled_maintenance_window const& o);
nj put(sj::connected_account_warning_unknown_issue_with_connected_account const& o);
nj put(sj::connected_account_warning_salto_ks_subscription_limit_almost_reached const& o);
nj put(sj::connected_account_warning_account_reauthorization_requested const& o);
nj put(sj::connected_account_warning_being_deleted const& o);
nj put(sj::connected_account_warning_provider_service_unavailable const& o);
nj put(sj::connected_account_warning_setup_required const& o);
nj put(sj::connected_account_warning_dormakaba_sites_unapproved const& o);
nj put(sj::pagination const& o);
nj put(account const& o);

template <class T>
void set(nj& j, char const* key, T const& v) { j[key] = put(v); }
template <class T, bool C>
void set(nj& j, char const* key, aj::defaulted<T, C> const& v)
{
    if (v.is_present()) j[key] = put(v.get());
}
template <class T>
void set(nj& j, char const* key, std::optional<T> const& v)
{
    if (v) j[key] = put(*v);
}
template <class T>
void set(nj& j, char const* key, aj::nullable<T> const& v)
{
    if (v.has_value()) j[key] = put(*v);
    else if (v.is_null()) j[key] = nullptr;
}

template <class T>
nj put(std::vector<T> const& v)
{
    nj a = nj::array();
    a.get_ref<nj::array_t&>().reserve(v.size());
    for (auto const& e : v) a.push_back(put(e));
    return a;
}
template <class V>
nj put(aj::record<V> const& r)
{
    nj o = nj::object();
    for (auto const& [k, v] : r) o[k] = put(v);
    return o;
}
template <apibind::detail::fixed_string K, class... A>
nj put(aj::tagged_union<K, A...> const& u)
{
    return u.visit([](auto const& alt) -> nj {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(alt)>, aj::unrecognised>) return nj::parse(alt.raw.text);
        else return put(alt);
    });
}
template <class T, bool C>
nj put(aj::defaulted<T, C> const& v)
{
    return put(v.get());
}
nj put(sj::connected_account_user_identifier const& o)
{
    nj j = nj::object();
    set(j, "api_url", o.api_url);
    set(j, "email", o.email);
    set(j, "exclusive", o.exclusive);
    set(j, "phone", o.phone);
    set(j, "username", o.username);
    return j;
}
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site const& o)
{
    nj j = nj::object();
    set(j, "site_id", o.site_id);
    set(j, "site_name", o.site_name);
    set(j, "site_user_subscription_limit", o.site_user_subscription_limit);
    set(j, "subscribed_site_user_count", o.subscribed_site_user_count);
    return j;
}
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata const& o)
{
    nj j = nj::object();
    set(j, "sites", o.sites);
    return j;
}
template <class E>
nj put_error(E const& o)
{
    nj j = nj::object();
    set(j, "created_at", o.created_at);
    set(j, "error_code", o.error_code);
    set(j, "is_bridge_error", o.is_bridge_error);
    set(j, "is_connected_account_error", o.is_connected_account_error);
    set(j, "message", o.message);
    return j;
}
nj put(sj::connected_account_error_account_disconnected const& o) { return put_error(o); }
nj put(sj::connected_account_error_bridge_disconnected const& o) { return put_error(o); }
nj put(sj::connected_account_error_dormakaba_sites_disconnected const& o) { return put_error(o); }
nj put(sj::connected_account_error_salto_ks_subscription_limit_exceeded const& o)
{
    nj j = put_error(o);
    set(j, "salto_ks_metadata", o.salto_ks_metadata);
    return j;
}
template <class W>
nj put_warning(W const& o)
{
    nj j = nj::object();
    set(j, "created_at", o.created_at);
    set(j, "message", o.message);
    set(j, "warning_code", o.warning_code);
    return j;
}
nj put(sj::connected_account_warning_scheduled_maintenance_window const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_unknown_issue_with_connected_account const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_salto_ks_subscription_limit_almost_reached const& o)
{
    nj j = put_warning(o);
    set(j, "salto_ks_metadata", o.salto_ks_metadata);
    return j;
}
nj put(sj::connected_account_warning_account_reauthorization_requested const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_being_deleted const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_provider_service_unavailable const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_setup_required const& o) { return put_warning(o); }
nj put(sj::connected_account_warning_dormakaba_sites_unapproved const& o) { return put_warning(o); }
nj put(sj::pagination const& o)
{
    nj j = nj::object();
    set(j, "has_next_page", o.has_next_page);
    set(j, "next_page_cursor", o.next_page_cursor);
    set(j, "next_page_url", o.next_page_url);
    return j;
}
nj put(account const& o)
{
    nj j = nj::object();
    set(j, "accepted_capabilities", o.accepted_capabilities);
    set(j, "account_type", o.account_type);
    set(j, "account_type_display_name", o.account_type_display_name);
    set(j, "automatically_manage_new_devices", o.automatically_manage_new_devices);
    set(j, "connected_account_id", o.connected_account_id);
    set(j, "created_at", o.created_at);
    set(j, "custom_metadata", o.custom_metadata);
    set(j, "customer_key", o.customer_key);
    set(j, "default_checkin_time", o.default_checkin_time);
    set(j, "default_checkout_time", o.default_checkout_time);
    set(j, "display_name", o.display_name);
    set(j, "errors", o.errors);
    set(j, "ical_feed_origin", o.ical_feed_origin);
    set(j, "ical_url", o.ical_url);
    set(j, "image_url", o.image_url);
    set(j, "time_zone", o.time_zone);
    set(j, "user_identifier", o.user_identifier);
    set(j, "warnings", o.warnings);
    return j;
}
nj put(list_response const& o)
{
    nj j = nj::object();
    set(j, "connected_accounts", o.connected_accounts);
    set(j, "pagination", o.pagination);
    if constexpr (list_has_ok) set(j, "ok", o.ok);
    return j;
}

std::string_view dump_reused(nj const& j)
{
    thread_local std::string out;
    out = j.dump();
    return out;
}

}  // namespace

account nlohmann_json::decode_account(std::string_view json)
{
    nj const j = nj::parse(json);
    account a;
    get(j, a);
    return a;
}
list_response nlohmann_json::decode_list(std::string_view json)
{
    nj const j = nj::parse(json);
    list_response r;
    req(j, "connected_accounts", r.connected_accounts);
    req(j, "pagination", r.pagination);
    if constexpr (list_has_ok) opt(j, "ok", r.ok);
    return r;
}
std::string_view nlohmann_json::encode(account const& v) { return dump_reused(put(v)); }
std::string_view nlohmann_json::encode(list_response const& v) { return dump_reused(put(v)); }

}  // namespace bench
