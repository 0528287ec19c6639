// The event side of the codec: the reader (reader.hpp) delivers each value it reads to the
// decoder, which writes it straight into the target object. Each open value is a frame on an explicit stack (no recursion, so a hostile
// document cannot overflow the C++ stack); each C++ type has a constant table of event functions
// (value_ops), so the per-event cost is one indirect call. Families of types (described structs,
// optionals, vectors, tagged unions) share their event functions, which read what differs from a
// per-type table: a described type adds data, not code (see decode_value.hpp).
#ifndef APIBIND_JSON_DETAIL_DECODER_HPP
#define APIBIND_JSON_DETAIL_DECODER_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/escape.hpp>
#include <apibind/json/detail/is_finite.hpp>
#include <apibind/json/detail/key_lookup.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/tagged_union.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <utility>
#include <string>
#include <vector>
#include <string_view>

namespace apibind::json::detail {

// Error messages are built by these, out of line and cold: one call per message, where a chain of
// std::string appends and std::to_string inlined at each failing site was code that every
// translation unit that decodes compiled.
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
inline std::string join_text(std::initializer_list<std::string_view> parts)
{
    std::size_t n = 0;
    for (std::string_view p : parts) n += p.size();
    std::string m;
    m.reserve(n);
    for (std::string_view p : parts) m.append(p.data(), p.size());
    return m;
}

// An integer's decimal text, for join_text.
struct decimal_text {
    char digits[24];
    std::size_t size;
    operator std::string_view() const noexcept { return {digits, size}; }  // NOLINT: implicit, for join_text's list
};
template <class I>
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
decimal_text decimal(I v) noexcept
{
    decimal_text t;
    t.size = static_cast<std::size_t>(std::to_chars(t.digits, t.digits + sizeof t.digits, v).ptr - t.digits);
    return t;
}

struct decoder;
struct frame;

struct number_event {
    enum kind_t : unsigned char { int64, uint64, floating } kind = int64;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    std::string_view text;  // the number exactly as written
};

// How one C++ type reacts to parser events. Unset entries reject the event as a type mismatch.
// Families of types (described structs, optionals, vectors, unions) share one set of event
// functions, which read what differs per type from a table placed right after the value_ops
// (decode_value.hpp, ops_and_table): the code is compiled once, each type adds only a table.
struct value_ops {
    char const* expected;  // "a string", "an object", ... for error messages
    bool (*object_begin)(decoder&, frame&);
    bool (*object_end)(decoder&, frame&);
    bool (*array_begin)(decoder&, frame&);
    bool (*array_end)(decoder&, frame&);
    bool (*key)(decoder&, frame&, std::string_view);
    bool (*string_part)(decoder&, frame&, std::string_view, bool last);
    bool (*number)(decoder&, frame&, number_event const&);
    bool (*boolean)(decoder&, frame&, bool);
    bool (*null)(decoder&, frame&);
};

// A value_ops followed by its family's table: one object per type, the table found from the ops.
template <class Table>
struct ops_and_table {
    value_ops ops;
    Table table;
};
template <class Table>
Table const& table_after(value_ops const* ops) noexcept
{
    static_assert(std::is_standard_layout_v<ops_and_table<Table>>);
    return reinterpret_cast<ops_and_table<Table> const*>(ops)->table;
}

// What differs per wrapper type (optional, nullable, defaulted: decode_value.hpp); the event
// functions are shared by all of them, and leaf members read it too.
struct wrapper_table {
    value_ops const* inner;
    void* (*ensure)(void* wrapper);  // makes the value present; returns it
    void (*empty)(void* wrapper);    // null empties the wrapper; nullptr: null is the inner type's business
};

// Members whose value is one scalar of a common type (a leaf) are decoded without a frame: the
// struct's key records the member (decoder::leaf_), and the next value event stores straight into
// it. The kind is data in the struct's member table (decode_value.hpp, leaf_kind_of), so a
// described type adds no code for it. Anything the kind does not fit (a mismatch, an integer out
// of range, null for a non-nullable, an object...) goes the general way, through the member's
// frame and value_ops, so errors and paths are those of every other value.
namespace leaf {
enum kind : std::uint8_t {
    none,
    string,   // std::string
    text,     // a type stored as its text (json::stored_as_text: date_time): its ops' table is a text_table
    literal,  // json::literal<"..">: its text is the table after its ops
    boolean,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f64,
    in_optional = 0x40,  // with `wrapped`: the wrapper is std::optional of the kind's one type (made present inline)
    wrapped = 0x80       // flag: inside an optional, nullable or defaulted (its ops' table: wrapper_table)
};
}  // namespace leaf

// What differs per type stored as its text (decode_value.hpp, text_codec): how the text goes in.
struct text_table {
    void (*assign)(void* target, std::string_view text);
};

// The member whose leaf value comes next.
struct pending_leaf {
    void* target;           // the member (the wrapper, when wrapped)
    value_ops const* ops;   // the member's, for the general way
    std::string_view name;  // the member's key, for the path
    std::uint8_t kind;      // leaf::kind; leaf::none: no leaf pending
};

// std::string::assign for the decoder: the text is the input or the reader's scratch, never the
// target, so no aliasing checks. Text no longer than what the target holds (decode_into decoding
// documents alike) is copied in place, inline; longer text is appended to the emptied string.
// Text longer than the target's capacity (a new string): made to size, one allocation, where
// growing it would go through std::string's general replace.
#if defined(__GNUC__)
[[gnu::noinline]]
#endif
inline void assign_new_text(std::string& t, std::string_view s)
{
    std::string made(s);
    t.swap(made);
}
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline void assign_text(std::string& t, std::string_view s)
{
    std::size_t const n = s.size();
    if (n > t.size()) {
        std::size_t const capacity = t.capacity();
        if (n > capacity) return assign_new_text(t, s);
        if (capacity <= std::string().capacity()) {
            // The text fits the string's own short buffer (a new string's, as in decode<T>): made
            // anew there, which allocates nothing and is inline, where append is a call.
            t.~basic_string();
            ::new (static_cast<void*>(&t)) std::string(s.data(), n);
            return;
        }
        t.clear();  // keeps capacity
        t.append(s.data(), n);
        return;
    }
    char* const out = t.data();
    char const* const in = s.data();
    // Block copies, the last one overlapping, instead of a call to memcpy (the texts are short).
    if (n >= 16) {
        std::size_t i = 0;
        for (; i + 16 < n; i += 16) std::memcpy(out + i, in + i, 16);
        std::memcpy(out + n - 16, in + n - 16, 16);
    } else if (n >= 8) {
        std::memcpy(out, in, 8);
        std::memcpy(out + n - 8, in + n - 8, 8);
    } else if (n >= 4) {
        std::memcpy(out, in, 4);
        std::memcpy(out + n - 4, in + n - 4, 4);
    } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = in[i];
    }
    t.erase(n);  // sets the length (inline: no reallocation, nothing moved)
}

