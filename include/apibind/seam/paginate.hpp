// apibind::seam::paginate: every page of /connected_accounts/list. The next page is the same
// request with page_cursor = the last page's next_page_cursor (never next_page_url, which the
// fake server builds with a query name it ignores itself), until has_next_page is false.
// All other request members stay identical: the server refuses a cursor sent with different ones.
//
// Sync (a single-pass input range; errors are elements, and the range ends after one):
//
//   for (auto& page : seam::paginate(client, {.limit = 100})) {   // page: result<list_response>&
//       if (!page) { report(page.error()); break; }
//       for (auto& account : page->connected_accounts) use(account);
//   }
//   for (auto& account : seam::paginate(client, req).accounts())    // account: result<connected_account>&
//       ...
//   auto all = seam::paginate(client, req).flatten_to_vector();       // result<std::vector<connected_account>>
//
// Async (any client with async_call, e.g. over an async transport):
//
//   seam::async_for_each_page(client, req, [](list_response& page) { ...; return true; },  // false stops
//                             [](result<void> done) { ... });
//   seam::async_flatten_to_vector(client, req, [](result<std::vector<connected_account>> all) { ... });
//
// `Client` is anything with call<connected_accounts::list> (and/or async_call): the Seam facade
// or an apibind::client<Transport, seam::policy>. It must outlive the paginator or the operation.
#ifndef APIBIND_SEAM_PAGINATE_HPP
#define APIBIND_SEAM_PAGINATE_HPP

#include <apibind/client.hpp>
#include <apibind/error.hpp>
#include <apibind/seam/connected_accounts.hpp>

#include <concepts>
#include <cstddef>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace apibind::seam {

template <class Client>
concept list_client = requires(Client& c, connected_accounts::list_request const& r, call_options const& o) {
    { c.template call<connected_accounts::list>(r, o) } -> std::same_as<result<connected_accounts::list_response>>;
};

namespace detail {

// The cursor of the page after `page`, nullopt when it was the last, or an error when the
// server's pagination cannot be followed (it would loop or stop silently otherwise).
inline result<std::optional<std::string>> next_page_cursor(connected_accounts::list_response const& page,
                                                           json::nullable<std::string> const& sent)
{
    auto const& p = page.pagination;
    if (!p.has_next_page) return std::optional<std::string>();
    if (!p.next_page_cursor.has_value() || p.next_page_cursor->empty()) {
        error e = make_error(error_kind::decode, error_code::missing_member,
                             "pagination.has_next_page is true but there is no next_page_cursor");
        e.path = "pagination.next_page_cursor";
        return e;
    }
    if (sent.has_value() && *sent == *p.next_page_cursor) {
        error e = make_error(error_kind::decode, error_code::none,
                             "the server returned the page cursor it was sent: stopping instead of looping");
        e.path = "pagination.next_page_cursor";
        return e;
    }
    return std::optional<std::string>(*p.next_page_cursor);
}

}  // namespace detail

template <list_client Client>
class paginator {
public:
    using page_type = result<connected_accounts::list_response>;
    using account_type = result<connected_account>;

    paginator(Client& client, connected_accounts::list_request first, call_options opts = {})
        : client_(&client), request_(std::move(first)), opts_(std::move(opts))
    {
    }

    struct sentinel {};

    // Input iterator over pages. Dereferences to the page result; after an error, the next
    // increment ends the range.
    class iterator {
    public:
        using iterator_concept = std::input_iterator_tag;
        using value_type = page_type;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        page_type& operator*() const { return *p_->page_; }
        page_type* operator->() const { return &*p_->page_; }
        iterator& operator++()
        {
            p_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(iterator const& it, sentinel) noexcept { return it.at_end(); }

    private:
        friend class paginator;
        explicit iterator(paginator* p) : p_(p) {}
        bool at_end() const noexcept { return p_->done_; }
        paginator* p_ = nullptr;
    };

    // Fetches the first page on the first call. Single pass: a second begin() continues.
    iterator begin()
    {
        if (!started_) {
            started_ = true;
            fetch();
        }
        return iterator(this);
    }
    sentinel end() const noexcept { return {}; }

    // The accounts of every page, one at a time (moved out of their page), as
    // result<connected_account>: a failed page shows as one error element that ends the range.
    class account_range;

    // On an lvalue paginator, a view of it; on a temporary, a range that owns it (a range-for
    // does not keep the temporary alive otherwise).
    account_range accounts() &;
    account_range accounts() &&;

    // Every account of every page, or the first error.
    result<std::vector<connected_account>> flatten_to_vector()
    {
        std::vector<connected_account> all;
        for (auto& page : *this) {
            if (!page) return page.error();
            if (all.empty()) all = std::move(page->connected_accounts);
            else std::move(page->connected_accounts.begin(), page->connected_accounts.end(), std::back_inserter(all));
        }
        return all;
    }

    // How many list requests were sent so far.
    std::size_t pages_fetched() const noexcept { return pages_fetched_; }

private:
    void fetch()
    {
        ++pages_fetched_;
        page_.emplace(client_->template call<connected_accounts::list>(request_, opts_));
        account_index_ = 0;
    }

    void advance()
    {
        if (done_) return;
        if (!*page_) {
            done_ = true;
            return;
        }
        auto next = detail::next_page_cursor(**page_, request_.page_cursor);
        if (!next) {
            page_.emplace(next.error());  // one more element: the reason the range ends
            return;
        }
        if (!*next) {
            done_ = true;
            return;
        }
        request_.page_cursor = std::move(**next);
        fetch();
    }

