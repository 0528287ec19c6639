// Per-type event tables for the decoder, and the entry point that runs basic_parser over a buffer.
#ifndef APIBIND_JSON_DETAIL_DECODE_VALUE_HPP
#define APIBIND_JSON_DETAIL_DECODE_VALUE_HPP

#include <apibind/json/detail/decoder.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/describe/enum_from_string.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/integral.hpp>

#include <bit>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace apibind::json::detail {

template <class T>
struct codec;

template <class T>
constexpr value_ops const* ops_for() noexcept
{
    return &codec<T>::ops;
}

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out);

inline frame child_frame(void* target, value_ops const* ops) noexcept
{
    frame c;
    c.target = target;
    c.ops = ops;
    return c;
}

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
        switch (ev.kind) {
        case number_event::int64: t = static_cast<T>(ev.i); break;
        case number_event::uint64: t = static_cast<T>(ev.u); break;
        case number_event::floating: t = static_cast<T>(ev.d); break;
        }
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
            t.assign(s.data(), s.size());  // keeps capacity for decode_into
            f.state = 1;
        } else {
            t.append(s.data(), s.size());
        }
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
        bool found = false;
        boost::mp11::mp_for_each<bd::describe_enumerators<E>>([&](auto e) {
            if (!found && whole == e.name) {
                found = true;
                *static_cast<E*>(f.target) = e.value;
            }
        });
        if (!found) {
            std::string m = "unknown value " + quoted_excerpt(whole) + ", expected one of";
            char sep = ' ';
            boost::mp11::mp_for_each<bd::describe_enumerators<E>>([&](auto e) {
                m += sep;
                m += e.name;
                sep = ',';
            });
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
    d.push(child_frame(nullptr, &skip_codec::ops));
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
        if constexpr (is_nullable_v<Wrapper>) inner = &w.ensure_value();
        else inner = w ? &*w : &w.emplace();
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
        if constexpr (is_nullable_v<Wrapper>) w.set_null();
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

// ---- arrays ----

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
        if (i == v.size()) v.emplace_back();
        f.state = i + 1;
        frame c = child_frame(&v[i], ops_for<T>());
        c.seg = segment::index;
        c.index = i;
        d.push(c);  // may move the stack: use d.top() from here on
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
        if (i == entries.size()) entries.emplace_back();
        entries[i].first.assign(k.data(), k.size());
        f.state = i + 1;
        frame c = child_frame(&entries[i].second, ops_for<V>());
        c.seg = segment::key;
        c.key = &entries[i].first;
        d.push(c);
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
        frame c = child_frame(&it->second, ops_for<typename M::mapped_type>());
        c.seg = segment::key;
        c.key = &it->first;
        d.push(c);
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

template <class T>
    requires is_described_struct_v<T>
struct codec<T> {
    using members = members_of<T>;
    static constexpr std::size_t count = boost::mp11::mp_size<members>::value;
    static_assert(count <= 64, "apibind: a described struct may have at most 64 members");

    template <std::size_t... I>
    static constexpr std::array<std::string_view, count> make_keys(std::index_sequence<I...>)
    {
        return {member_info_at<T, I>::key...};
    }
    static constexpr std::array<std::string_view, count> keys = make_keys(std::make_index_sequence<count>());

    template <std::size_t... I>
    static constexpr std::uint64_t make_required(std::index_sequence<I...>)
    {
        return ((member_info_at<T, I>::is_required ? (std::uint64_t(1) << I) : 0) | ... | 0);
    }
    static constexpr std::uint64_t required = make_required(std::make_index_sequence<count>());
    static constexpr std::uint64_t all = count == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << count) - 1;
    static constexpr std::uint64_t resettable = all & ~required;  // optional or defaulted members

    template <std::size_t I>
    static void push_member(decoder& d, void* object)
    {
        using info = member_info_at<T, I>;
        auto& member = static_cast<T*>(object)->*(boost::mp11::mp_at_c<members, I>::pointer);
        frame c = child_frame(&member, ops_for<typename info::type>());
        c.seg = segment::member;
        c.name = info::key;
        d.push(c);
    }
    template <std::size_t... I>
    static constexpr std::array<void (*)(decoder&, void*), count> make_pushers(std::index_sequence<I...>)
    {
        return {&push_member<I>...};
    }
    static constexpr std::array<void (*)(decoder&, void*), count> pushers = make_pushers(std::make_index_sequence<count>());

    static bool object_begin(decoder&, frame& f)
    {
        f.open = true;
        f.state = 0;
        return true;
    }
    static bool key(decoder& d, frame& f, std::string_view k)
    {
        for (std::size_t i = 0; i < count; ++i) {
            if (keys[i] == k) {
                f.state |= std::uint64_t(1) << i;
                pushers[i](d, f.target);
                return true;
            }
        }
        return push_skip(d);
    }
    static bool object_end(decoder& d, frame& f)
    {
        std::uint64_t const seen = f.state;
        if (std::uint64_t const missing = required & ~seen) {
            std::string_view const k = keys[static_cast<std::size_t>(std::countr_zero(missing))];
            std::string where = d.path();
            if (!where.empty()) where += '.';
            where.append(k.data(), k.size());
            return d.fail(error_code::missing_member, "missing required member \"" + std::string(k) + "\"", std::move(where));
        }
        // decode_into: members absent from this document must not keep values from the last one.
        if (resettable & ~seen) {
            T& obj = *static_cast<T*>(f.target);
            boost::mp11::mp_for_each<boost::mp11::mp_iota_c<count>>([&](auto I) {
                constexpr std::size_t i = decltype(I)::value;
                using info = member_info_at<T, i>;
                if (!(seen & (std::uint64_t(1) << i))) {
                    auto& m = obj.*(boost::mp11::mp_at_c<members, i>::pointer);
                    if constexpr (info::is_optional) m.reset();
                    else if constexpr (info::is_defaulted) {
                        if constexpr (requires { m.clear(); }) m.clear();
                        else m = typename info::type{};
                    }
                }
            });
        }
        d.pop();
        return true;
    }
    static constexpr value_ops ops{"an object", &object_begin, &object_end, nullptr, nullptr, &key, nullptr, nullptr, nullptr, nullptr};
};

