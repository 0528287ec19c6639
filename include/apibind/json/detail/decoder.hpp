// The SAX side of the codec: a boost::json::basic_parser handler that writes straight into the
// target object. Each open value is a frame on an explicit stack (no recursion, so a hostile
// document cannot overflow the C++ stack); each C++ type has a constant table of event functions
// (value_ops), so the per-event cost is one indirect call. Families of types (described structs,
// optionals, vectors, tagged unions) share their event functions, which read what differs from a
// per-type table: a described type adds data, not code (see decode_value.hpp).
#ifndef APIBIND_JSON_DETAIL_DECODER_HPP
#define APIBIND_JSON_DETAIL_DECODER_HPP

#include <apibind/error.hpp>
#include <apibind/json/detail/escape.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/tagged_union.hpp>

#include <boost/json/basic_parser.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include <string_view>

namespace apibind::json::detail {

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
    std::uint64_t state;       // per type: members seen, element count, string started, skip depth, tape start
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

// Tagged unions: the parser events of an object whose tag has not been read yet, replayed into the
// chosen alternative once the object ends (the tag may stand anywhere). Strings that point into the
// input buffer are kept as pointers (the input outlives the decode); others (escaped, or split
// across parts) are copied into `text`. Recordings nest like a stack: a union inside a replayed
// union records after the outer's events and truncates back when done.
struct tape_event {
    enum kind_t : unsigned char { header, object_begin, object_end, array_begin, array_end, key, string_part, string_last, number, boolean, null };
    kind_t kind;
    number_event::kind_t number_kind;  // number
    bool flag;                         // boolean: the value; strings: stored in `text` (else `ptr` is into the input)
    std::size_t size;                  // strings, number text
    union {
        char const* ptr;       // string in the input
        std::size_t offset;    // string in `text`; header: where this recording's text starts
    };
    union {
        std::int64_t i;
        std::uint64_t u;
        double d;
    };
};

// A growable array of events that never initialises what it does not write (the events of one
// recording are written once and read once).
class event_tape {
public:
    std::size_t size() const noexcept { return size_; }
    tape_event& operator[](std::size_t i) noexcept { return data_[i]; }
    tape_event& push()
    {
        if (size_ == capacity_) grow();
        return data_[size_++];
    }
    void truncate(std::size_t n) noexcept { size_ = n; }
    void clear() noexcept { size_ = 0; }

private:
    void grow()
    {
        std::size_t const c = capacity_ ? capacity_ * 2 : 256;
        std::unique_ptr<tape_event[]> bigger(new tape_event[c]);
        for (std::size_t i = 0; i < size_; ++i) bigger[i] = data_[i];
        data_ = std::move(bigger);
        capacity_ = c;
    }
    std::unique_ptr<tape_event[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

// Recording state of the union whose object is open (recordings never overlap in time: while one
// records, every event goes to it).
struct union_table;
struct tape_recorder {
    static constexpr std::size_t max_depth = capture_state::max_depth;
    union_table const* table = nullptr;  // the recording union's
    static constexpr unsigned char none = 0xff;
    std::size_t depth = 0;
    bool in_string = false;
    unsigned char tag_next = none;     // the tag key whose value comes next
    unsigned char tag_reading = none;  // the tag key whose string value is being read
};

// Buffers for tagged unions (see decode_value.hpp), reused per thread.
struct union_scratch {
    static constexpr std::size_t max_tag_keys = 4;
    event_tape events;
    std::string text;
    // The value of each tag key seen at the top level of the object (the last one wins).
    std::string tag[max_tag_keys];
    tag_kind tag_kinds[max_tag_keys] = {};
};

struct decoder {
    // Limits basic_parser checks itself; ours are runtime (decode_options).
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    decode_options const& opt;
    decoder const* parent;  // set when decoding a buffered part of a larger document (tagged unions)
    error err;
    bool failed = false;
    std::string key_buf;  // only used when a key arrives in parts
    std::string num_buf;  // only used when a number arrives in parts
    std::string str_buf;  // enum and literal values arriving in parts
    capture_state cap;
    tape_recorder rec;
    union_scratch* scratch = nullptr;
    // The buffer being parsed: strings inside it stay valid for the whole decode.
    char const* input_begin = nullptr;
    char const* input_end = nullptr;
    // The last key the parser delivered: roughly where the parser is (vectors size themselves by it).
    char const* last_key = nullptr;

    bool in_input(std::string_view s) const noexcept
    {
        auto const b = reinterpret_cast<std::uintptr_t>(input_begin);
        auto const p = reinterpret_cast<std::uintptr_t>(s.data());
        return p >= b && p + s.size() <= reinterpret_cast<std::uintptr_t>(input_end);
    }

    decoder(decode_options const& o, decoder const* outer) : opt(o), parent(outer) {}
    decoder(decoder const&) = delete;
    decoder& operator=(decoder const&) = delete;

    // ---- frame stack: inline for ordinary documents, grows on the heap beyond ----
    static constexpr std::size_t inline_frames = 24;
    frame inline_[inline_frames];  // left uninitialised (frame is trivial): push writes every field
    std::unique_ptr<frame[]> heap_;
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

    void grow()
    {
        auto bigger = std::make_unique<frame[]>(capacity_ * 2);
        for (std::size_t i = 0; i < size_; ++i) bigger[i] = frames_[i];
        heap_ = std::move(bigger);
        frames_ = heap_.get();
        capacity_ *= 2;
    }
    // Pushes a frame for a value with no path segment of its own; the caller sets seg (and name,
    // key or index) when it has one. May move the stack: frames held by reference are invalid after.
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
                p += '[';
                p += std::to_string(f.index);
                p += ']';
                break;
            }
        }
        return p;
    }
    std::string path() const { return path_of(size_); }

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
        std::string m = "expected ";
        m += f.ops->expected;
        m += ", got ";
        m += got;
        return fail(error_code::type_mismatch, std::move(m));
    }

    // ---- boost::json::basic_parser handler interface ----
    using ec_t = boost::system::error_code;

    bool check(bool ok, ec_t& ec)
    {
        if (!ok) ec = boost::json::error::exception;  // any code; the details are in err
        return ok;
    }
    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_comment_part(boost::json::string_view, ec_t&) { return true; }
    bool on_comment(boost::json::string_view, ec_t&) { return true; }

    bool extra_value(ec_t& ec) { return check(fail(error_code::syntax, "unexpected value after the document"), ec); }

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

    bool on_object_begin(ec_t& ec)
    {
        if (empty()) return extra_value(ec);
        return check(deliver_object_begin(top()), ec);
    }
    bool on_object_end(std::size_t, ec_t& ec)
    {
        frame& f = top();
        return check(f.ops->object_end(*this, f), ec);
    }
    bool on_array_begin(ec_t& ec)
    {
        if (empty()) return extra_value(ec);
        return check(deliver_array_begin(top()), ec);
    }
    bool on_array_end(std::size_t, ec_t& ec)
    {
        frame& f = top();
        return check(f.ops->array_end(*this, f), ec);
    }
    bool on_key_part(boost::json::string_view s, std::size_t n, ec_t& ec)
    {
        if (n > opt.max_string_length) return check(limit("key", opt.max_string_length), ec);
        key_buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, ec_t& ec)
    {
        if (n > opt.max_string_length) return check(limit("key", opt.max_string_length), ec);
        std::string_view k(s.data(), s.size());
        last_key = s.data();
        if (!key_buf.empty()) {
            key_buf.append(s.data(), s.size());
            k = key_buf;
        }
        frame& f = top();
        bool const ok = f.ops->key(*this, f, k);
        key_buf.clear();
        return check(ok, ec);
    }
    bool on_string_part(boost::json::string_view s, std::size_t n, ec_t& ec)
    {
        if (n > opt.max_string_length) return check(limit("string", opt.max_string_length), ec);
        if (empty()) return extra_value(ec);
        return check(deliver_string_part(top(), {s.data(), s.size()}, false), ec);
    }
    bool on_string(boost::json::string_view s, std::size_t n, ec_t& ec)
    {
        if (n > opt.max_string_length) return check(limit("string", opt.max_string_length), ec);
        if (empty()) return extra_value(ec);
        return check(deliver_string_part(top(), {s.data(), s.size()}, true), ec);
    }
    bool on_number_part(boost::json::string_view s, ec_t&)
    {
        num_buf.append(s.data(), s.size());
        return true;
    }
    bool number(number_event& ev, boost::json::string_view s, ec_t& ec)
    {
        if (empty()) return extra_value(ec);
        ev.text = {s.data(), s.size()};
        if (!num_buf.empty()) {
            num_buf.append(s.data(), s.size());
            ev.text = num_buf;
        }
        bool const ok = deliver_number(top(), ev);
        num_buf.clear();
        return check(ok, ec);
    }
    bool on_int64(std::int64_t v, boost::json::string_view s, ec_t& ec)
    {
        number_event ev;
        ev.kind = number_event::int64;
        ev.i = v;
        return number(ev, s, ec);
    }
    bool on_uint64(std::uint64_t v, boost::json::string_view s, ec_t& ec)
    {
        number_event ev;
        ev.kind = number_event::uint64;
        ev.u = v;
        return number(ev, s, ec);
    }
    bool on_double(double v, boost::json::string_view s, ec_t& ec)
    {
        number_event ev;
        ev.kind = number_event::floating;
        ev.d = v;
        return number(ev, s, ec);
    }
    bool on_bool(bool b, ec_t& ec)
    {
        if (empty()) return extra_value(ec);
        return check(deliver_boolean(top(), b), ec);
    }
    bool on_null(ec_t& ec)
    {
        if (empty()) return extra_value(ec);
        return check(deliver_null(top()), ec);
    }

    bool limit(char const* what, std::size_t max)
    {
        std::string m = what;
        m += " longer than the limit of ";
        m += std::to_string(max);
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
            return fail(error_code::limit_exceeded, "nesting deeper than " + std::to_string(capture_state::max_depth));
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

    // ---- tape (tagged unions) ----
    tape_event& record(tape_event::kind_t k)
    {
        tape_event& e = scratch->events.push();
        e.kind = k;
        return e;
    }
    // Call last when recording an event: appending may move `text`, which `s` may point into.
    tape_event& record_string(tape_event::kind_t k, std::string_view s)
    {
        tape_event& e = scratch->events.push();
        e.kind = k;
        e.size = s.size();
        if (in_input(s)) {
            e.flag = false;
            e.ptr = s.data();
        } else {
            e.flag = true;
            e.offset = scratch->text.size();
            scratch->text.append(s.data(), s.size());
        }
        return e;
    }
    std::string_view tape_string(tape_event const& e) const noexcept
    {
        return e.flag ? std::string_view(scratch->text.data() + e.offset, e.size) : std::string_view(e.ptr, e.size);
    }
};

}  // namespace apibind::json::detail

#endif
