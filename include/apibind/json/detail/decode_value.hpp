// Per-type event tables for the decoder, and the entry point that runs basic_parser over a buffer.
#ifndef APIBIND_JSON_DETAIL_DECODE_VALUE_HPP
#define APIBIND_JSON_DETAIL_DECODE_VALUE_HPP

#include <apibind/json/detail/decoder.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integral.hpp>

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <variant>
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
constexpr value_ops const* ops_for() noexcept
{
    if constexpr (has_wire_traits<T>) return &wire_codec<T>::ops;  // a user's wire_traits come first
    else return &codec<T>::ops;
}

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out);

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
        std::string m = "number ";
        m.append(text.data(), text.size());
        m += " is out of range [";
        m += std::to_string(std::numeric_limits<T>::min());
        m += ", ";
        m += std::to_string(std::numeric_limits<T>::max());
        m += ']';
        return d.fail(error_code::out_of_range, std::move(m));
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
            std::string m = "expected an integer, got ";
            m.append(ev.text.data(), ev.text.size());
            return d.fail(error_code::type_mismatch, std::move(m));
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
            // basic_parser's own conversion is not always correctly rounded (1.7391353897246315e308
            // came back one ULP off), so an encoded double would not decode to itself: convert the
            // exact text. Out of range (over- or underflow): the parser's value, checked below.
            char const* const last = ev.text.data() + ev.text.size();
            auto const r = std::from_chars(ev.text.data(), last, v);
            if (r.ec != std::errc{} || r.ptr != last) v = static_cast<T>(ev.d);
            break;
        }
        }
        // 1e400 (or 1e39 for a float) would become infinity, which JSON cannot hold: encoding
        // writes null and the value does not come back. Refused like an integer out of range.
        if (!std::isfinite(v)) {
            std::string m = "number ";
            m.append(ev.text.data(), ev.text.size());
            m += sizeof(T) == sizeof(float) ? " is out of range for a float" : " is out of range for a double";
            return d.fail(error_code::out_of_range, std::move(m));
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

template <apibind::detail::fixed_string V>
struct codec<literal<V>> {
    static bool string_part(decoder& d, frame&, std::string_view s, bool last)
    {
        std::string_view whole;
        if (!whole_string(d, s, last, whole)) return true;
        if (whole != literal<V>::value) {
            std::string m = "expected " + quoted_excerpt(literal<V>::value) + ", got " + quoted_excerpt(whole);
            d.str_buf.clear();
            return d.fail(error_code::unexpected_tag, std::move(m));
        }
        d.str_buf.clear();
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a string", nullptr, nullptr, nullptr, nullptr, nullptr, &string_part, nullptr, nullptr, nullptr};
};

template <bool V>
struct codec<bool_literal<V>> {
    static bool boolean(decoder& d, frame&, bool b)
    {
        if (b != V) return d.fail(error_code::unexpected_tag, std::string("expected ") + (V ? "true" : "false") + ", got " + (b ? "true" : "false"));
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"a boolean", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &boolean, nullptr};
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

// ---- optional, nullable: become the inner type's frame in place (no extra depth) ----

template <class Wrapper, class Inner>
struct wrapper_codec {
    static frame& become(frame& f)
    {
        auto& w = *static_cast<Wrapper*>(f.target);
        Inner* inner;
        if constexpr (is_nullable_v<Wrapper>) {
            inner = &w.ensure_value();
        } else if constexpr (is_defaulted_v<Wrapper>) {
            w.set_present();
            inner = &w.get();
        } else {
            inner = w ? &*w : &w.emplace();
        }
        f.target = inner;
        f.ops = ops_for<Inner>();
        f.state = 0;
        f.open = false;
        return f;
    }
    static bool object_begin(decoder& d, frame& f) { return d.deliver_object_begin(become(f)); }
    static bool array_begin(decoder& d, frame& f) { return d.deliver_array_begin(become(f)); }
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last) { return d.deliver_string_part(become(f), s, last); }
    static bool number(decoder& d, frame& f, number_event const& ev) { return d.deliver_number(become(f), ev); }
    static bool boolean(decoder& d, frame& f, bool b) { return d.deliver_boolean(become(f), b); }
    static bool null(decoder& d, frame& f)
    {
        auto& w = *static_cast<Wrapper*>(f.target);
        if constexpr (is_defaulted_v<Wrapper>) return d.deliver_null(become(f));  // null is the inner type's business
        else if constexpr (is_nullable_v<Wrapper>) w.set_null();
        else w.reset();
        d.pop();
        return true;
    }
    static constexpr value_ops ops{ops_for<Inner>()->expected, &object_begin, nullptr, &array_begin, nullptr, nullptr, &string_part, &number, &boolean, &null};
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

template <class T, class A>
struct codec<std::vector<T, A>> {
    static_assert(!std::is_same_v<T, bool>, "apibind: use std::vector<char> or a struct instead of std::vector<bool>");
    using vec = std::vector<T, A>;

    // Pushes the frame for the next element, reusing an existing element when there is one.
    static bool element(decoder& d, frame& f)
    {
        auto& v = *static_cast<vec*>(f.target);
        std::size_t const i = f.state;
        if (i >= d.opt.max_array_length)
            return d.fail(error_code::limit_exceeded, "array longer than the limit of " + std::to_string(d.opt.max_array_length));
        if (i == v.size()) {
            if (v.capacity() == 0) v.reserve(first_capacity<T>);  // a new vector: skip the 1, 2, 4 steps
            v.emplace_back();
        }
        f.state = i + 1;
        frame& c = d.push(&v[i], ops_for<T>());  // may move the stack: use d.top() from here on
        c.seg = segment::index;
        c.index = i;
        return true;
    }
    static bool array_begin(decoder& d, frame& f)
    {
        if (!f.open) {
            f.open = true;
            f.state = 0;
            return true;
        }
        return element(d, f) && d.deliver_array_begin(d.top());
    }
    static bool array_end(decoder& d, frame& f)
    {
        auto& v = *static_cast<vec*>(f.target);
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(f.state), v.end());
        d.pop();
        return true;
    }
    static bool object_begin(decoder& d, frame& f)
    {
        if (!f.open) return d.type_mismatch(f, "an object");
        return element(d, f) && d.deliver_object_begin(d.top());
    }
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
        if (!f.open) return d.type_mismatch(f, "a string");
        return element(d, f) && d.deliver_string_part(d.top(), s, last);
    }
    static bool number(decoder& d, frame& f, number_event const& ev)
    {
        if (!f.open) return d.type_mismatch(f, "a number");
        return element(d, f) && d.deliver_number(d.top(), ev);
    }
    static bool boolean(decoder& d, frame& f, bool b)
    {
        if (!f.open) return d.type_mismatch(f, "a boolean");
        return element(d, f) && d.deliver_boolean(d.top(), b);
    }
    static bool null(decoder& d, frame& f)
    {
        if (!f.open) return d.type_mismatch(f, "null");
        return element(d, f) && d.deliver_null(d.top());
    }
    static constexpr value_ops ops{"an array", &object_begin, nullptr, &array_begin, &array_end, nullptr, &string_part, &number, &boolean, &null};
};

// ---- objects with free keys ----

template <class V>
struct codec<record<V>> {
    static bool object_begin(decoder&, frame& f)
    {
        f.open = true;
        f.state = 0;
        return true;
    }
    static bool key(decoder& d, frame& f, std::string_view k)
    {
        auto& entries = static_cast<record<V>*>(f.target)->entries();
        std::size_t const i = f.state;
        if (i >= d.opt.max_array_length)
            return d.fail(error_code::limit_exceeded, "object with more members than the limit of " + std::to_string(d.opt.max_array_length));
        if (i == entries.size()) {
            if (entries.capacity() == 0) entries.reserve(first_capacity<typename record<V>::value_type>);
            entries.emplace_back();
        }
        entries[i].first.assign(k.data(), k.size());
        f.state = i + 1;
        frame& c = d.push(&entries[i].second, ops_for<V>());
        c.seg = segment::key;
        c.key = &entries[i].first;
        return true;
    }
    static bool object_end(decoder& d, frame& f)
    {
        auto& entries = static_cast<record<V>*>(f.target)->entries();
        entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(f.state), entries.end());
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"an object", &object_begin, &object_end, nullptr, nullptr, &key, nullptr, nullptr, nullptr, nullptr};
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
            return d.fail(error_code::limit_exceeded, "object with more members than the limit of " + std::to_string(d.opt.max_array_length));
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

// Equality of two short byte ranges of the same length (member keys), inline: word loads, the last
// word overlapping, instead of a call to memcmp.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool same_bytes(char const* a, char const* b, std::size_t n) noexcept
{
    auto load8 = [](char const* p) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    };
    auto load4 = [](char const* p) {
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    };
    if (n >= 8) {
        std::size_t i = 0;
        for (; i + 8 < n; i += 8)
            if (load8(a + i) != load8(b + i)) return false;
        return load8(a + n - 8) == load8(b + n - 8);
    }
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

template <class T>
    requires is_described_struct_v<T>
struct codec<T> {
    using members = members_of<T>;
    static constexpr std::size_t count = boost::mp11::mp_size<members>::value;
    // Member indices are bytes (the length index below); members seen are bits: in frame::state up
    // to 64 members, in the decoder's wide-bit stack beyond.
    static_assert(count <= 255, "apibind: a described struct may have at most 255 members");
    static constexpr bool wide = count > 64;
    static constexpr std::size_t words = count == 0 ? 1 : (count + 63) / 64;
    using member_bits = std::array<std::uint64_t, words>;

    template <std::size_t... I>
    static constexpr std::array<std::string_view, count> make_keys(std::index_sequence<I...>)
    {
        return {member_info_at<T, I>::key...};
    }
    static constexpr std::array<std::string_view, count> keys = make_keys(std::make_index_sequence<count>());

    template <std::size_t... I>
    static constexpr member_bits make_bits([[maybe_unused]] bool want_required, std::index_sequence<I...>)
    {
        member_bits b{};
        ((member_info_at<T, I>::is_required == want_required ? void(b[I / 64] |= std::uint64_t(1) << (I % 64)) : void()), ...);
        return b;
    }
    static constexpr member_bits required = make_bits(true, std::make_index_sequence<count>());
    static constexpr member_bits resettable = make_bits(false, std::make_index_sequence<count>());  // optional or defaulted members

    static std::uint64_t* seen_bits(decoder& d, frame& f) noexcept
    {
        if constexpr (wide) return d.wide_bits(static_cast<std::size_t>(f.state));
        else return &f.state;
    }
    static bool is_seen(std::uint64_t const* seen, std::size_t i) noexcept { return (seen[i / 64] >> (i % 64)) & 1u; }

    template <std::size_t I>
    static void push_member(decoder& d, void* object)
    {
        using info = member_info_at<T, I>;
        auto& member = static_cast<T*>(object)->*(boost::mp11::mp_at_c<members, I>::pointer);
        frame& c = d.push(&member, ops_for<typename info::type>());
        c.seg = segment::member;
        c.name = info::key;
    }
    template <std::size_t... I>
    static constexpr std::array<void (*)(decoder&, void*), count> make_pushers(std::index_sequence<I...>)
    {
        return {&push_member<I>...};
    }
    static constexpr std::array<void (*)(decoder&, void*), count> pushers = make_pushers(std::make_index_sequence<count>());

    static bool object_begin(decoder& d, frame& f)
    {
        f.open = true;
        if constexpr (wide) f.state = d.wide_push(words);
        else f.state = 0;
        f.hint = 0;
        return true;
    }
    // Member lookup: first the member after the last one matched (documents usually list members
    // in declaration order), else only the members whose key has the same length.
    static constexpr std::size_t max_key_length = [] {
        std::size_t m = 0;
        for (std::string_view k : keys) m = k.size() > m ? k.size() : m;
        return m;
    }();
    struct length_index {
        std::array<std::uint8_t, count + 1> members{};                // member indices ordered by key length
        std::array<std::uint8_t, max_key_length + 2> first{};         // first[n]..first[n+1]: keys of length n
    };
    static constexpr length_index by_length = [] {
        length_index t;
        std::size_t n = 0;
        for (std::size_t len = 0; len <= max_key_length; ++len) {
            t.first[len] = static_cast<std::uint8_t>(n);
            for (std::size_t i = 0; i < count; ++i)
                if (keys[i].size() == len) t.members[n++] = static_cast<std::uint8_t>(i);
        }
        t.first[max_key_length + 1] = static_cast<std::uint8_t>(n);
        return t;
    }();
    static bool matches(std::string_view want, std::string_view k) noexcept
    {
        return want.size() == k.size() && same_bytes(want.data(), k.data(), k.size());
    }
    static bool take(decoder& d, frame& f, std::size_t i)
    {
        seen_bits(d, f)[i / 64] |= std::uint64_t(1) << (i % 64);
        f.hint = static_cast<std::uint32_t>(i + 1);
        pushers[i](d, f.target);
        return true;
    }
    static bool key(decoder& d, frame& f, std::string_view k)
    {
        if constexpr (count > 0) {
            if (f.hint < count && matches(keys[f.hint], k)) return take(d, f, f.hint);
            if (k.size() <= max_key_length) {
                for (std::size_t j = by_length.first[k.size()], e = by_length.first[k.size() + 1]; j < e; ++j) {
                    std::size_t const i = by_length.members[j];
                    if (same_bytes(keys[i].data(), k.data(), k.size())) return take(d, f, i);
                }
            }
        }
        return push_skip(d);
    }
    static bool object_end(decoder& d, frame& f)
    {
        std::uint64_t const* const seen = seen_bits(d, f);
        bool any_reset = false;
        for (std::size_t w = 0; w < words; ++w) {
            if (std::uint64_t const missing = required[w] & ~seen[w]) {
                std::string_view const k = keys[w * 64 + static_cast<std::size_t>(std::countr_zero(missing))];
                std::string where = d.path();
                if (!where.empty()) where += '.';
                where.append(k.data(), k.size());
                return d.fail(error_code::missing_member, "missing required member \"" + std::string(k) + "\"", std::move(where));
            }
            any_reset = any_reset || (resettable[w] & ~seen[w]) != 0;
        }
        // decode_into: members absent from this document must not keep values from the last one.
        if (any_reset) {
            T& obj = *static_cast<T*>(f.target);
            boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto I) {
                constexpr std::size_t i = decltype(I)::value;
                using info = member_info_at<T, i>;
                if (!is_seen(seen, i)) {
                    auto& m = obj.*(boost::mp11::mp_at_c<members, i>::pointer);
                    if constexpr (info::is_optional) m.reset();
                    else if constexpr (info::is_presence_tracked) m.set_absent();
                    else if constexpr (info::is_defaulted) {
                        if constexpr (requires { m.clear(); }) m.clear();
                        else m = typename info::type{};
                    }
                }
            });
        }
        if constexpr (wide) d.wide_pop(words);
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"an object", &object_begin, &object_end, nullptr, nullptr, &key, nullptr, nullptr, nullptr, nullptr};
};

