// Per-type event tables for the decoder (the entry point that runs them over a buffer: descent.hpp).
#ifndef APIBIND_JSON_DETAIL_DECODE_VALUE_HPP
#define APIBIND_JSON_DETAIL_DECODE_VALUE_HPP

#include <apibind/json/detail/decoder.hpp>
#include <apibind/json/detail/key_lookup.hpp>
#include <apibind/json/detail/reader.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integral.hpp>

#include <array>
#include <bit>
#include <charconv>
#include <cstddef>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace apibind::json::detail {

// The fallback for a type no specialisation below handles: one static_assert naming the type and
// the fix, and a complete `ops` so nothing else fails after it.
template <class T>
struct codec {
    static_assert(unsupported_type<T>::reported);
    static constexpr value_ops ops{"a supported type", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
};
template <class T>
struct wire_codec;
template <class T>
struct text_codec;

template <class T>
constexpr value_ops const* ops_for() noexcept
{
    if constexpr (has_wire_traits<T>) return &wire_codec<T>::ops;  // a user's wire_traits come first
    else if constexpr (text_type<T>) return &text_codec<T>::both.ops;
    else return &codec<T>::ops;
}

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out, bool reused);


// Strings that must be seen whole (enums, literals): returns true with `whole` set on the last part.
inline bool whole_string(decoder& d, std::string_view part, bool last, std::string_view& whole)
{
    if (!last) {
        d.str_buf.append(part.data(), part.size());
        return false;
    }
    if (d.str_buf.empty()) {
        whole = part;
    } else {
        d.str_buf.append(part.data(), part.size());
        whole = d.str_buf;
    }
    return true;
}

inline std::string quoted_excerpt(std::string_view s)
{
    std::string q = "\"";
    q.append(s.substr(0, 64));
    if (s.size() > 64) q += "...";
    q += '"';
    return q;
}

// ---- scalars ----

template <>
struct codec<bool> {
    static bool boolean(decoder& d, frame& f, bool b)
    {
        *static_cast<bool*>(f.target) = b;
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a boolean", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &boolean, nullptr};
};

template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
struct codec<T> {
    static bool out_of_range(decoder& d, std::string_view text)
    {
        return d.fail(error_code::out_of_range,
                      join_text({"number ", text, " is out of range [", decimal(std::numeric_limits<T>::min()), ", ", decimal(std::numeric_limits<T>::max()), "]"}));
    }
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        T& t = *static_cast<T*>(f.target);
        switch (ev.kind) {
        case number_event::int64:
            if (!std::in_range<T>(ev.i)) return out_of_range(d, ev.text);
            t = static_cast<T>(ev.i);
            break;
        case number_event::uint64:
            if (!std::in_range<T>(ev.u)) return out_of_range(d, ev.text);
            t = static_cast<T>(ev.u);
            break;
        case number_event::floating: {
            return d.fail(error_code::type_mismatch, join_text({"expected an integer, got ", ev.text}));
        }
        }
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"an integer", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &number, nullptr, nullptr};
};

template <class T>
    requires std::is_floating_point_v<T>
struct codec<T> {
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        T& t = *static_cast<T*>(f.target);
        T v{};
        switch (ev.kind) {
        case number_event::int64:
            v = static_cast<T>(ev.i);
            // "-0" arrives as the integer 0; keep the sign (encode writes -0.0 as "-0").
            if (ev.i == 0 && !ev.text.empty() && ev.text.front() == '-') v = -v;
            break;
        case number_event::uint64: v = static_cast<T>(ev.u); break;
        case number_event::floating: {
            // The reader's double is correctly rounded (std::from_chars), so an encoded double
            // decodes to itself. Other widths convert the exact text (no double rounding); out of
            // range (over- or underflow): the reader's value (infinity or zero), checked below.
            if constexpr (std::is_same_v<T, double>) {
                v = ev.d;
            } else {
                char const* const last = ev.text.data() + ev.text.size();
                auto const r = std::from_chars(ev.text.data(), last, v);
                if (r.ec != std::errc{} || r.ptr != last) v = static_cast<T>(ev.d);
            }
            break;
        }
        }
        // 1e400 (or 1e39 for a float) would become infinity, which JSON cannot hold: encoding
        // writes null and the value does not come back. Refused like an integer out of range.
        if (!is_finite(v)) {
            return d.fail(error_code::out_of_range,
                          join_text({"number ", ev.text, sizeof(T) == sizeof(float) ? " is out of range for a float" : " is out of range for a double"}));
        }
        t = v;
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a number", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &number, nullptr, nullptr};
};

template <>
struct codec<std::string> {
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        auto& t = *static_cast<std::string*>(f.target);
        if (f.state == 0) {
            t.clear();  // keeps capacity for decode_into (clear + append: cheaper than assign's aliasing checks)
            f.state = 1;
        }
        t.append(s.data(), s.size());
        if (last) d.pop();
        return true;
    }
    static constexpr value_ops ops{"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &string_part, nullptr, nullptr, nullptr};
};

template <class E>
    requires is_described_enum_v<E>
struct codec<E> {
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        std::string_view whole;
        if (!whole_string(d, s, last, whole)) return true;
        if (!enum_from_wire(whole, *static_cast<E*>(f.target))) {
            std::string m = "unknown value " + quoted_excerpt(whole) + ", expected one of";
            char sep = ' ';
            for (auto const& e : enum_wire_table<E>::names) {
                m += sep;
                m.append(e.name.data(), e.name.size());
                sep = ',';
            }
            d.str_buf.clear();
            return d.fail(error_code::unknown_enum_value, std::move(m));
        }
        d.str_buf.clear();
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &string_part, nullptr, nullptr, nullptr};
};

template <class E>
struct codec<open_enum<E>> {
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        std::string_view whole;
        if (!whole_string(d, s, last, whole)) return true;
        static_cast<open_enum<E>*>(f.target)->assign(whole);
        d.str_buf.clear();
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &string_part, nullptr, nullptr, nullptr};
};

// Every literal shares one event function, which finds the literal's text after its ops.
inline bool literal_string_part(decoder& d, frame& f, std::string_view s, bool last)
{
    std::string_view whole;
    if (!whole_string(d, s, last, whole)) return true;
    std::string_view const want = table_after<std::string_view>(f.ops);
    if (whole != want) {
        std::string m = join_text({"expected ", quoted_excerpt(want), ", got ", quoted_excerpt(whole)});
        d.str_buf.clear();
        return d.fail(error_code::unexpected_tag, std::move(m));
    }
    d.str_buf.clear();
    d.pop();
    return true;
}