// Stores a value into a leaf member; false if it does not fit the leaf's kind (then it takes the
// general way: the decoder gives the member its frame, the descent decodes the document by events).
// A wrapped leaf's wrapper is made present only once the value is known to fit.
inline std::uint8_t leaf_base(pending_leaf const& l) noexcept { return l.kind & static_cast<std::uint8_t>(~(leaf::wrapped | leaf::in_optional)); }
inline void* leaf_value(pending_leaf const& l)
{
    if (!(l.kind & leaf::wrapped)) return l.target;
    return table_after<wrapper_table>(l.ops).ensure(l.target);
}
// The leaf's value as a T (the kind's type).
template <class T>
T* leaf_target(pending_leaf const& l)
{
    if (l.kind & leaf::in_optional) {
        auto& o = *static_cast<std::optional<T>*>(l.target);
        return o ? &*o : &o.emplace();
    }
    return static_cast<T*>(leaf_value(l));
}
inline value_ops const* leaf_value_ops(pending_leaf const& l) noexcept
{
    return (l.kind & leaf::wrapped) ? table_after<wrapper_table>(l.ops).inner : l.ops;
}
template <class T>
bool store_leaf_integer(pending_leaf const& l, number_event const& ev)
{
    T v;
    if (ev.kind == number_event::int64 && std::in_range<T>(ev.i)) v = static_cast<T>(ev.i);
    else if (ev.kind == number_event::uint64 && std::in_range<T>(ev.u)) v = static_cast<T>(ev.u);
    else return false;
    *leaf_target<T>(l) = v;
    return true;
}
inline bool store_leaf_double(pending_leaf const& l, number_event const& ev)
{
    double v = 0;
    switch (ev.kind) {
    case number_event::int64:
        v = static_cast<double>(ev.i);
        if (ev.i == 0 && !ev.text.empty() && ev.text.front() == '-') v = -v;  // "-0" keeps its sign
        break;
    case number_event::uint64: v = static_cast<double>(ev.u); break;
    case number_event::floating:
        if (!is_finite(ev.d)) return false;  // the general way reports it
        v = ev.d;
        break;
    }
    *leaf_target<double>(l) = v;
    return true;
}
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool store_leaf_string(pending_leaf const& l, std::string_view s, std::size_t max_length)
{
    if (s.size() > max_length) return false;
    switch (leaf_base(l)) {
    case leaf::string: assign_text(*leaf_target<std::string>(l), s); return true;
    case leaf::text: table_after<text_table>(leaf_value_ops(l)).assign(leaf_value(l), s); return true;
    case leaf::literal:
        if (!same_text(s, table_after<std::string_view>(leaf_value_ops(l)))) return false;
        leaf_value(l);
        return true;
    default: return false;
    }
}
inline bool store_leaf_number(pending_leaf const& l, number_event const& ev)
{
    switch (leaf_base(l)) {
    case leaf::i8: return store_leaf_integer<std::int8_t>(l, ev);
    case leaf::i16: return store_leaf_integer<std::int16_t>(l, ev);
    case leaf::i32: return store_leaf_integer<std::int32_t>(l, ev);
    case leaf::i64: return store_leaf_integer<std::int64_t>(l, ev);
    case leaf::u8: return store_leaf_integer<std::uint8_t>(l, ev);
    case leaf::u16: return store_leaf_integer<std::uint16_t>(l, ev);
    case leaf::u32: return store_leaf_integer<std::uint32_t>(l, ev);
    case leaf::u64: return store_leaf_integer<std::uint64_t>(l, ev);
    case leaf::f64: return store_leaf_double(l, ev);
    default: return false;
    }
}
inline bool store_leaf_bool(pending_leaf const& l, bool b)
{
    if (leaf_base(l) != leaf::boolean) return false;
    *leaf_target<bool>(l) = b;
    return true;
}
inline bool store_leaf_null(pending_leaf const& l)
{
    if (!(l.kind & leaf::wrapped)) return false;
    wrapper_table const& w = table_after<wrapper_table>(l.ops);
    if (w.empty == nullptr) return false;
    w.empty(l.target);
    return true;
}