// ---- tagged unions: record the object's events (the tag may come last), then replay them into the
// chosen alternative through the same frame stack: no text buffering, no second parse ----

// Per-thread scratch reused across decodes, so a steady loop of decode_into allocates nothing.
inline std::vector<std::unique_ptr<union_scratch>>& union_scratch_pool()
{
    thread_local std::vector<std::unique_ptr<union_scratch>> pool;
    return pool;
}
class union_scratch_lease {
public:
    union_scratch_lease()
    {
        auto& pool = union_scratch_pool();
        if (pool.empty()) {
            s_ = std::make_unique<union_scratch>();
        } else {
            s_ = std::move(pool.back());
            pool.pop_back();
        }
        s_->events.clear();
        s_->text.clear();
    }
    ~union_scratch_lease() { union_scratch_pool().push_back(std::move(s_)); }
    union_scratch_lease(union_scratch_lease const&) = delete;
    union_scratch_lease& operator=(union_scratch_lease const&) = delete;
    union_scratch& get() noexcept { return *s_; }

private:
    std::unique_ptr<union_scratch> s_;
};

// Delivers recorded events [from, to) to the frames on the stack, as the parser would have.
// Indices, not references: a union inside the replayed events records after `to` and may move the tape.
inline bool replay(decoder& d, std::size_t from, std::size_t to)
{
    for (std::size_t i = from; i < to; ++i) {
        tape_event const& e = d.scratch->events[i];  // read before delivering: delivery may grow the tape
        frame& f = d.top();
        bool ok = true;
        switch (e.kind) {
        case tape_event::header: break;
        case tape_event::object_begin: ok = d.deliver_object_begin(f); break;
        case tape_event::object_end: ok = f.ops->object_end(d, f); break;
        case tape_event::array_begin: ok = d.deliver_array_begin(f); break;
        case tape_event::array_end: ok = f.ops->array_end(d, f); break;
        case tape_event::key: ok = f.ops->key(d, f, d.tape_string(e)); break;
        case tape_event::string_part: ok = d.deliver_string_part(f, d.tape_string(e), false); break;
        case tape_event::string_last: ok = d.deliver_string_part(f, d.tape_string(e), true); break;
        case tape_event::number: {
            number_event ev;
            ev.kind = e.number_kind;
            switch (e.number_kind) {
            case number_event::int64: ev.i = e.i; break;
            case number_event::uint64: ev.u = e.u; break;
            case number_event::floating: ev.d = e.d; break;
            }
            ev.text = d.tape_string(e);
            ok = d.deliver_number(f, ev);
            break;
        }
        case tape_event::boolean: ok = d.deliver_boolean(f, e.flag); break;
        case tape_event::null: ok = d.deliver_null(f); break;
        }
        if (!ok) return false;
    }
    return true;
}

