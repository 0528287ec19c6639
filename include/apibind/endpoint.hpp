// apibind: compile-time endpoint descriptors. An endpoint is a type: its path, method, request and
// response structs, which request members travel in the query string or the path, and whether a
// retry is safe. No registration, no virtual calls.
//
//   using get = apibind::endpoint<"/connected_accounts/get", get_request, get_response, apibind::retry_safe>;
//   using list = apibind::endpoint<"/users/{user_id}/items", list_request, list_response,
//                                  apibind::method<apibind::http_method::get>, apibind::query<"limit", "cursor">>;
//   using find = apibind::endpoint<"/accounts/get", find_request, find_response,
//                                  apibind::one_of<apibind::members<"account_id">, apibind::members<"email">>>;
#ifndef APIBIND_ENDPOINT_HPP
#define APIBIND_ENDPOINT_HPP

#include <apibind/json/detail/fixed_string.hpp>
#include <apibind/json/detail/traits.hpp>

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind {

enum class http_method { get, post, put, patch, delete_ };

constexpr std::string_view to_string(http_method m) noexcept
{
    switch (m) {
    case http_method::get: return "GET";
    case http_method::post: return "POST";
    case http_method::put: return "PUT";
    case http_method::patch: return "PATCH";
    case http_method::delete_: return "DELETE";
    }
    return "POST";
}

// ---- descriptor options (types, so they can be listed in any order) ----

// The HTTP method (default POST, as Seam and SuperOffice RPC-style routes use).
template <http_method M>
struct method {
    static constexpr http_method value = M;
};

// Repeating the request cannot do harm twice (reads, idempotent writes): the client may retry it
// after a timeout, a reset connection or a 5xx. Without it, only failures where the server
// certainly did not act (connection refused, 429) are retried.
struct retry_safe {};

// Request members sent in the query string instead of the JSON body (all members, for GET).
template <apibind::detail::fixed_string... Members>
struct query {
    static constexpr std::array<std::string_view, sizeof...(Members)> members{Members.view()...};
};

// The response body may be empty or `null` (HTTP 204): the client then returns a default response.
// Implied when the response struct has no members.
struct response_may_be_empty {};

// The member of the response the facade hands to the user (OpenAPI's `x-response-key`): Seam's
// `{"connected_account": {...}, "ok": true}` gives the account. Without it, the facade returns
// result<void> for an object body, and the whole body for any other (a top-level JSON array).
// The whole response stays one call<E> away.
template <apibind::detail::fixed_string Key>
struct response_key {
    static constexpr std::string_view value = Key.view();
};

// A group of request members that are given together (one form of a one_of<>).
template <apibind::detail::fixed_string... Members>
struct members {
    static_assert(sizeof...(Members) > 0, "apibind::members<>: a group needs at least one member");
    static constexpr std::array<std::string_view, sizeof...(Members)> names{Members.view()...};
};

// The request comes in several forms (OpenAPI's `oneOf` request bodies: an account by its id or by
// its email): exactly one group must be given, all of its members, and no member of another group.
// The client checks it before anything is sent and returns an invalid_argument error naming the
// endpoint and the groups (never a value). The members are std::optional; given = engaged.
template <class... Groups>
struct one_of {
    static_assert(sizeof...(Groups) >= 2, "apibind::one_of<>: name at least two apibind::members<> groups");
    using groups = boost::mp11::mp_list<Groups...>;
};

// The values of a chosen_by<> key that choose one of its forms.
template <apibind::detail::fixed_string... Values>
struct values {
    static_assert(sizeof...(Values) > 0, "apibind::values<>: name at least one value");
    static constexpr std::array<std::string_view, sizeof...(Values)> names{Values.view()...};
};

// In a form<>: the form is also the one of a request that leaves the key out.
struct or_absent {};

namespace detail {
template <class Groups>
struct form_member_names {
    static constexpr std::array<std::string_view, 0> value{};
};
template <apibind::detail::fixed_string... M>
struct form_member_names<boost::mp11::mp_list<members<M...>>> {
    static constexpr auto const& value = members<M...>::names;
};
template <class T>
struct is_members : std::false_type {};
template <apibind::detail::fixed_string... M>
struct is_members<members<M...>> : std::true_type {};
}  // namespace detail

// One form of a chosen_by<> request: the key's values that choose it (values<>), the members it
// takes beyond those every form takes (members<>, none if left out), and or_absent if it is also
// the form of a request without the key.
template <class Values, class... Options>
struct form {
    static constexpr auto const& key_values = Values::names;
    static constexpr bool when_absent = (std::is_same_v<Options, or_absent> || ...);
    using member_groups = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_members>;
    static_assert(boost::mp11::mp_size<member_groups>::value <= 1, "apibind::form<>: more than one members<>");
    static_assert(((detail::is_members<Options>::value || std::is_same_v<Options, or_absent>) && ... && true),
                  "apibind::form<values<...>, ...>: the options are one members<> and or_absent");
    static constexpr auto const& member_names = detail::form_member_names<member_groups>::value;
};

// The request comes in forms chosen by the value of one of its members (OpenAPI `oneOf` bodies
// told apart by a value: Seam's thermostats/set_hvac_mode takes cooling set points with
// hvac_mode_setting "cool", none with "off"). The client refuses, before anything is sent, a
// request that gives a member its form does not take, or none of the key where no form is
// or_absent. A value no form names passes: the server may know a newer one. The members<> of the
// forms are std::optional; given = engaged.
template <apibind::detail::fixed_string Key, class... Forms>
struct chosen_by {
    static_assert(sizeof...(Forms) >= 2, "apibind::chosen_by<>: name at least two apibind::form<> forms");
    static constexpr std::string_view key = Key.view();
    using forms = boost::mp11::mp_list<Forms...>;
};

namespace detail {

template <class T>
struct is_chosen_by : std::false_type {};
template <apibind::detail::fixed_string K, class... F>
struct is_chosen_by<apibind::chosen_by<K, F...>> : std::true_type {};

template <class T>
struct is_one_of : std::false_type {};
template <class... G>
struct is_one_of<apibind::one_of<G...>> : std::true_type {};

template <class OneOf>
struct forms_of {
    using type = boost::mp11::mp_list<>;
};
template <class... G>
struct forms_of<boost::mp11::mp_list<one_of<G...>>> {
    using type = boost::mp11::mp_list<G...>;
};

template <class T>
struct is_method : std::false_type {};
template <http_method M>
struct is_method<method<M>> : std::true_type {};

template <class T>
struct is_query : std::false_type {};
template <apibind::detail::fixed_string... M>
struct is_query<query<M...>> : std::true_type {};

template <class T>
struct is_response_key : std::false_type {};
template <apibind::detail::fixed_string K>
struct is_response_key<apibind::response_key<K>> : std::true_type {};

// Names of the `{placeholders}` in a path, in order.
template <std::size_t N>
struct path_params {
    std::array<std::string_view, N> names{};
    std::size_t count = 0;
};

constexpr std::size_t count_path_params(std::string_view path) noexcept
{
    std::size_t n = 0;
    for (char c : path)
        if (c == '{') ++n;
    return n;
}

template <std::size_t N>
constexpr path_params<N> parse_path_params(std::string_view path)
{
    path_params<N> p;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '{') {
            std::size_t const close = path.find('}', i);
            if (close == std::string_view::npos) apibind::detail::compile_time_error("apibind: unterminated '{' in an endpoint path");
            p.names[p.count++] = path.substr(i + 1, close - i - 1);
            i = close + 1;
        } else {
            ++i;
        }
    }
    return p;
}

