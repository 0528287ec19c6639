// Boost.JSON value_to / value_from for apibind's wrapper types, so Boost.JSON's own described-struct
// conversion (Boost >= 1.81) can fill the same structs apibind does. What a Boost.JSON user of this
// model would have to write. Found by argument-dependent lookup (the wrappers' namespace).
//
// Boost 1.81's described-struct conversion requires every member to be present and no other key
// (size_mismatch otherwise), and writes an empty std::optional as null. The generated Seam model has
// optional members the documents leave out, so the Seam structs get the member loop a Boost.JSON user
// of this model would write (end of file): absent optional / defaulted members stay empty and are
// not written back; a missing required member or an unknown key is still an error, as in Boost's own.
#ifndef APIBIND_BENCH_BOOST_JSON_CONVERSIONS_HPP
#define APIBIND_BENCH_BOOST_JSON_CONVERSIONS_HPP

#include "model.hpp"

#include <apibind/json/any_value.hpp>
#include <apibind/json/date_time.hpp>
#include <apibind/json/defaulted.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/json/record.hpp>
#include <apibind/json/tagged_union.hpp>

#include <boost/describe/members.hpp>
#include <boost/json/conversion.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace apibind::json {

template <class E>
open_enum<E> tag_invoke(boost::json::value_to_tag<open_enum<E>>, boost::json::value const& jv)
{
    boost::json::string const& s = jv.as_string();
    return open_enum<E>::from_string(std::string_view(s.data(), s.size()));
}
template <class E>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, open_enum<E> const& v)
{
    std::string_view const s = v.to_string();
    jv.emplace_string().assign(s.data(), s.size());
}

inline date_time tag_invoke(boost::json::value_to_tag<date_time>, boost::json::value const& jv)
{
    boost::json::string const& s = jv.as_string();
    return date_time(std::string_view(s.data(), s.size()));
}
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, date_time const& v) { jv = boost::json::string(v.text()); }

template <apibind::detail::fixed_string V>
literal<V> tag_invoke(boost::json::value_to_tag<literal<V>>, boost::json::value const& jv)
{
    boost::json::string const& s = jv.as_string();
    if (std::string_view(s.data(), s.size()) != literal<V>::value) throw std::runtime_error("boost_json: wrong literal");
    return {};
}
template <apibind::detail::fixed_string V>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, literal<V> const&)
{
    jv.emplace_string().assign(literal<V>::value.data(), literal<V>::value.size());
}

template <class T, bool C>
defaulted<T, C> tag_invoke(boost::json::value_to_tag<defaulted<T, C>>, boost::json::value const& jv)
{
    return defaulted<T, C>(boost::json::value_to<T>(jv));
}
template <class T, bool C>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, defaulted<T, C> const& v)
{
    boost::json::value_from(v.get(), jv);
}

template <class T>
nullable<T> tag_invoke(boost::json::value_to_tag<nullable<T>>, boost::json::value const& jv)
{
    if (jv.is_null()) return nullable<T>(null);
    return nullable<T>(boost::json::value_to<T>(jv));
}
template <class T>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, nullable<T> const& v)
{
    if (v.has_value()) boost::json::value_from(*v, jv);
    else jv.emplace_null();
}

inline any_value tag_invoke(boost::json::value_to_tag<any_value>, boost::json::value const& jv)
{
    switch (jv.kind()) {
    case boost::json::kind::null: return any_value();
    case boost::json::kind::bool_: return any_value(jv.get_bool());
    case boost::json::kind::string: return any_value(std::string_view(jv.get_string().data(), jv.get_string().size()));
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return any_value::from_number_text(boost::json::serialize(jv));
    case boost::json::kind::object: return any_value::from_json_text(value_kind::object, boost::json::serialize(jv));
    case boost::json::kind::array: return any_value::from_json_text(value_kind::array, boost::json::serialize(jv));
    }
    return any_value();
}
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, any_value const& v)
{
    switch (v.kind()) {
    case value_kind::null: jv.emplace_null(); break;
    case value_kind::boolean: jv = *v.as_bool(); break;
    case value_kind::string: jv.emplace_string().assign(v.text().data(), v.text().size()); break;
    default: jv = boost::json::parse(v.text(), jv.storage()); break;
    }
}

