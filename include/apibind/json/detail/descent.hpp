// The decoder's fast path, and the entry point that runs a decode. The descent reads the document
// by recursive descent, directed by the same per-type tables the events use (decode_value.hpp):
// a described struct reads its keys and stores its leaf members where they stand, a vector reads
// its elements, a wrapper or a tagged union becomes its value; every other value (a record, an
// any_value, a wire type's object...) is read by the reader as events, one value at a time. No
// event calls, no frames, one pass. The shared family functions read each type's table, so a
// described type still adds data, not code.
//
// The descent never reports an error: whatever does not fit (a type mismatch, a limit, a syntax
// error, a missing member, nesting deeper than it recurses) makes it give up, and the events
// decode the whole document again from the start, which accepts and rejects exactly what they
// always did and names what is wrong and where. A document the descent decodes is one the events
// decode to the same value: it reads with the reader's own checks (strings, UTF-8, numbers,
// literals, limits) and stores with the decoder's own functions.
#ifndef APIBIND_JSON_DETAIL_DESCENT_HPP
#define APIBIND_JSON_DETAIL_DESCENT_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/decode_value.hpp>
#include <apibind/json/detail/decoder.hpp>
#include <apibind/json/detail/key_lookup.hpp>
#include <apibind/json/detail/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace apibind::json::detail {

class descent {
public:
    // The decoder and reader are the ones the events would use (the reader over the whole input).
    descent(decoder& d, reader& r, std::string_view in) noexcept
        : d_(d), r_(r), p_(in.data()), end_(in.data() + in.size()), begin_(in.data()), text_(d.scratch->value_text),
          key_(d.scratch->key_text)
    {
    }
    descent(descent const&) = delete;
    descent& operator=(descent const&) = delete;

    // The whole document into target; false if the descent gives up (the target is then partly updated).
    bool document(value_ops const* ops, void* target)
    {
        skip_space();
        if (p_ == end_ || !value(ops, target)) return false;
        skip_space();
        return p_ == end_;
    }

private:
    // Recursion is bounded by the type's nesting, except for a type that holds itself: deeper
    // documents are the events' (no recursion there), whatever decode_options::max_depth allows.
    static constexpr std::size_t max_recursion = 96;

    decoder& d_;
    reader& r_;
    char const* p_;
    char const* const end_;
    char const* const begin_;
    std::string& text_;  // a string value with escapes, decoded (the reader's buffer)
    std::string& key_;   // a key with escapes, decoded
    std::size_t depth_ = 0;  // open containers, as the reader counts them

#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    void skip_space() noexcept
    {
        r_.skip_space(p_);
    }
    // A container opens at p_: within the limit the reader enforces, and within the recursion.
    bool open() noexcept
    {
        if (depth_ >= d_.opt.max_depth || depth_ >= max_recursion) return false;
        ++depth_;
        ++p_;
        return true;
    }

    // Any value of the type `ops` decodes, at p_ (white space skipped).
    bool value(value_ops const* ops, void* target)
    {
        // A wrapper is its value (as the events' wrapper frame becomes the inner frame), except
        // for a null it takes itself.
        while (ops->null == &wrapper_null) {
            wrapper_table const& w = table_after<wrapper_table>(ops);
            if (*p_ == 'n' && w.empty != nullptr) {
                if (!r_.literal(p_, "null")) return false;
                w.empty(target);
                return true;
            }
            target = w.ensure(target);
            ops = w.inner;
        }
        switch (*p_) {
        case '{':
            if (ops->key == &struct_key) return object(ops, target);
            if (ops->object_begin == &union_object_begin) return tagged(ops, target);
            return by_events(ops, target);
        case '[':
            if (ops->array_end == &vector_array_end) return array(ops, target);
            return by_events(ops, target);
        default: return scalar(ops, target);
        }
    }

