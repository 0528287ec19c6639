// apibind::json::tagged_union<"tag_key", A, B, ...>: a JSON object whose shape depends on the
// value of one key (Seam's errors by `error_code`, warnings by `warning_code`, events by
// `event_type`, access codes by the boolean `is_managed`). Each alternative declares its tag as a
// described member of type json::literal<"value"> (a string) or json::bool_literal<true|false>,
// so the tag stays visible in the struct and round-trips.
//
// apibind::json::basic_tagged_union<json::tag_keys<"action_type", "status">, A, B, ...>: the same,
// chosen by the values of several keys together (Seam's action attempts); each alternative has a
// literal member per key. tagged_union<"k", A...> is basic_tagged_union<tag_keys<"k">, A...>.
//
// An unknown tag (or combination, or an absent tag) decodes to json::unrecognised, which keeps the
// whole object and encodes it back unchanged.
#ifndef APIBIND_JSON_TAGGED_UNION_HPP
#define APIBIND_JSON_TAGGED_UNION_HPP

#include <apibind/json/detail/fixed_string.hpp>
#include <apibind/json/detail/member_text.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/raw_json.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace apibind::json {

// The alternative for a tag the model does not know.
struct unrecognised {
    std::string tag;  // the first tag key's value as sent: a string, or "true"/"false" (empty if absent or another type)
    raw_json raw;     // the whole object, compact

    friend bool operator==(unrecognised const&, unrecognised const&) = default;
};

// The keys whose values choose a basic_tagged_union's alternative.
template <apibind::detail::fixed_string... Keys>
struct tag_keys {
    static constexpr std::size_t count = sizeof...(Keys);
    static constexpr std::array<std::string_view, count> keys{Keys.view()...};
    static_assert(count > 0, "apibind: tag_keys needs at least one key");
};

namespace detail {

// How a tag value appears on the wire.
enum class tag_kind : unsigned char { absent, string, boolean };

struct tag_spec {
    tag_kind kind = tag_kind::absent;
    std::string_view text;  // booleans: "true" / "false"
};

// The literal member of Alt named `key`: its kind and value (absent if Alt has none).
template <class Alt>
constexpr tag_spec alternative_tag(std::string_view key) noexcept
{
    namespace bd = boost::describe;
    tag_spec tag{};
    boost::mp11::mp_for_each<bd::describe_members<Alt, bd::mod_public | bd::mod_inherited>>([&](auto d) {
        using member_t = std::remove_cvref_t<decltype(std::declval<Alt&>().*d.pointer)>;
        if (std::string_view(d.name) != key) return;
        if constexpr (is_literal_v<member_t>) tag = {tag_kind::string, member_t::value};
        else if constexpr (is_bool_literal_v<member_t>) tag = {tag_kind::boolean, member_t::text};
    });
    return tag;
}

template <class Keys, class Alt>
constexpr std::array<tag_spec, Keys::count> alternative_tags() noexcept
{
    std::array<tag_spec, Keys::count> t{};
    for (std::size_t k = 0; k < Keys::count; ++k) t[k] = alternative_tag<Alt>(Keys::keys[k]);
    return t;
}

// A union's tag table, and the checks on it. A class of its own, reached only from functions, so
// that it is built where a union is decoded or its tag read: a header that merely declares unions
// (a generated API declares hundreds) does not walk every alternative's members at compile time.
template <class Keys, class... Alternatives>
struct union_tag_table {
    static constexpr std::size_t count = sizeof...(Alternatives);
    static constexpr std::array<std::array<tag_spec, Keys::count>, count> alternatives{alternative_tags<Keys, Alternatives>()...};
    // The first key's values, read off `alternatives` (not a second walk of every alternative).
    static constexpr std::array<std::string_view, count> first = [] {
        std::array<std::string_view, count> f{};
        for (std::size_t i = 0; i < count; ++i) f[i] = alternatives[i][0].text;
        return f;
    }();
    static constexpr bool every_tag_declared() noexcept
    {
        for (auto const& alt : alternatives)
            for (auto const& t : alt)
                if (t.kind == tag_kind::absent) return false;
        return true;
    }
    static constexpr bool tags_distinct() noexcept
    {
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t j = i + 1; j < count; ++j) {
                bool same = true;
                for (std::size_t k = 0; k < Keys::count; ++k)
                    same = same && alternatives[i][k].kind == alternatives[j][k].kind &&
                           alternatives[i][k].text == alternatives[j][k].text;
                if (same) return false;
            }
        return true;
    }
    static_assert(every_tag_declared(),
                  "every alternative of a tagged_union needs a described json::literal<> or json::bool_literal<> member named like each tag key");
    static_assert(tags_distinct(), "two alternatives of a tagged_union have the same tag values");
};

}  // namespace detail

