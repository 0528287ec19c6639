// The decoder's fast path, and the entry point that runs a decode. The descent reads the document
// by recursive descent, directed by the same per-type tables the events use (decode_value.hpp):
// a described struct reads its keys and stores its leaf members where they stand, a vector or a
// record reads its elements, a wrapper or a tagged union becomes its value, a scalar goes to its
// type's event function; every other object or array (an any_value's, a raw_json, a map, a wire
// type's, an unknown member's, an unrecognised alternative) is read by the reader as events, one
// value at a time. For the common values no event calls, no frames, one pass. The shared family
// functions read each type's table, so a described type still adds data, not code.
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

#if defined(__SSE2__)
// Bit i set where a[i] == b[i], for i < 32, one byte_lanes block at a time (reader.hpp): the bits
// of a block that does not reach byte `used` are zero. Both sides readable for 32 bytes.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline std::uint32_t equal_bytes(char const* a, char const* b, std::size_t used) noexcept
{
    using L = byte_lanes;
    constexpr std::size_t width = L::width;
    std::uint64_t equal = 0;
    for (std::size_t at = 0; at < 32; at += width)
        if (at == 0 || used > at) equal |= L::bits(L::equal(L::load(a + at), L::load(b + at))) << at;
    return static_cast<std::uint32_t>(equal);
}
#endif

class descent {
public:
    // The decoder and reader are the ones the events would use (the reader over the whole input).
    // `reused`: the target holds the last decode's values (decode_into), not new ones.
    descent(decoder& d, reader& r, std::string_view in, bool reused) noexcept
        : d_(d), r_(r), p_(in.data()), end_(in.data() + in.size()), begin_(in.data()), text_(d.scratch->value_text),
          key_(d.scratch->key_text), max_depth_(d.opt.max_depth < max_recursion ? d.opt.max_depth : max_recursion),
          max_string_(d.opt.max_string_length), max_array_(d.opt.max_array_length), reused_(reused)
    {
    }
    descent(descent const&) = delete;
    descent& operator=(descent const&) = delete;