    // A string, number or literal, handed to the type's own event function in a frame of its own
    // (which it pops), as the events would.
    bool scalar(value_ops const* ops, void* target)
    {
        frame& f = d_.push(target, ops);
        bool ok = false;
        switch (*p_) {
        case '"': {
            std::string_view s;
            ok = r_.read_string(p_, text_, s) && s.size() <= d_.opt.max_string_length && ops->string_part != nullptr &&
                 ops->string_part(d_, f, s, true);
            break;
        }
        case 't': ok = r_.literal(p_, "true") && ops->boolean != nullptr && ops->boolean(d_, f, true); break;
        case 'f': ok = r_.literal(p_, "false") && ops->boolean != nullptr && ops->boolean(d_, f, false); break;
        case 'n': ok = r_.literal(p_, "null") && ops->null != nullptr && ops->null(d_, f); break;
        default: {
            if (*p_ != '-' && !is_digit(*p_)) return false;
            number_event ev;
            ok = r_.read_number(p_, ev) && ops->number != nullptr && ops->number(d_, f, ev);
            break;
        }
        }
        return ok && d_.empty();
    }

    // A leaf member's value (decoder.hpp, pending_leaf), stored with the decoder's own functions.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool leaf(pending_leaf const& l)
    {
        switch (*p_) {
        case '"': {
            std::string_view s;
            return r_.read_string(p_, text_, s) && store_leaf_string(l, s, d_.opt.max_string_length);
        }
        case 't': return r_.literal(p_, "true") && store_leaf_bool(l, true);
        case 'f': return r_.literal(p_, "false") && store_leaf_bool(l, false);
        case 'n': return r_.literal(p_, "null") && store_leaf_null(l);
        default: {
            if (*p_ != '-' && !is_digit(*p_)) return false;
            number_event ev;
            return r_.read_number(p_, ev) && store_leaf_number(l, ev);
        }
        }
    }

    // The key at p_ (its opening quote) of an object of struct t, and the colon after it: the
    // member's index, t.count for an unknown key; false if the key is not valid or too long. As
    // the events' key path: the member expected next is compared where it stands, plain keys are
    // found by hash where they stand, others are read by the reader.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool key(struct_table const& t, std::size_t expected, std::size_t& index)
    {
        char const* const at = p_ + 1;
        std::size_t const max = d_.opt.max_string_length;
        if (expected < t.expected_limit) {
            std::string_view const k = t.members[expected].key;
            std::size_t const n = k.size();
            if (static_cast<std::size_t>(end_ - at) > n && at[n] == '"' && same_bytes(k.data(), at, n) && n <= max) {
                p_ = at + n + 1;
                index = expected;
                return colon();
            }
        }
        std::string_view k;
        char const* const q = find_plain_ascii_end(at, end_);
        if (q != end_ && *q == '"') {
            k = std::string_view(at, static_cast<std::size_t>(q - at));
            p_ = q + 1;
        } else if (!r_.read_string(p_, key_, k)) {
            return false;
        }
        if (k.size() > max) return false;
        index = find_member(t, k);
        return colon();
    }
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool colon() noexcept
    {
        if (p_ == end_ || *p_ != ':') {
            skip_space();
            if (p_ == end_ || *p_ != ':') return false;
        }
        ++p_;
        skip_space();
        return p_ != end_;
    }
    // After a member or an element: true at a comma (p_ past it and white space, at the next one),
    // false at the closing bracket `close` (p_ past it) or anything else (`bad` set).
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    bool next(char close, bool& bad) noexcept
    {
        skip_space();
        if (p_ != end_ && *p_ == ',') {
            ++p_;
            skip_space();
            bad = p_ == end_;
            return !bad;
        }
        bad = p_ == end_ || *p_ != close;
        if (!bad) ++p_;
        return false;
    }

    // A described struct, p_ at its '{'.
    bool object(value_ops const* ops, void* target)
    {
        struct_table const& t = table_after<struct_table>(ops);
        if (!t.measured->load(std::memory_order_acquire)) t.measure(target);
        if (!open()) return false;
        std::uint64_t seen[4];  // at most 255 members
        for (std::size_t w = 0; w < t.words; ++w) seen[w] = 0;
        skip_space();
        if (p_ == end_) return false;
        if (*p_ == '}') {
            ++p_;
        } else {
            std::size_t expected = 0;
            bool bad = false;
            do {
                if (*p_ != '"') return false;
                std::size_t i = 0;
                if (!key(t, expected, i)) return false;
                if (i == t.count) {
                    if (!skip()) return false;
                    continue;
                }
                seen[i / 64] |= std::uint64_t(1) << (i % 64);
                expected = i + 1;
                struct_member const& m = t.members[i];
                void* const member = static_cast<char*>(target) + t.offsets[i].load(std::memory_order_relaxed);
                if (m.leaf != leaf::none ? !leaf(pending_leaf{member, m.ops, m.key, m.leaf}) : !value(m.ops, member)) return false;
            } while (next('}', bad));
            if (bad) return false;
        }
        --depth_;
        return close_members(t, target, seen) == t.count;
    }

