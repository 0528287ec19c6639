// The writer side of the codec: appends JSON for a value straight into a std::string,
// with each member's `,"key":` chunk precomputed at compile time.
//
// The writer works on a raw cursor into the string's own buffer: before each piece it makes sure
// there is room for the longest form that piece can take (a string: 6 bytes per input byte), then
// writes with plain stores and constant-size copies, and sets the string's length once at the end.
// No per-character push_back, no out-of-line append per piece.
#ifndef APIBIND_JSON_DETAIL_ENCODE_VALUE_HPP
#define APIBIND_JSON_DETAIL_ENCODE_VALUE_HPP

#include <apibind/json/detail/escape.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integer_sequence.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::json::detail {

// Keeps every member; the client passes another filter to leave out query and path members.
struct keep_all_members {
    constexpr bool operator()(std::string_view) const noexcept { return true; }
};

// Appends to a std::string through a cursor. The cursor itself travels by value through the write
// functions (each takes it and returns the advanced one), so it stays in a register instead of
// making every value's stores wait on a load of the last one's; the writer keeps what only a
// capacity check needs (the end of the working area) and the string. The destructor cuts the string
// back to the cursor handed to finish() (or, after an exception, to the last one the writer saw), so
// `out` always ends up holding its old contents followed by complete (or partial) output.
//
// The working area is made part of the string before it is written. With C++23's
// resize_and_overwrite (`__cpp_lib_string_resize_and_overwrite`) that costs nothing, so the area is
// the string's whole capacity. Without it, C++20 has no way to lengthen a string without filling the
// new bytes: the area then grows in steps within the capacity and each byte of it is filled once
// before it is written (a memset of about the output's size, far cheaper than a checked append per
// piece).
class writer {
public:
    explicit writer(std::string& out) : out_(out)
    {
        std::size_t const used = out.size();
        p_ = out.data() + used;
        end_ = p_;
    }
    ~writer() { out_.resize(static_cast<std::size_t>(p_ - out_.data())); }
    writer(writer const&) = delete;
    writer& operator=(writer const&) = delete;

    char* start() const noexcept { return p_; }
    void finish(char* p) noexcept { p_ = p; }

    // The cursor, moved if need be, with room for n more bytes from it.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    char* room(char* p, std::size_t n)
    {
        if (static_cast<std::size_t>(end_ - p) < n) p = grow(p, n);
        return p;
    }
    // Offsets survive a move of the buffer; pointers do not.
    std::size_t offset(char const* p) const noexcept { return static_cast<std::size_t>(p - out_.data()); }
    char* at(std::size_t offset) noexcept { return out_.data() + offset; }

private:
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    char* grow(char* p, std::size_t n)
    {
        std::size_t const used = offset(p);
        p_ = p;  // what is written so far stays if an allocation below throws
        std::size_t step = used;  // the area doubles: few steps, and the overshoot stays below the output's size
        if (step < 1024) step = 1024;
        if (step < n) step = n;
        std::size_t size = used + step;
        out_.resize(used);  // the bytes past the cursor were never written: drop them
        if (size > out_.capacity()) {
            std::size_t cap = out_.capacity() * 2;
            out_.reserve(cap > size ? cap : size);
        }
#if defined(__cpp_lib_string_resize_and_overwrite)
        size = out_.capacity();  // nothing is filled: take all of it
        out_.resize_and_overwrite(size, [](char*, std::size_t k) noexcept { return k; });
#else
        out_.resize(size);  // fills [used, size) once; no reallocation after the reserve above
#endif
        p_ = out_.data() + used;
        end_ = out_.data() + size;
        return p_;
    }

    std::string& out_;
    char* p_ = nullptr;
    char* end_ = nullptr;
};

// What writing a T needs from its caller, worked out at compile time: `room` bytes the caller
// makes sure of before the call (the whole output of a bounded value: a number, a bool, null, a
// literal), and whether the write may also ask the writer for more room itself (strings, arrays,
// objects: anything whose size depends on the value). A struct adds up its members' rooms and
// its keys and checks once for each run of members between two that may grow.
struct encode_need {
    std::size_t room = 0;
    bool grows = true;
};

template <class T>
constexpr encode_need encode_need_of();

template <std::size_t N>
struct const_text {  // text worked out at compile time, copied with a fixed-size memcpy
    std::array<char, N> bytes{};
    static constexpr std::size_t size = N;
};