template <class T>
constexpr bool has_no_members() noexcept
{
    if constexpr (json::detail::is_described_struct_v<T>)
        return boost::mp11::mp_empty<json::detail::members_of<T>>::value;
    else
        return false;
}

template <class T>
constexpr bool has_member(std::string_view name)
{
    if constexpr (json::detail::is_described_struct_v<T>) {
        bool found = false;
        boost::mp11::mp_for_each<json::detail::members_of<T>>([&](auto d) {
            if (std::string_view(d.name) == name) found = true;
        });
        return found;
    } else {
        return false;
    }
}

template <class Request, std::size_t N>
constexpr bool members_exist(std::array<std::string_view, N> const& names)
{
    for (auto n : names) {
        bool found = false;
        boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
            if (std::string_view(d.name) == n) found = true;
        });
        if (!found) return false;
    }
    return true;
}

// A member name as a template argument, so that a failed check's diagnostic prints it.
template <std::size_t N>
struct member_name {
    char text[N + 1]{};
    constexpr std::string_view view() const noexcept { return {text, N}; }
};

template <std::size_t N>
constexpr member_name<N> make_member_name(std::string_view s) noexcept
{
    member_name<N> m;
    for (std::size_t i = 0; i < N; ++i) m.text[i] = s[i];
    return m;
}

