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
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

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
    // The same, one row after the other (the decoder reads it as plain data).
    static constexpr std::array<tag_spec, count * Keys::count> flat = [] {
        std::array<tag_spec, count * Keys::count> f{};
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t k = 0; k < Keys::count; ++k) f[i * Keys::count + k] = alternatives[i][k];
        return f;
    }();
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

// The storage's layout and lookups, computed without instantiating anything of the alternatives
// but their size and alignment.
// Loops over arrays, not fold expressions: clang limits a fold to 256 operands (its bracket depth),
// and a union may have more alternatives.
template <class... Ts>
inline constexpr std::size_t largest_size = [] {
    constexpr std::size_t sizes[] = {sizeof(Ts)...};
    std::size_t m = 1;
    for (std::size_t s : sizes) m = s > m ? s : m;
    return m;
}();
template <class... Ts>
inline constexpr std::size_t largest_align = [] {
    constexpr std::size_t aligns[] = {alignof(Ts)...};
    std::size_t m = 1;
    for (std::size_t a : aligns) m = a > m ? a : m;
    return m;
}();

// The position of T in Ts (sizeof...(Ts) if absent).
template <class T, class... Ts>
inline constexpr std::size_t index_in = [] {
    constexpr bool same[] = {std::is_same_v<T, Ts>...};
    std::size_t i = 0;
    while (i < sizeof...(Ts) && !same[i]) ++i;
    return i;
}();

// Calls f(std::integral_constant<std::size_t, I>{}) for the I in Is equal to i. Always inlined, so
// no function of its own is emitted per union and use (boost::mp11::mp_with_index's switch was one,
// named after the union's whole alternative list: about 1,000 bytes of symbol and section names
// each); the comparisons compile to the same jump table.
template <std::size_t... Is, class F>
[[gnu::always_inline]] inline void with_index(std::size_t i, std::index_sequence<Is...>, F&& f)
{
    (void)((i == Is && (f(std::integral_constant<std::size_t, Is>{}), true)) || ...);
}

// What a union does with one alternative, behind a pointer to its storage. Free function templates
// of the alternative alone: one function per alternative type whatever unions hold it, named after
// that type only (as member templates of the union each spelled the union's whole alternative list,
// about 1,000 bytes of names per function). The unions' dispatch tables point at them.
template <class A>
void destroy_alternative(void* p) noexcept
{
    std::launder(static_cast<A*>(p))->~A();
}
template <class A>
void copy_construct_alternative(void* to, void const* from)
{
    ::new (to) A(*std::launder(static_cast<A const*>(from)));
}
template <class A>
void move_construct_alternative(void* to, void* from) noexcept
{
    ::new (to) A(std::move(*std::launder(static_cast<A*>(from))));
}
template <class A>
void copy_assign_alternative(void* to, void const* from)
{
    *std::launder(static_cast<A*>(to)) = *std::launder(static_cast<A const*>(from));
}
template <class A>
bool equal_alternatives(void const* a, void const* b)
{
    return *std::launder(static_cast<A const*>(a)) == *std::launder(static_cast<A const*>(b));
}
// f(alternative) for an A (const-qualified for a const union) at p.
template <class A, class R, class F>
R visit_alternative(std::conditional_t<std::is_const_v<A>, void const*, void*> p, F&& f)
{
    return std::forward<F>(f)(*std::launder(static_cast<A*>(p)));
}

// Leaves an empty json::unrecognised in a union's storage if building an alternative throws, so the
// union is never valueless; released (storage = nullptr) once the alternative is built.
template <class Index>
struct emplace_guard {
    void* storage;
    Index* index;
    Index unrecognised_index;
    emplace_guard(void* s, Index* i, Index u) noexcept : storage(s), index(i), unrecognised_index(u) {}
    emplace_guard(emplace_guard const&) = delete;
    emplace_guard& operator=(emplace_guard const&) = delete;
    ~emplace_guard()
    {
        if (storage == nullptr) return;
        ::new (storage) unrecognised();
        *index = unrecognised_index;
    }
};

// Where a union of type U keeps its index (the held alternative is at the union's own address), for
// code that handles unions of every type in one function: the encoder writes an array of unions so.
// Specialised below, and a friend of the union.
template <class U>
struct union_layout;

}  // namespace detail

