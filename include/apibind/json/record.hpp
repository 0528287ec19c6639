// apibind::json::record<V>: a JSON object with arbitrary string keys, kept in wire order.
// A flat vector rather than a tree: small records are the norm, lookups are linear and cheap,
// and decode_into can reuse every entry's storage.
#ifndef APIBIND_JSON_RECORD_HPP
#define APIBIND_JSON_RECORD_HPP

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind::json {

template <class V>
class record {
public:
    using value_type = std::pair<std::string, V>;
    using mapped_type = V;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    record() = default;
    record(std::initializer_list<value_type> init) : entries_(init) {}

    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    iterator begin() noexcept { return entries_.begin(); }
    iterator end() noexcept { return entries_.end(); }
    const_iterator begin() const noexcept { return entries_.begin(); }
    const_iterator end() const noexcept { return entries_.end(); }

    V* find(std::string_view key) noexcept
    {
        for (auto& e : entries_)
            if (e.first == key) return &e.second;
        return nullptr;
    }
    V const* find(std::string_view key) const noexcept
    {
        for (auto const& e : entries_)
            if (e.first == key) return &e.second;
        return nullptr;
    }
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

    // Inserts a default value when the key is new.
    V& operator[](std::string_view key)
    {
        if (V* v = find(key)) return *v;
        entries_.emplace_back(std::string(key), V{});
        return entries_.back().second;
    }
    // Sets the value of a key, keeping its position if it exists.
    V& set(std::string_view key, V value)
    {
        V& slot = (*this)[key];
        slot = std::move(value);
        return slot;
    }
    bool erase(std::string_view key)
    {
        auto it = std::find_if(entries_.begin(), entries_.end(), [&](auto const& e) { return e.first == key; });
        if (it == entries_.end()) return false;
        entries_.erase(it);
        return true;
    }
    void clear() noexcept { entries_.clear(); }

    // For the decoder: entries in wire order, reusable storage.
    std::vector<value_type>& entries() noexcept { return entries_; }
    std::vector<value_type> const& entries() const noexcept { return entries_; }

    friend bool operator==(record const&, record const&) = default;

private:
    std::vector<value_type> entries_;
};

template <class T>
inline constexpr bool is_record_v = false;
template <class V>
inline constexpr bool is_record_v<record<V>> = true;

}  // namespace apibind::json

#endif