enum class segment : unsigned char { none, member, index, key };

// One open value: where it goes, how it decodes, and where it sits in the document (for error paths).
// Trivial on purpose (no member initialisers): the decoder's inline stack is left uninitialised and
// every push writes all fields (child_frame).
struct frame {
    void* target;
    value_ops const* ops;
    std::string_view name;     // segment::member: the wire key
    std::string const* key;    // segment::key: the record key
    std::size_t index;         // segment::index: the array index
    std::uint64_t state;       // per type: members seen, element count, string started, skip depth
    std::uint32_t hint;        // described structs: the member expected next (keys usually come in order)
    segment seg;
    bool open;
};

// Re-emits a subtree as compact JSON text (raw_json, any_value containers, unrecognised tagged-union
// alternatives). Captures never nest, so the decoder holds one.
struct capture_state {
    static constexpr std::size_t max_depth = 256;
    std::string* out = nullptr;
    std::size_t depth = 0;
    bool in_string = false;
    std::uint64_t first_bits[max_depth / 64] = {};
    std::uint64_t object_bits[max_depth / 64] = {};

    static bool get(std::uint64_t const* bits, std::size_t i) noexcept { return (bits[i / 64] >> (i % 64)) & 1u; }
    static void put(std::uint64_t* bits, std::size_t i, bool v) noexcept
    {
        if (v) bits[i / 64] |= (std::uint64_t(1) << (i % 64));
        else bits[i / 64] &= ~(std::uint64_t(1) << (i % 64));
    }
};