// The storage is raw bytes and an index rather than a std::variant: declaring a union (a generated
// API declares dozens, one with 109 alternatives, held by value in hundreds of structs) then costs
// two folds over sizeof/alignof. Copy and comparison dispatch through tables of one small function
// per alternative, built only where they are used; so do destruction, move and visit in unions
// of 16 alternatives or more, while smaller ones (most errors and warnings) switch on the index,
// which the optimiser inlines: decoding and encoding them costs what it did with std::variant.
//
// The alternatives must be nothrow move constructible (checked where the union is moved): the
// moves are noexcept without asking each alternative, because asking (std::optional and
// std::vector of a union do) walks every member of every alternative at compile time. Move
// assignment destroys and move-constructs, so it does not need the alternatives' move assignment
// to be noexcept.
//
// Never valueless: copy-assignment to another alternative copies into a temporary first, so a
// throwing copy leaves the target unchanged; if emplace's construction throws, the old value is
// already gone and the union holds an empty json::unrecognised (tag "" and raw "") while the
// exception propagates.
template <class Keys, class... Alternatives>
class basic_tagged_union {
    using list = boost::mp11::mp_list<Alternatives..., unrecognised>;

public:
    using keys_type = Keys;
    static constexpr std::size_t key_count = Keys::count;
    static constexpr std::array<std::string_view, key_count> keys = Keys::keys;
    static constexpr std::string_view tag_key = Keys::keys[0];
    static constexpr std::size_t alternative_count = sizeof...(Alternatives);
    // The I-th alternative; I == alternative_count is json::unrecognised.
    template <std::size_t I>
    using alternative_type = boost::mp11::mp_at_c<list, I>;
    // The index of alternative A (alternative_count for json::unrecognised).
    template <class A>
    static constexpr std::size_t index_of = detail::index_in<A, Alternatives..., unrecognised>;

    // alternative_tags()[i][k]: what the i-th alternative has under keys[k]. The decoder picks the
    // alternative whose every tag matches the document (a string tag matches only a string).
    static constexpr auto const& alternative_tags() noexcept { return detail::union_tag_table<Keys, Alternatives...>::alternatives; }
    // alternative_tags() one row after the other: flat_tags()[i * key_count + k].
    static constexpr auto const& flat_tags() noexcept { return detail::union_tag_table<Keys, Alternatives...>::flat; }
    // tags()[i] is the first tag key's value of the i-th alternative.
    static constexpr auto const& tags() noexcept { return detail::union_tag_table<Keys, Alternatives...>::first; }

    // Holds a value-initialised first alternative, like std::variant.
    basic_tagged_union()
    {
        ::new (static_cast<void*>(storage_)) boost::mp11::mp_front<list>();
        index_ = 0;
    }
    // From one of the alternatives (or a json::unrecognised).
    template <class A>
        requires(index_of<std::remove_cvref_t<A>> <= alternative_count)
    basic_tagged_union(A&& alternative) noexcept(std::is_nothrow_constructible_v<std::remove_cvref_t<A>, A&&>)  // NOLINT: implicit like std::variant
    {
        ::new (static_cast<void*>(storage_)) std::remove_cvref_t<A>(std::forward<A>(alternative));
        index_ = static_cast<index_t>(index_of<std::remove_cvref_t<A>>);
    }
    basic_tagged_union(basic_tagged_union const& other)
    {
        using fn = void (*)(void*, void const*);
        static constexpr fn table[] = {&detail::copy_construct_alternative<Alternatives>..., &detail::copy_construct_alternative<unrecognised>};
        table[other.index_](storage_, other.storage_);
        index_ = other.index_;
    }
    basic_tagged_union(basic_tagged_union&& other) noexcept
    {
        move_from(other);
        index_ = other.index_;
    }
    basic_tagged_union& operator=(basic_tagged_union const& other)
    {
        if (this == &other) return *this;
        if (index_ == other.index_) {
            using fn = void (*)(void*, void const*);
            static constexpr fn table[] = {&detail::copy_assign_alternative<Alternatives>..., &detail::copy_assign_alternative<unrecognised>};
            table[index_](storage_, other.storage_);
            return *this;
        }
        basic_tagged_union copy(other);  // a throwing copy leaves *this as it was
        return *this = std::move(copy);
    }
    basic_tagged_union& operator=(basic_tagged_union&& other) noexcept
    {
        // Destroy and move-construct even for the same alternative: an alternative's move
        // assignment may throw (boost::json::value's does), its move construction may not.
        if (this == &other) return *this;
        destroy();
        move_from(other);
        index_ = other.index_;
        return *this;
    }
    ~basic_tagged_union() { destroy(); }

