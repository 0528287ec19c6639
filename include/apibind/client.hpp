// apibind: the client. It turns a descriptor and a request struct into an http_request, hands it
// to the user's transport, retries where the descriptor and the policy allow, and reads the
// response into the descriptor's response struct or an apibind::error.
#ifndef APIBIND_CLIENT_HPP
#define APIBIND_CLIENT_HPP

#include <apibind/detail/query_string.hpp>
#include <apibind/detail/unique_function.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/observer.hpp>
#include <apibind/retry.hpp>
#include <apibind/timeouts.hpp>
#include <apibind/transport.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind {

// How the facade waits for an operation the server finishes after answering (Seam's action
// attempts), for APIs whose policy completes such responses (see facade.hpp). The defaults are
// Seam's SDKs': poll every 500 ms, give up after 10 s.
struct wait_options {
    bool enabled = true;
    std::chrono::milliseconds timeout{10'000};
    std::chrono::milliseconds poll_interval{500};
};

// Per call: hand the response over as the server first answered it.
inline constexpr wait_options no_wait{.enabled = false};

// Per-call additions.
struct call_options {
    std::vector<http_header> headers{};                         // extra headers for this call
    std::vector<std::pair<std::string, std::string>> query{};  // extra query parameters (SuperOffice's `$select`)
    std::optional<wait_options> wait{};                         // this call's waiting; empty: the client's default
    std::optional<call_timeouts> timeouts{};                    // this call's time limits; empty: the client's
};

namespace detail {
// What a cancel_handle reaches: an async call that may still be running.
struct cancellable_call {
    virtual ~cancellable_call() = default;
    virtual bool cancel() = 0;
};
}  // namespace detail

// Returned by client::async_call. cancel() ends the call if it has not ended: its handler runs
// once, at once, on the cancelling thread, with error_code::cancelled (apibind/asio.hpp hands it
// to the handler's executor); a retry wait is cut short and no attempt is handed to the transport
// after it. An attempt still queued in the transport (the Beast pool's wait for a free connection)
// is dropped unsent (http_request::abandoned); the libcurl transports stop the transfer. One
// already sent may have reached the server (the error says so); its answer is dropped. Safe from any thread; an empty handle, or one whose
// call has ended, does nothing and returns false.
class cancel_handle {
public:
    cancel_handle() noexcept = default;
    explicit cancel_handle(std::weak_ptr<detail::cancellable_call> call) noexcept : call_(std::move(call)) {}

    bool cancel() const
    {
        auto call = call_.lock();
        return call && call->cancel();
    }

private:
    std::weak_ptr<detail::cancellable_call> call_;
};

namespace detail {
// At most the first line of a body, for error messages.
inline std::string body_excerpt(std::string_view body, std::size_t max = 200)
{
    std::string_view s = body.substr(0, body.find_first_of("\r\n"));
    std::string out;
    for (char c : s.substr(0, max)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
    if (s.size() > max) out += "...";
    return out;
}

template <std::size_t N>
constexpr bool contains_name(std::array<std::string_view, N> const& names, std::string_view name) noexcept
{
    for (auto n : names)
        if (n == name) return true;
    return false;
}

inline bool is_blank_or_null(std::string_view body) noexcept
{
    while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r' || body.front() == '\t'))
        body.remove_prefix(1);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\n' || body.back() == '\r' || body.back() == '\t'))
        body.remove_suffix(1);
    return body.empty() || body == "null";
}
}  // namespace detail

// A non-2xx response that no API error format recognises: the status and the start of the body.
inline error http_status_error(http_response const& r)
{
    error e;
    e.kind = error_kind::http_status;
    e.http_status = r.status;
    if (r.status >= 300 && r.status < 400) {
        e.code = error_code::redirect_not_followed;
        e.message = "redirect not followed";
        // Only scheme, host and path: a query or user info may echo a credential back.
        if (auto const loc = r.header("location"); !loc.empty())
            e.message += " (to " + detail::body_excerpt(redact_url(loc.substr(0, loc.find_first_of("?#")))) + ")";
        return e;
    }
    e.message = r.body.empty() ? std::string("empty body") : detail::body_excerpt(r.body);
    return e;
}

// What the client needs from an API: where it lives, how to authenticate a request, how to read
// its error bodies, and how to retry. Optional: `annotate(error&, http_response const&)` (called on
// decode errors of 2xx bodies) and `static constexpr query_encoding query_style` (see query_encoding).
template <class P>
concept api_policy = requires(P const& p, http_request& req, http_response const& res) {
    { p.base_url() } -> std::convertible_to<std::string_view>;
    { p.prepare(req) } -> std::same_as<result<void>>;
    { p.read_error(res) } -> std::same_as<error>;
    { p.retry() } -> std::convertible_to<retry_policy const&>;
};

// A policy for APIs with no special needs: a base URL, fixed headers, generic errors.
struct basic_policy {
    std::string url;  // base URL, with any path prefix: "https://api.example.com/v1"
    std::vector<http_header> headers;
    retry_policy retries;

