// apibind::cli::parse_request / request_flags: a described request struct as command-line flags,
// one `--<wire key> VALUE` per member (the names the API's own CLI uses, e.g. --device_id).
//
//   auto req = apibind::cli::parse_request<locks::unlock_door_request>(line.flags);
//   //  --device_id ID        strings, ids, enum values, timestamps: the text as is
//   //  --limit 5 --sync true numbers and booleans: their JSON text
//   //  --custom_metadata '{"floor":4}' --device_ids '["a","b"]'   objects and arrays: JSON
//
// Members that are std::optional, json::nullable or json::defaulted may be left out; the others
// are required. Every mistake is an error naming the flag: an unknown flag, a flag given twice, a
// value the member's type refuses (decoded by the codec, so enum names and nested members are
// checked), a required flag missing.
#ifndef APIBIND_CLI_REQUEST_FLAGS_HPP
#define APIBIND_CLI_REQUEST_FLAGS_HPP

#include <apibind/cli/command_line.hpp>
#include <apibind/cli/detail/flag_value.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apibind::cli {

// One flag as help lists it.
struct flag_info {
    std::string name;  // without dashes
    std::string type;  // "string", "integer", "boolean", "a|b|c", "array of string", "object", ...
    bool required = false;
};

template <class Request>
std::vector<flag_info> request_flags()
{
    static_assert(json::detail::is_described_struct_v<Request>, "apibind::cli: the request must be a described struct");
    std::vector<flag_info> out;
    boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
        using info = json::detail::member_info<Request, decltype(d)>;
        out.push_back({std::string(info::key), detail::type_name<detail::unwrap_t<typename info::type>>(), info::is_required});
    });
    return out;
}

// The flags as aligned lines, required ones first:
//   --device_id  required  string
//   --sync                 boolean
inline std::string format_flags(std::vector<flag_info> flags)
{
    std::stable_partition(flags.begin(), flags.end(), [](flag_info const& f) { return f.required; });
    std::size_t width = 0;
    for (auto const& f : flags) width = std::max(width, f.name.size());
    std::string out;
    for (auto const& f : flags) {
        out += "  --" + f.name;
        out.append(width - f.name.size() + 2, ' ');
        out += f.required ? "required  " : "          ";
        out += f.type;
        out += '\n';
    }
    return out;
}

namespace detail {
// The flag of the request member whose C++ name is `name` (forms name C++ members; flags are keys).
template <class Request>
std::string flag_of(std::string_view name)
{
    std::string flag;
    boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
        using info = json::detail::member_info<Request, decltype(d)>;
        if (info::cpp_name == name) flag = dashed(info::key);
    });
    return flag;
}
}  // namespace detail

// The forms an endpoint's request comes in, as help says them, or "" for one form. one_of<>:
//   give exactly one of: --connected_account_id | --email
// chosen_by<>: one line per form, its key values and the flags it takes:
//   the value of --hvac_mode_setting chooses which of these flags may be given:
//     off: none
//     cool: --cooling_set_point_celsius, --cooling_set_point_fahrenheit
template <endpoint_descriptor E>
std::string request_forms_help()
{
    using request_t = typename E::request;
    std::string out;
    boost::mp11::mp_for_each<typename E::request_forms>([&](auto group) {
        out += out.empty() ? "give exactly one of: " : " | ";
        bool first = true;
        for (auto name : decltype(group)::names) {
            out += first ? "" : " + ";
            first = false;
            out += detail::flag_of<request_t>(name);
        }
    });
    boost::mp11::mp_for_each<typename E::request_choice>([&](auto choice) {
        out += "the value of " + detail::flag_of<request_t>(decltype(choice)::key) + " chooses which of these flags may be given:";
        boost::mp11::mp_for_each<typename decltype(choice)::forms>([&](auto f) {
            using form_t = decltype(f);
            out += "\n  ";
            out += form_t::when_absent ? "(not given), " : "";
            bool first = true;
            for (std::string_view v : form_t::key_values) {
                out += first ? "" : ", ";
                first = false;
                out += v;
            }
            out += ": ";
            first = true;
            for (std::string_view m : form_t::member_names) {
                out += first ? "" : ", ";
                first = false;
                out += detail::flag_of<request_t>(m);
            }
            if (first) out += "none";
        });
    });
    return out;
}

template <class Request>
result<Request> parse_request(std::span<flag const> flags)
{
    static_assert(json::detail::is_described_struct_v<Request>, "apibind::cli: the request must be a described struct");
    using members = json::detail::members_of<Request>;
    constexpr std::size_t count = boost::mp11::mp_size<members>::value;

    Request req{};
    std::array<bool, count> seen{};
    for (flag const& f : flags) {
        bool found = false;
        result<void> read;
        std::size_t index = 0;
        boost::mp11::mp_for_each<members>([&](auto d) {
            using info = json::detail::member_info<Request, decltype(d)>;
            if (!found && detail::flag_matches(info::key, f.name)) {
                found = true;
                if (seen[index]) read = usage_error(detail::dashed(info::key) + " is given twice");
                else read = detail::read_flag(req.*d.pointer, info::key, f.value);
                seen[index] = true;
            }
            ++index;
        });
        if (!found) {
            std::string known;
            boost::mp11::mp_for_each<members>([&](auto d) {
                known += known.empty() ? " (flags: " : ", ";
                known += detail::dashed(json::detail::member_info<Request, decltype(d)>::key);
            });
            if (known.empty()) known = " (this command takes no flags";
            return usage_error("unknown flag " + detail::dashed(f.name) + known + ")");
        }
        if (!read) return read.error();
    }

    std::string missing;
    std::size_t index = 0;
    boost::mp11::mp_for_each<members>([&](auto d) {
        using info = json::detail::member_info<Request, decltype(d)>;
        if (info::is_required && !seen[index]) {
            if (!missing.empty()) missing += ", ";
            missing += detail::dashed(info::key) + " (" + detail::type_name<detail::unwrap_t<typename info::type>>() + ")";
        }
        ++index;
    });
    if (!missing.empty()) return usage_error("missing required flag " + missing);
    return req;
}

}  // namespace apibind::cli

#endif
