// apibind::paginator: every page of a cursor-paginated endpoint, for any endpoint E whose request
// has a `page_cursor` member and whose response has `pagination.next_page_cursor` (Seam's 16
// paginated routes). The next page is the same request with page_cursor = the last page's
// next_page_cursor, until that is null (or `pagination.has_next_page` is false, where the model
// has it). All other request members stay identical: Seam refuses a cursor sent with different ones.
//
// The facade exposes it (facade.hpp): `c.devices.pages(req)`, `c.devices.items(req)`,
// `c.devices.all(req)`, and the async forms with handlers. Directly:
//
//   apibind::paginator<Core, seam::devices::list> p(core, {.limit = 100});
//   for (auto& page : p) { if (!page) { report(page.error()); break; } use(page->devices); }
//
// Sync ranges are single-pass C++20 input ranges; errors are elements, and the range ends after one.
// Items are the elements of the response_key member (E::response_key must name a sequence).
#ifndef APIBIND_PAGINATE_HPP
#define APIBIND_PAGINATE_HPP

#include <apibind/client.hpp>
#include <apibind/detail/chained_call.hpp>
#include <apibind/detail/unwrap.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/json/nullable.hpp>

#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind {

// An endpoint that follows Seam-style cursors.
template <class E>
concept paginated_endpoint = endpoint_descriptor<E> && requires(typename E::request& q, typename E::response const& r) {
    q.page_cursor;
    r.pagination.next_page_cursor;
};

// ... whose response_key member is a sequence of items.
template <class E>
concept item_paginated_endpoint = paginated_endpoint<E> && detail::unwrap_kind_of<E>() == detail::unwrap_kind::member &&
                                  requires { typename detail::unwrapped_t<E>::value_type; };

// A callback for the items of E's pages (a concept, so it is checked only where it is used).
template <class F, class E>
concept item_callback = item_paginated_endpoint<E> && std::is_invocable_v<std::decay_t<F>&, typename detail::unwrapped_t<E>::value_type&>;

namespace detail {

// The text of a cursor member, whatever optional/nullable wrapping the model gives it; nullptr
// when absent or null.
template <class T>
std::string const* cursor_text(T const& v) noexcept
{
    if constexpr (std::is_same_v<T, std::string>) return &v;
    else if constexpr (json::detail::is_optional_v<T> || json::is_nullable_v<T>) return v.has_value() ? cursor_text(*v) : nullptr;
    else static_assert(std::is_same_v<T, std::string>, "apibind::paginator: a page cursor must be a string, optionally optional or nullable");
}

// The cursor of the page after `page`, nullopt when it was the last, or an error when the
// server's pagination cannot be followed (it would loop or stop silently otherwise).
template <class E>
result<std::optional<std::string>> next_page_cursor(typename E::response const& page, typename E::request const& sent)
{
    auto const& p = page.pagination;
    std::string const* next = cursor_text(p.next_page_cursor);
    bool more = next != nullptr;
    if constexpr (requires { { p.has_next_page } -> std::convertible_to<bool>; }) {
        if (!static_cast<bool>(p.has_next_page)) return std::optional<std::string>();
        more = true;
    }
    if (!more) return std::optional<std::string>();
    if (next == nullptr || next->empty()) {
        error e = make_error(error_kind::decode, error_code::missing_member,
                             "pagination.has_next_page is true but there is no next_page_cursor");
        e.path = "pagination.next_page_cursor";
        return e;
    }
    if (std::string const* s = cursor_text(sent.page_cursor); s != nullptr && *s == *next) {
        error e = make_error(error_kind::decode, error_code::none,
                             "the server returned the page cursor it was sent: stopping instead of looping");
        e.path = "pagination.next_page_cursor";
        return e;
    }
    return std::optional<std::string>(*next);
}

// One input iterator for every range here: the range says what the current element is
// (current()), how to move on (advance()) and when it is over (at_end()).
template <class Range, class Value>
class range_iterator {
public:
    using iterator_concept = std::input_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;

    struct sentinel {};

    range_iterator() = default;
    explicit range_iterator(Range* r) noexcept : r_(r) {}
    Value& operator*() const { return r_->current(); }
    Value* operator->() const { return &r_->current(); }
    range_iterator& operator++()
    {
        r_->advance();
        return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(range_iterator const& it, sentinel) noexcept { return it.at_end(); }

private:
    bool at_end() const noexcept { return r_->at_end(); }
    Range* r_ = nullptr;
};

}  // namespace detail

template <class Core, paginated_endpoint E>
class paginator {
public:
    using request_type = typename E::request;
    using response_type = typename E::response;
    using page_type = result<response_type>;
    using iterator = detail::range_iterator<paginator, page_type>;
    using sentinel = typename iterator::sentinel;