// A literal's string as it goes on the wire, quotes included, when it needs no escape (the usual
// case: an ASCII tag); otherwise it is written as any string.
template <class L>
constexpr bool literal_is_plain()
{
    for (char c : L::value) {
        auto const u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
    }
    return true;
}
template <class L>
constexpr const_text<L::value.size() + 2> make_literal_text()
{
    const_text<L::value.size() + 2> t;
    t.bytes[0] = '"';
    for (std::size_t i = 0; i < L::value.size(); ++i) t.bytes[i + 1] = L::value[i];
    t.bytes[L::value.size() + 1] = '"';
    return t;
}
template <class L>
inline constexpr auto literal_text = make_literal_text<L>();

// `,"key":` for a member: the comma is always written; the struct turns its first one into '{'.
template <class Info>
constexpr const_text<Info::prefix.size() + 1> make_key_text()
{
    const_text<Info::prefix.size() + 1> t;
    t.bytes[0] = ',';
    for (std::size_t i = 0; i < Info::prefix.size(); ++i) t.bytes[i + 1] = Info::prefix[i];
    return t;
}
template <class Info>
inline constexpr auto key_text = make_key_text<Info>();

template <class T>
constexpr encode_need encode_need_of()
{
    constexpr std::size_t null_room = 4;
    if constexpr (has_wire_traits<T>) {
        return encode_need_of<std::remove_cvref_t<decltype(wire_traits<T>::to_wire(std::declval<T const&>()))>>();
    } else if constexpr (std::is_same_v<T, bool> || is_bool_literal_v<T>) {
        return {5, false};
    } else if constexpr (std::is_integral_v<T>) {
        return {std::numeric_limits<T>::digits10 + 3, false};  // every digit, a sign, and one spare
    } else if constexpr (std::is_floating_point_v<T>) {
        return {64, false};  // to_chars' shortest form of any double or long double fits
    } else if constexpr (std::is_same_v<T, null_t>) {
        return {null_room, false};
    } else if constexpr (is_literal_v<T>) {
        if constexpr (literal_is_plain<T>()) return {literal_text<T>.size, false};
        else return {0, true};
    } else if constexpr (is_optional_v<T> || is_nullable_v<T>) {
        constexpr encode_need inner = encode_need_of<typename T::value_type>();
        return {inner.room > null_room ? inner.room : null_room, inner.grows};
    } else if constexpr (is_defaulted_v<T>) {
        return encode_need_of<std::remove_cvref_t<decltype(std::declval<T const&>().get())>>();
    } else if constexpr (is_described_enum_v<T> || std::is_same_v<T, raw_json>) {
        return {null_room, true};
    } else if constexpr (std::is_same_v<T, any_value>) {
        return {5, true};
    } else {
        return {0, true};
    }
}
template <class T>
inline constexpr encode_need encode_need_v = encode_need_of<T>();

template <class T>
char* write(writer& w, char* p, T const& v);

// Copies a compile-time text. The bytes are taken into a local constant first: the copy then
// compiles to immediate stores (or an anonymous constant), and no object named after the member's
// long template type ends up in the object file for each key.
template <auto const& Text>
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline char* put_text(char* p) noexcept
{
    constexpr auto t = Text;
    std::memcpy(p, t.bytes.data(), t.size);
    return p + t.size;
}

inline char* write_string(writer& w, char* p, std::string_view s)
{
    p = w.room(p, 6 * s.size() + 2);
    *p++ = '"';
    p = escape_to(p, s);
    *p++ = '"';
    return p;
}

// Room the members from I on need up to and including the first that may grow (or to the end,
// closing brace included): checked once before member I when I is first or follows one that grows.
// One table per struct, filled from the end in one pass (a function per start index would
// instantiate every member's facts once per index: quadratic in the member count).
template <class T, template <class...> class L, class... D>
constexpr std::array<std::size_t, sizeof...(D) + 1> make_struct_run_rooms(L<D...>*) noexcept
{
    constexpr std::size_t n = sizeof...(D);
    constexpr std::size_t room[] = {(key_text<member_info<T, D>>.size + encode_need_v<typename member_info<T, D>::type>.room)..., 0};
    constexpr bool grows[] = {encode_need_v<typename member_info<T, D>::type>.grows..., false};
    std::array<std::size_t, n + 1> r{};
    std::size_t run = 2;  // "{}" of an empty object, or the closing '}'
    r[n] = run;
    for (std::size_t i = n; i-- > 0;) {
        run = grows[i] ? room[i] : room[i] + run;
        r[i] = run;
    }
    return r;
}
template <class T>
inline constexpr auto struct_run_rooms = make_struct_run_rooms<T>(static_cast<members_of<T>*>(nullptr));