template <class V>
record<V> tag_invoke(boost::json::value_to_tag<record<V>>, boost::json::value const& jv)
{
    record<V> r;
    boost::json::object const& o = jv.as_object();
    r.entries().reserve(o.size());
    for (auto const& kv : o)
        r.entries().emplace_back(std::string(kv.key().data(), kv.key().size()), boost::json::value_to<V>(kv.value()));
    return r;
}
template <class V>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, record<V> const& r)
{
    boost::json::object& o = jv.emplace_object();
    o.reserve(r.size());
    for (auto const& [k, v] : r) o.emplace(k, boost::json::value_from(v, o.storage()));
}

template <apibind::detail::fixed_string K, class... A>
tagged_union<K, A...> tag_invoke(boost::json::value_to_tag<tagged_union<K, A...>>, boost::json::value const& jv)
{
    using U = tagged_union<K, A...>;
    boost::json::object const& o = jv.as_object();
    boost::json::value const* tag = o.if_contains(boost::json::string_view(U::tag_key.data(), U::tag_key.size()));
    std::string_view const t = tag && tag->is_string() ? std::string_view(tag->get_string().data(), tag->get_string().size())
                                                       : std::string_view();
    U out;
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
        constexpr std::size_t i = decltype(I)::value;
        if (!found && !t.empty() && U::tags()[i] == t) {
            found = true;
            out = U(boost::json::value_to<boost::mp11::mp_at_c<boost::mp11::mp_list<A...>, i>>(jv));
        }
    });
    if (!found) out = U(unrecognised{std::string(t), raw_json(boost::json::serialize(jv))});
    return out;
}
template <apibind::detail::fixed_string K, class... A>
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, tagged_union<K, A...> const& u)
{
    u.visit([&](auto const& alt) {
        using Alt = std::remove_cvref_t<decltype(alt)>;
        if constexpr (std::is_same_v<Alt, unrecognised>) jv = boost::json::parse(alt.raw.text, jv.storage());
        else boost::json::value_from(alt, jv);
    });
}

}  // namespace apibind::json

namespace apibind::seam {

namespace bench_detail {
template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;
template <class T>
using public_members = boost::describe::describe_members<T, boost::describe::mod_public>;
}  // namespace bench_detail

// Found by argument-dependent lookup for every described struct of apibind::seam (a user conversion
// takes precedence over Boost's described-class one).
template <class T>
    requires boost::describe::has_describe_members<T>::value
T tag_invoke(boost::json::value_to_tag<T>, boost::json::value const& jv)
{
    boost::json::object const& o = jv.as_object();
    T out{};
    std::size_t matched = 0;
    boost::mp11::mp_for_each<bench_detail::public_members<T>>([&](auto D) {
        auto& m = out.*D.pointer;
        using M = std::remove_cvref_t<decltype(m)>;
        boost::json::value const* v = o.if_contains(D.name);
        if (!v) {
            if constexpr (json::is_defaulted_v<M>) m.set_absent();
            else if constexpr (!bench_detail::is_optional_v<M>)
                throw std::runtime_error(std::string("boost_json: missing member ") + D.name);
            return;
        }
        ++matched;
        if constexpr (bench_detail::is_optional_v<M>) {
            if (v->is_null()) m.reset();
            else m = boost::json::value_to<typename M::value_type>(*v);
        } else {
            m = boost::json::value_to<M>(*v);
        }
    });
    if (matched != o.size()) throw std::runtime_error("boost_json: unknown member");
    return out;
}
template <class T>
    requires boost::describe::has_describe_members<T>::value
void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, T const& v)
{
    boost::json::object& o = jv.emplace_object();
    boost::mp11::mp_for_each<bench_detail::public_members<T>>([&](auto D) {
        auto const& m = v.*D.pointer;
        using M = std::remove_cvref_t<decltype(m)>;
        if constexpr (bench_detail::is_optional_v<M>) {
            if (m) o.emplace(D.name, boost::json::value_from(*m, o.storage()));
        } else if constexpr (json::is_defaulted_v<M>) {
            if (m.is_present()) o.emplace(D.name, boost::json::value_from(m.get(), o.storage()));
        } else {
            o.emplace(D.name, boost::json::value_from(m, o.storage()));
        }
    });
}

}  // namespace apibind::seam

#endif