template <class Keys, class... Alternatives>
class basic_tagged_union {
public:
    using variant_type = std::variant<Alternatives..., unrecognised>;
    using keys_type = Keys;
    static constexpr std::size_t key_count = Keys::count;
    static constexpr std::array<std::string_view, key_count> keys = Keys::keys;
    static constexpr std::string_view tag_key = Keys::keys[0];
    static constexpr std::size_t alternative_count = sizeof...(Alternatives);
    // alternative_tags()[i][k]: what the i-th alternative has under keys[k]. The decoder picks the
    // alternative whose every tag matches the document (a string tag matches only a string).
    static constexpr auto const& alternative_tags() noexcept { return detail::union_tag_table<Keys, Alternatives...>::alternatives; }
    // tags()[i] is the first tag key's value of the i-th alternative.
    static constexpr auto const& tags() noexcept { return detail::union_tag_table<Keys, Alternatives...>::first; }

    basic_tagged_union() = default;
    template <class A, class = std::enable_if_t<std::is_constructible_v<variant_type, A&&> &&
                                                !std::is_same_v<std::decay_t<A>, basic_tagged_union>>>
    basic_tagged_union(A&& alternative) : v_(std::forward<A>(alternative))  // NOLINT: implicit like std::variant
    {
    }

    variant_type& variant() noexcept { return v_; }
    variant_type const& variant() const noexcept { return v_; }

    template <class A>
    bool holds() const noexcept { return std::holds_alternative<A>(v_); }
    template <class A>
    A* get_if() noexcept { return std::get_if<A>(&v_); }
    template <class A>
    A const* get_if() const noexcept { return std::get_if<A>(&v_); }

    bool is_unrecognised() const noexcept { return std::holds_alternative<unrecognised>(v_); }
    // The (first) tag key's value on the wire, known or not.
    std::string_view tag() const noexcept
    {
        if (auto const* u = std::get_if<unrecognised>(&v_)) return u->tag;
        return tags()[v_.index()];
    }
    // The value of any tag key ("true"/"false" for a boolean tag); empty for a key that is not a tag
    // key, or that the unrecognised object lacks. For an unrecognised object the value is read from
    // the raw object (a string tag as written: escapes are not decoded).
    std::string_view tag_value(std::string_view key) const noexcept
    {
        std::size_t k = 0;
        while (k < key_count && keys[k] != key) ++k;
        if (k == key_count) return {};
        if (auto const* u = std::get_if<unrecognised>(&v_)) {
            if (k == 0 && (!u->tag.empty() || u->raw.text.empty())) return u->tag;
            return detail::member_scanner(u->raw.text).find(key);
        }
        return alternative_tags()[v_.index()][k].text;
    }

    template <class F>
    decltype(auto) visit(F&& f) { return std::visit(std::forward<F>(f), v_); }
    template <class F>
    decltype(auto) visit(F&& f) const { return std::visit(std::forward<F>(f), v_); }

    friend bool operator==(basic_tagged_union const&, basic_tagged_union const&) = default;

private:
    variant_type v_;
};

template <apibind::detail::fixed_string TagKey, class... Alternatives>
using tagged_union = basic_tagged_union<tag_keys<TagKey>, Alternatives...>;

template <class T>
inline constexpr bool is_tagged_union_v = false;
template <class K, class... A>
inline constexpr bool is_tagged_union_v<basic_tagged_union<K, A...>> = true;

}  // namespace apibind::json

#endif