    // Points account_ at the next account (or an error), fetching pages as needed.
    void settle_account()
    {
        while (!done_) {
            page_type& page = *page_;
            if (!page) {
                account_.emplace(page.error());
                return;
            }
            if (account_index_ < page->connected_accounts.size()) {
                account_.emplace(std::move(page->connected_accounts[account_index_]));
                return;
            }
            advance();
        }
    }

    void next_account()
    {
        if (done_) return;
        if (account_ && !*account_) {  // the error was the last element
            done_ = true;
            return;
        }
        ++account_index_;
        settle_account();
    }

    Client* client_;
    connected_accounts::list_request request_;
    call_options opts_;
    std::optional<page_type> page_;
    std::optional<account_type> account_;
    std::size_t account_index_ = 0;
    std::size_t pages_fetched_ = 0;
    bool started_ = false;
    bool done_ = false;
};

template <list_client Client>
class paginator<Client>::account_range {
public:
    class iterator {
    public:
        using iterator_concept = std::input_iterator_tag;
        using value_type = account_type;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        account_type& operator*() const { return *p_->account_; }
        account_type* operator->() const { return &*p_->account_; }
        iterator& operator++()
        {
            p_->next_account();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(iterator const& it, sentinel) noexcept { return it.at_end(); }

    private:
        friend class account_range;
        explicit iterator(paginator* p) : p_(p) {}
        bool at_end() const noexcept { return p_->done_; }
        paginator* p_ = nullptr;
    };

    iterator begin()
    {
        paginator* p = target();
        if (!p->started_) {
            p->begin();
            p->settle_account();
        }
        return iterator(p);
    }
    sentinel end() const noexcept { return {}; }

private:
    friend class paginator;
    explicit account_range(paginator* p) : p_(p) {}
    explicit account_range(paginator&& owned) : owned_(std::move(owned)) {}
    paginator* target() noexcept { return owned_ ? &*owned_ : p_; }

    paginator* p_ = nullptr;
    std::optional<paginator> owned_;  // accounts() on a temporary: `for (auto& a : paginate(...).accounts())`
};

template <list_client Client>
typename paginator<Client>::account_range paginator<Client>::accounts() &
{
    return account_range(this);
}

template <list_client Client>
typename paginator<Client>::account_range paginator<Client>::accounts() &&
{
    return account_range(std::move(*this));
}

// Found by argument-dependent lookup for the Seam facade: paginate(seam, {.limit = 100}).
template <list_client Client>
paginator<Client> paginate(Client& client, connected_accounts::list_request first = {}, call_options opts = {})
{
    return paginator<Client>(client, std::move(first), std::move(opts));
}

// ---- async ----

namespace detail {

template <class Client, class OnPage, class OnDone>
struct async_pages : std::enable_shared_from_this<async_pages<Client, OnPage, OnDone>> {
    Client& client;
    connected_accounts::list_request request;
    OnPage on_page;
    OnDone on_done;
    call_options opts;

    async_pages(Client& c, connected_accounts::list_request r, OnPage p, OnDone d, call_options o)
        : client(c), request(std::move(r)), on_page(std::move(p)), on_done(std::move(d)), opts(std::move(o))
    {
    }

    void step()
    {
        client.template async_call<connected_accounts::list>(
            request,
            [self = this->shared_from_this()](result<connected_accounts::list_response> page) mutable {
                self->on_result(std::move(page));
            },
            opts);
    }

    void on_result(result<connected_accounts::list_response> page)
    {
        if (!page) return on_done(result<void>(page.error()));
        auto next = next_page_cursor(*page, request.page_cursor);  // before on_page may move from the page
        bool keep_going = true;
        if constexpr (std::is_same_v<std::invoke_result_t<OnPage&, connected_accounts::list_response&>, void>)
            on_page(*page);
        else
            keep_going = static_cast<bool>(on_page(*page));
        if (!keep_going) return on_done(result<void>());
        if (!next) return on_done(result<void>(next.error()));
        if (!*next) return on_done(result<void>());
        request.page_cursor = std::move(**next);
        step();
    }
};

}  // namespace detail

// Calls on_page(list_response&) for every page, in order, one request at a time; on_page may
// return false to stop early. Then on_done(result<void>) runs exactly once: success, or the
// first error. Handlers run where the transport completes its calls.
template <class Client, class OnPage, class OnDone>
    requires std::is_invocable_v<std::decay_t<OnPage>&, connected_accounts::list_response&> &&
             std::is_invocable_v<std::decay_t<OnDone>&, result<void>>
void async_for_each_page(Client& client, connected_accounts::list_request first, OnPage&& on_page, OnDone&& on_done,
                         call_options opts = {})
{
    using op = detail::async_pages<Client, std::decay_t<OnPage>, std::decay_t<OnDone>>;
    std::make_shared<op>(client, std::move(first), std::forward<OnPage>(on_page), std::forward<OnDone>(on_done),
                         std::move(opts))
        ->step();
}

// handler(result<std::vector<connected_account>>): every account of every page, or the first error.
template <class Client, class Handler>
    requires std::is_invocable_v<std::decay_t<Handler>&, result<std::vector<connected_account>>>
void async_flatten_to_vector(Client& client, connected_accounts::list_request first, Handler&& handler, call_options opts = {})
{
    auto all = std::make_shared<std::vector<connected_account>>();
    async_for_each_page(
        client, std::move(first),
        [all](connected_accounts::list_response& page) {
            std::move(page.connected_accounts.begin(), page.connected_accounts.end(), std::back_inserter(*all));
        },
        [all, h = std::forward<Handler>(handler)](result<void> done) mutable {
            if (!done) h(result<std::vector<connected_account>>(done.error()));
            else h(result<std::vector<connected_account>>(std::move(*all)));
        },
        std::move(opts));
}

}  // namespace apibind::seam

#endif