template <class U>
struct union_codec {
    static_assert(U::key_count <= union_scratch::max_tag_keys, "apibind: a tagged union may have at most 4 tag keys");

    static bool object_begin(decoder& d, frame& f)
    {
        union_scratch& s = *d.scratch;
        f.state = s.events.size();  // where this recording starts
        d.record(tape_event::header).offset = s.text.size();
        for (std::size_t k = 0; k < U::key_count; ++k) s.tag_kinds[k] = tag_kind::absent;
        d.rec.depth = 1;
        d.rec.in_string = false;
        d.rec.tag_next = tape_recorder::none;
        d.rec.tag_reading = tape_recorder::none;
        f.ops = &recording_ops;
        return true;
    }

    // ---- recording (the tag rule: the last string or boolean value of a tag key at depth 1) ----
    static bool open(decoder& d, tape_event::kind_t k)
    {
        if (d.rec.depth >= tape_recorder::max_depth)
            return d.fail(error_code::limit_exceeded, "nesting deeper than " + std::to_string(tape_recorder::max_depth));
        d.rec.tag_next = tape_recorder::none;
        ++d.rec.depth;
        d.record(k);
        return true;
    }
    static bool rec_object_begin(decoder& d, frame&) { return open(d, tape_event::object_begin); }
    static bool rec_array_begin(decoder& d, frame&) { return open(d, tape_event::array_begin); }
    static bool rec_object_end(decoder& d, frame& f)
    {
        if (--d.rec.depth == 0) return finish(d, f);
        d.record(tape_event::object_end);
        return true;
    }
    static bool rec_array_end(decoder& d, frame&)
    {
        --d.rec.depth;
        d.record(tape_event::array_end);
        return true;
    }
    static bool rec_key(decoder& d, frame&, std::string_view k)
    {
        d.rec.tag_next = tape_recorder::none;
        if (d.rec.depth == 1) {
            for (std::size_t i = 0; i < U::key_count; ++i)
                if (k.size() == U::keys[i].size() && same_bytes(k.data(), U::keys[i].data(), k.size()))
                    d.rec.tag_next = static_cast<unsigned char>(i);
        }
        d.record_string(tape_event::key, k);
        return true;
    }
    static bool rec_string_part(decoder& d, frame&, std::string_view s, bool last)
    {
        union_scratch& sc = *d.scratch;
        if (!d.rec.in_string) {
            d.rec.in_string = true;
            d.rec.tag_reading = d.rec.tag_next;
            if (d.rec.tag_reading != tape_recorder::none) {
                sc.tag[d.rec.tag_reading].clear();
                sc.tag_kinds[d.rec.tag_reading] = tag_kind::string;
            }
            d.rec.tag_next = tape_recorder::none;
        }
        if (d.rec.tag_reading != tape_recorder::none) sc.tag[d.rec.tag_reading].append(s.data(), s.size());
        if (last) {
            d.rec.in_string = false;
            d.rec.tag_reading = tape_recorder::none;
        }
        d.record_string(last ? tape_event::string_last : tape_event::string_part, s);
        return true;
    }
    static bool rec_number(decoder& d, frame&, number_event const& ev)
    {
        d.rec.tag_next = tape_recorder::none;
        tape_event& e = d.record_string(tape_event::number, ev.text);
        e.number_kind = ev.kind;
        switch (ev.kind) {
        case number_event::int64: e.i = ev.i; break;
        case number_event::uint64: e.u = ev.u; break;
        case number_event::floating: e.d = ev.d; break;
        }
        return true;
    }
    static bool rec_boolean(decoder& d, frame&, bool b)
    {
        if (d.rec.tag_next != tape_recorder::none) {
            d.scratch->tag[d.rec.tag_next].assign(b ? "true" : "false");
            d.scratch->tag_kinds[d.rec.tag_next] = tag_kind::boolean;
        }
        d.rec.tag_next = tape_recorder::none;
        d.record(tape_event::boolean).flag = b;  // the only field a boolean reads
        return true;
    }
    static bool rec_null(decoder& d, frame&)
    {
        d.rec.tag_next = tape_recorder::none;
        d.record(tape_event::null);
        return true;
    }
    static constexpr value_ops recording_ops{"an object", &rec_object_begin, &rec_object_end, &rec_array_begin, &rec_array_end,
                                             &rec_key, &rec_string_part, &rec_number, &rec_boolean, &rec_null};