    paginator(Core& core, request_type first, call_options opts = {})
        : core_(&core), request_(std::move(first)), opts_(std::move(opts))
    {
    }

    // Fetches the first page on the first call. Single pass: a second begin() continues.
    iterator begin()
    {
        start();
        return iterator(this);
    }
    sentinel end() const noexcept { return {}; }

    // The items of every page, one at a time (moved out of their page), as result<item>: a
    // failed page shows as one error element that ends the range. On an lvalue paginator, a
    // view of it; on a temporary, a range that owns it (a range-for would not keep it alive).
    class item_range;
    item_range items() &
        requires item_paginated_endpoint<E>
    {
        return item_range(this);
    }
    item_range items() &&
        requires item_paginated_endpoint<E>
    {
        return item_range(std::move(*this));
    }

    // Every item of every page (from where the range stands), or the first error.
    auto all() -> result<detail::unwrapped_t<E>>
        requires item_paginated_endpoint<E>
    {
        detail::unwrapped_t<E> out;
        for (auto& page : *this) {
            if (!page) return page.error();
            auto& items = detail::unwrap_traits<E>::get(*page);
            out.insert(out.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
        }
        return out;
    }

    // How many requests were sent so far.
    std::size_t pages_fetched() const noexcept { return pages_fetched_; }

private:
    friend iterator;

    void start()
    {
        if (started_) return;
        started_ = true;
        fetch();
    }

    void fetch()
    {
        ++pages_fetched_;
        page_.emplace(core_->template call<E>(request_, opts_));
    }

    page_type& current() { return *page_; }
    bool at_end() const noexcept { return done_; }

    void advance()
    {
        if (done_) return;
        if (!*page_) {  // the error was the last element
            done_ = true;
            return;
        }
        auto next = detail::next_page_cursor<E>(**page_, request_);
        if (!next) {
            page_.emplace(std::move(next).error());  // one more element: the reason the range ends
            return;
        }
        if (!*next) {
            done_ = true;
            return;
        }
        request_.page_cursor = std::move(**next);
        fetch();
    }

    Core* core_;
    request_type request_;
    call_options opts_;
    std::optional<page_type> page_;
    std::size_t pages_fetched_ = 0;
    bool started_ = false;
    bool done_ = false;
};

template <class Core, paginated_endpoint E>
class paginator<Core, E>::item_range {
public:
    using item_type = result<typename detail::unwrapped_t<E>::value_type>;
    using iterator = detail::range_iterator<item_range, item_type>;
    using sentinel = typename iterator::sentinel;

    item_range(item_range&& other) noexcept(std::is_nothrow_move_constructible_v<paginator>)
        : owned_(std::move(other.owned_)), pages_(owned_ ? &*owned_ : other.pages_), item_(std::move(other.item_)), index_(other.index_)
    {
    }
    item_range(item_range const&) = delete;
    item_range& operator=(item_range const&) = delete;
    item_range& operator=(item_range&&) = delete;
    ~item_range() = default;

    iterator begin()
    {
        if (!item_ && !pages_->done_) {  // first begin(), even after some pages were read through the paginator
            pages_->start();
            settle();
        }
        return iterator(this);
    }
    sentinel end() const noexcept { return {}; }

private:
    friend class paginator;
    friend iterator;
    explicit item_range(paginator* p) noexcept : pages_(p) {}
    explicit item_range(paginator&& owned) : owned_(std::move(owned)), pages_(&*owned_) {}

    item_type& current() { return *item_; }
    bool at_end() const noexcept { return pages_->done_; }

    void advance()
    {
        if (pages_->done_) return;
        if (item_ && !*item_) {  // the error was the last element
            pages_->done_ = true;
            return;
        }
        ++index_;
        settle();
    }

    // Points item_ at the next item (or an error), fetching pages as needed.
    void settle()
    {
        while (!pages_->done_) {
            page_type& page = *pages_->page_;
            if (!page) {
                item_.emplace(page.error());
                return;
            }
            auto& items = detail::unwrap_traits<E>::get(*page);
            if (index_ < items.size()) {
                item_.emplace(std::move(items[index_]));
                return;
            }
            index_ = 0;
            pages_->advance();
        }
    }