    std::string_view base_url() const noexcept { return url; }
    result<void> prepare(http_request& r) const
    {
        r.headers.insert(r.headers.end(), headers.begin(), headers.end());
        return {};
    }
    error read_error(http_response const& r) const { return http_status_error(r); }
    retry_policy const& retry() const noexcept { return retries; }
};

namespace detail {
template <endpoint_descriptor E, api_policy Policy>
result<http_request> build_described_request(Policy const& policy, typename E::request const& req, call_options const& opts);
}  // namespace detail

// Builds the request for endpoint E: URL with path parameters and query, JSON body, headers.
template <endpoint_descriptor E, api_policy Policy>
result<http_request> build_request(Policy const& policy, typename E::request const& req, call_options const& opts = {})
{
    if constexpr (json::detail::is_described_struct_v<typename E::request>) {
        return detail::build_described_request<E>(policy, req, opts);
    } else {
        // E's own static_assert has said what to do; this branch only keeps it the one error.
        return make_error(error_kind::invalid_argument, error_code::invalid_argument, "the request is not a described struct");
    }
}

namespace detail {
// Whether the optional member `name` of `req` is engaged (one_of<> names only std::optional members).
template <class Request>
bool member_given(Request const& req, std::string_view name)
{
    bool given = false;
    boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
        if constexpr (json::detail::is_optional_v<json::detail::member_type_t<Request, decltype(d)>>)
            if (std::string_view(d.name) == name) given = (req.*d.pointer).has_value();
    });
    return given;
}

// The text of member `name` of `req` (its query-text form), or nullopt when it is an empty
// std::optional or has no text form.
template <class Request>
std::optional<std::string> member_text(Request const& req, std::string_view name)
{
    std::optional<std::string> text;
    boost::mp11::mp_for_each<json::detail::members_of<Request>>([&](auto d) {
        if (std::string_view(d.name) != name) return;
        auto const& v = req.*d.pointer;
        std::string s;
        if constexpr (json::detail::is_optional_v<json::detail::member_type_t<Request, decltype(d)>>) {
            if (v && scalar_text(*v, s)) text = std::move(s);
        } else if (scalar_text(v, s)) {
            text = std::move(s);
        }
    });
    return text;
}

template <class List>
void append_names(std::string& out, List const& names)
{
    bool first = true;
    for (std::string_view n : names) {
        out += first ? "" : ", ";
        first = false;
        out += n;
    }
}

// chosen_by<> (endpoint.hpp): the form the key's value chooses takes no member of another form.
template <class Choice, class Request>
result<void> check_chosen_form(std::string_view path, Request const& req)
{
    std::optional<std::string> const key = member_text(req, Choice::key);
    // Every member some form takes, once, in the forms' order.
    std::vector<std::string_view> form_members;
    boost::mp11::mp_for_each<typename Choice::forms>([&](auto f) {
        for (std::string_view m : decltype(f)::member_names)
            if (std::find(form_members.begin(), form_members.end(), m) == form_members.end()) form_members.push_back(m);
    });
    bool found = false;
    std::string message;
    boost::mp11::mp_for_each<typename Choice::forms>([&](auto f) {
        using form_t = decltype(f);
        if (found) return;
        auto const& vals = form_t::key_values;
        if (key ? std::find(vals.begin(), vals.end(), *key) == vals.end() : !form_t::when_absent) return;
        found = true;
        std::vector<std::string_view> given;
        for (std::string_view m : form_members) {
            auto const& own = form_t::member_names;
            if (member_given(req, m) && std::find(own.begin(), own.end(), m) == own.end()) given.push_back(m);
        }
        if (given.empty()) return;
        // The key's value is printed only as the descriptor spells it (one of the form's values).
        message = key ? std::string(Choice::key) + " \"" + *key + "\"" : "without " + std::string(Choice::key) + ", it";
        if (form_t::member_names.empty()) {
            message += " takes none of: ";
            append_names(message, form_members);
        } else {
            message += " takes only: ";
            append_names(message, form_t::member_names);
        }
        message += " (given: ";
        append_names(message, given);
        message += ")";
    });
    // A value no form names is the server's to judge (an open enum may have grown).
    if (!found && !key) message = "give " + std::string(Choice::key);
    if (message.empty()) return {};
    // Also a validation error of the key's member, as the API would report it: a caller (the
    // command line) can show what was wrong without the endpoint's path.
    error e = make_error(error_kind::invalid_argument, error_code::invalid_argument, std::string(path) + ": " + message);
    e.validation_errors.push_back(validation_error{std::string(Choice::key), {std::move(message)}});
    return e;
}

}  // namespace detail