    // The alternative whose every tag matches what the document holds; alternative_count if none.
    static std::size_t choose(union_scratch const& s) noexcept
    {
        for (std::size_t i = 0; i < U::alternative_count; ++i) {
            bool match = true;
            for (std::size_t k = 0; k < U::key_count && match; ++k) {
                tag_spec const& t = U::alternative_tags()[i][k];
                match = s.tag_kinds[k] == t.kind && s.tag[k] == t.text;
            }
            if (match) return i;
        }
        return U::alternative_count;
    }

    // ---- the object is complete: decode the chosen alternative (or keep it raw) from the tape ----
    static bool finish(decoder& d, frame& f)
    {
        U& u = *static_cast<U*>(f.target);
        union_scratch& s = *d.scratch;
        std::size_t const start = static_cast<std::size_t>(f.state);
        std::size_t const end = s.events.size();
        std::size_t const text_start = s.events[start].offset;
        std::size_t const index = choose(s);

        std::size_t const at = d.size_ - 1;  // this frame; the stack may move while replaying
        bool ok = true;
        if (index == U::alternative_count) {
            // Unknown (or absent) tag: keep the whole object as compact JSON.
            auto* un = std::get_if<unrecognised>(&u.variant());
            if (!un) un = &u.variant().template emplace<unrecognised>();
            if (s.tag_kinds[0] == tag_kind::absent) un->tag.clear();
            else un->tag.assign(s.tag[0]);
            f.ops = &capture_codec<pop_when_captured>::ops;
            d.begin_capture(&un->raw.text);
            ok = d.capture_open('{') && replay(d, start + 1, end);
            if (ok) {
                frame& self = d.frames_[at];
                ok = self.ops->object_end(d, self);
            }
        } else {
            boost::mp11::mp_with_index<U::alternative_count>(index, [&](auto I) {
                constexpr std::size_t i = decltype(I)::value;
                if (u.variant().index() != i) u.variant().template emplace<i>();
                using alt_t = std::variant_alternative_t<i, typename U::variant_type>;
                f.target = &std::get<i>(u.variant());
                f.ops = ops_for<alt_t>();
                f.state = 0;
                f.hint = 0;
                f.open = false;
            });
            ok = d.deliver_object_begin(f) && replay(d, start + 1, end);
            if (ok) {
                frame& self = d.frames_[at];
                ok = self.ops->object_end(d, self);  // validates and pops this frame
            }
        }
        if (ok) {
            s.events.truncate(start);
            s.text.resize(text_start);
        }
        return ok;
    }
};