// ---- tagged unions: buffer the object (the tag may come last), then decode the chosen alternative ----

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
    }
    ~union_scratch_lease() { union_scratch_pool().push_back(std::move(s_)); }
    union_scratch_lease(union_scratch_lease const&) = delete;
    union_scratch_lease& operator=(union_scratch_lease const&) = delete;
    union_scratch& get() noexcept { return *s_; }

private:
    std::unique_ptr<union_scratch> s_;
};

template <class U>
struct union_finish {
    static bool finish(decoder& d, frame& f)
    {
        U& u = *static_cast<U*>(f.target);
        std::string_view const text = *d.cap.out;
        std::string_view const tag = *d.cap.tag_value;
        std::size_t index = U::alternative_count;
        for (std::size_t i = 0; i < U::alternative_count; ++i)
            if (!tag.empty() && U::tags[i] == tag) index = i;
        bool ok = true;
        if (index == U::alternative_count) {
            auto* un = std::get_if<unrecognised>(&u.variant());
            if (!un) un = &u.variant().template emplace<unrecognised>();
            un->tag.assign(tag.data(), tag.size());
            un->raw.text.assign(text.data(), text.size());
        } else {
            boost::mp11::mp_with_index<U::alternative_count>(index, [&](auto I) {
                constexpr std::size_t i = decltype(I)::value;
                if (u.variant().index() != i) u.variant().template emplace<i>();
                auto& alt = std::get<i>(u.variant());
                error e;
                if (!decode_buffer(text, alt, d.opt, &d, e)) {
                    d.failed = true;
                    d.err = std::move(e);
                    ok = false;
                }
            });
        }
        if (ok) d.pop();
        return ok;
    }
};

template <apibind::detail::fixed_string K, class... A>
struct codec<tagged_union<K, A...>> {
    using union_type = tagged_union<K, A...>;
    static bool object_begin(decoder& d, frame& f)
    {
        d.begin_capture(d.scratch_text(), union_type::tag_key, d.scratch_tag());
        f.ops = &capture_codec<union_finish<union_type>>::ops;
        return d.capture_open('{');
    }
    static constexpr value_ops ops{"an object", &object_begin, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
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
    d.push(child_frame(&target, ops_for<T>()));
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
        m += " at byte ";
        m += std::to_string(consumed);
        out = make_error(error_kind::decode, too_deep ? error_code::limit_exceeded : error_code::syntax, std::move(m));
        out.path = d.path();
        return false;
    }
}

}  // namespace apibind::json::detail

#endif