inline constexpr value_ops literal_ops{"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &literal_string_part, nullptr, nullptr, nullptr};

// A literal's ops and text. A described struct's literal members (tags, mostly) use a copy in the
// struct's own table instead (struct_data): no object per literal, and none for its text.
template <apibind::detail::fixed_string V>
struct codec<literal<V>> {
    static constexpr ops_and_table<std::string_view> both{literal_ops, literal<V>::value};
    static constexpr value_ops const& ops = both.ops;
};

template <bool V>
struct codec<bool_literal<V>> {
    static bool boolean(decoder& d, frame&, bool b)
    {
        if (b != V) return d.fail(error_code::unexpected_tag, join_text({"expected ", V ? "true" : "false", ", got ", b ? "true" : "false"}));
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a boolean", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &boolean, nullptr};
};

// ---- types stored as their text (json::stored_as_text): any string, kept by T::assign ----

// Every such type shares one event function, which finds T's assign in the table after its ops.
inline bool text_string_part(decoder& d, frame& f, std::string_view s, bool last)
{
    std::string_view whole;
    if (!whole_string(d, s, last, whole)) return true;
    table_after<text_table>(f.ops).assign(f.target, whole);
    d.str_buf.clear();
    d.pop();
    return true;
}

template <class T>
struct text_codec {
    static_assert(text_type_complete<T>,
                  "apibind: a json::stored_as_text type needs assign(std::string_view) and text() returning a std::string_view");
    static void assign(void* target, std::string_view s) { static_cast<T*>(target)->assign(s); }
    static constexpr ops_and_table<text_table> both{
        {"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &text_string_part, nullptr, nullptr, nullptr}, {&assign}};
};

// ---- skipping unknown members (no recursion: only a depth counter) ----

struct skip_codec {
    static bool open(decoder&, frame& f)
    {
        ++f.state;
        return true;
    }
    static bool close(decoder& d, frame& f)
    {
        if (--f.state == 0) d.pop();
        return true;
    }
    static bool key(decoder&, frame&, std::string_view) { return true; }
    static bool scalar_done(decoder& d, frame& f)
    {
        if (f.state == 0) d.pop();
        return true;
    }
    static bool string_part(decoder& d, frame& f, std::string_view, bool last) { return last ? scalar_done(d, f) : true; }
    static bool number(decoder& d, frame& f, number_event const&) { return scalar_done(d, f); }
    static bool boolean(decoder& d, frame& f, bool) { return scalar_done(d, f); }
    static constexpr value_ops ops{"any value", &open, &close, &open, &close, &key, &string_part, &number, &boolean, &scalar_done};
};

inline bool push_skip(decoder& d)
{
    d.push(nullptr, &skip_codec::ops);
    return true;
}

// ---- capture: re-emit a subtree as compact JSON, then let Finish use it ----

template <class Finish>
struct capture_codec {
    static bool done_if_complete(decoder& d, frame& f) { return d.cap.depth == 0 ? Finish::finish(d, f) : true; }
    static bool object_begin(decoder& d, frame&) { return d.capture_open('{'); }
    static bool array_begin(decoder& d, frame&) { return d.capture_open('['); }
    static bool object_end(decoder& d, frame& f)
    {
        d.capture_close('}');
        return done_if_complete(d, f);
    }
    static bool array_end(decoder& d, frame& f)
    {
        d.capture_close(']');
        return done_if_complete(d, f);
    }
    static bool key(decoder& d, frame&, std::string_view k)
    {
        d.capture_key(k);
        return true;
    }
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        d.capture_string_part(s, last);
        return last ? done_if_complete(d, f) : true;
    }
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        d.capture_scalar(ev.text);
        return done_if_complete(d, f);
    }
    static bool boolean(decoder& d, frame& f, bool b)
    {
        d.capture_scalar(b ? "true" : "false");
        return done_if_complete(d, f);
    }
    static bool null(decoder& d, frame& f)
    {
        d.capture_scalar("null");
        return done_if_complete(d, f);
    }
    static constexpr value_ops ops{"any value", &object_begin, &object_end, &array_begin, &array_end, &key, &string_part, &number, &boolean, &null};
};

struct pop_when_captured {
    static bool finish(decoder& d, frame&)
    {
        d.pop();
        return true;
    }
};

template <>
struct codec<raw_json> {
    static frame& start(decoder& d, frame& f)
    {
        auto& raw = *static_cast<raw_json*>(f.target);
        raw.text.clear();
        d.begin_capture(&raw.text);
        f.ops = &capture_codec<pop_when_captured>::ops;
        return f;
    }
    static bool object_begin(decoder& d, frame& f) { return d.deliver_object_begin(start(d, f)); }
    static bool array_begin(decoder& d, frame& f) { return d.deliver_array_begin(start(d, f)); }
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last) { return d.deliver_string_part(start(d, f), s, last); }
    static bool number(decoder& d, frame& f, number_event const& ev) { return d.deliver_number(start(d, f), ev); }
    static bool boolean(decoder& d, frame& f, bool b) { return d.deliver_boolean(start(d, f), b); }
    static bool null(decoder& d, frame& f) { return d.deliver_null(start(d, f)); }
    static constexpr value_ops ops{"any value", &object_begin, nullptr, &array_begin, nullptr, nullptr, &string_part, &number, &boolean, &null};
};

template <>
struct codec<any_value> {
    static any_value& target(frame& f) { return *static_cast<any_value*>(f.target); }
    static frame& start_capture(decoder& d, frame& f, value_kind k)
    {
        d.begin_capture(&target(f).reset_text(k));
        f.ops = &capture_codec<pop_when_captured>::ops;
        return f;
    }
    static bool object_begin(decoder& d, frame& f) { return d.deliver_object_begin(start_capture(d, f, value_kind::object)); }
    static bool array_begin(decoder& d, frame& f) { return d.deliver_array_begin(start_capture(d, f, value_kind::array)); }
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        if (f.state == 0) {
            target(f).reset_text(value_kind::string);
            f.state = 1;
        }
        target(f).append_text(s);
        if (last) d.pop();
        return true;
    }
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        target(f).reset_text(value_kind::number).assign(ev.text.data(), ev.text.size());
        d.pop();
        return true;
    }
    static bool boolean(decoder& d, frame& f, bool b)
    {
        target(f).set_bool(b);
        d.pop();
        return true;
    }
    static bool null(decoder& d, frame& f)
    {
        target(f).set_null();
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"any value", &object_begin, nullptr, &array_begin, nullptr, nullptr, &string_part, &number, &boolean, &null};
};

// ---- optional, nullable, defaulted: become the inner type's frame in place (no extra depth) ----

// The wrapper types' table (wrapper_table) is in decoder.hpp: leaf members read it too.

inline frame& become_inner(frame& f)
{
    wrapper_table const& w = table_after<wrapper_table>(f.ops);
    f.target = w.ensure(f.target);
    f.ops = w.inner;
    f.state = 0;
    f.open = false;
    return f;
}
inline bool wrapper_object_begin(decoder& d, frame& f) { return d.deliver_object_begin(become_inner(f)); }
inline bool wrapper_array_begin(decoder& d, frame& f) { return d.deliver_array_begin(become_inner(f)); }
inline bool wrapper_string_part(decoder& d, frame& f, std::string_view s, bool last)
{
    return d.deliver_string_part(become_inner(f), s, last);
}
inline bool wrapper_number(decoder& d, frame& f, number_event const& ev) { return d.deliver_number(become_inner(f), ev); }
inline bool wrapper_boolean(decoder& d, frame& f, bool b) { return d.deliver_boolean(become_inner(f), b); }
inline bool wrapper_null(decoder& d, frame& f)
{
    wrapper_table const& w = table_after<wrapper_table>(f.ops);
    if (!w.empty) return d.deliver_null(become_inner(f));
    w.empty(f.target);
    d.pop();
    return true;
}