// E's one_of<> (endpoint.hpp): exactly one group given, wholly; or E's chosen_by<>: no member the
// chosen form does not take. The error names the endpoint, the groups and the members given: names
// only, never a value (but chosen_by's key value, as the descriptor spells it). The client checks
// it on every call; a command line can check it before it reads credentials.
template <endpoint_descriptor E>
result<void> check_request_form(typename E::request const& req)
{
    using forms = typename E::request_forms;
    std::string_view path = E::path;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if constexpr (!boost::mp11::mp_empty<typename E::request_choice>::value) {
        return detail::check_chosen_form<boost::mp11::mp_front<typename E::request_choice>>(path, req);
    } else if constexpr (!boost::mp11::mp_empty<forms>::value) {
        std::size_t touched = 0;
        bool whole = false;
        std::string given;
        boost::mp11::mp_for_each<forms>([&](auto group) {
            std::size_t set = 0;
            for (auto name : decltype(group)::names) {
                if (!detail::member_given(req, name)) continue;
                ++set;
                given += given.empty() ? "" : ", ";
                given += name;
            }
            if (set > 0) ++touched;
            if (set == decltype(group)::names.size()) whole = true;
        });
        if (touched == 1 && whole) return {};
        std::string m = std::string(path) + ": give exactly one of: ";
        bool first_group = true;
        boost::mp11::mp_for_each<forms>([&](auto group) {
            m += first_group ? "" : " | ";
            first_group = false;
            bool first = true;
            for (auto name : decltype(group)::names) {
                m += first ? "" : " + ";
                first = false;
                m += name;
            }
        });
        m += given.empty() ? " (none given)" : " (given: " + given + ")";
        return make_error(error_kind::invalid_argument, error_code::invalid_argument, std::move(m));
    } else {
        (void)req;
        (void)path;
        return {};
    }
}

