// apibind: Asio completion tokens for calls on any async transport. Optional: the core needs no
// Asio; this header needs Boost.Asio (headers only).
//
//   apibind::async_call<E>(client, request, token)
//   apibind::async_call<E>(client, request, call_options, token)
//
// `token` is any Asio completion token, with the completion signature
// void(apibind::result<typename E::response>):
//
//   async_call<E>(c, req, [](apibind::result<R> r) { ... });          // a plain callback
//   apibind::result<R> r = co_await async_call<E>(c, req, asio::use_awaitable);
//   auto op = async_call<E>(c, req, asio::deferred);  op(token);       // starts only when op is used
//   std::future<apibind::result<R>> f = async_call<E>(c, req, asio::use_future);
//
// `client` is an apibind::client (or anything with the same `async_call<E>(request, handler,
// call_options)` member) over any apibind::async_transport. The completion handler runs on its
// associated executor (asio::bind_executor, a coroutine's executor); without one, on the
// transport's executor if the transport has get_executor() (beast_async_transport: its strand),
// else at once wherever the transport completes. It never runs inside async_call itself: a
// completion that comes while the call is being started (a request refused before sending) is
// posted to that executor (dispatched at once only for a handler with no executor at all on a
// transport without one). The handler's executor is kept busy (work counted) until the handler
// ran. The client must outlive the call.
//
// Cancellation: a handler's cancellation slot (asio::bind_cancellation_slot, a coroutine's, the
// `||` of experimental::awaitable_operators, parallel_group) is honoured for terminal cancellation
// through the client's cancel_handle: the handler completes once, with error_code::cancelled; a
// retry wait is cut short; an attempt already handed to the transport is not stopped (the server
// may have received it) and its answer is dropped.
#ifndef APIBIND_ASIO_HPP
#define APIBIND_ASIO_HPP

#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/system_executor.hpp>

#include <type_traits>
#include <utility>

namespace apibind {

namespace asio_detail {

namespace asio = boost::asio;

// How many async_call initiations are running on this thread: a completion seen meanwhile
// came from inside the initiation and must not run there.
inline int& initiating_depth() noexcept
{
    thread_local int depth = 0;
    return depth;
}

struct initiating_scope {
    initiating_scope() noexcept { ++initiating_depth(); }
    ~initiating_scope() { --initiating_depth(); }
    initiating_scope(initiating_scope const&) = delete;
    initiating_scope& operator=(initiating_scope const&) = delete;
};

// The executor a handler without an associated one completes on.
template <class Client>
auto default_executor(Client& c)
{
    if constexpr (requires { c.transport().get_executor(); }) return c.transport().get_executor();
    else return asio::system_executor();
}

template <class Client>
using default_executor_t = decltype(default_executor(std::declval<Client&>()));

// The handler the client gets: hands the result to the Asio handler on its executor.
template <class Handler, class Executor, class Response>
class completion {
public:
    completion(Handler&& h, Executor const& ex) : handler_(std::move(h)), work_(asio::make_work_guard(ex)) {}

    void operator()(result<Response> r)
    {
        auto ex = work_.get_executor();
        auto run = [h = std::move(handler_), r = std::move(r)]() mutable {
            // The operation is over: its slot may serve the next one.
            auto slot = asio::get_associated_cancellation_slot(h);
            if (slot.is_connected()) slot.clear();
            std::move(h)(std::move(r));
        };
        if constexpr (std::is_same_v<Executor, asio::system_executor>) {
            run();  // no executor anywhere: complete where the transport completed
        } else if (initiating_depth() > 0) {
            asio::post(ex, std::move(run));
        } else {
            asio::dispatch(ex, std::move(run));
        }
        work_.reset();
    }

private:
    Handler handler_;
    asio::executor_work_guard<Executor> work_;
};

template <class E, class Client>
struct initiate_call {
    Client* client;

    template <class Handler>
    void operator()(Handler&& handler, typename E::request const& req, call_options const& opts) const
    {
        using handler_t = std::decay_t<Handler>;
        auto ex = asio::get_associated_executor(handler, default_executor(*client));
        using executor_t = decltype(ex);
        auto slot = asio::get_associated_cancellation_slot(handler);
        completion<handler_t, executor_t, typename E::response> done(std::forward<Handler>(handler), ex);
        initiating_scope scope;
        if constexpr (std::is_same_v<decltype(client->template async_call<E>(req, std::move(done), opts)), cancel_handle>) {
            cancel_handle call = client->template async_call<E>(req, std::move(done), opts);
            if (slot.is_connected()) {
                slot.assign([call](asio::cancellation_type type) {
                    if ((type & asio::cancellation_type::terminal) != asio::cancellation_type::none) call.cancel();
                });
            }
        } else {
            client->template async_call<E>(req, std::move(done), opts);
        }
    }
};

}  // namespace asio_detail

// Starts endpoint E on `client` and completes through `token` (see the top of this file).
template <endpoint_descriptor E, class Client, class CompletionToken>
auto async_call(Client& client, typename E::request const& request, call_options const& options, CompletionToken&& token)
{
    return boost::asio::async_initiate<CompletionToken, void(result<typename E::response>)>(
        asio_detail::initiate_call<E, Client>{&client}, token, request, options);
}

template <endpoint_descriptor E, class Client, class CompletionToken>
    requires(!std::is_convertible_v<CompletionToken, call_options const&>)
auto async_call(Client& client, typename E::request const& request, CompletionToken&& token)
{
    return boost::asio::async_initiate<CompletionToken, void(result<typename E::response>)>(
        asio_detail::initiate_call<E, Client>{&client}, token, request, call_options{});
}

}  // namespace apibind

#endif