// Empties a member the document lacks: optional and nullable members, json::defaulted (absent
// again), and members with default_when_absent (their default).
template <class M>
void reset_optional(void* p)
{
    static_cast<M*>(p)->reset();
}
template <class M>
void reset_presence(void* p)
{
    static_cast<M*>(p)->set_absent();
}
template <class M>
void reset_to_default(void* p)
{
    M& m = *static_cast<M*>(p);
    if constexpr (requires { m.clear(); }) m.clear();
    else m = M{};
}
template <class Wrapper, class Inner>
struct wrapper_codec {
    static void* ensure(void* p)
    {
        auto& w = *static_cast<Wrapper*>(p);
        if constexpr (is_nullable_v<Wrapper>) {
            return &w.ensure_value();
        } else if constexpr (is_defaulted_v<Wrapper>) {
            w.set_present();
            return &w.get();
        } else {
            return w ? &*w : &w.emplace();
        }
    }
    static void set_null(void* p) { static_cast<Wrapper*>(p)->set_null(); }
    // A std::optional empties as an absent member is reset: one function for both.
    static constexpr void (*empty_fn)(void*) = [] {
        if constexpr (is_defaulted_v<Wrapper>) return static_cast<void (*)(void*)>(nullptr);
        else if constexpr (is_nullable_v<Wrapper>) return &set_null;
        else return &reset_optional<Wrapper>;
    }();

    // Every event through the shared functions above: the descent (the decoder's fast path) reads
    // the table, so functions of this type would only serve the events, at a cost in size.
    static constexpr value_ops const* inner = ops_for<Inner>();
    static constexpr ops_and_table<wrapper_table> both{
        {inner->expected, &wrapper_object_begin, nullptr, &wrapper_array_begin, nullptr, nullptr, &wrapper_string_part, &wrapper_number,
         &wrapper_boolean, &wrapper_null},
        {inner, &ensure, empty_fn}};
    static constexpr value_ops const& ops = both.ops;
};

template <class T>
struct codec<std::optional<T>> : wrapper_codec<std::optional<T>, T> {};
template <class T>
struct codec<nullable<T>> : wrapper_codec<nullable<T>, T> {};
template <class T, bool C>
struct codec<defaulted<T, C>> : wrapper_codec<defaulted<T, C>, T> {};

// ---- arrays ----

// The first allocation of a vector the decoder fills: up to 512 bytes' worth of elements (at least
// one, at most eight), so short arrays take one allocation instead of growing 1, 2, 4, ...
// Vectors that already have capacity (decode_into) are left as they are.
template <class T>
inline constexpr std::size_t first_capacity = sizeof(T) >= 256 ? 1 : (512 / sizeof(T) > 8 ? 8 : 512 / sizeof(T));

// Where an array's elements are read, for the estimate of its length: the input, where the array
// starts and where the reading is. Integers, not pointers: `at` may point elsewhere (a key with
// escapes, decoded into the reader's scratch buffer), which the estimate checks.
struct array_extent {
    std::uintptr_t begin;
    std::uintptr_t end;
    std::uintptr_t start;
    std::uintptr_t at;
    bool appended = false;  // set by vector_table::element when it appended the element (a new one, not reused)
};
// Where a vector's array starts in the input, kept in frame::hint of the vector's frame (events):
// the offset of the last key before it.
inline void note_array_start(decoder const& d, frame& f) noexcept
{
    f.hint = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(d.last_key) - reinterpret_cast<std::uintptr_t>(d.input_begin));
}
inline array_extent extent_of(decoder const& d, frame const& f) noexcept
{
    auto const begin = reinterpret_cast<std::uintptr_t>(d.input_begin);
    return {begin, reinterpret_cast<std::uintptr_t>(d.input_end), begin + f.hint, reinterpret_cast<std::uintptr_t>(d.last_key)};
}
// The capacity for a full vector of n elements that needs one more. The n elements took the input
// from the array's start to where the reading is; if the rest of the input holds elements alike, the
// array has about n + rest / (bytes per element) of them. Growing to that estimate, kept between
// 1.5 n + 1 and 8 n, takes a list of 100 large structs in 4 allocations (1, 8, 64, 101) instead of 8
// (1, 2, 4, ..., 128), and moves 73 elements instead of 127; the bound keeps a short array followed
// by much other data from taking more than 8 times its size.
inline std::size_t next_capacity(array_extent const& a, std::size_t n) noexcept
{
    std::size_t const at_least = n + n / 2 + 1;
    std::size_t const at_most = 8 * n;
    std::uintptr_t const begin = a.begin;
    std::uintptr_t const end = a.end;
    std::uintptr_t const p = a.at;
    std::uintptr_t const start = a.start;
    if (p < begin || p >= end || start >= p) return 2 * n;  // no estimate: grow as vector would
    double const per_element = static_cast<double>(p - start) / static_cast<double>(n);
    double const more = static_cast<double>(end - p) / per_element;
    if (more >= static_cast<double>(at_most)) return at_most;
    std::size_t const estimate = n + static_cast<std::size_t>(more) + 1;
    return estimate < at_least ? at_least : (estimate > at_most ? at_most : estimate);
}

// What differs per vector type; the event functions below are shared by all of them.
struct vector_table {
    // The i-th element (i <= size), appended when i == size (a full vector first grows to the
    // capacity its extent suggests); sets `ops` to the element type's.
    void* (*element)(void* vec, std::size_t i, array_extent& extent, value_ops const*& ops);
    void (*truncate)(void* vec, std::size_t n);
};

// Pushes the frame for the next element, reusing an existing element when there is one.
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
inline bool vector_too_long(decoder& d)
{
    return d.fail(error_code::limit_exceeded, join_text({"array longer than the limit of ", decimal(d.opt.max_array_length)}));
}

// A wire type's value took more than the one event a scalar is (out of line, like the failure).
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
inline bool wire_form_mismatch(decoder& d, char const* expected, std::size_t level)
{
    std::string message = "expected ";
    message += expected;
    return d.fail(error_code::type_mismatch, std::move(message), d.path_of(level));
}
inline bool vector_element(decoder& d, frame& f)
{
    std::size_t const i = static_cast<std::size_t>(f.state);
    if (i >= d.opt.max_array_length) return vector_too_long(d);
    f.state = i + 1;
    if (i == 0) note_array_start(d, f);
    value_ops const* ops = nullptr;
    array_extent extent = extent_of(d, f);
    void* const e = table_after<vector_table>(f.ops).element(f.target, i, extent, ops);
    frame& c = d.push(e, ops);  // may move the stack: use d.top() from here on
    c.seg = segment::index;
    c.index = i;
    return true;
}
inline bool vector_array_begin(decoder& d, frame& f)
{
    if (!f.open) {
        f.open = true;
        f.state = 0;
        return true;
    }
    return vector_element(d, f) && d.deliver_array_begin(d.top());
}
inline bool vector_array_end(decoder& d, frame& f)
{
    table_after<vector_table>(f.ops).truncate(f.target, static_cast<std::size_t>(f.state));
    d.pop();
    return true;
}
inline bool vector_object_begin(decoder& d, frame& f)
{
    if (!f.open) return d.type_mismatch(f, "an object");
    return vector_element(d, f) && d.deliver_object_begin(d.top());
}
inline bool vector_string_part(decoder& d, frame& f, std::string_view s, bool last)
{
    if (!f.open) return d.type_mismatch(f, "a string");
    return vector_element(d, f) && d.deliver_string_part(d.top(), s, last);
}
inline bool vector_number(decoder& d, frame& f, number_event const& ev)
{
    if (!f.open) return d.type_mismatch(f, "a number");
    return vector_element(d, f) && d.deliver_number(d.top(), ev);
}
inline bool vector_boolean(decoder& d, frame& f, bool b)
{
    if (!f.open) return d.type_mismatch(f, "a boolean");
    return vector_element(d, f) && d.deliver_boolean(d.top(), b);
}
inline bool vector_null(decoder& d, frame& f)
{
    if (!f.open) return d.type_mismatch(f, "null");
    return vector_element(d, f) && d.deliver_null(d.top());
}

