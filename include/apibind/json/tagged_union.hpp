// apibind::json::tagged_union<"tag_key", A, B, ...>: a JSON object whose shape depends on the
// string value of one key (Seam's errors by `error_code`, warnings by `warning_code`, events by
// `event_type`). Each alternative declares its tag as a described member of type
// json::literal<"value">, so the tag stays visible in the struct and round-trips.
// An unknown tag decodes to json::unrecognised, which keeps the whole object and encodes it back.
#ifndef APIBIND_JSON_TAGGED_UNION_HPP
#define APIBIND_JSON_TAGGED_UNION_HPP

#include <apibind/json/detail/fixed_string.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/raw_json.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace apibind::json {

// The alternative for a tag the model does not know.
struct unrecognised {
    std::string tag;  // the tag's value as sent (empty if the tag was absent or not a string)
    raw_json raw;     // the whole object, compact

    friend bool operator==(unrecognised const&, unrecognised const&) = default;
};

namespace detail {

// The literal value of Alt's member named Key, or "" if it has none.
template <class Alt, std::string_view const& Key>
constexpr std::string_view alternative_tag() noexcept
{
    namespace bd = boost::describe;
    std::string_view tag{};
    boost::mp11::mp_for_each<bd::describe_members<Alt, bd::mod_public | bd::mod_inherited>>([&](auto d) {
        using member_t = std::remove_cvref_t<decltype(std::declval<Alt&>().*d.pointer)>;
        if constexpr (is_literal_v<member_t>) {
            if (std::string_view(d.name) == Key) tag = member_t::value;
        }
    });
    return tag;
}

}  // namespace detail

template <apibind::detail::fixed_string TagKey, class... Alternatives>
class tagged_union {
public:
    using variant_type = std::variant<Alternatives..., unrecognised>;
    static constexpr std::string_view tag_key = TagKey.view();
    static constexpr std::size_t alternative_count = sizeof...(Alternatives);
    // tags[i] is the tag value of the i-th alternative.
    static constexpr std::string_view tags[] = {detail::alternative_tag<Alternatives, tag_key>()...};

    static_assert(((detail::alternative_tag<Alternatives, tag_key>().size() > 0) && ...),
                  "every alternative of a tagged_union needs a described json::literal<> member named like the tag key");

    tagged_union() = default;
    template <class A, class = std::enable_if_t<std::is_constructible_v<variant_type, A&&> &&
                                                !std::is_same_v<std::decay_t<A>, tagged_union>>>
    tagged_union(A&& alternative) : v_(std::forward<A>(alternative))  // NOLINT: implicit like std::variant
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
    // The tag value on the wire, known or not.
    std::string_view tag() const noexcept
    {
        if (auto const* u = std::get_if<unrecognised>(&v_)) return u->tag;
        return tags[v_.index()];
    }

    template <class F>
    decltype(auto) visit(F&& f) { return std::visit(std::forward<F>(f), v_); }
    template <class F>
    decltype(auto) visit(F&& f) const { return std::visit(std::forward<F>(f), v_); }

    friend bool operator==(tagged_union const&, tagged_union const&) = default;

private:
    variant_type v_;
};

template <class T>
inline constexpr bool is_tagged_union_v = false;
template <apibind::detail::fixed_string K, class... A>
inline constexpr bool is_tagged_union_v<tagged_union<K, A...>> = true;

}  // namespace apibind::json

#endif