// A described struct's members, keep(cpp name) deciding which. Inlined into write_described<T>
// (every member) and into write_struct with a filter (the client's request bodies).
template <class T, class Filter>
[[gnu::always_inline]] inline char* write_members(writer& w, char* p, T const& v, Filter const& keep)
{
    using L = members_of<T>;
    constexpr std::size_t count = boost::mp11::mp_size<L>::value;
    p = w.room(p, struct_run_rooms<T>[0]);
    std::size_t const open = w.offset(p);  // the first member's comma becomes '{' here
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto i) {
        constexpr std::size_t I = decltype(i)::value;
        using info = member_info<T, boost::mp11::mp_at_c<L, I>>;
        if constexpr (I > 0) {
            using prev = member_info<T, boost::mp11::mp_at_c<L, I - 1>>;
            if constexpr (encode_need_v<typename prev::type>.grows) {
                constexpr std::size_t run = struct_run_rooms<T>[I];
                p = w.room(p, run);
            }
        }
        auto const& m = v.*boost::mp11::mp_at_c<L, I>::pointer;
        if constexpr (is_optional_v<typename info::type>) {
            if (!m) return;
        } else if constexpr (is_nullable_v<typename info::type>) {
            if (m.is_absent()) return;
        } else if constexpr (is_defaulted_v<typename info::type>) {
            if (!m.is_present()) return;  // it was absent from the decoded document: keep it absent
        }
        if constexpr (!std::is_same_v<Filter, keep_all_members>) {
            if (!keep(info::cpp_name)) return;
        }
        p = put_text<key_text<info>>(p);
        p = write(w, p, m);
    });
    if constexpr (count > 0) {
        using last = member_info<T, boost::mp11::mp_at_c<L, count - 1>>;
        if constexpr (encode_need_v<typename last::type>.grows) p = w.room(p, 2);
    }
    if (w.offset(p) == open) *p++ = '{';
    else *w.at(open) = '{';
    *p++ = '}';
    return p;
}

// Every member of a described struct at v: the one function per struct type. Its pointer type is
// the same for every struct, so a tagged union writes its alternative through a table of these.
template <class T>
char* write_described(writer& w, char* p, void const* v)
{
    return write_members(w, p, *std::launder(static_cast<T const*>(v)), keep_all_members{});
}

template <class T, class Filter = keep_all_members>
char* write_struct(writer& w, char* p, T const& v, Filter const& keep = {})
{
    if constexpr (std::is_same_v<Filter, keep_all_members>) return write_described<T>(w, p, &v);
    else return write_members(w, p, v, keep);
}

template <class Number>
char* write_number(char* p, Number n) noexcept
{
    if constexpr (std::is_floating_point_v<Number>) {
        if (!is_finite(n)) {  // JSON has no NaN or infinity
            std::memcpy(p, "null", 4);
            return p + 4;
        }
    }
    return std::to_chars(p, p + encode_need_v<Number>.room, n).ptr;
}

inline char* write_null(char* p) noexcept
{
    std::memcpy(p, "null", 4);
    return p + 4;
}

inline char* write_bool(char* p, bool b) noexcept
{
    // Five bytes either way ("true" and its terminator, or "false"): no branch on the value.
    std::memcpy(p, b ? "true" : "false", 5);
    return p + 5 - static_cast<std::size_t>(b);
}

// JSON text kept verbatim (raw_json, any_value numbers and containers).
inline char* write_raw(writer& w, char* p, std::string_view text)
{
    p = w.room(p, text.size());
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
}

// A tagged union's json::unrecognised alternative: the object as it came, or, if it was built by
// hand, at least its tag. One function for every union (code in the union's own write would be a
// function named after its whole alternative list).
inline char* write_unrecognised(writer& w, char* p, unrecognised const& u, std::string_view tag_key)
{
    if (!u.raw.text.empty()) return write_raw(w, p, u.raw.text);
    p = w.room(p, 1);
    *p++ = '{';
    p = write_string(w, p, tag_key);
    p = w.room(p, 1);
    *p++ = ':';
    p = write_string(w, p, u.tag);
    p = w.room(p, 1);
    *p++ = '}';
    return p;
}

