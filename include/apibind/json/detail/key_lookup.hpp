// A described struct's member lookup by key: a hash of the key's length and two of its bytes,
// chosen at compile time per struct so that every member key has a slot of its own in a small
// table (member indices), then one whole-key compare. Data, not code: the search runs in constant
// evaluation, and every struct shares the one lookup function (decode_value.hpp, find_member).
#ifndef APIBIND_JSON_DETAIL_KEY_LOOKUP_HPP
#define APIBIND_JSON_DETAIL_KEY_LOOKUP_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace apibind::json::detail {

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
        // Up to 32 bytes (most keys) without a loop: the first and last words, then the words
        // between, differences or-ed together.
        std::uint64_t diff = (load8(a) ^ load8(b)) | (load8(a + n - 8) ^ load8(b + n - 8));
        if (n > 16) {
            diff |= load8(a + 8) ^ load8(b + 8);
            if (n > 24) {
                diff |= load8(a + 16) ^ load8(b + 16);
                for (std::size_t i = 24; i + 8 < n; i += 8) diff |= load8(a + i) ^ load8(b + i);
            }
        }
        return diff == 0;
    }
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// Equality of two short texts (keys, tags): their lengths, then same_bytes.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool same_text(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// The hash: x = length ^ (byte `front` from the start << 8) ^ (byte `back` from the end << 16),
// each position clamped to the key (a shorter key gives its last or first byte), then the high
// bits of x * seed pick the slot. An empty key hashes as x = 0.
struct key_hash {
    std::uint32_t seed;
    std::uint32_t mask;  // slot count - 1 (a power of two)
    std::uint8_t shift;  // 32 - log2(slot count)
    std::uint8_t front;
    std::uint8_t back;
    // Slots a lookup looks at: 1 when every member key has its own slot (the search below found a
    // perfect hash); more only if it did not, then the keys are placed by linear probing.
    std::uint8_t probes;
};

constexpr std::uint32_t key_slot(key_hash const& h, char const* k, std::size_t n) noexcept
{
    std::uint32_t x = 0;
    if (n != 0) {
        std::size_t const last = n - 1;
        std::size_t const f = h.front < last ? h.front : last;
        std::size_t const b = h.back < last ? h.back : last;
        x = static_cast<std::uint32_t>(n) ^ (std::uint32_t{static_cast<unsigned char>(k[f])} << 8) ^
            (std::uint32_t{static_cast<unsigned char>(k[last - b])} << 16);
    }
    return (x * h.seed) >> h.shift;
}

inline constexpr std::uint8_t no_member = 255;  // an empty slot (a struct has at most 255 members: 0..254)

// Twice the member count, as a power of two (at least 2): half the slots or more stay empty, so a
// perfect hash is quick to find, and the table is a byte per slot.
constexpr std::size_t key_slot_count(std::size_t members) noexcept { return std::bit_ceil(members < 1 ? std::size_t(2) : 2 * members); }

template <std::size_t Slots>
struct key_table {
    key_hash hash;
    std::array<std::uint8_t, Slots> slots;  // the member whose key hashes there; no_member if none
};

// The search: byte positions 0..7 from the start and from the end, four multipliers; the first
// choice that gives every key its own slot wins (each try costs one pass over the keys, and with
// half the slots empty one of the first few tries usually wins). If none does (keys of one length
// that differ only in their middle), the first is used with linear probing: lookups stay correct
// and look at a few slots.
template <std::size_t Slots, class Key>
constexpr key_table<Slots> make_key_table(Key key, std::size_t count) noexcept  // key(i): member i's key
{
    static_assert(std::has_single_bit(Slots) && Slots >= 2 && Slots <= 1024);
    constexpr std::uint32_t seeds[] = {0x9E3779B1U, 0x85EBCA77U, 0xC2B2AE3DU, 0x27D4EB2FU};
    constexpr auto shift = static_cast<std::uint8_t>(32 - std::countr_zero(Slots));
    key_table<Slots> t{};
    for (std::uint8_t front = 0; front < 8; ++front) {
        for (std::uint8_t back = 0; back < 8; ++back) {
            key_hash h{1, Slots - 1, shift, front, back, 1};
            for (std::uint32_t seed : seeds) {
                h.seed = seed;
                std::array<std::uint8_t, Slots> slots{};
                slots.fill(no_member);
                bool perfect = true;
                for (std::size_t i = 0; i < count && perfect; ++i) {
                    std::string_view const k = key(i);
                    std::uint32_t const s = key_slot(h, k.data(), k.size());
                    perfect = slots[s] == no_member;
                    slots[s] = static_cast<std::uint8_t>(i);
                }
                if (perfect) {
                    t.hash = h;
                    t.slots = slots;
                    return t;
                }
            }
        }
    }
    t.hash = key_hash{seeds[0], Slots - 1, shift, 0, 0, 1};
    t.slots.fill(no_member);
    for (std::size_t i = 0; i < count; ++i) {
        std::string_view const k = key(i);
        std::uint32_t s = key_slot(t.hash, k.data(), k.size());
        std::size_t probes = 1;
        while (t.slots[s] != no_member) {
            s = (s + 1) & t.hash.mask;
            ++probes;
        }
        t.slots[s] = static_cast<std::uint8_t>(i);
        if (probes > t.hash.probes) t.hash.probes = static_cast<std::uint8_t>(probes);
    }
    return t;
}

// Whether a member key appears in a document as exactly its own bytes between quotes: printable
// ASCII without a quote or a backslash (which would be escaped). Only then may the reader take the
// bytes at the input as the key without reading it as a string (decode_value.hpp, struct_key_path).
constexpr bool key_is_plain(std::string_view k) noexcept
{
    for (char c : k)
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
    return true;
}

}  // namespace apibind::json::detail

#endif
