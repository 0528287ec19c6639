// Compile-time options of the codec: how a type's members are named on the wire,
// per-member key overrides, members that default when absent; and runtime decode limits.
#ifndef APIBIND_JSON_OPTIONS_HPP
#define APIBIND_JSON_OPTIONS_HPP

#include <apibind/json/detail/fixed_string.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace apibind::json {

// How C++ member names (snake_case) map to wire keys.
enum class naming : unsigned char {
    as_is,        // account_id -> account_id (the default)
    pascal_case,  // account_id -> AccountId (SuperOffice)
    camel_case,   // account_id -> accountId
};

// Per-type options, built at compile time:
//   APIBIND_JSON_OPTIONS(sync_user_account, options{}.with_naming(naming::pascal_case))
//   APIBIND_JSON_OPTIONS(connected_account, options{}.default_when_absent("errors").default_when_absent("warnings"))
//   APIBIND_JSON_OPTIONS(odata_query, options{}.key("select", "$select"))
//
// Options exist only at compile time (each type's are evaluated once, into options_v<T>): their
// size costs nothing at run time, so the capacity is generous for generated models.
struct options {
    static constexpr std::size_t capacity = 128;
    struct member_key {
        std::string_view member;
        std::string_view key;
    };

    naming names = naming::as_is;
    std::array<member_key, capacity> keys{};
    std::size_t key_count = 0;
    std::array<std::string_view, capacity> defaulted{};
    std::size_t defaulted_count = 0;

    constexpr options with_naming(naming n) const
    {
        options o = *this;
        o.names = n;
        return o;
    }
    // The wire key of one member, for keys that are not identifiers or do not follow the naming.
    constexpr options key(std::string_view member, std::string_view wire_key) const
    {
        options o = *this;
        if (o.key_count == capacity) {
            apibind::detail::compile_time_error("apibind: too many key overrides");
            return o;
        }
        o.keys[o.key_count++] = {member, wire_key};
        return o;
    }
    // A non-optional member that takes its default value when absent instead of being an error
    // (for servers that leave out members the spec requires).
    constexpr options default_when_absent(std::string_view member) const
    {
        options o = *this;
        if (o.defaulted_count == capacity) {
            apibind::detail::compile_time_error("apibind: too many defaulted members");
            return o;
        }
        o.defaulted[o.defaulted_count++] = member;
        return o;
    }

    constexpr std::string_view key_override(std::string_view member) const noexcept
    {
        for (std::size_t i = 0; i < key_count; ++i)
            if (keys[i].member == member) return keys[i].key;
        return {};
    }
    constexpr bool is_defaulted(std::string_view member) const noexcept
    {
        for (std::size_t i = 0; i < defaulted_count; ++i)
            if (defaulted[i] == member) return true;
        return false;
    }
};

// Limits that keep hostile input from costing more than it should.
struct decode_options {
    std::size_t max_depth = 64;                    // nesting of objects and arrays
    std::size_t max_string_length = 1024 * 1024;   // bytes of one string or key
    std::size_t max_array_length = 1000000;        // elements of one array (and members of one record)
};

namespace detail {
template <class T>
constexpr options options_of() noexcept
{
    if constexpr (requires { apibind_json_options(static_cast<T const*>(nullptr)); })
        return apibind_json_options(static_cast<T const*>(nullptr));
    else
        return options{};
}
// Evaluated once per type (member_info reads it for every member).
template <class T>
inline constexpr options options_v = options_of<T>();
}  // namespace detail

}  // namespace apibind::json

// Attach options to a type. Use it in the type's namespace (found by argument-dependent lookup).
#define APIBIND_JSON_OPTIONS(Type, ...)                                                                    \
    [[maybe_unused]] constexpr ::apibind::json::options apibind_json_options(Type const*) noexcept         \
    {                                                                                                      \
        using ::apibind::json::options;                                                                    \
        using ::apibind::json::naming;                                                                     \
        return __VA_ARGS__;                                                                                \
    }

#endif