template <class T, class A>
struct codec<std::vector<T, A>> {
    static_assert(!std::is_same_v<T, bool>, "apibind: use std::vector<char> or a struct instead of std::vector<bool>");
    using vec = std::vector<T, A>;

    static void* element(void* p, std::size_t i, array_extent& extent, value_ops const*& element_ops)
    {
        auto& v = *static_cast<vec*>(p);
        if (i == v.size()) {
            if (i == v.capacity()) v.reserve(i == 0 ? first_capacity<T> : next_capacity(extent, i));
            v.emplace_back();
            extent.appended = true;
        }
        element_ops = ops_for<T>();  // here, not in the table: T may be the struct that holds this vector
        return &v[i];
    }
    static void truncate(void* p, std::size_t n)
    {
        auto& v = *static_cast<vec*>(p);
        while (v.size() > n) v.pop_back();  // destroys only (erase would instantiate moving the tail)
    }
    // Every event through the shared functions above (the descent reads the table).
    static constexpr ops_and_table<vector_table> both{{"an array", &vector_object_begin, nullptr, &vector_array_begin, &vector_array_end, nullptr,
                                                       &vector_string_part, &vector_number, &vector_boolean, &vector_null},
                                                      {&element, &truncate}};
    static constexpr value_ops const& ops = both.ops;
};

// ---- objects with free keys ----

// What differs per record type; the descent (descent.hpp) reads it too.
struct record_table {
    // Entry i (i <= size), appended when i == size, its key set to k; returns its value and sets
    // `ops` to the value type's.
    void* (*entry)(void* record, std::size_t i, std::string_view k, value_ops const*& ops);
    void (*truncate)(void* record, std::size_t n);
};
inline bool record_object_begin(decoder&, frame& f)
{
    f.open = true;
    f.state = 0;
    return true;
}

template <class V>
struct codec<record<V>> {
    static void* entry(void* p, std::size_t i, std::string_view k, value_ops const*& item_ops)
    {
        auto& entries = static_cast<record<V>*>(p)->entries();
        if (i == entries.size()) {
            if (entries.capacity() == 0) entries.reserve(first_capacity<typename record<V>::value_type>);
            entries.emplace_back();
        }
        assign_text(entries[i].first, k);
        item_ops = ops_for<V>();
        return &entries[i].second;
    }
    static void truncate(void* p, std::size_t n)
    {
        auto& entries = static_cast<record<V>*>(p)->entries();
        entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(n), entries.end());
    }
    static bool key(decoder& d, frame& f, std::string_view k)
    {
        std::size_t const i = f.state;
        if (i >= d.opt.max_array_length)
            return d.fail(error_code::limit_exceeded, join_text({"object with more members than the limit of ", decimal(d.opt.max_array_length)}));
        value_ops const* item_ops = nullptr;
        void* const value = entry(f.target, i, k, item_ops);
        f.state = i + 1;
        frame& c = d.push(value, item_ops);
        c.seg = segment::key;
        c.key = &static_cast<record<V>*>(f.target)->entries()[i].first;
        return true;
    }
    static bool object_end(decoder& d, frame& f)
    {
        truncate(f.target, f.state);
        d.pop();
        return true;
    }
    static constexpr ops_and_table<record_table> both{
        {"an object", &record_object_begin, &object_end, nullptr, nullptr, &key, nullptr, nullptr, nullptr, nullptr}, {&entry, &truncate}};
    static constexpr value_ops const& ops = both.ops;
};

template <class M>
    requires string_keyed_map<M>
struct codec<M> {
    static bool object_begin(decoder&, frame& f)
    {
        static_cast<M*>(f.target)->clear();
        f.open = true;
        f.state = 0;
        return true;
    }
    static bool key(decoder& d, frame& f, std::string_view k)
    {
        auto& m = *static_cast<M*>(f.target);
        if (f.state >= d.opt.max_array_length)
            return d.fail(error_code::limit_exceeded, join_text({"object with more members than the limit of ", decimal(d.opt.max_array_length)}));
        ++f.state;
        auto it = m.try_emplace(std::string(k)).first;  // a repeated key overwrites, like most parsers
        frame& c = d.push(&it->second, ops_for<typename M::mapped_type>());
        c.seg = segment::key;
        c.key = &it->first;
        return true;
    }
    static bool object_end(decoder& d, frame&)
    {
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"an object", &object_begin, &object_end, nullptr, nullptr, &key, nullptr, nullptr, nullptr, nullptr};
};

// ---- described structs ----

// A described struct is a table (struct_table, built at compile time per type, one object) read by
// event functions shared by every struct: the per-type code is only the resets of absent members' types.
struct struct_member {
    std::string_view key;
    value_ops const* ops;
    void (*reset)(void* member);  // empties the member when the document lacks it; nullptr: required
    std::uint8_t leaf;            // leaf::kind: decoded without a frame (decoder.hpp); leaf::none: by its ops
    // The key's bytes and the `":` after it, as bits 0..size+1 of a 32-byte block compare (descent.hpp,
    // key); 0 for a key too long for one block.
    std::uint32_t key_block;
};
constexpr std::uint32_t key_block_of(std::size_t key_size) noexcept
{
    return key_size <= 30 ? static_cast<std::uint32_t>((std::uint64_t(1) << (key_size + 2)) - 1) : 0;
}

// The leaf kind of a member of type T (decoder.hpp, pending_leaf): constant data, no code.
template <class T>
constexpr std::uint8_t leaf_kind_of() noexcept
{
    if constexpr (has_wire_traits<T>) return leaf::none;  // a wire type's own codec first
    else if constexpr (text_type<T>) return leaf::text;
    else if constexpr (std::is_same_v<T, std::string>) return leaf::string;
    else if constexpr (std::is_same_v<T, bool>) return leaf::boolean;
    else if constexpr (std::is_same_v<T, std::int8_t>) return leaf::i8;
    else if constexpr (std::is_same_v<T, std::int16_t>) return leaf::i16;
    else if constexpr (std::is_same_v<T, std::int32_t>) return leaf::i32;
    else if constexpr (std::is_same_v<T, std::int64_t>) return leaf::i64;
    else if constexpr (std::is_same_v<T, std::uint8_t>) return leaf::u8;
    else if constexpr (std::is_same_v<T, std::uint16_t>) return leaf::u16;
    else if constexpr (std::is_same_v<T, std::uint32_t>) return leaf::u32;
    else if constexpr (std::is_same_v<T, std::uint64_t>) return leaf::u64;
    else if constexpr (std::is_same_v<T, double>) return leaf::f64;
    else if constexpr (is_literal_v<T>) return leaf::literal;
    else if constexpr (is_optional_v<T> || is_nullable_v<T> || is_defaulted_v<T>) {
        // One wrapper around a leaf (its ops are wrapper_codec's, whose table the decoder reads). A
        // std::optional of the kind's own type (not a literal's or a text type's) is made present
        // inline, without the table's call.
        using inner_type = typename T::value_type;
        constexpr std::uint8_t inner = leaf_kind_of<inner_type>();
        if constexpr (inner == leaf::none || (inner & leaf::wrapped)) return leaf::none;
        else if constexpr (is_optional_v<T> && inner != leaf::literal && inner != leaf::text)
            return static_cast<std::uint8_t>(inner | leaf::wrapped | leaf::in_optional);
        else return static_cast<std::uint8_t>(inner | leaf::wrapped);
    } else {
        return leaf::none;
    }
}