    // Replaces the value with a new I-th alternative built from args; returns it. Args must not
    // refer into this union (the old value is destroyed first).
    template <std::size_t I, class... Args>
    alternative_type<I>& emplace(Args&&... args)
    {
        using A = alternative_type<I>;
        destroy();
        detail::emplace_guard<index_t> guard{storage_, &index_, static_cast<index_t>(alternative_count)};
        ::new (static_cast<void*>(storage_)) A(std::forward<Args>(args)...);
        guard.storage = nullptr;
        index_ = static_cast<index_t>(I);
        return ref<A>();
    }
    template <class A, class... Args>
    A& emplace(Args&&... args)
    {
        static_assert(index_of<A> <= alternative_count, "apibind: emplace<A>: A is not an alternative of this tagged_union");
        return emplace<index_of<A>>(std::forward<Args>(args)...);
    }

    // Which alternative is held: alternative_count for json::unrecognised.
    std::size_t index() const noexcept { return index_; }

    template <class A>
    bool holds() const noexcept
    {
        static_assert(index_of<A> <= alternative_count, "apibind: holds<A>: A is not an alternative of this tagged_union");
        return index_ == index_of<A>;
    }
    template <class A>
    A* get_if() noexcept
    {
        return holds<A>() ? &ref<A>() : nullptr;
    }
    template <class A>
    A const* get_if() const noexcept
    {
        return holds<A>() ? &ref<A>() : nullptr;
    }
    template <std::size_t I>
    alternative_type<I>* get_if() noexcept
    {
        return index_ == I ? &ref<alternative_type<I>>() : nullptr;
    }
    template <std::size_t I>
    alternative_type<I> const* get_if() const noexcept
    {
        return index_ == I ? &ref<alternative_type<I>>() : nullptr;
    }

    bool is_unrecognised() const noexcept { return index_ == alternative_count; }
    // The (first) tag key's value on the wire, known or not.
    std::string_view tag() const noexcept
    {
        if (is_unrecognised()) return ref<unrecognised>().tag;
        return tags()[index_];
    }
    // The value of any tag key ("true"/"false" for a boolean tag); empty for a key that is not a tag
    // key, or that the unrecognised object lacks. For an unrecognised object the value is read from
    // the raw object (a string tag as written: escapes are not decoded).
    std::string_view tag_value(std::string_view key) const noexcept
    {
        std::size_t k = 0;
        while (k < key_count && keys[k] != key) ++k;
        if (k == key_count) return {};
        if (is_unrecognised()) {
            auto const& u = ref<unrecognised>();
            if (k == 0 && (!u.tag.empty() || u.raw.text.empty())) return u.tag;
            return detail::member_scanner(u.raw.text).find(key);
        }
        return alternative_tags()[index_][k].text;
    }

    // f(alternative&) for the held alternative; every call must return the same type.
    template <class F>
    decltype(auto) visit(F&& f)
    {
        return visit_impl(*this, std::forward<F>(f));
    }
    template <class F>
    decltype(auto) visit(F&& f) const
    {
        return visit_impl(*this, std::forward<F>(f));
    }

    // Equal when they hold the same alternative with equal values.
    friend bool operator==(basic_tagged_union const& a, basic_tagged_union const& b)
    {
        if (a.index_ != b.index_) return false;
        using fn = bool (*)(void const*, void const*);
        static constexpr fn table[] = {&detail::equal_alternatives<Alternatives>..., &detail::equal_alternatives<unrecognised>};
        return table[a.index_](a.storage_, b.storage_);
    }

private:
    template <class U>
    friend struct detail::union_layout;
    using index_t = std::conditional_t<(alternative_count < 255), unsigned char, std::size_t>;