// ---- tagged unions: written by one function for every union type, which reads the union's index
// (tagged_union.hpp, union_layout) and calls the alternative's writer from the union's table. The
// union adds data, and no function named after its whole alternative list (its write, and its
// vector's, were two: about 1,000 bytes of names each). ----

// A value of type A at a, for a union's table: a described struct's own writer (which makes its own
// room), or this wrapper, which makes the room write<A> expects of its caller.
template <class A>
char* write_erased(writer& w, char* p, void const* a)
{
    p = w.room(p, encode_need_v<A>.room);
    return write(w, p, *std::launder(static_cast<A const*>(a)));
}
template <class A>
constexpr auto alternative_writer() noexcept
{
    if constexpr (is_described_struct_v<A> && !has_wire_traits<A>) return &write_described<A>;
    else return &write_erased<A>;
}

using erased_writer = char* (*)(writer&, char*, void const*);
struct union_writer_head {
    std::size_t size;  // sizeof the union: an array's stride
    std::size_t index_offset;
    bool wide_index;
    std::size_t alternative_count;
    std::string_view tag_key;  // the first tag key, for a json::unrecognised built by hand
};
template <std::size_t N, std::size_t Key>
struct union_writer_table {
    union_writer_head head;
    erased_writer writers[N];
    char tag_key[Key + 1];  // a copy: the key's own text is an object named after it
};
template <class U, class = std::make_index_sequence<U::alternative_count>>
struct union_writers;
template <class U, std::size_t... I>
struct union_writers<U, std::index_sequence<I...>> {
    static constexpr std::string_view key = U::keys_type::keys[0];
    using table_type = union_writer_table<sizeof...(I) == 0 ? 1 : sizeof...(I), key.size()>;
    static constexpr table_type make(table_type const* self) noexcept
    {
        table_type t{{sizeof(U), union_layout<U>::index_offset, union_layout<U>::wide_index, U::alternative_count,
                      std::string_view(self->tag_key, key.size())},
                     {alternative_writer<typename U::template alternative_type<I>>()...},
                     {}};
        for (std::size_t i = 0; i < key.size(); ++i) t.tag_key[i] = key[i];
        return t;
    }
    static constexpr table_type table = make(&union_writers::table);
};

// The union whose bytes start at u (the held alternative starts there too).
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline char* write_union(writer& w, char* p, unsigned char const* u, union_writer_head const& h, erased_writer const* writers)
{
    std::size_t i = u[h.index_offset];
    if (h.wide_index) std::memcpy(&i, u + h.index_offset, sizeof i);
    if (i == h.alternative_count)
        return write_unrecognised(w, p, *std::launder(reinterpret_cast<unrecognised const*>(u)), h.tag_key);  // NOLINT: it holds one
    return writers[i](w, p, u);
}

// An array or object's elements: each written with a leading comma, the first comma then turned
// into the opening bracket (or "[]" / "{}" written when there is none).
inline char* close_sequence(writer& w, char* p, std::size_t open, char opening, char closing)
{
    p = w.room(p, 2);
    if (w.offset(p) == open) *p++ = opening;
    else *w.at(open) = opening;
    *p++ = closing;
    return p;
}

template <class T>
inline constexpr bool is_union_vector_v = false;
template <class U, class A>
inline constexpr bool is_union_vector_v<std::vector<U, A>> = is_tagged_union_v<U>;

// An array of n unions from `first`: one function for every union type.
inline char* write_union_array(writer& w, char* p, unsigned char const* first, std::size_t n, union_writer_head const& h,
                               erased_writer const* writers)
{
    std::size_t const open = w.offset(p);
    for (std::size_t k = 0; k < n; ++k) {
        p = w.room(p, 1);
        *p++ = ',';
        p = write_union(w, p, first + k * h.size, h, writers);
    }
    return close_sequence(w, p, open, '[', ']');
}