template <endpoint_descriptor E, api_policy Policy>
result<http_request> detail::build_described_request(Policy const& policy, typename E::request const& req, call_options const& opts)
{
    using request_t = typename E::request;
    if (auto form = check_request_form<E>(req); !form) return form.error();
    auto const in = [](auto const& names, std::string_view n) {
        for (auto x : names)
            if (x == n) return true;
        return false;
    };

    http_request r;
    r.method = std::string(to_string(E::method));
    std::string_view base = policy.base_url();
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    r.url.reserve(base.size() + E::path.size() + 32);
    r.url.append(base.data(), base.size());

    // Path, with {parameters} from the request members.
    std::string_view const path = E::path;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '{') {
            r.url.push_back(path[i]);
            continue;
        }
        std::size_t const close = path.find('}', i);
        std::string_view const name = path.substr(i + 1, close - i - 1);
        boost::mp11::mp_for_each<json::detail::members_of<request_t>>([&](auto d) {
            if (std::string_view(d.name) != name) return;
            std::string text;
            if constexpr (requires { detail::scalar_text(req.*d.pointer, text); }) {
                using member_t = json::detail::member_type_t<request_t, decltype(d)>;
                if constexpr (json::detail::is_optional_v<member_t>) {
                    if (req.*d.pointer) detail::scalar_text(*(req.*d.pointer), text);
                } else {
                    detail::scalar_text(req.*d.pointer, text);
                }
            }
            detail::append_percent_encoded(r.url, text);
        });
        i = close;
    }

    // Query string, encoded as the API's policy asks (strict unless it names a query_style).
    constexpr query_encoding enc = [] {
        if constexpr (requires { { Policy::query_style } -> std::convertible_to<query_encoding>; }) return Policy::query_style;
        else return query_encoding::strict;
    }();
    std::string query;
    boost::mp11::mp_for_each<json::detail::members_of<request_t>>([&](auto d) {
        using info = json::detail::member_info<request_t, decltype(d)>;
        // Decided at compile time: body members (nested structs among them) must not instantiate
        // the query serialisation, which rejects what a query string cannot hold.
        constexpr bool in_query = !detail::contains_name(E::path_params.names, info::cpp_name) &&
                                  (E::all_in_query || detail::contains_name(E::query_members, info::cpp_name));
        if constexpr (in_query) detail::append_query_value(query, std::string(info::key), req.*d.pointer, enc);
    });
    for (auto const& [k, v] : opts.query) detail::append_query_pair(query, k, v, enc);
    r.url += query;

    r.retry_safe = E::retry_safe;
    r.headers.push_back({"accept", "application/json"});
    if constexpr (E::has_body) {
        auto const keep = [&](std::string_view cpp_name) { return !in(E::query_members, cpp_name) && !in(E::path_params.names, cpp_name); };
        json::detail::write_struct(r.body, req, keep);
        r.headers.push_back({"content-type", "application/json"});
    }
    if (auto prepared = policy.prepare(r); !prepared) return prepared.error();
    r.headers.insert(r.headers.end(), opts.headers.begin(), opts.headers.end());

    // A CR or LF in a header would let a value inject headers or split the request.
    for (auto const& h : r.headers) {
        if (!is_valid_header_name(h.name) || !is_valid_header_value(h.value)) {
            return make_error(error_kind::invalid_argument, error_code::invalid_argument,
                              "header \"" + detail::body_excerpt(h.name, 64) + "\" has a name or value with forbidden characters (CR, LF or NUL)");
        }
    }
    return r;
}

// Reads a response for endpoint E: the response struct on 2xx, otherwise the policy's error.
template <endpoint_descriptor E, api_policy Policy>
result<typename E::response> read_response(Policy const& policy, http_response const& res)
{
    using response_t = typename E::response;
    auto annotate = [&](error& e) {
        if constexpr (requires { policy.annotate(e, res); }) policy.annotate(e, res);
    };
    if (res.status >= 200 && res.status < 300) {
        if constexpr (E::response_may_be_empty) {
            if (detail::is_blank_or_null(res.body)) return response_t{};
        }
        auto decoded = json::decode<response_t>(res.body);
        if (!decoded) {
            error e = std::move(decoded).error();
            e.http_status = res.status;
            if (res.body.find_first_not_of(" \t\r\n") == std::string::npos) e.message = "empty body";
            annotate(e);
            return e;
        }
        return decoded;
    }
    return policy.read_error(res);
}