struct struct_table {
    std::size_t count;
    std::size_t words;  // of members-seen bits: 1 in frame::state; more on the decoder's wide-bit stack
    struct_member const* members;
    // Member lookup: the reader first compares the bytes at the input with the key of the member
    // expected next (frame::hint, the one after the last matched: documents usually list members
    // in declaration order), if it is below `expected_limit` (count when every key is plain,
    // key_lookup.hpp; else 0); any other key is read as a string and found by its hash.
    std::size_t expected_limit;
    key_hash hash;
    std::uint8_t const* slots;  // key_hash.mask + 1 of them: a member index, or no_member
    std::uint64_t const* required;    // bits, `words` of them
    std::uint64_t const* resettable;  // optional or defaulted members
    // The members' pointers (T::*), one after the other (member_pointer_row): under the Itanium C++
    // ABI (GCC, Clang) a pointer to a data member is its byte offset, a ptrdiff_t, so the offsets
    // are constant data, read with member_offset, with no function of the struct's own to measure
    // them (a constant expression cannot read a member pointer's offset).
    void const* offsets;
};

// Member i's byte offset in its struct.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline std::size_t member_offset(struct_table const& t, std::size_t i) noexcept
{
    std::ptrdiff_t offset;
    std::memcpy(&offset, static_cast<unsigned char const*>(t.offsets) + i * sizeof offset, sizeof offset);
    return static_cast<std::size_t>(offset);
}

inline struct_table const& table_of(frame const& f) noexcept { return table_after<struct_table>(f.ops); }
inline std::uint64_t* seen_bits(decoder& d, frame& f, struct_table const& t) noexcept
{
    return t.words > 1 ? d.wide_bits(static_cast<std::size_t>(f.state)) : &f.state;
}

inline bool struct_object_begin(decoder& d, frame& f)
{
    struct_table const& t = table_of(f);
    f.open = true;
    f.state = t.words > 1 ? d.wide_push(t.words) : 0;
    f.hint = 0;
    return true;
}
// The member whose key is k (read and unescaped by the reader); t.count if none.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline std::size_t find_member(struct_table const& t, std::string_view k) noexcept
{
    std::uint32_t s = key_slot(t.hash, k.data(), k.size());
    for (std::size_t probe = 0; probe < t.hash.probes; ++probe, s = (s + 1) & t.hash.mask) {
        std::size_t const i = t.slots[s];
        if (i == no_member) break;
        std::string_view const want = t.members[i].key;
        if (same_text(want, k)) return i;
    }
    return t.count;
}
// Member i's key was read: mark it seen and push its frame.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool struct_member_found(decoder& d, frame& f, struct_table const& t, std::size_t i)
{
    seen_bits(d, f, t)[i / 64] |= std::uint64_t(1) << (i % 64);
    f.hint = static_cast<std::uint32_t>(i + 1);
    struct_member const& m = t.members[i];
    void* const target = static_cast<char*>(f.target) + member_offset(t, i);
    if (m.leaf != leaf::none) {  // the next event stores straight into it, with no frame
        d.leaf_ = pending_leaf{target, m.ops, m.key, m.leaf};
        return true;
    }
    frame& c = d.push(target, m.ops);  // f is invalid from here
    c.seg = segment::member;
    c.name = m.key;
    return true;
}
inline bool struct_key(decoder& d, frame& f, std::string_view k)
{
    struct_table const& t = table_of(f);
    std::size_t const i = find_member(t, k);
    if (i == t.count) return push_skip(d);
    return struct_member_found(d, f, t, i);
}
// The reader's shortcut for keys (reader::run's KeyPath), p at a key's opening quote, when the
// frame on top is a described struct. First, the bytes there are compared with the key of the
// member the struct expects next: that key and a closing quote are that member, with no scan and
// no lookup (a plain key, key_lookup.hpp, is valid as it stands). Else the key's bytes up to its
// closing quote are found by the hash, if they are all plain ASCII (then they are the key, and
// valid), and the member (or the skip of an unknown key) is entered here, without the reader's
// string read and the indirect call of decoder::on_key. Keys with escapes or other bytes, cut
// keys and keys over the length limit (which the reader then reports) take the general path.
struct struct_key_path {
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    static key_match match(decoder& d, char const*& p, char const* end)
    {
        if (d.empty()) return key_match::none;
        frame& f = d.top();
        if (f.ops->key != &struct_key) return key_match::none;
        struct_table const& t = table_of(f);
        char const* const at = p + 1;
        if (std::size_t const i = f.hint; i < t.expected_limit) {
            std::string_view const key = t.members[i].key;
            std::size_t const n = key.size();
            if (static_cast<std::size_t>(end - at) > n && at[n] == '"' && same_bytes(key.data(), at, n) && n <= d.opt.max_string_length) {
                d.last_key = at;
                p = at + n + 1;
                return struct_member_found(d, f, t, i) ? key_match::delivered : key_match::failed;
            }
        }
        return match_by_hash(d, f, p, end);
    }
    // Not the member expected next. Inline too: out of line it cost more (a call and six saved
    // registers per key) than the spills it causes in the reader's loop.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    static key_match match_by_hash(decoder& d, frame& f, char const*& p, char const* end)
    {
        char const* const at = p + 1;
        char const* const q = find_plain_ascii_end(at, end);
        if (q == end || *q != '"') return key_match::none;
        std::size_t const n = static_cast<std::size_t>(q - at);
        if (n > d.opt.max_string_length) return key_match::none;
        d.last_key = at;
        p = q + 1;
        // The key, read where it stands: what decoder::on_key would hand the struct.
        return struct_key(d, f, std::string_view(at, n)) ? key_match::delivered : key_match::failed;
    }
};
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
inline bool missing_member(decoder& d, std::string_view k)
{
    std::string where = d.path();
    if (!where.empty()) where += '.';
    where.append(k.data(), k.size());
    return d.fail(error_code::missing_member, join_text({"missing required member \"", k, "\""}), std::move(where));
}
// An object's members are read (`seen`: their bits): t.count if every required member was there,
// and then the optional and defaulted members it lacked are reset; else the first one missing.
inline std::size_t close_members(struct_table const& t, void* target, std::uint64_t const* seen)
{
    if (t.words == 1 && ((t.required[0] | t.resettable[0]) & ~seen[0]) == 0) return t.count;  // every member there: the usual
    bool any_reset = false;
    for (std::size_t w = 0; w < t.words; ++w) {
        if (std::uint64_t const missing = t.required[w] & ~seen[w]) return w * 64 + static_cast<std::size_t>(std::countr_zero(missing));
        any_reset = any_reset || (t.resettable[w] & ~seen[w]) != 0;
    }
    // decode_into: members absent from this document must not keep values from the last one.
    if (any_reset) {
        char* const object = static_cast<char*>(target);
        for (std::size_t w = 0; w < t.words; ++w) {
            for (std::uint64_t bits = t.resettable[w] & ~seen[w]; bits != 0; bits &= bits - 1) {
                std::size_t const i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
                t.members[i].reset(object + member_offset(t, i));
            }
        }
    }
    return t.count;
}
inline bool struct_object_end(decoder& d, frame& f)
{
    struct_table const& t = table_of(f);
    if (std::size_t const i = close_members(t, f.target, seen_bits(d, f, t)); i != t.count) return missing_member(d, t.members[i].key);
    if (t.words > 1) d.wide_pop(t.words);
    d.pop();
    return true;
}