// Buffers of one decode, reused per thread (decode_value.hpp): a steady loop of decode_into allocates nothing.
struct decode_scratch {
    static constexpr std::size_t max_tag_keys = 4;
    // A tagged union's tag values, read ahead (reader.hpp, look_ahead_tags), and their kinds.
    // A view into the input, or into tag_text when the value had escapes; valid during the decode.
    std::string_view tag[max_tag_keys];
    std::string tag_text[max_tag_keys];
    tag_kind tag_kinds[max_tag_keys] = {};
    // Before a look-ahead: every tag absent (all four at once: one store, where a loop over the
    // union's key count becomes a call to memset).
    void forget_tags() noexcept
    {
        for (tag_kind& k : tag_kinds) k = tag_kind::absent;
    }
    std::string look_text;  // a key or tag value with escapes, read ahead
    // The reader's decoded strings and keys that had escapes.
    std::string value_text;
    std::string key_text;
};

struct decoder {
    decode_options const& opt;
    decoder const* parent;  // set when decoding a captured part of a larger document (wire types)
    error err;
    bool failed = false;
    std::string str_buf;  // enum and literal values arriving in parts (never from the reader: kept for value_ops' interface)
    capture_state cap;
    decode_scratch* scratch = nullptr;
    // The buffer being read.
    char const* input_begin = nullptr;
    char const* input_end = nullptr;
    // The last key the reader delivered: roughly where the reader is (vectors size themselves by it).
    char const* last_key = nullptr;
    // Just after the '{' of the object whose object_begin is being delivered (tagged unions look
    // ahead from there for their tag).
    char const* cursor = nullptr;

    decoder(decode_options const& o, decoder const* outer) : opt(o), parent(outer) {}
    decoder(decoder const&) = delete;
    decoder& operator=(decoder const&) = delete;

    // ---- frame stack: inline for ordinary documents, grows on the heap beyond ----
    static constexpr std::size_t inline_frames = 24;
    frame inline_[inline_frames];  // left uninitialised (frame is trivial): push writes every field
    std::vector<frame> heap_;      // the stack once it outgrows inline_ (a vector: no <memory> for every includer)
    frame* frames_ = inline_;
    std::size_t capacity_ = inline_frames;
    std::size_t size_ = 0;

    bool empty() const noexcept { return size_ == 0; }
    frame& top() noexcept { return frames_[size_ - 1]; }

    // ---- members-seen bits of described structs with more than 64 members ----
    // frame::state holds 64 bits; a wider struct keeps its words here (state is their offset), in
    // stack order like the frames: inline for ordinary documents, on the heap beyond.
    static constexpr std::size_t inline_wide_words = 32;
    std::uint64_t wide_inline_[inline_wide_words];  // written by wide_push before any read
    std::vector<std::uint64_t> wide_heap_;          // used (whole stack) once the inline words overflow
    std::size_t wide_size_ = 0;

    std::size_t wide_push(std::size_t words)
    {
        std::size_t const offset = wide_size_;
        if (!wide_heap_.empty() || offset + words > inline_wide_words) {
            if (wide_heap_.empty()) wide_heap_.assign(wide_inline_, wide_inline_ + offset);
            wide_heap_.resize(offset + words, 0);
        } else {
            std::fill_n(wide_inline_ + offset, words, std::uint64_t(0));
        }
        wide_size_ += words;
        return offset;
    }
    std::uint64_t* wide_bits(std::size_t offset) noexcept
    {
        return (wide_heap_.empty() ? wide_inline_ : wide_heap_.data()) + offset;
    }
    void wide_pop(std::size_t words)
    {
        wide_size_ -= words;
        if (!wide_heap_.empty()) wide_heap_.resize(wide_size_);
    }

    // Out of line: push stays small enough to inline into every event function.
#if defined(__GNUC__)
    [[gnu::cold, gnu::noinline]]
#endif
    void grow()
    {
        std::vector<frame> bigger(capacity_ * 2);
        for (std::size_t i = 0; i < size_; ++i) bigger[i] = frames_[i];
        heap_.swap(bigger);
        frames_ = heap_.data();
        capacity_ *= 2;
    }
    // Pushes a frame for a value with no path segment of its own; the caller sets seg (and name,
    // key or index) when it has one. May move the stack: frames held by reference are invalid after.
#if defined(__GNUC__)
    [[gnu::always_inline]]
#endif
    frame& push(void* target, value_ops const* ops)
    {
        if (size_ == capacity_) grow();
        frame& c = frames_[size_++];
        c.target = target;
        c.ops = ops;
        c.state = 0;
        c.hint = 0;
        c.seg = segment::none;
        c.open = false;
        return c;
    }
    frame& push(frame const& f)
    {
        if (size_ == capacity_) grow();
        frames_[size_] = f;
        return frames_[size_++];
    }
    void pop() noexcept { --size_; }
    // Back to an empty stack and no error, as after construction (the descent's retry of a value
    // it read one way and must read another: descent.hpp, tagged).
    void forget() noexcept
    {
        size_ = 0;
        wide_size_ = 0;
        wide_heap_.clear();
        failed = false;
        cap.out = nullptr;
    }