template <class Transport, api_policy Policy>
class client {
    using transport_type = std::remove_reference_t<Transport>;

public:
    // `Transport` may be a reference type (client<my_http&, policy>) to share a transport.
    client(Transport transport, Policy policy)
        : transport_(std::forward<Transport>(transport)), policy_(std::move(policy)),
          random_state_(reinterpret_cast<std::uintptr_t>(this) ^
                        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()))
    {
    }

    transport_type& transport() noexcept { return transport_; }
    Policy& policy() noexcept { return policy_; }
    Policy const& policy() const noexcept { return policy_; }

    // How a sync client waits between retries and polls (tests and game loops replace it).
    void set_sleep(detail::unique_function<void(std::chrono::milliseconds)> sleep) { sleep_ = std::move(sleep); }

    // The time limits of every call that does not give its own (call_options::timeouts).
    void set_timeouts(call_timeouts limits) noexcept { timeouts_ = limits; }
    call_timeouts const& timeouts() const noexcept { return timeouts_; }

    // Who is told about each call's stages (observer.hpp); empty: nobody. Set it before calls
    // start: calls in flight keep a pointer to it.
    void set_observer(call_observer observer) { observer_ = std::move(observer); }

    // Blocks for `d` through that function (std::this_thread::sleep_for unless replaced).
    void sleep_for(std::chrono::milliseconds d)
    {
        if (sleep_) sleep_(d);
        else std::this_thread::sleep_for(d);
    }

    // Sends the request and blocks until the response is read.
    template <endpoint_descriptor E>
        requires sync_transport<transport_type>
    result<typename E::response> call(typename E::request const& req, call_options const& opts = {})
    {
        auto built = build_request<E>(policy_, req, opts);
        if (!built) return built.error();
        detail::call_deadline deadline(opts.timeouts.value_or(timeouts_));
        detail::observed_call const watch(&observer_, E::path, *built);
        for (int attempt = 1;; ++attempt) {
            if (!deadline.next_attempt(built->timeout)) {
                // A wait that fitted overran (the sleep function or the timer was late).
                result<http_response> const none(deadline.passed_before(attempt));
                auto r = finish<E>(attempt - 1, none, deadline);
                watch.finished(attempt - 1, none, r);
                return r;
            }
            watch.sending(attempt);
            result<http_response> outcome = transport_.send(*built);
            if (auto delay = after_attempt<E>(attempt, outcome, deadline, built->timeout, watch, true)) {
                sleep_for(*delay);
                continue;
            }
            auto r = finish<E>(attempt, outcome, deadline);
            watch.finished(attempt, outcome, r);
            return r;
        }
    }

    // Starts the call; `handler(result<typename E::response>)` runs exactly once, on the thread
    // or tick where the transport completes (inline only if the request cannot be built), or
    // where the call is cancelled (the returned cancel_handle). The client must outlive the call.
    // Retries wait with the transport's async_wait if it has one (async_timer); a transport
    // without a timer is not retried.
    template <endpoint_descriptor E, class Handler>
        requires async_transport<transport_type> && std::is_invocable_v<Handler&, result<typename E::response>>
    cancel_handle async_call(typename E::request const& req, Handler&& handler, call_options const& opts = {})
    {
        auto built = build_request<E>(policy_, req, opts);
        if (!built) {
            handler(result<typename E::response>(built.error()));
            return {};
        }
        auto op = std::make_shared<async_operation<E, std::decay_t<Handler>>>(*this, std::move(*built), std::forward<Handler>(handler),
                                                                             opts.timeouts.value_or(timeouts_));
        cancel_handle handle(op);
        async_operation<E, std::decay_t<Handler>>::start(op);
        async_operation<E, std::decay_t<Handler>>::watch_deadline(op);
        return handle;
    }