template <class T, class D>
constexpr void (*reset_for() noexcept)(void*)
{
    using info = member_info<T, D>;
    if constexpr (info::is_optional) return &reset_optional<typename info::type>;
    else if constexpr (info::is_presence_tracked) return &reset_presence<typename info::type>;
    else if constexpr (info::is_defaulted) return &reset_to_default<typename info::type>;
    else return nullptr;
}

#if !defined(__GXX_ABI_VERSION)
#error "apibind: described structs read their members' offsets from member pointers as the Itanium C++ ABI lays them out (GCC, Clang)"
#endif
// A described struct's member pointers, one after the other: each a ptrdiff_t, the member's offset
// (member_offset reads them). Bases, not members, so one class holds any number of them.
template <std::size_t I, class P>
struct member_pointer_slot {
    P pointer;
};
template <class Indices, class... P>
struct member_pointer_row;
template <std::size_t... I, class... P>
struct member_pointer_row<std::index_sequence<I...>, P...> : member_pointer_slot<I, P>... {};
template <>
struct member_pointer_row<std::index_sequence<>> {};

// Bytes readable after the last key's `":` in a struct's key pool: a 32-byte block compare starting
// at any key stays inside the pool.
inline constexpr std::size_t key_pool_padding = 32;

// Everything constant about a described struct, in one object (one symbol, one section: each costs
// the object file more than a small table does). The ops come first: ops_for<T>() points at them.
// Plain arrays: the object refers to itself while it is built, and clang refuses a member call
// (std::array's data() or []) on an object whose lifetime has not begun.
template <class Pointers, std::size_t Count, std::size_t Words, std::size_t Pool, std::size_t Slots, std::size_t Literals>
struct struct_data {
    ops_and_table<struct_table> header;
    struct_member members[Count == 0 ? 1 : Count];
    std::uint8_t slots[Slots];  // the key lookup's (key_lookup.hpp)
    std::uint64_t required[Words];
    std::uint64_t resettable[Words];
    Pointers pointers;
    ops_and_table<std::string_view> literals[Literals == 0 ? 1 : Literals];  // the literal members' ops and texts
    // Every key followed by `":` (the descent compares a key, its closing quote and its colon as
    // one 32-byte block: descent.hpp, key), then every literal member's text, then key_pool_padding
    // bytes.
    char pool[Pool + 1];
};

template <class T>
struct struct_codec {
    using members = members_of<T>;
    static constexpr std::size_t count = boost::mp11::mp_size<members>::value;
    // Member indices are bytes (the key lookup's slots, with no_member = 255); members seen are bits.
    static_assert(count <= 255, "apibind: a described struct may have at most 255 members");
    static constexpr std::size_t words = count == 0 ? 1 : (count + 63) / 64;

    template <template <class...> class L, class... D>
    static constexpr std::array<std::size_t, count + 1> key_sizes(L<D...>*) noexcept
    {
        return {member_info<T, D>::key.size()..., 0};
    }
    static constexpr std::array<std::size_t, count + 1> sizes = key_sizes(static_cast<members*>(nullptr));
    static constexpr std::size_t keys_size = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i < count; ++i) n += sizes[i] + 2;  // the key and `":`
        return n;
    }();
    template <class M>
    static constexpr std::size_t literal_size() noexcept
    {
        if constexpr (is_literal_v<M>) return M::value.size();
        else return 0;
    }
    template <template <class...> class L, class... D>
    static constexpr std::size_t literal_members(L<D...>*) noexcept
    {
        return (std::size_t(0) + ... + std::size_t(is_literal_v<typename member_info<T, D>::type>));
    }
    template <template <class...> class L, class... D>
    static constexpr std::size_t literal_texts_size(L<D...>*) noexcept
    {
        return (std::size_t(0) + ... + literal_size<typename member_info<T, D>::type>());
    }
    static constexpr std::size_t literal_count = literal_members(static_cast<members*>(nullptr));
    static constexpr std::size_t pool_size = keys_size + literal_texts_size(static_cast<members*>(nullptr)) + key_pool_padding;
    static constexpr std::size_t slot_count = key_slot_count(count);

    // Pointers to members of T, const members included (an inherited member's offset includes its base's).
    template <class D>
    using pointer_to = std::remove_reference_t<decltype(std::declval<T&>().*D::pointer)> T::*;
    template <template <class...> class L, class... D>
    static auto pointer_row_of(L<D...>*) -> member_pointer_row<std::make_index_sequence<count>, pointer_to<D>...>;
    using pointer_row = decltype(pointer_row_of(static_cast<members*>(nullptr)));
    static_assert(count == 0 || sizeof(pointer_row) == count * sizeof(std::ptrdiff_t),
                  "apibind: member pointers are expected to be one ptrdiff_t each (Itanium C++ ABI)");
    using data_type = struct_data<pointer_row, count, words, pool_size, slot_count, literal_count>;

    // Member i (its key at `at` in the pool): its key into the pool, its entry (the key there
    // pointing into the finished object, self), its bits; a literal member also its text (at
    // `text_at` in the pool) and ops (the next of `literals`).
    template <class D>
    static constexpr void fill_member(data_type& r, data_type const* self, std::size_t i, std::size_t at, std::size_t& literal,
                                      std::size_t& text_at) noexcept
    {
        using info = member_info<T, D>;
        using type = typename info::type;
        for (std::size_t j = 0; j < info::key.size(); ++j) r.pool[at + j] = info::key[j];
        r.pool[at + info::key.size()] = '"';
        r.pool[at + info::key.size() + 1] = ':';
        value_ops const* ops = nullptr;
        if constexpr (is_literal_v<type>) {
            constexpr std::string_view text = type::value;
            for (std::size_t j = 0; j < text.size(); ++j) r.pool[text_at + j] = text[j];
            r.literals[literal] = {literal_ops, std::string_view(self->pool + text_at, text.size())};
            ops = &self->literals[literal].ops;
            ++literal;
            text_at += text.size();
        } else {
            ops = ops_for<type>();
        }
        r.members[i] = struct_member{std::string_view(self->pool + at, info::key.size()), ops, reset_for<T, D>(), leaf_kind_of<type>(),
                                     key_block_of(info::key.size())};
        (info::is_required ? r.required : r.resettable)[i / 64] |= std::uint64_t(1) << (i % 64);
    }
    template <template <class...> class L, class... D>
    static constexpr void fill_members(data_type& r, [[maybe_unused]] data_type const* self, L<D...>*) noexcept
    {
        [[maybe_unused]] std::size_t i = 0;
        [[maybe_unused]] std::size_t at = 0;
        [[maybe_unused]] std::size_t literal = 0;
        [[maybe_unused]] std::size_t text_at = keys_size;
        ((void)(fill_member<D>(r, self, i, at, literal, text_at), at += sizes[i] + 2, ++i), ...);
        r.pointers = pointer_row{{static_cast<pointer_to<D>>(D::pointer)}...};
    }

    static constexpr data_type make(data_type const* self) noexcept
    {
        data_type r{};
        fill_members(r, self, static_cast<members*>(nullptr));
        std::array<std::string_view, count + 1> keys{};  // into r's pool: readable while r is built
        for (std::size_t i = 0, at = 0; i < count; at += sizes[i] + 2, ++i) keys[i] = std::string_view(r.pool + at, sizes[i]);
        key_table<slot_count> const lookup = make_key_table<slot_count>([&](std::size_t i) { return keys[i]; }, count);
        for (std::size_t i = 0; i < slot_count; ++i) r.slots[i] = lookup.slots[i];
        bool plain = true;
        for (std::size_t i = 0; i < count; ++i) plain = plain && key_is_plain(keys[i]);
        r.header = {{"an object", &struct_object_begin, &struct_object_end, nullptr, nullptr, &struct_key, nullptr, nullptr, nullptr, nullptr},
                    {count, words, self->members, plain ? count : 0, lookup.hash, self->slots, self->required, self->resettable,
                     static_cast<void const*>(&self->pointers)}};
        return r;
    }
    static constexpr data_type data = make(&struct_codec::data);
};