template <class K, class... A>
struct codec<basic_tagged_union<K, A...>> {
    static constexpr value_ops ops{"an object", &union_codec<basic_tagged_union<K, A...>>::object_begin, nullptr, nullptr, nullptr,
                                   nullptr, nullptr, nullptr, nullptr, nullptr};
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
            return d.fail(error_code::type_mismatch, std::string("expected ") + ops_for<wire_t>()->expected, d.path_of(level));
        return convert(d, target, w, level);
    }
    // Strings may arrive in parts; the wire value sees them whole.
    static bool string_part(decoder& d, frame& f, std::string_view s, bool last)
    {
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
            if (!decode_buffer(text, w, d.opt, &d, e)) {
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

// ---- the entry point ----

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out)
{
    boost::json::parse_options po;
    po.max_depth = opt.max_depth;
    boost::json::basic_parser<decoder> p(po, opt, parent);
    decoder& d = p.handler();
    union_scratch_lease scratch;
    d.scratch = &scratch.get();
    d.input_begin = bytes.data();
    d.input_end = bytes.data() + bytes.size();
    d.push(&target, ops_for<T>());
    boost::system::error_code ec;
    std::size_t const consumed = p.write_some(false, bytes.data(), bytes.size(), ec);
    if (d.failed) {
        out = std::move(d.err);
        return false;
    }
    if (!ec && d.empty()) {
        // basic_parser stops after one document: anything but white space after it is an error.
        for (std::size_t i = consumed; i < bytes.size(); ++i) {
            char const c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out = make_error(error_kind::decode, error_code::syntax, "unexpected data after the JSON document at byte " + std::to_string(i));
                return false;
            }
        }
        return true;
    }
    {
        bool const too_deep = ec == boost::json::error::too_deep;
        std::string m = ec ? ec.message() : std::string("incomplete JSON");
        if (too_deep) m = "nesting deeper than the limit of " + std::to_string(opt.max_depth);
        if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
            m = "empty input: no JSON value";  // not "incomplete JSON at byte 0"
        } else {
            m += " at byte ";
            m += std::to_string(consumed);
        }
        out = make_error(error_kind::decode, too_deep ? error_code::limit_exceeded : error_code::syntax, std::move(m));
        out.path = d.path();
        return false;
    }
}

}  // namespace apibind::json::detail

#endif