// The conditions are named after the mistake: g++ prints "note: 'query_names_a_member_of<request,
// member_name<5>{"limt"}>' evaluates to false" (clang puts it in the error line), so the
// diagnostic names the request and the member.
template <class Request>
inline constexpr bool request_is_described_with_BOOST_DESCRIBE_STRUCT = json::detail::is_described_struct_v<Request>;
template <class Request, auto Name>
inline constexpr bool query_names_a_member_of = members_exist<Request>(std::array<std::string_view, 1>{Name.view()});
template <class Request, auto Name>
inline constexpr bool path_parameter_names_a_member_of = members_exist<Request>(std::array<std::string_view, 1>{Name.view()});

template <class Request>
constexpr bool member_is_std_optional(std::string_view name)
{
    bool optional = false;
    boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
        if (std::string_view(d.name) == name) optional = json::detail::is_optional_v<json::detail::member_type_t<Request, decltype(d)>>;
    });
    return optional;
}
template <class Request, auto Name>
inline constexpr bool one_of_names_a_std_optional_member_of = member_is_std_optional<Request>(Name.view());

template <class Request, auto Name>
constexpr bool check_one_of_member() noexcept
{
    static_assert(one_of_names_a_std_optional_member_of<Request, Name>,
                  "apibind::endpoint: one_of<> names a member the request does not have, or one that is not a std::optional "
                  "(the requirement or the note names it)");
    return true;
}

template <class Request, class Group, std::size_t... I>
constexpr bool check_one_of_group(std::index_sequence<I...>) noexcept
{
    return (check_one_of_member<Request, make_member_name<Group::names[I].size()>(Group::names[I])>() && ... && true);
}

template <class Request, class OneOf>
struct check_one_of_members {
    static constexpr bool value = true;  // no one_of<>
};
template <class Request, class... G>
struct check_one_of_members<Request, boost::mp11::mp_list<one_of<G...>>> {
    static constexpr bool value = (check_one_of_group<Request, G>(std::make_index_sequence<G::names.size()>()) && ... && true);
};

template <class Request, auto Name>
inline constexpr bool chosen_by_key_names_a_member_of = members_exist<Request>(std::array<std::string_view, 1>{Name.view()});
template <class Request, auto Name>
inline constexpr bool form_names_a_std_optional_member_of = member_is_std_optional<Request>(Name.view());

template <class Request, auto Name>
constexpr bool check_form_member() noexcept
{
    static_assert(form_names_a_std_optional_member_of<Request, Name>,
                  "apibind::endpoint: a form<> of chosen_by<> names a member the request does not have, or one that is not a "
                  "std::optional (the requirement or the note names it)");
    return true;
}

template <class Request, class Form, std::size_t... I>
constexpr bool check_form(std::index_sequence<I...>) noexcept
{
    return (check_form_member<Request, make_member_name<Form::member_names[I].size()>(Form::member_names[I])>() && ... && true);
}

template <class Request, class ChosenBy>
struct check_chosen_by_members {
    static constexpr bool value = true;  // no chosen_by<>
};
template <class Request, apibind::detail::fixed_string K, class... F>
struct check_chosen_by_members<Request, boost::mp11::mp_list<chosen_by<K, F...>>> {
    static constexpr bool key_exists = [] {
        static_assert(chosen_by_key_names_a_member_of<Request, make_member_name<K.view().size()>(K.view())>,
                      "apibind::endpoint: chosen_by<> names a key the request does not have (the requirement or the note names it)");
        return true;
    }();
    static constexpr bool value = key_exists && (check_form<Request, F>(std::make_index_sequence<F::member_names.size()>()) && ... && true);
};

template <class Request, auto Name>
constexpr bool check_query_member() noexcept
{
    static_assert(query_names_a_member_of<Request, Name>,
                  "apibind::endpoint: query<> names a member the request does not have (the requirement or the note names it)");
    return true;
}

template <class Request, auto Name>
constexpr bool check_path_parameter() noexcept
{
    static_assert(path_parameter_names_a_member_of<Request, Name>,
                  "apibind::endpoint: a {path} parameter names a member the request does not have (the requirement or "
                  "the note names it)");
    return true;
}

template <class Request, class Query>
struct check_query_members {
    static constexpr bool value = true;  // no query<>
};
template <class Request, apibind::detail::fixed_string... M>
struct check_query_members<Request, boost::mp11::mp_list<query<M...>>> {
    static constexpr bool value = (check_query_member<Request, M>() && ... && true);
};