    std::optional<paginator> owned_;  // items() on a temporary: `for (auto& d : c.devices.items({}))`
    paginator* pages_ = nullptr;
    std::optional<item_type> item_;
    std::size_t index_ = 0;
};

// ---- async ----

namespace detail {

// One page request at a time; on_page(response&) may return false to stop; on_done(result<void>)
// runs exactly once, through `op` (chained_call.hpp), which a cancel_handle ends as a whole.
template <class Core, class E, class OnPage>
struct async_pages : std::enable_shared_from_this<async_pages<Core, E, OnPage>> {
    Core& core;
    typename E::request request;
    OnPage on_page;
    call_options opts;
    std::shared_ptr<chained_call<result<void>>> op;

    async_pages(Core& c, typename E::request r, OnPage p, call_options o, std::shared_ptr<chained_call<result<void>>> d)
        : core(c), request(std::move(r)), on_page(std::move(p)), opts(std::move(o)), op(std::move(d))
    {
    }

    void step()
    {
        op->step([&] {
            return core.template async_call<E>(
                request, [self = this->shared_from_this()](result<typename E::response> page) { self->on_result(std::move(page)); },
                opts);
        });
    }

    void on_result(result<typename E::response> page)
    {
        if (!page) {
            op->finish(result<void>(page.error()));
            return;
        }
        if (op->stopped()) return;  // cancelled: the page that came anyway is not handed on
        auto next = next_page_cursor<E>(*page, request);  // before on_page may move from the page
        bool keep_going = true;
        if constexpr (std::is_void_v<std::invoke_result_t<OnPage&, typename E::response&>>)
            on_page(*page);
        else
            keep_going = static_cast<bool>(on_page(*page));
        if (!keep_going) {
            op->finish(result<void>());
            return;
        }
        if (!next) {
            op->finish(result<void>(next.error()));
            return;
        }
        if (!*next) {
            op->finish(result<void>());
            return;
        }
        request.page_cursor = std::move(**next);
        step();
    }
};

}  // namespace detail

// Calls on_page(response&) for every page, in order, one request at a time; on_page may return
// false to stop early. Then on_done(result<void>) runs exactly once: success, or the first error.
// Handlers run where the transport completes its calls; the core must outlive the operation. The
// returned handle cancels it: the page in flight, and no cursor followed after it (on_done gets
// error_code::cancelled).
template <paginated_endpoint E, class Core, class OnPage, class OnDone>
    requires std::is_invocable_v<std::decay_t<OnPage>&, typename E::response&> && std::is_invocable_v<std::decay_t<OnDone>&, result<void>>
cancel_handle async_for_each_page(Core& core, typename E::request first, OnPage&& on_page, OnDone&& on_done, call_options opts = {})
{
    auto op = detail::make_chained_call<result<void>>(std::forward<OnDone>(on_done));
    std::make_shared<detail::async_pages<Core, E, std::decay_t<OnPage>>>(core, std::move(first), std::forward<OnPage>(on_page), std::move(opts), op)
        ->step();
    return cancel_handle(op);
}

// The same per item (the elements of the response_key member); on_item(item&) may return false.
template <item_paginated_endpoint E, class Core, class OnItem, class OnDone>
    requires item_callback<OnItem, E> && std::is_invocable_v<std::decay_t<OnDone>&, result<void>>
cancel_handle async_for_each_item(Core& core, typename E::request first, OnItem&& on_item, OnDone&& on_done, call_options opts = {})
{
    return async_for_each_page<E>(
        core, std::move(first),
        [f = std::forward<OnItem>(on_item)](typename E::response& page) mutable {
            for (auto& item : detail::unwrap_traits<E>::get(page)) {
                if constexpr (std::is_void_v<std::invoke_result_t<std::decay_t<OnItem>&, decltype(item)>>) f(item);
                else if (!static_cast<bool>(f(item))) return false;
            }
            return true;
        },
        std::forward<OnDone>(on_done), std::move(opts));
}

// handler(result<items>): every item of every page, or the first error.
template <item_paginated_endpoint E, class Core, class Handler>
    requires std::is_invocable_v<std::decay_t<Handler>&, result<detail::unwrapped_t<E>>>
cancel_handle async_collect_items(Core& core, typename E::request first, Handler&& handler, call_options opts = {})
{
    using items_t = detail::unwrapped_t<E>;
    auto all = std::make_shared<items_t>();
    return async_for_each_page<E>(
        core, std::move(first),
        [all](typename E::response& page) {
            auto& items = detail::unwrap_traits<E>::get(page);
            all->insert(all->end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
        },
        [all, h = std::forward<Handler>(handler)](result<void> done) mutable {
            result<items_t> out = done ? result<items_t>(std::move(*all)) : result<items_t>(std::move(done).error());
            h(std::move(out));
        },
        std::move(opts));
}

}  // namespace apibind

#endif