private:
    // What follows an attempt: another one after the returned wait, or the end with `outcome`
    // (replaced by a deadline error when the wait would not leave time for the next attempt).
    template <class E>
    std::optional<std::chrono::milliseconds> after_attempt(int attempt, result<http_response>& outcome, detail::call_deadline const& deadline,
                                                           std::chrono::milliseconds limit, detail::observed_call const& watch,
                                                           bool can_wait)
    {
        if (!outcome) {
            error e = outcome.error();
            deadline.explain(e, attempt, limit);
            outcome = std::move(e);
        }
        watch.received(attempt, outcome);
        auto delay = can_wait ? retry_wait<E>(attempt, outcome) : std::nullopt;
        if (!delay) return std::nullopt;
        if (!deadline.wait_fits(*delay)) {
            outcome = deadline.expired(attempt, outcome);
            return std::nullopt;
        }
        watch.retry_scheduled(attempt, outcome, *delay);
        return delay;
    }

    // The call's result from its last outcome.
    template <class E>
    result<typename E::response> finish(int attempts, result<http_response> const& outcome, detail::call_deadline const& deadline)
    {
        auto r = outcome ? read_response<E>(policy_, *outcome) : result<typename E::response>(outcome.error());
        if (!r) r = record_attempts(std::move(r).error(), attempts, deadline.start());
        return r;
    }

    // The wait before another attempt, or nullopt when this outcome is final.
    template <class E>
    std::optional<std::chrono::milliseconds> retry_wait(int attempt, result<http_response> const& outcome)
    {
        if (attempt >= policy_.retry().max_attempts || !is_retryable(outcome, E::retry_safe)) return std::nullopt;
        return retry_delay(policy_.retry(), attempt, outcome, next_unit_random());
    }

    // A retried call's error says how many attempts were made, and over how long.
    static error record_attempts(error e, int attempts, std::chrono::steady_clock::time_point start)
    {
        if (attempts > 1) {
            e.attempts = attempts;
            e.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        }
        return e;
    }

    // splitmix64: jitter only, no need for quality or secrecy.
    double next_unit_random() noexcept
    {
        std::uint64_t z = (random_state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        return static_cast<double>(z >> 11) * 0x1.0p-53;
    }

    template <class E, class Handler>
    struct async_operation final : detail::cancellable_call {
        using response_result = result<typename E::response>;

        client& self;
        http_request request;
        Handler handler;
        detail::call_deadline deadline;
        detail::observed_call watch;
        // Shared with cancel(), which may run on another thread.
        std::atomic<int> attempt{0};
        std::atomic<bool> waiting{false};  // between attempts
        std::atomic<bool> ended{false};    // the handler has been (or is being) called

        async_operation(client& c, http_request r, Handler h, call_timeouts limits)
            : self(c), request(std::move(r)), handler(std::move(h)), deadline(limits), watch(&c.observer_, E::path, request)
        {
        }

        static void start(std::shared_ptr<async_operation> op)
        {
            if (op->ended.load()) return;  // cancelled during a retry wait
            int const n = ++op->attempt;
            if (!op->deadline.next_attempt(op->request.timeout)) {
                result<http_response> const none(op->deadline.passed_before(n));
                op->end(n - 1, none, op->self.template finish<E>(n - 1, none, op->deadline));
                return;
            }
            op->waiting.store(false);
            op->watch.sending(n);
            auto& transport = op->self.transport_;
            http_request copy = op->request;  // kept for a retry
            // Points into the operation (not into op->request, which would keep it alive forever).
            copy.abandoned = std::shared_ptr<std::atomic<bool> const>(op, &op->ended);
            transport.async_send(std::move(copy), [op](result<http_response> outcome) mutable {
                op->complete(std::move(op), std::move(outcome));
            });
        }

        void complete(std::shared_ptr<async_operation> op, result<http_response> outcome)
        {
            if (ended.load()) return;  // cancelled: the answer is dropped
            int const n = attempt.load();
            // A transport without a timer cannot wait: its calls are not retried.
            auto delay = self.template after_attempt<E>(n, outcome, deadline, request.timeout, watch, async_timer<transport_type>);
            if constexpr (async_timer<transport_type>) {
                if (delay) {
                    waiting.store(true);
                    self.transport_.async_wait(*delay, [op]() mutable { start(std::move(op)); });
                    return;
                }
            }
            end(n, outcome, self.template finish<E>(n, outcome, deadline));
        }

        // The one place the handler is called: first come (completion or cancel), only served.
        bool end(int attempts, result<http_response> const& last, response_result r)
        {
            if (ended.exchange(true)) return false;
            watch.finished(attempts, last, r);
            handler(std::move(r));
            return true;
        }

        bool cancel() override { return abort(error_code::cancelled, "the call was cancelled"); }

        // The deadline holds even where the transport would not end an attempt in time (a request
        // queued behind others, a transport that ignores http_request::timeout): with a timer,
        // the call ends when it passes.
        static void watch_deadline(std::shared_ptr<async_operation> const& op)
        {
            if constexpr (async_timer<transport_type>) {
                if (op->deadline.call_limit().count() <= 0) return;
                std::weak_ptr<async_operation> weak = op;
                op->self.transport_.async_wait(op->deadline.call_limit(), [weak]() {
                    if (auto o = weak.lock())
                        o->abort(error_code::deadline_exceeded,
                                 "the call's deadline of " + detail::milliseconds_text(o->deadline.call_limit()) + " passed");
                });
            }
        }

        // Ends the call from outside the transport's completions (cancel, the deadline's timer).
        bool abort(error_code code, std::string message)
        {
            if (ended.load()) return false;
            int const n = attempt.load();
            if (waiting.load()) message += " while waiting to retry after attempt " + std::to_string(n);
            else if (n > 0) message += " while attempt " + std::to_string(n) + " was in flight: the server may have received it";
            result<http_response> const last(make_error(error_kind::transport, code, std::move(message)));
            return end(n, last, record_attempts(last.error(), n, deadline.start()));
        }
    };

    Transport transport_;
    Policy policy_;
    std::uint64_t random_state_;
    detail::unique_function<void(std::chrono::milliseconds)> sleep_;
    call_observer observer_;
    call_timeouts timeouts_;
};

}  // namespace apibind

#endif
