// The writer side of the codec: appends JSON for a value straight into a std::string,
// with each member's `"key":` prefix precomputed at compile time.
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

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <variant>

namespace apibind::json::detail {

// Keeps every member; the client passes another filter to leave out query and path members.
struct keep_all_members {
    constexpr bool operator()(std::string_view) const noexcept { return true; }
};

// Appends to a std::string through a cursor. The string's length covers the working area while
// the writer lives; the destructor cuts it back to what was written, so `out` always ends up holding
// its old contents followed by complete (or, after an exception, partial) output.
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

    // Room for n more bytes from the cursor.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    void reserve(std::size_t n)
    {
        if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
    }
    char* cursor() const noexcept { return p_; }
    void advance_to(char* p) noexcept { p_ = p; }

    // These assume reserve() made the room.
    void put(char c) noexcept { *p_++ = c; }
    void put(char const* s, std::size_t n) noexcept
    {
        std::memcpy(p_, s, n);
        p_ += n;
    }
    template <std::size_t N>
    void put_literal(char const (&s)[N]) noexcept  // a string literal, without its terminator
    {
        std::memcpy(p_, s, N - 1);
        p_ += N - 1;
    }

private:
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    void grow(std::size_t n)
    {
        std::size_t const used = static_cast<std::size_t>(p_ - out_.data());
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
    }

    std::string& out_;
    char* p_ = nullptr;
    char* end_ = nullptr;
};

template <class T>
void write(writer& w, T const& v);

inline void write_string(writer& w, std::string_view s)
{
    w.reserve(6 * s.size() + 2);
    char* p = w.cursor();
    *p++ = '"';
    p = escape_to(p, s);
    *p++ = '"';
    w.advance_to(p);
}

template <class T, class Filter = keep_all_members>
void write_struct(writer& w, T const& v, Filter const& keep = {})
{
    w.reserve(1);
    w.put('{');
    bool first = true;
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        using info = member_info<T, decltype(d)>;
        auto const& m = v.*d.pointer;
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
        w.reserve(info::prefix.size() + 1);
        if (!first) w.put(',');
        first = false;
        w.put(info::prefix.data(), info::prefix.size());
        write(w, m);
    });
    w.reserve(1);
    w.put('}');
}

template <class Number>
void write_number(writer& w, Number n)
{
    if constexpr (std::is_floating_point_v<Number>) {
        if (!std::isfinite(n)) {  // JSON has no NaN or infinity
            w.reserve(4);
            w.put_literal("null");
            return;
        }
    }
    constexpr std::size_t room = 64;
    w.reserve(room);
    auto const r = std::to_chars(w.cursor(), w.cursor() + room, n);
    w.advance_to(r.ptr);
}

inline void write_null(writer& w)
{
    w.reserve(4);
    w.put_literal("null");
}

inline void write_bool(writer& w, bool b)
{
    w.reserve(5);
    if (b) w.put_literal("true");
    else w.put_literal("false");
}

// JSON text kept verbatim (raw_json, any_value numbers and containers).
inline void write_raw(writer& w, std::string_view text)
{
    w.reserve(text.size());
    w.put(text.data(), text.size());
}

template <class T>
void write(writer& w, T const& v)
{
    if constexpr (has_wire_traits<T>) {  // a user's wire_traits come first
        static_assert(wire_traits_complete<T>,
                      "apibind: json::wire_traits<T> needs static to_wire(T const&) and static bool from_wire(wire_type const&, T&)");
        write(w, wire_traits<T>::to_wire(v));
    } else if constexpr (std::is_same_v<T, bool>) {
        write_bool(w, v);
    } else if constexpr (std::is_arithmetic_v<T>) {
        write_number(w, v);
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        write_string(w, v);
    } else if constexpr (std::is_same_v<T, null_t>) {
        write_null(w);
    } else if constexpr (is_literal_v<T>) {
        write_string(w, T::value);
    } else if constexpr (is_bool_literal_v<T>) {
        write_bool(w, T::value);
    } else if constexpr (is_open_enum_v<T>) {
        write_string(w, v.to_string());
    } else if constexpr (is_described_enum_v<T>) {
        if (auto const* e = find_enum_name(v)) write_string(w, e->name);
        else write_null(w);  // a value outside the enumerators has no wire form
    } else if constexpr (is_optional_v<T>) {
        if (v) write(w, *v);
        else write_null(w);
    } else if constexpr (is_nullable_v<T>) {
        if (v.has_value()) write(w, *v);
        else write_null(w);
    } else if constexpr (is_defaulted_v<T>) {
        write(w, v.get());
    } else if constexpr (std::is_same_v<T, raw_json>) {
        if (v.text.empty()) write_null(w);
        else write_raw(w, v.text);
    } else if constexpr (std::is_same_v<T, any_value>) {
        switch (v.kind()) {
        case value_kind::null: write_null(w); break;
        case value_kind::boolean: write_bool(w, *v.as_bool()); break;
        case value_kind::string: write_string(w, v.text()); break;
        case value_kind::number:
        case value_kind::object:
        case value_kind::array:
            if (v.text().empty()) write_null(w);
            else write_raw(w, v.text());
            break;
        }
    } else if constexpr (is_vector_v<T>) {
        w.reserve(1);
        w.put('[');
        bool first = true;
        for (auto const& e : v) {
            if (!first) {
                w.reserve(1);
                w.put(',');
            }
            first = false;
            write(w, e);
        }
        w.reserve(1);
        w.put(']');
    } else if constexpr (is_record_v<T> || string_keyed_map<T>) {
        w.reserve(1);
        w.put('{');
        bool first = true;
        for (auto const& [k, e] : v) {
            if (!first) {
                w.reserve(1);
                w.put(',');
            }
            first = false;
            write_string(w, k);
            w.reserve(1);
            w.put(':');
            write(w, e);
        }
        w.reserve(1);
        w.put('}');
    } else if constexpr (is_tagged_union_v<T>) {
        v.visit(
            [&](auto const& alt) {
                using A = std::remove_cvref_t<decltype(alt)>;
                if constexpr (std::is_same_v<A, unrecognised>) {
                    if (!alt.raw.text.empty()) {
                        write_raw(w, alt.raw.text);
                    } else {  // built by hand: at least carry the tag
                        w.reserve(1);
                        w.put('{');
                        write_string(w, T::tag_key);
                        w.reserve(1);
                        w.put(':');
                        write_string(w, alt.tag);
                        w.reserve(1);
                        w.put('}');
                    }
                } else {
                    write(w, alt);
                }
            });
    } else if constexpr (is_described_struct_v<T>) {
        write_struct(w, v);
    } else {
        static_assert(unsupported_type<T>::reported);  // one error, naming T and the fix
    }
}

// ---- the std::string entry points ----

template <class T>
void write_value(std::string& out, T const& v)
{
    writer w(out);
    write(w, v);
}

template <class T, class Filter = keep_all_members>
void write_struct(std::string& out, T const& v, Filter const& keep = {})
{
    writer w(out);
    write_struct(w, v, keep);
}

}  // namespace apibind::json::detail

#endif