// Writes v at p; the caller made room for encode_need_v<T>.room bytes.
template <class T>
char* write(writer& w, char* p, T const& v)
{
    if constexpr (has_wire_traits<T>) {  // a user's wire_traits come first
        static_assert(wire_traits_complete<T>,
                      "apibind: json::wire_traits<T> needs static to_wire(T const&) and static bool from_wire(wire_type const&, T&)");
        return write(w, p, wire_traits<T>::to_wire(v));
    } else if constexpr (std::is_same_v<T, bool>) {
        return write_bool(p, v);
    } else if constexpr (std::is_arithmetic_v<T>) {
        return write_number(p, v);
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        return write_string(w, p, v);
    } else if constexpr (text_type<T>) {
        static_assert(text_type_complete<T>,
                      "apibind: a json::stored_as_text type needs assign(std::string_view) and text() returning a std::string_view");
        return write_string(w, p, v.text());
    } else if constexpr (std::is_same_v<T, null_t>) {
        return write_null(p);
    } else if constexpr (is_literal_v<T>) {
        if constexpr (literal_is_plain<T>()) return put_text<literal_text<T>>(p);
        else return write_string(w, p, T::value);
    } else if constexpr (is_bool_literal_v<T>) {
        return write_bool(p, T::value);
    } else if constexpr (is_open_enum_v<T>) {
        return write_string(w, p, v.to_string());
    } else if constexpr (is_described_enum_v<T>) {
        if (auto const* e = find_enum_name(v)) return write_string(w, p, e->name);
        return write_null(p);  // a value outside the enumerators has no wire form
    } else if constexpr (is_optional_v<T>) {
        if (v) return write(w, p, *v);
        return write_null(p);
    } else if constexpr (is_nullable_v<T>) {
        if (v.has_value()) return write(w, p, *v);
        return write_null(p);
    } else if constexpr (is_defaulted_v<T>) {
        return write(w, p, v.get());
    } else if constexpr (std::is_same_v<T, raw_json>) {
        if (v.text.empty()) return write_null(p);
        return write_raw(w, p, v.text);
    } else if constexpr (std::is_same_v<T, any_value>) {
        switch (v.kind()) {
        case value_kind::null: return write_null(p);
        case value_kind::boolean: return write_bool(p, *v.as_bool());
        case value_kind::string: return write_string(w, p, v.text());
        case value_kind::number:
        case value_kind::object:
        case value_kind::array: break;
        }
        if (v.text().empty()) return write_null(p);
        return write_raw(w, p, v.text());
    } else if constexpr (is_union_vector_v<T>) {
        constexpr auto const& t = union_writers<typename T::value_type>::table;
        return write_union_array(w, p, reinterpret_cast<unsigned char const*>(v.data()), v.size(), t.head, t.writers);  // NOLINT: read as bytes
    } else if constexpr (is_vector_v<T>) {
        using E = typename T::value_type;
        constexpr encode_need e = encode_need_v<E>;
        if constexpr (!e.grows) p = w.room(p, v.size() * (e.room + 1));  // bounded elements: one check
        std::size_t const open = w.offset(p);
        for (auto const& x : v) {
            if constexpr (e.grows) p = w.room(p, e.room + 1);
            *p++ = ',';
            p = write(w, p, x);
        }
        return close_sequence(w, p, open, '[', ']');
    } else if constexpr (is_record_v<T> || string_keyed_map<T>) {
        using E = typename T::mapped_type;
        constexpr encode_need e = encode_need_v<E>;
        std::size_t const open = w.offset(p);
        for (auto const& [k, x] : v) {
            p = w.room(p, 1);
            *p++ = ',';
            p = write_string(w, p, k);
            p = w.room(p, 1 + e.room);
            *p++ = ':';
            p = write(w, p, x);
        }
        return close_sequence(w, p, open, '{', '}');
    } else if constexpr (is_tagged_union_v<T>) {
        constexpr auto const& t = union_writers<T>::table;
        return write_union(w, p, reinterpret_cast<unsigned char const*>(&v), t.head, t.writers);  // NOLINT: read as bytes, see write_union
    } else if constexpr (is_described_struct_v<T>) {
        return write_struct(w, p, v);
    } else {
        static_assert(unsupported_type<T>::reported);  // one error, naming T and the fix
        return p;
    }
}

// ---- the std::string entry points ----

template <class T>
void write_value(std::string& out, T const& v)
{
    writer w(out);
    char* p = w.room(w.start(), encode_need_v<T>.room);
    w.finish(write(w, p, v));
}

template <class T, class Filter = keep_all_members>
void write_struct(std::string& out, T const& v, Filter const& keep = {})
{
    writer w(out);
    w.finish(write_struct(w, w.start(), v, keep));
}

}  // namespace apibind::json::detail

#endif