template <class T>
    requires is_described_struct_v<T>
struct codec<T> {
    static constexpr value_ops const& ops = struct_codec<T>::data.header.ops;
};


// ---- tagged unions: the tags are read ahead in the raw bytes (they may stand anywhere in the
// object), then the object is decoded once, by the reader, into the chosen alternative ----

// Per-thread scratch reused across decodes, so a steady loop of decode_into allocates nothing.
// A pool, not one object: a wire type's captured value is decoded by a nested decode_buffer.
// Raw pointers owned by the pool (no std::unique_ptr: <memory> for every includer, and its
// functions compiled in every translation unit that decodes).
struct decode_scratch_pool {
    std::vector<decode_scratch*> free;
    decode_scratch_pool() = default;
    decode_scratch_pool(decode_scratch_pool const&) = delete;
    decode_scratch_pool& operator=(decode_scratch_pool const&) = delete;
    ~decode_scratch_pool()
    {
        for (decode_scratch* s : free) delete s;
    }
    static decode_scratch_pool& of_this_thread()
    {
        thread_local decode_scratch_pool pool;
        return pool;
    }
};
class decode_scratch_lease {
public:
    decode_scratch_lease()
    {
        auto& pool = decode_scratch_pool::of_this_thread().free;
        if (pool.empty()) {
            s_ = new decode_scratch();
        } else {
            s_ = pool.back();
            pool.pop_back();
        }
    }
    ~decode_scratch_lease() { decode_scratch_pool::of_this_thread().free.push_back(s_); }
    decode_scratch_lease(decode_scratch_lease const&) = delete;
    decode_scratch_lease& operator=(decode_scratch_lease const&) = delete;
    decode_scratch& get() noexcept { return *s_; }

private:
    decode_scratch* s_;
};

// What differs per union type; the event function below is shared by all. The tags are data
// (a flat table read by choose_alternative), so a union adds one function of its own: select.
struct union_table {
    std::size_t key_count;
    std::string_view const* keys;
    std::size_t alternative_count;
    tag_spec const* tags;  // alternative i's tag under keys[k]: tags[i * key_count + k]
    // Makes alternative i the one held, kept if it already is, and returns it; for i <
    // alternative_count sets `ops` to its ops, for i == alternative_count it is the json::unrecognised.
    void* (*select)(void* u, std::size_t i, value_ops const*& ops);
    // The index of the alternative held (alternative_count: the json::unrecognised).
    std::size_t (*held)(void const* u);
};

// The alternative whose every tag matches what the document holds; alternative_count if none.
inline std::size_t choose_alternative(union_table const& u, decode_scratch const& s) noexcept
{
    if (u.key_count == 1) {  // most unions: one tag, without the loop over keys
        tag_kind const kind = s.tag_kinds[0];
        std::string_view const tag = s.tag[0];
        for (std::size_t i = 0; i < u.alternative_count; ++i)
            if (u.tags[i].kind == kind && same_text(tag, u.tags[i].text)) return i;
        return u.alternative_count;
    }
    for (std::size_t i = 0; i < u.alternative_count; ++i) {
        tag_spec const* const t = u.tags + i * u.key_count;
        bool match = true;
        for (std::size_t k = 0; k < u.key_count && match; ++k)
            match = s.tag_kinds[k] == t[k].kind && same_text(s.tag[k], t[k].text);
        if (match) return i;
    }
    return u.alternative_count;
}

// The union's object opens (the reader stands just after its '{', at d.cursor): read its tags
// ahead, then this frame becomes the chosen alternative's, or, for an unknown or absent tag, a
// capture of the whole object as compact JSON (json::unrecognised).
inline bool union_object_begin(decoder& d, frame& f)
{
    union_table const& u = table_after<union_table>(f.ops);
    decode_scratch& s = *d.scratch;
    s.forget_tags();
    look_ahead_tags(d.cursor, d.input_end, u.keys, u.key_count, s.tag, s.tag_text, s.tag_kinds, s.look_text);
    std::size_t const index = choose_alternative(u, s);
    value_ops const* ops = nullptr;
    void* const held = u.select(f.target, index, ops);
    if (index == u.alternative_count) {
        unrecognised& un = *static_cast<unrecognised*>(held);
        if (s.tag_kinds[0] == tag_kind::absent) un.tag.clear();
        else un.tag.assign(s.tag[0].data(), s.tag[0].size());
        f.ops = &capture_codec<pop_when_captured>::ops;
        d.begin_capture(&un.raw.text);
        return d.capture_open('{');
    }
    f.target = held;
    f.ops = ops;
    f.state = 0;
    f.hint = 0;
    f.open = false;
    return d.deliver_object_begin(f);
}

// A union's tables (the ops come first: ops_for<U>() points at them); plain arrays, as struct_data's.
template <std::size_t Keys, std::size_t Tags, std::size_t Pool>
struct union_data {
    ops_and_table<union_table> both;
    std::string_view keys[Keys];
    tag_spec tags[Tags == 0 ? 1 : Tags];
    char pool[Pool + 1];  // the texts of keys and tags
};

template <class U>
struct union_codec {
    static_assert(U::key_count <= decode_scratch::max_tag_keys, "apibind: a tagged union may have at most 4 tag keys");

