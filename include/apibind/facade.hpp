// apibind::facade_call<Core, E>: one facade member per endpoint descriptor. A binding's client
// (or a generated namespace view) holds one per endpoint, and the call reads like the official SDKs:
//
//   apibind::facade_call<Core, seam::locks::unlock_door> unlock_door;   // a member of locks_api<Core>
//   auto attempt = c.locks.unlock_door({.device_id = id});              // result<action_attempt>
//   c.locks.unlock_door({.device_id = id}, [](result<action_attempt> r) { ... });   // async
//
// What it returns: E::response_key's member of the response (endpoint.hpp), result<void> for an
// object body without a key, or the whole body otherwise (a top-level array). The whole response
// is always one core.call<E>(req) away.
//
// Sync forms exist when the core's transport is a sync_transport, the handler forms when it is an
// async_transport (a transport modelling both, like testing::mock_transport, offers both). A
// handler runs exactly once, where the transport completes; the core must outlive the call. Every
// handler form returns an apibind::cancel_handle for the whole operation (client.hpp): cancel()
// ends it with error_code::cancelled, whether the call, a completion's polling or the following of
// a cursor is under way, and nothing more is sent.
//
// Paginated endpoints (paginate.hpp) also offer:
//   .page(req)                        the whole first response, pagination included
//   .pages(req)  .items(req)          sync input ranges of result<response> / result<item>
//   .all(req)                         result<items>: every item of every page, or the first error
//   .pages(req, on_page, on_done)     async: on_page(response&) per page (return false to stop),
//   .items(req, on_item, on_done)       on_item(item&) per item; on_done(result<void>) once
//   .all(req, handler)                async: handler(result<items>) once
//
// Completion: an API policy may finish a value before the facade hands it over (Seam waits for
// action attempts to leave `pending`). The policy opts in per value type with
//   result<V> complete(Core&, V, call_options const&) const                  (sync)
//   void async_complete(Core&, V, unique_function<void(result<V>)>, call_options const&) const
// and the facade calls it for every endpoint whose unwrapped value is such a V; no call site knows.
#ifndef APIBIND_FACADE_HPP
#define APIBIND_FACADE_HPP

#include <apibind/client.hpp>
#include <apibind/detail/chained_call.hpp>
#include <apibind/detail/facade_fwd.hpp>
#include <apibind/detail/unique_function.hpp>
#include <apibind/detail/unwrap.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/paginate.hpp>
#include <apibind/transport.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace apibind {

namespace detail {

template <class Core>
using core_transport_t = std::remove_reference_t<decltype(std::declval<Core&>().transport())>;
template <class Core>
using core_policy_t = std::remove_cvref_t<decltype(std::declval<Core&>().policy())>;

template <class Core>
concept sync_core = sync_transport<core_transport_t<Core>>;
template <class Core>
concept async_core = async_transport<core_transport_t<Core>>;

template <class Core, class V>
concept sync_completion = requires(core_policy_t<Core> const& p, Core& c, V v, call_options const& o) {
    { p.complete(c, std::move(v), o) } -> std::same_as<result<V>>;
};
template <class Core, class V>
concept async_completion = requires(core_policy_t<Core> const& p, Core& c, V v, unique_function<void(result<V>)> h, call_options const& o) {
    p.async_complete(c, std::move(v), std::move(h), o);
};

}  // namespace detail

template <class Core, endpoint_descriptor E>
class facade_call {
public:
    using endpoint = E;
    using request = typename E::request;
    using response = typename E::response;
    using value_type = detail::unwrapped_t<E>;

    explicit facade_call(Core& core) noexcept : core_(&core) {}

    // ---- the call ----

    result<value_type> operator()(request const& req = {}, call_options const& opts = {}) const
        requires detail::sync_core<Core>
    {
        auto value = detail::unwrap<E>(core_->template call<E>(req, opts));
        if constexpr (detail::sync_completion<Core, value_type>) {
            if (!value) return value;
            return core_->policy().complete(*core_, std::move(*value), opts);
        } else {
            return value;
        }
    }

    // Returns the handle that cancels the whole operation: the call, and the completion after it.
    template <class Handler>
        requires detail::async_core<Core> && std::is_invocable_v<std::decay_t<Handler>&, result<value_type>>
    cancel_handle operator()(request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        if constexpr (detail::async_completion<Core, value_type>) {
            auto op = detail::make_chained_call<result<value_type>>(std::forward<Handler>(handler));
            op->step([&] {
                return core_->template async_call<E>(
                    req,
                    [core = core_, op, opts](result<response> r) {
                        auto value = detail::unwrap<E>(std::move(r));
                        if (!value) {
                            op->finish(std::move(value));
                            return;
                        }
                        op->step([&] { return complete_async(*core, std::move(*value), op, opts); });
                    },
                    opts);
            });
            return cancel_handle(op);
        } else {
            return core_->template async_call<E>(
                req, [h = std::forward<Handler>(handler)](result<response> r) mutable { h(detail::unwrap<E>(std::move(r))); }, opts);
        }
    }