    static constexpr bool nothrow_movable() noexcept
    {
        constexpr bool nothrow[] = {std::is_nothrow_move_constructible_v<Alternatives>..., std::is_nothrow_move_constructible_v<unrecognised>};
        for (bool b : nothrow)
            if (!b) return false;
        return true;
    }

    template <class A>
    A& ref() noexcept
    {
        return *std::launder(reinterpret_cast<A*>(storage_));  // NOLINT: the storage holds an A
    }
    template <class A>
    A const& ref() const noexcept
    {
        return *std::launder(reinterpret_cast<A const*>(storage_));  // NOLINT: the storage holds an A
    }

    // A, const if Self (basic_tagged_union, const or not) is.
    template <class A, class Self>
    using qualified_as = std::conditional_t<std::is_const_v<Self>, A const, A>;
    template <class Self, class F>
    static decltype(auto) visit_impl(Self& self, F&& f)
    {
        using R = decltype(std::forward<F>(f)(self.template ref<unrecognised>()));
        if constexpr (small) {
            return boost::mp11::mp_with_index<alternative_count + 1>(self.index_, [&](auto I) -> R {
                return std::forward<F>(f)(self.template ref<alternative_type<decltype(I)::value>>());
            });
        } else {
            using fn = R (*)(qualified_as<void, Self>*, F&&);
            static constexpr fn table[] = {&detail::visit_alternative<qualified_as<Alternatives, Self>, R, F>...,
                                           &detail::visit_alternative<qualified_as<unrecognised, Self>, R, F>};
            return table[self.index_](self.storage_, std::forward<F>(f));
        }
    }

    // Small unions switch on the index (with_index; visit: mp_with_index, which returns its value);
    // large ones index a table, cheaper to compile.
    static constexpr bool small = alternative_count < 16;

    void destroy() noexcept
    {
        if constexpr (small) {
            detail::with_index(index_, std::make_index_sequence<alternative_count + 1>(), [this](auto I) noexcept {
                detail::destroy_alternative<alternative_type<decltype(I)::value>>(storage_);
            });
        } else {
            using fn = void (*)(void*) noexcept;
            static constexpr fn table[] = {&detail::destroy_alternative<Alternatives>..., &detail::destroy_alternative<unrecognised>};
            table[index_](storage_);
        }
    }
    // Builds other's alternative here; index_ is left to the caller.
    void move_from(basic_tagged_union& other) noexcept
    {
        static_assert(nothrow_movable(), "apibind: a tagged_union's alternatives must be nothrow move constructible");
        if constexpr (small) {
            detail::with_index(other.index_, std::make_index_sequence<alternative_count + 1>(), [&](auto I) noexcept {
                detail::move_construct_alternative<alternative_type<decltype(I)::value>>(storage_, other.storage_);
            });
        } else {
            using fn = void (*)(void*, void*) noexcept;
            static constexpr fn table[] = {&detail::move_construct_alternative<Alternatives>..., &detail::move_construct_alternative<unrecognised>};
            table[other.index_](storage_, other.storage_);
        }
    }

    alignas(detail::largest_align<Alternatives..., unrecognised>) unsigned char storage_[detail::largest_size<Alternatives..., unrecognised>];
    index_t index_;
};

template <apibind::detail::fixed_string TagKey, class... Alternatives>
using tagged_union = basic_tagged_union<tag_keys<TagKey>, Alternatives...>;

namespace detail {
template <class K, class... A>
struct union_layout<basic_tagged_union<K, A...>> {
    using union_type = basic_tagged_union<K, A...>;
    static_assert(std::is_standard_layout_v<union_type> && offsetof(union_type, storage_) == 0);
    static constexpr std::size_t index_offset = offsetof(union_type, index_);
    static constexpr bool wide_index = sizeof(typename union_type::index_t) > 1;  // else one byte
};
}  // namespace detail

template <class T>
inline constexpr bool is_tagged_union_v = false;
template <class K, class... A>
inline constexpr bool is_tagged_union_v<basic_tagged_union<K, A...>> = true;

}  // namespace apibind::json

#endif