template <class Request, apibind::detail::fixed_string Path, std::size_t... I>
constexpr bool check_path_parameters(std::index_sequence<I...>) noexcept
{
    [[maybe_unused]] constexpr auto params = parse_path_params<count_path_params(Path.view())>(Path.view());
    return (check_path_parameter<Request, make_member_name<params.names[I].size()>(params.names[I])>() && ... && true);
}

// Checked only for a described request: an undescribed one has its own error, and no other.
template <class Request, class Query, apibind::detail::fixed_string Path, class OneOf, class ChosenBy>
constexpr bool check_request_members() noexcept
{
    if constexpr (json::detail::is_described_struct_v<Request>) {
        return check_query_members<Request, Query>::value && check_one_of_members<Request, OneOf>::value &&
               check_chosen_by_members<Request, ChosenBy>::value &&
               check_path_parameters<Request, Path>(std::make_index_sequence<count_path_params(Path.view())>());
    } else {
        return true;
    }
}

}  // namespace detail

template <apibind::detail::fixed_string Path, class Request, class Response, class... Options>
struct endpoint {
    using request = Request;
    using response = Response;

    static constexpr std::string_view path = Path.view();

    using method_options = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_method>;
    static_assert(boost::mp11::mp_size<method_options>::value <= 1, "apibind::endpoint: more than one method<>");
    static constexpr http_method method = [] {
        if constexpr (boost::mp11::mp_empty<method_options>::value) return http_method::post;
        else return boost::mp11::mp_front<method_options>::value;
    }();

    static constexpr bool retry_safe = (std::is_same_v<Options, apibind::retry_safe> || ...);

    using query_options = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_query>;
    static_assert(boost::mp11::mp_size<query_options>::value <= 1, "apibind::endpoint: more than one query<>");
    static constexpr auto query_members = [] {
        if constexpr (boost::mp11::mp_empty<query_options>::value) return std::array<std::string_view, 0>{};
        else return boost::mp11::mp_front<query_options>::members;
    }();

    static constexpr auto path_params = detail::parse_path_params<detail::count_path_params(Path.view())>(Path.view());

    // GET sends everything in the query string; an empty request struct sends no body.
    static constexpr bool all_in_query = method == http_method::get;
    static constexpr bool has_body = !all_in_query && !detail::has_no_members<Request>();

    static constexpr bool response_may_be_empty =
        (std::is_same_v<Options, apibind::response_may_be_empty> || ...) || detail::has_no_members<Response>();

    using response_key_options = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_response_key>;
    static_assert(boost::mp11::mp_size<response_key_options>::value <= 1, "apibind::endpoint: more than one response_key<>");
    // Empty when the descriptor names none.
    static constexpr std::string_view response_key = [] {
        if constexpr (boost::mp11::mp_empty<response_key_options>::value) return std::string_view();
        else return boost::mp11::mp_front<response_key_options>::value;
    }();
    static_assert(response_key.empty() || detail::has_member<Response>(response_key),
                  "apibind::endpoint: response_key<> names a member the response does not have");

    // The request's forms (one_of<>): an mp_list of members<> groups, empty when it has one form.
    using one_of_options = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_one_of>;
    static_assert(boost::mp11::mp_size<one_of_options>::value <= 1, "apibind::endpoint: more than one one_of<>");
    using request_forms = typename detail::forms_of<one_of_options>::type;
    // The request's forms chosen by a member's value (chosen_by<>): an mp_list of it, or empty.
    using request_choice = boost::mp11::mp_copy_if<boost::mp11::mp_list<Options...>, detail::is_chosen_by>;
    static_assert(boost::mp11::mp_size<request_choice>::value <= 1, "apibind::endpoint: more than one chosen_by<>");
    static_assert(boost::mp11::mp_empty<request_choice>::value || boost::mp11::mp_empty<one_of_options>::value,
                  "apibind::endpoint: one_of<> and chosen_by<> together");

    static_assert(detail::request_is_described_with_BOOST_DESCRIBE_STRUCT<Request>,
                  "apibind::endpoint: the request must be a described struct: add BOOST_DESCRIBE_STRUCT(type, (bases...), "
                  "(members...)) next to it (the requirement or the note names the type)");
    static_assert(detail::check_request_members<Request, query_options, Path, one_of_options, request_choice>());
};

template <class T>
concept endpoint_descriptor = requires {
    typename T::request;
    typename T::response;
    { T::path } -> std::convertible_to<std::string_view>;
    { T::method } -> std::convertible_to<http_method>;
    { T::retry_safe } -> std::convertible_to<bool>;
};

}  // namespace apibind

#endif