    // ---- errors ----
    std::string path_of(std::size_t frame_count) const
    {
        std::string p = parent ? parent->path() : std::string();
        for (std::size_t i = 0; i < frame_count; ++i) {
            frame const& f = frames_[i];
            switch (f.seg) {
            case segment::none: break;
            case segment::member:
                if (!p.empty()) p += '.';
                p.append(f.name.data(), f.name.size());
                break;
            case segment::key:
                if (!p.empty()) p += '.';
                p += *f.key;
                break;
            case segment::index:
                p += join_text({"[", decimal(f.index), "]"});
                break;
            }
        }
        return p;
    }
    std::string path() const
    {
        std::string p = path_of(size_);
        if (leaf_.kind != leaf::none) {  // a syntax error or a limit inside a leaf member's value
            if (!p.empty()) p += '.';
            p.append(leaf_.name.data(), leaf_.name.size());
        }
        return p;
    }

    // Cold and out of line: failing is rare, and kept out of the event functions it would bloat
    // (GCC 12 also reports false -Warray-bounds on the string moves once they are inlined there).
#if defined(__GNUC__)
    [[gnu::cold, gnu::noinline]]
#endif
    bool fail(error_code code, std::string message, std::string where)
    {
        if (!failed) {
            failed = true;
            err.kind = error_kind::decode;
            err.code = code;
            err.message = std::move(message);
            err.path = std::move(where);
        }
        return false;
    }
    bool fail(error_code code, std::string message) { return fail(code, std::move(message), path()); }

    bool type_mismatch(frame const& f, char const* got)
    {
        return fail(error_code::type_mismatch, join_text({"expected ", f.ops->expected, ", got ", got}));
    }

    // ---- the reader's events (reader.hpp): each goes to the frame on top ----
    bool extra_value() { return fail(error_code::syntax, "unexpected value after the document"); }

    // Deliver one event to a frame; a frame whose type has no entry for it reports a type mismatch.
    bool deliver_object_begin(frame& f) { return f.ops->object_begin ? f.ops->object_begin(*this, f) : type_mismatch(f, "an object"); }
    bool deliver_array_begin(frame& f) { return f.ops->array_begin ? f.ops->array_begin(*this, f) : type_mismatch(f, "an array"); }
    bool deliver_string_part(frame& f, std::string_view s, bool last)
    {
        return f.ops->string_part ? f.ops->string_part(*this, f, s, last) : type_mismatch(f, "a string");
    }
    bool deliver_number(frame& f, number_event const& ev) { return f.ops->number ? f.ops->number(*this, f, ev) : type_mismatch(f, "a number"); }
    bool deliver_boolean(frame& f, bool b) { return f.ops->boolean ? f.ops->boolean(*this, f, b) : type_mismatch(f, "a boolean"); }
    bool deliver_null(frame& f) { return f.ops->null ? f.ops->null(*this, f) : type_mismatch(f, "null"); }

    // ---- leaf members (see pending_leaf) ----
    pending_leaf leaf_{nullptr, nullptr, {}, leaf::none};

    bool leaf_done() noexcept
    {
        leaf_.kind = leaf::none;
        return true;
    }
    // The event does not fit the leaf: the member gets its frame, as every other value does, and
    // the caller delivers the event to it.
#if defined(__GNUC__)
    [[gnu::cold, gnu::noinline]]
#endif
    void leaf_to_frame()
    {
        leaf_.kind = leaf::none;
        frame& c = push(leaf_.target, leaf_.ops);
        c.seg = segment::member;
        c.name = leaf_.name;
    }
    bool leaf_string(std::string_view s)
    {
        if (store_leaf_string(leaf_, s, opt.max_string_length)) return leaf_done();
        leaf_to_frame();
        return on_string(s);
    }
    bool leaf_number(number_event const& ev)
    {
        if (store_leaf_number(leaf_, ev)) return leaf_done();
        leaf_to_frame();
        return on_number(ev);
    }
    bool leaf_bool(bool b)
    {
        if (store_leaf_bool(leaf_, b)) return leaf_done();
        leaf_to_frame();
        return on_bool(b);
    }
    bool leaf_null()
    {
        if (store_leaf_null(leaf_)) return leaf_done();
        leaf_to_frame();
        return on_null();
    }