    // A vector, p_ at its '['.
    bool array(value_ops const* ops, void* target)
    {
        vector_table const& v = table_after<vector_table>(ops);
        char const* const start = p_;
        if (!open()) return false;
        skip_space();
        if (p_ == end_) return false;
        std::size_t n = 0;
        if (*p_ == ']') {
            ++p_;
        } else {
            bool bad = false;
            do {
                if (n >= d_.opt.max_array_length) return false;
                value_ops const* element_ops = nullptr;
                array_extent const extent{reinterpret_cast<std::uintptr_t>(begin_), reinterpret_cast<std::uintptr_t>(end_),
                                          reinterpret_cast<std::uintptr_t>(start), reinterpret_cast<std::uintptr_t>(p_)};
                void* const element = v.element(target, n, extent, element_ops);
                ++n;
                if (!value(element_ops, element)) return false;
            } while (next(']', bad));
            if (bad) return false;
        }
        --depth_;
        v.truncate(target, n);
        return true;
    }

    // A tagged union, p_ at its '{': the tags read ahead choose the alternative, which then reads
    // the object. An unknown or absent tag (json::unrecognised, captured as text) is the events'.
    bool tagged(value_ops const* ops, void* target)
    {
        union_table const& u = table_after<union_table>(ops);
        decode_scratch& s = *d_.scratch;
        for (std::size_t k = 0; k < u.key_count; ++k) s.tag_kinds[k] = tag_kind::absent;
        look_ahead_tags(p_ + 1, end_, u.keys, u.key_count, s.tag, s.tag_text, s.tag_kinds, s.look_text);
        std::size_t const index = choose_alternative(u, s);
        if (index == u.alternative_count) return by_events(ops, target);
        value_ops const* alternative_ops = nullptr;
        void* const held = u.select(target, index, alternative_ops);
        return value(alternative_ops, held);
    }

    // One value through the reader's events, into target (the events' own frames).
    bool by_events(value_ops const* ops, void* target)
    {
        d_.push(target, ops);
        return r_.run_one<struct_key_path>(p_, depth_) && d_.empty();
    }
    // An unknown member's value: read (and checked) by the reader, kept nowhere.
    bool skip() { return by_events(&skip_codec::ops, nullptr); }
};

// ---- the entry point ----

// The events over the whole document: what decodes when the descent gives up, and what names
// the error. Out of line: its decoder and reader do not share the descent's stack frame.
#if defined(__GNUC__)
[[gnu::noinline]]
#endif
inline bool decode_by_events(std::string_view bytes, void* target, value_ops const* ops, decode_options const& opt, decoder const* parent,
                             decode_scratch& scratch, error& out)
{
    decoder d(opt, parent);
    d.scratch = &scratch;
    d.input_begin = bytes.data();
    d.input_end = bytes.data() + bytes.size();
    d.push(target, ops);
    reader r(d, scratch.value_text, scratch.key_text, bytes);
    if (r.run<struct_key_path>()) return true;
    out = std::move(d.err);
    return false;
}

// The descent over the whole document; false if it gave up (the target is then partly updated).
inline bool decode_by_descent(std::string_view bytes, void* target, value_ops const* ops, decode_options const& opt, decoder const* parent,
                              decode_scratch& scratch)
{
    decoder d(opt, parent);
    d.scratch = &scratch;
    d.input_begin = bytes.data();
    d.input_end = bytes.data() + bytes.size();
    reader r(d, scratch.value_text, scratch.key_text, bytes);
    return descent(d, r, bytes).document(ops, target);
}

// The decode runs here, once per program rather than once per decoded type.
inline bool decode_buffer(std::string_view bytes, void* target, value_ops const* ops, decode_options const& opt, decoder const* parent,
                          error& out)
{
    decode_scratch_lease scratch;
    return decode_by_descent(bytes, target, ops, opt, parent, scratch.get()) || decode_by_events(bytes, target, ops, opt, parent, scratch.get(), out);
}

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out)
{
    return decode_buffer(bytes, &target, ops_for<T>(), opt, parent, out);
}

}  // namespace apibind::json::detail

#endif