    static void* select(void* p, std::size_t index, value_ops const*& ops)
    {
        U& v = *static_cast<U*>(p);
        if (index == U::alternative_count) {
            if (auto* un = v.template get_if<unrecognised>()) return un;
            return &v.template emplace<unrecognised>();
        }
        void* alt = nullptr;
        // with_index (tagged_union.hpp), not mp_with_index: no second function named after the union.
        with_index(index, std::make_index_sequence<U::alternative_count>(), [&](auto I) {
            constexpr std::size_t i = decltype(I)::value;
            auto* held = v.template get_if<i>();
            alt = held != nullptr ? held : &v.template emplace<i>();
            ops = ops_for<typename U::template alternative_type<i>>();
        });
        return alt;
    }
    static std::size_t held(void const* p) { return static_cast<U const*>(p)->index(); }
    // The tables, with the texts of the keys and tags copied in: one object, which refers to no
    // other (tag_keys' key array, the tag table, the literals' strings: each an object named after
    // its texts or the union's alternatives).
    static constexpr std::size_t tag_count = U::alternative_count * U::key_count;
    static constexpr std::size_t pool_size = [] {
        std::size_t n = 0;
        for (std::string_view k : U::keys) n += k.size();
        for (tag_spec const& t : U::flat_tags()) n += t.text.size();
        return n;
    }();
    static constexpr union_data<U::key_count, tag_count, pool_size> make(union_data<U::key_count, tag_count, pool_size> const* self) noexcept
    {
        union_data<U::key_count, tag_count, pool_size> r{};
        std::size_t at = 0;
        auto const copy = [&](std::string_view text) {
            for (char c : text) r.pool[at++] = c;
            return std::string_view(self->pool + (at - text.size()), text.size());
        };
        for (std::size_t k = 0; k < U::key_count; ++k) r.keys[k] = copy(U::keys[k]);
        for (std::size_t j = 0; j < tag_count; ++j) r.tags[j] = {U::flat_tags()[j].kind, copy(U::flat_tags()[j].text)};
        r.both = {{"an object", &union_object_begin, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
                  {U::key_count, self->keys, U::alternative_count, self->tags, &select, &held}};
        return r;
    }
    static constexpr union_data<U::key_count, tag_count, pool_size> data = make(&union_codec::data);
    static constexpr ops_and_table<union_table> const& both = data.both;
};

template <class K, class... A>
struct codec<basic_tagged_union<K, A...>> {
    static constexpr value_ops const& ops = union_codec<basic_tagged_union<K, A...>>::both.ops;
};

// ---- wire types (json::wire_traits): decoded as their wire form, then converted ----

constexpr bool accepts_object(value_ops const* ops) noexcept { return ops->object_begin != nullptr; }
constexpr bool accepts_array(value_ops const* ops) noexcept { return ops->array_begin != nullptr; }

template <class T>
struct wire_codec {
    using traits = wire_traits<T>;
    using wire_t = typename traits::wire_type;
    static_assert(wire_traits_complete<T>,
                  "apibind: json::wire_traits<T> needs static to_wire(T const&) and static bool from_wire(wire_type const&, T&)");

    // Reused storage for wire values, per thread: a scalar completes within one event, so nothing
    // else uses it meanwhile.
    static wire_t& scalar_storage()
    {
        thread_local wire_t w{};
        return w;
    }
    static std::string& text_storage()  // string parts, then captured objects and arrays
    {
        thread_local std::string s;
        return s;
    }

    // `level`: the stack size while this value's frame was open (for the error path after it popped).
    static bool convert(decoder& d, T& target, wire_t const& w, std::size_t level)
    {
        if (traits::from_wire(w, target)) return true;
        std::string m = "invalid value: expected ";
        m += wire_expected<T>();
        return d.fail(error_code::type_mismatch, std::move(m), d.path_of(level));
    }

    // A scalar: this frame becomes the wire value's frame, which decodes the event and pops.
    template <class Deliver>
    static bool scalar(decoder& d, frame& f, Deliver deliver)
    {
        T& target = *static_cast<T*>(f.target);
        std::size_t const level = d.size_;
        wire_t& w = scalar_storage();
        f.target = &w;
        f.ops = ops_for<wire_t>();
        f.state = 0;
        f.hint = 0;
        f.open = false;
        if (!deliver(f)) return false;
        if (d.size_ >= level)  // the wire form wants more than one event: not a scalar after all
            return wire_form_mismatch(d, ops_for<wire_t>()->expected, level);
        return convert(d, target, w, level);
    }
    // Strings may arrive in parts; the wire value sees them whole.
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        if constexpr (std::is_same_v<wire_t, std::string>) {
            // A whole string whose wire form is a std::string: straight into the wire value, with
            // no frame of its own (the reader's limits were checked when it delivered the string).
            if (last && f.state == 0) {
                wire_t& w = scalar_storage();
                w.assign(s.data(), s.size());
                if (!convert(d, *static_cast<T*>(f.target), w, d.size_)) return false;
                d.pop();
                return true;
            }
        }
        std::string& parts = text_storage();
        if (!last || f.state == 1) {
            if (f.state == 0) {
                parts.clear();
                f.state = 1;
            }
            parts.append(s.data(), s.size());
            if (!last) return true;
            s = parts;
        }
        return scalar(d, f, [&](frame& wf) { return d.deliver_string_part(wf, s, true); });
    }
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        return scalar(d, f, [&](frame& wf) { return d.deliver_number(wf, ev); });
    }
    static bool boolean(decoder& d, frame& f, bool b)
    {
        return scalar(d, f, [&](frame& wf) { return d.deliver_boolean(wf, b); });
    }
    static bool null(decoder& d, frame& f)
    {
        return scalar(d, f, [&](frame& wf) { return d.deliver_null(wf); });
    }

    // Objects and arrays: captured as text, then decoded on their own (errors keep the full path).
    struct finish_captured {
        static bool finish(decoder& d, frame& f)
        {
            std::string const text = std::move(text_storage());  // a nested wire value may reuse the storage
            text_storage().clear();
            wire_t w{};
            error e;
            if (!decode_buffer(text, w, d.opt, &d, e, false)) {
                d.failed = true;
                d.err = std::move(e);
                return false;
            }
            if (!convert(d, *static_cast<T*>(f.target), w, d.size_)) return false;
            d.pop();
            return true;
        }
    };
    static frame& start_capture(decoder& d, frame& f)
    {
        d.begin_capture(&text_storage());
        f.ops = &capture_codec<finish_captured>::ops;
        return f;
    }
    static bool object_begin(decoder& d, frame& f)
    {
        if (!accepts_object(ops_for<wire_t>())) return d.type_mismatch(f, "an object");
        return d.deliver_object_begin(start_capture(d, f));
    }
    static bool array_begin(decoder& d, frame& f)
    {
        if (!accepts_array(ops_for<wire_t>())) return d.type_mismatch(f, "an array");
        return d.deliver_array_begin(start_capture(d, f));
    }

    static constexpr value_ops ops{ops_for<wire_t>()->expected, &object_begin, nullptr, &array_begin, nullptr, nullptr,
                                   &string_part, &number, &boolean, &null};
};

}  // namespace apibind::json::detail

#endif