    bool on_object_begin()
    {
        if (leaf_.kind != leaf::none) leaf_to_frame();
        if (empty()) return extra_value();
        return deliver_object_begin(top());
    }
    bool on_object_end()
    {
        if (empty()) return extra_value();
        frame& f = top();
        return f.ops->object_end(*this, f);
    }
    bool on_array_begin()
    {
        if (leaf_.kind != leaf::none) leaf_to_frame();
        if (empty()) return extra_value();
        return deliver_array_begin(top());
    }
    bool on_array_end()
    {
        if (empty()) return extra_value();
        frame& f = top();
        return f.ops->array_end(*this, f);
    }
    // `at`: where the key's text starts in the input (vectors size themselves by it).
    bool on_key(std::string_view k, char const* at)
    {
        if (k.size() > opt.max_string_length) return limit("key", opt.max_string_length);
        last_key = at;
        if (empty()) return extra_value();
        frame& f = top();
        return f.ops->key(*this, f, k);
    }
    // Strings arrive whole (the string_part interface of value_ops also takes parts: last = true).
    bool on_string(std::string_view s)
    {
        if (leaf_.kind != leaf::none) return leaf_string(s);
        if (s.size() > opt.max_string_length) return limit("string", opt.max_string_length);
        if (empty()) return extra_value();
        return deliver_string_part(top(), s, true);
    }
    bool on_number(number_event const& ev)
    {
        if (leaf_.kind != leaf::none) return leaf_number(ev);
        if (empty()) return extra_value();
        return deliver_number(top(), ev);
    }
    bool on_bool(bool b)
    {
        if (leaf_.kind != leaf::none) return leaf_bool(b);
        if (empty()) return extra_value();
        return deliver_boolean(top(), b);
    }
    bool on_null()
    {
        if (leaf_.kind != leaf::none) return leaf_null();
        if (empty()) return extra_value();
        return deliver_null(top());
    }

    bool limit(char const* what, std::size_t max)
    {
        std::string m = join_text({what, " longer than the limit of ", decimal(max)});
        return fail(error_code::limit_exceeded, std::move(m));
    }

    // ---- capture (compact re-serialisation of a subtree) ----
    void begin_capture(std::string* out)
    {
        out->clear();
        cap.out = out;
        cap.depth = 0;
        cap.in_string = false;
    }
    // Comma before a value inside an array.
    void capture_value_start()
    {
        if (cap.depth == 0) return;
        std::size_t const d = cap.depth - 1;
        if (!capture_state::get(cap.object_bits, d)) {
            if (!capture_state::get(cap.first_bits, d)) cap.out->push_back(',');
            capture_state::put(cap.first_bits, d, false);
        }
    }
    bool capture_open(char c)
    {
        if (cap.depth >= capture_state::max_depth)
            return fail(error_code::limit_exceeded, join_text({"nesting deeper than ", decimal(capture_state::max_depth)}));
        capture_value_start();
        cap.out->push_back(c);
        capture_state::put(cap.first_bits, cap.depth, true);
        capture_state::put(cap.object_bits, cap.depth, c == '{');
        ++cap.depth;
        return true;
    }
    void capture_close(char c)
    {
        cap.out->push_back(c);
        --cap.depth;
    }
    void capture_key(std::string_view k)
    {
        std::size_t const d = cap.depth - 1;
        if (!capture_state::get(cap.first_bits, d)) cap.out->push_back(',');
        capture_state::put(cap.first_bits, d, false);
        write_escaped(*cap.out, k);
        cap.out->push_back(':');
    }
    void capture_string_part(std::string_view s, bool last)
    {
        if (!cap.in_string) {
            capture_value_start();
            cap.in_string = true;
            cap.out->push_back('"');
        }
        append_escaped_body(*cap.out, s);
        if (last) {
            cap.out->push_back('"');
            cap.in_string = false;
        }
    }
    void capture_scalar(std::string_view text)
    {
        capture_value_start();
        cap.out->append(text.data(), text.size());
    }
};

}  // namespace apibind::json::detail

#endif