    // An endpoint whose request has no members also takes the handler alone.
    template <class Handler>
        requires detail::async_core<Core> && (detail::has_no_members<request>()) &&
                 std::is_invocable_v<std::decay_t<Handler>&, result<value_type>>
    cancel_handle operator()(Handler&& handler, call_options const& opts = {}) const
    {
        return (*this)(request{}, std::forward<Handler>(handler), opts);
    }

    // ---- paginated endpoints ----

    // One whole response, its pagination object included.
    result<response> page(request const& req = {}, call_options const& opts = {}) const
        requires detail::sync_core<Core> && paginated_endpoint<E>
    {
        return core_->template call<E>(req, opts);
    }
    template <class Handler>
        requires detail::async_core<Core> && paginated_endpoint<E> && std::is_invocable_v<std::decay_t<Handler>&, result<response>>
    cancel_handle page(request const& req, Handler&& handler, call_options const& opts = {}) const
    {
        return core_->template async_call<E>(req, std::forward<Handler>(handler), opts);
    }

    // Every page, following the cursor. (Templates, so that an async-only core never names paginator<Core, E>.)
    template <class C = Core>
        requires detail::sync_core<C> && paginated_endpoint<E>
    paginator<C, E> pages(request first = {}, call_options opts = {}) const
    {
        return paginator<C, E>(*core_, std::move(first), std::move(opts));
    }

    // Every item of every page.
    template <class C = Core>
        requires detail::sync_core<C> && item_paginated_endpoint<E>
    typename paginator<C, E>::item_range items(request first = {}, call_options opts = {}) const
    {
        return paginator<C, E>(*core_, std::move(first), std::move(opts)).items();
    }

    template <class C = Core>
        requires detail::sync_core<C> && item_paginated_endpoint<E>
    result<value_type> all(request first = {}, call_options opts = {}) const
    {
        return paginator<C, E>(*core_, std::move(first), std::move(opts)).all();
    }

    template <class OnPage, class OnDone>
        requires detail::async_core<Core> && paginated_endpoint<E> && std::is_invocable_v<std::decay_t<OnPage>&, response&> &&
                 std::is_invocable_v<std::decay_t<OnDone>&, result<void>>
    cancel_handle pages(request first, OnPage&& on_page, OnDone&& on_done, call_options opts = {}) const
    {
        return async_for_each_page<E>(*core_, std::move(first), std::forward<OnPage>(on_page), std::forward<OnDone>(on_done), std::move(opts));
    }

    template <class OnItem, class OnDone>
        requires detail::async_core<Core> && item_callback<OnItem, E> && std::is_invocable_v<std::decay_t<OnDone>&, result<void>>
    cancel_handle items(request first, OnItem&& on_item, OnDone&& on_done, call_options opts = {}) const
    {
        return async_for_each_item<E>(*core_, std::move(first), std::forward<OnItem>(on_item), std::forward<OnDone>(on_done), std::move(opts));
    }

    template <class Handler>
        requires detail::async_core<Core> && item_paginated_endpoint<E> && std::is_invocable_v<std::decay_t<Handler>&, result<value_type>>
    cancel_handle all(request first, Handler&& handler, call_options opts = {}) const
    {
        return async_collect_items<E>(*core_, std::move(first), std::forward<Handler>(handler), std::move(opts));
    }

private:
    // The policy's completion of `value`; a policy whose async_complete returns a cancel_handle has
    // its waiting cancelled with the operation, one returning void has its late result dropped.
    template <class V, class Op>
    static cancel_handle complete_async(Core& core, V value, Op const& op, call_options const& opts)
    {
        detail::unique_function<void(result<V>)> done([op](result<V> v) { op->finish(std::move(v)); });
        if constexpr (std::is_void_v<decltype(core.policy().async_complete(core, std::move(value), std::move(done), opts))>) {
            core.policy().async_complete(core, std::move(value), std::move(done), opts);
            return {};
        } else {
            return core.policy().async_complete(core, std::move(value), std::move(done), opts);
        }
    }

    Core* core_;
};

}  // namespace apibind

#endif