    // The whole document into target; false if the descent gives up (the target is then partly updated).
    bool document(value_ops const* ops, void* target)
    {
        r_.skip_space(p_);
        if (p_ == end_ || !value(ops, target)) return false;
        r_.skip_space(p_);
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
    // decode_options' limits, held here (one load each instead of two); the depth also within max_recursion.
    std::size_t const max_depth_;
    std::size_t const max_string_;
    std::size_t const max_array_;
    // Whether the value being read was there before this decode (decode_into: a tagged union then
    // tries the alternative it holds first, see tagged), and whether such a try is under way.
    bool reused_;
    bool trying_held_ = false;
    // Tries that succeeded and failed in this decode: no more tries once the failures outnumber
    // the successes, so a document whose unions all changed wastes one try, not one per union.
    std::size_t tries_won_ = 0;
    std::size_t tries_lost_ = 0;

    // A container opens at p_: within the limit the reader enforces, and within the recursion.
    bool open() noexcept
    {
        if (depth_ >= max_depth_) return false;
        ++depth_;
        ++p_;
        return true;
    }

    // Any value of the type `ops` decodes, at p_ (white space skipped).
    bool value(value_ops const* ops, void* target)
    {
        // A wrapper is its value (as the events' wrapper frame becomes the inner frame), except
        // for a null it takes itself.
        if (ops->null == &wrapper_null) return wrapped(ops, target);
        switch (*p_) {
        case '{':
            if (ops->key == &struct_key) return object(ops, target);
            if (ops->object_begin == &union_object_begin) return tagged(ops, target);
            if (ops->object_begin == &record_object_begin) return record(ops, target);
            return by_events(ops, target);
        case '[':
            if (ops->array_end == &vector_array_end) return array(ops, target);
            return by_events(ops, target);
        default: return scalar(ops, target);
        }
    }

    bool wrapped(value_ops const* ops, void* target)
    {
        while (ops->null == &wrapper_null) {
            wrapper_table const& w = table_after<wrapper_table>(ops);
            if (*p_ == 'n' && w.empty != nullptr) {
                if (!r_.literal(p_, "null")) return false;
                w.empty(target);
                return true;
            }
            // An optional or nullable may make its value now: taken as new (json::defaulted's
            // value is always there).
            if (w.empty != nullptr && reused_) return as_new(w.inner, w.ensure(target));
            target = w.ensure(target);
            ops = w.inner;
        }
        return value(ops, target);
    }
    // A value read as one this decode made (reused_ false), within one that was reused.
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    bool as_new(value_ops const* ops, void* target)
    {
        reused_ = false;
        bool const ok = value(ops, target);
        reused_ = true;
        return ok;
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
            ok = r_.read_string(p_, text_, s) && s.size() <= max_string_ && ops->string_part != nullptr &&
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

    // The loops of objects and arrays keep their position in a local `p` (a register; p_ in
    // memory would be reloaded after every byte stored, as a char store may alias it) and hand it
    // over through p_ around the calls that take it: value() and by_events(). The reader's
    // functions that are not inlined get a copy, so that `p` never escapes.
#if defined(__GNUC__)
#define APIBIND_DESCENT_INLINE [[gnu::always_inline]]
#else
#define APIBIND_DESCENT_INLINE
#endif

    // White space is rare between tokens (minified documents have none): test one byte first.
    APIBIND_DESCENT_INLINE void skip_space(char const*& p, char const* end) const noexcept
    {
        if (p != end && static_cast<unsigned char>(*p) <= ' ') {
            char const* q = p;
            r_.skip_space(q);
            p = q;
        }
    }

    // The common number, a non-negative integer of at most 18 digits with no fraction or exponent,
    // read inline (p past it); false for any other (p unchanged), which the reader reads.
    APIBIND_DESCENT_INLINE bool plain_integer(char const*& p, number_event& ev) const noexcept
    {
        if (*p < '1' || *p > '9') return false;  // "0", "-…", "0…" and anything else: the reader's
        char const* d = p;
        char const* const stop = end_ - d > 18 ? d + 18 : end_;
        std::uint64_t u = 0;
        do {
            u = u * 10 + static_cast<std::uint64_t>(*d - '0');
            ++d;
        } while (d != stop && is_digit(*d));
        if (d != end_ && (is_digit(*d) || *d == '.' || (*d | 0x20) == 'e')) return false;
        ev.i = static_cast<std::int64_t>(u);
        ev.text = std::string_view(p, static_cast<std::size_t>(d - p));
        p = d;
        return true;
    }

    // A leaf member's value (decoder.hpp, pending_leaf), stored with the decoder's own functions.
    APIBIND_DESCENT_INLINE bool leaf(pending_leaf const& l, char const*& p)
    {
        char const* q = p;
        bool ok = false;
        switch (*q) {
        case '"': {
            std::string_view s;
            ok = r_.read_string(q, text_, s) && store_leaf_string(l, s, max_string_);
            break;
        }
        case 't': ok = r_.literal(q, "true") && store_leaf_bool(l, true); break;
        case 'f': ok = r_.literal(q, "false") && store_leaf_bool(l, false); break;
        case 'n': ok = r_.literal(q, "null") && store_leaf_null(l); break;
        default: {
            number_event ev;
            if (plain_integer(q, ev)) {
                ok = store_leaf_number(l, ev);
                break;
            }
            if (*q != '-' && !is_digit(*q)) return false;
            ok = r_.read_number(q, ev) && store_leaf_number(l, ev);
            break;
        }
        }
        p = q;
        return ok;
    }

    // The key at p (its opening quote) of an object of struct t, and the colon after it: the
    // member's index, t.count for an unknown key; false if the key is not valid or too long. As
    // the events' key path: the member expected next is compared where it stands, plain keys are
    // found by hash where they stand, others are read by the reader.
    APIBIND_DESCENT_INLINE bool key(struct_table const& t, std::size_t expected, char const*& p, char const* end, std::size_t& index)
    {
        char const* const at = p + 1;
        std::size_t const max = max_string_;
        if (expected < t.expected_limit) {
            struct_member const& m = t.members[expected];
            std::string_view const k = m.key;
            std::size_t const n = k.size();
            // The key, its closing quote and a colon with no space around it (minified documents):
            // tested together; with spaces the general way below reads it.
            auto const byte_wise = [&] {
                return static_cast<std::size_t>(end - at) > n + 2 && at[n] == '"' && at[n + 1] == ':' &&
                       static_cast<unsigned char>(at[n + 2]) > ' ' && same_bytes(k.data(), at, n);
            };
#if defined(__SSE2__)
            // As one 32-byte block (AVX2) or two 16-byte ones where the input has room: the key pool
            // holds each key followed by `":` and is padded (decode_value.hpp, struct_codec), so its
            // side may read a whole block.
            bool const matched = m.key_block != 0 && end - at >= 33
                                     ? (m.key_block & ~equal_bytes(k.data(), at, n + 2)) == 0 && static_cast<unsigned char>(at[n + 2]) > ' '
                                     : byte_wise();
#else
            bool const matched = byte_wise();
#endif
            if (matched && n <= max) {
                p = at + n + 2;
                index = expected;
                return true;
            }
        }
        std::string_view k;
        char const* const q = find_plain_ascii_end(at, end);
        if (q != end && *q == '"') {
            k = std::string_view(at, static_cast<std::size_t>(q - at));
            p = q + 1;
        } else {
            char const* r = p;
            if (!r_.read_string(r, key_, k)) return false;
            p = r;
        }
        if (k.size() > max) return false;
        index = find_member(t, k);
        return colon(p, end);
    }
    APIBIND_DESCENT_INLINE bool colon(char const*& p, char const* end) const noexcept
    {
        if (p == end || *p != ':') {
            skip_space(p, end);
            if (p == end || *p != ':') return false;
        }
        ++p;
        skip_space(p, end);
        return p != end;
    }
    // After a member or an element: true at a comma (p past it and white space, at the next one),
    // false at the closing bracket `close` (p past it) or anything else (`bad` set).
    APIBIND_DESCENT_INLINE bool next(char close, char const*& p, char const* end, bool& bad) const noexcept
    {
        if (end - p > 1 && *p == ',' && static_cast<unsigned char>(p[1]) > ' ') {  // no white space (minified)
            ++p;
            return true;
        }
        skip_space(p, end);
        if (p != end && *p == ',') {
            ++p;
            skip_space(p, end);
            bad = p == end;
            return !bad;
        }
        bad = p == end || *p != close;
        if (!bad) ++p;
        return false;
    }

    // The items of the container whose opening bracket is at p_ (an object's members, an array's
    // elements): item(p, end, i) reads item i, p at its first byte, and leaves p after it; `n`:
    // how many there were.
    template <class Item>
    APIBIND_DESCENT_INLINE bool items(char close, std::size_t& n, Item item)
    {
        if (!open()) return false;
        char const* const end = end_;
        char const* p = p_;
        skip_space(p, end);
        if (p == end) return false;
        n = 0;
        if (*p == close) {
            ++p;
        } else {
            bool bad = false;
            do {
                if (!item(p, end, n)) return false;
                ++n;
            } while (next(close, p, end, bad));
            if (bad) return false;
        }
        p_ = p;
        --depth_;
        return true;
    }
    // A value read by value(), which takes the position through p_; a described struct's object
    // (the usual container) without value()'s dispatch.
    APIBIND_DESCENT_INLINE bool value_at(char const*& p, value_ops const* ops, void* target)
    {
        p_ = p;
        if (!(*p == '{' && ops->key == &struct_key ? object(ops, target) : value(ops, target))) return false;
        p = p_;
        return true;
    }

    // A described struct, p_ at its '{'.
    bool object(value_ops const* ops, void* target)
    {
        struct_table const& t = table_after<struct_table>(ops);
        std::uint64_t seen[4] = {};  // at most 255 members; all four zeroed (two stores, where a loop over t.words calls memset)
        std::size_t expected = 0;
        std::size_t n = 0;
        bool const read = items('}', n, [&](char const*& p, char const* end, std::size_t) {
            if (*p != '"') return false;
            std::size_t i = 0;
            if (!key(t, expected, p, end, i)) return false;
            if (i == t.count) {  // unknown
                p_ = p;
                if (!skip()) return false;
                p = p_;
                return true;
            }
            seen[i / 64] |= std::uint64_t(1) << (i % 64);
            expected = i + 1;
            struct_member const& m = t.members[i];
            void* const member = static_cast<char*>(target) + member_offset(t, i);
            if (m.leaf != leaf::none) return leaf(pending_leaf{member, m.ops, m.key, m.leaf}, p);
            return value_at(p, m.ops, member);
        });
        return read && close_members(t, target, seen) == t.count;
    }

    // A json::record, p_ at its '{': any keys, each value of the one type.
    bool record(value_ops const* ops, void* target)
    {
        if (reused_) return as_new(ops, target);  // entries are found by key, not kept in place: taken as new
        record_table const& r = table_after<record_table>(ops);
        std::size_t n = 0;
        bool const read = items('}', n, [&](char const*& p, char const* end, std::size_t i) {
            if (*p != '"' || i >= max_array_) return false;
            std::string_view k;
            char const* q = p;
            if (!r_.read_string(q, key_, k) || k.size() > max_string_) return false;
            p = q;
            if (!colon(p, end)) return false;
            value_ops const* item_ops = nullptr;
            void* const item_target = r.entry(target, i, k, item_ops);
            return value_at(p, item_ops, item_target);
        });
        if (!read) return false;
        r.truncate(target, n);
        return true;
    }

    // A vector, p_ at its '['.
    bool array(value_ops const* ops, void* target)
    {
        vector_table const& v = table_after<vector_table>(ops);
        // Where the array stands in the input (the element function sizes a growing vector by it):
        // built once, the element's position updated for each.
        array_extent extent{reinterpret_cast<std::uintptr_t>(begin_), reinterpret_cast<std::uintptr_t>(end_), reinterpret_cast<std::uintptr_t>(p_), 0};
        std::size_t n = 0;
        bool const reused = reused_;
        bool const read = items(']', n, [&](char const*& p, char const*, std::size_t i) {
            if (i >= max_array_) return false;
            value_ops const* element_ops = nullptr;
            extent.at = reinterpret_cast<std::uintptr_t>(p);
            void* const element = v.element(target, i, extent, element_ops);
            if (reused && extent.appended) reused_ = false;  // appended elements, and all after them, are new
            return value_at(p, element_ops, element);
        });
        reused_ = reused;
        if (!read) return false;
        v.truncate(target, n);
        return true;
    }
#undef APIBIND_DESCENT_INLINE

    // A tagged union, p_ at its '{': the tags read ahead choose the alternative, which then reads
    // the object. An unknown or absent tag (json::unrecognised, captured as text) is the events'.
    //
    // A union decode_into reuses first tries the alternative it holds: its object is read as that
    // alternative, whose json::literal members check every tag key (tagged_union.hpp asserts each
    // alternative has them, and that no two alternatives have the same tags), so a read that
    // succeeds is the one the tags would have chosen, without reading them ahead. One that fails
    // (another alternative, or a bad document) is forgotten and the object read again the usual
    // way: at most twice, as unions inside a try do not try theirs; and no union tries once more
    // tries failed than succeeded in this decode.
#if defined(__GNUC__)
    [[gnu::noinline]]  // out of value(), which every value takes: its state would weigh there
#endif
    bool tagged(value_ops const* ops, void* target)
    {
        union_table const& u = table_after<union_table>(ops);
        std::size_t held_index = u.alternative_count;
        if (reused_) {
            held_index = u.held(target);
            if (!trying_held_ && tries_lost_ <= tries_won_ && held_index != u.alternative_count && try_held(u, target, held_index))
                return true;
        }
        decode_scratch& s = *d_.scratch;
        s.forget_tags();
        look_ahead_tags(p_ + 1, end_, u.keys, u.key_count, s.tag, s.tag_text, s.tag_kinds, s.look_text);
        std::size_t const index = choose_alternative(u, s);
        if (index == u.alternative_count) return by_events(ops, target);
        value_ops const* alternative_ops = nullptr;
        void* const held = u.select(target, index, alternative_ops);
        if (reused_ && index != held_index) return as_new(alternative_ops, held);  // another alternative: a new value
        // p_ is at the object's '{': an alternative that is a described struct (the usual) reads it now.
        if (alternative_ops->key == &struct_key) return object(alternative_ops, held);
        return value(alternative_ops, held);
    }
    bool try_held(union_table const& u, void* target, std::size_t index)
    {
        value_ops const* alternative_ops = nullptr;
        void* const held = u.select(target, index, alternative_ops);  // kept: it is the one held
        if (alternative_ops->key != &struct_key) return false;
        char const* const start = p_;
        std::size_t const depth = depth_;
        trying_held_ = true;
        bool const ok = object(alternative_ops, held);
        trying_held_ = false;
        if (ok) {
            ++tries_won_;
            return true;
        }
        ++tries_lost_;
        p_ = start;
        depth_ = depth;
        d_.forget();  // the frames and error the failed read left
        return false;
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
                              decode_scratch& scratch, bool reused)
{
    decoder d(opt, parent);
    d.scratch = &scratch;
    d.input_begin = bytes.data();
    d.input_end = bytes.data() + bytes.size();
    reader r(d, scratch.value_text, scratch.key_text, bytes);
    return descent(d, r, bytes, reused).document(ops, target);
}

// The decode runs here, once per program rather than once per decoded type. `reused`: target
// holds the values of an earlier decode (decode_into), not new ones.
inline bool decode_buffer(std::string_view bytes, void* target, value_ops const* ops, decode_options const& opt, decoder const* parent,
                          error& out, bool reused)
{
    decode_scratch_lease scratch;
    return decode_by_descent(bytes, target, ops, opt, parent, scratch.get(), reused) ||
           decode_by_events(bytes, target, ops, opt, parent, scratch.get(), out);
}

template <class T>
bool decode_buffer(std::string_view bytes, T& target, decode_options const& opt, decoder const* parent, error& out, bool reused)
{
    return decode_buffer(bytes, &target, ops_for<T>(), opt, parent, out, reused);
}

}  // namespace apibind::json::detail

#endif
