// apibind: the definitions of the Beast transports' members (apibind/transport/beast.hpp). Included
// by beast.hpp in the header-only mode (the members are then inline), else by beast_src.hpp in
// the one translation unit that compiles them. Not meant to be included on its own.
#ifndef APIBIND_TRANSPORT_IMPL_BEAST_IPP
#define APIBIND_TRANSPORT_IMPL_BEAST_IPP

#include <apibind/transport/beast.hpp>
#include <apibind/transport/detail/beast_connection.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <utility>
#include <vector>

namespace apibind::transport {

namespace detail {

inline connection_options connection_options_of(beast_options const& o)
{
    return {o.connect_timeout, o.request_timeout, o.max_body_size, o.ca_file, o.ca_path, o.ca_pem};
}

inline std::size_t pool_limit(beast_options const& o) noexcept
{
    return o.max_connections_per_origin == 0 ? 1 : o.max_connections_per_origin;
}

// The async transport's state: per origin, a pool of connections and a FIFO of the requests
// waiting for one. It lives on a strand and is kept alive by pending handlers, so destroying
// the transport while requests are in flight is safe.
class async_state : public std::enable_shared_from_this<async_state> {
public:
    async_state(asio::any_io_executor strand, beast_options options)
        : executor_(strand), options_(std::move(options)), sweep_timer_(strand)
    {
    }

    // The members below run on the strand only.

    void enqueue(http_request req, response_handler handler)
    {
        if (stopped_) return handler(destroyed());
        auto prepared = prepare_request(std::move(req), options_.user_agent, "beast_async_transport");
        if (!prepared) return handler(prepared.error());
        origin_pool& pool = pool_for(prepared->origin);
        pool.waiting.push_back({std::move(*prepared), std::move(handler)});
        dispatch(pool);
        update_sweep_timer();
    }

    void wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        if (stopped_) return;
        auto const it = timers_.emplace(timers_.end(), executor_, delay);
        it->async_wait([self = shared_from_this(), it, fn = std::move(fn)](beast::error_code ec) mutable {
            self->timers_.erase(it);
            if (!ec && !self->stopped_) fn();
        });
    }

    // The transport is gone: fail queued requests, abort the ones in flight (their handlers
    // run with operation_aborted), close idle connections, drop timers (a timer callback would
    // typically resend through the destroyed transport).
    void shutdown()
    {
        stopped_ = true;
        for (auto& t : timers_) t.cancel();
        stop_sweep_timer();
        for (auto& pool : pools_) {
            for (auto& c : pool.connections) c->conn->cancel();
            std::erase_if(pool.connections, [](auto const& c) { return !c->busy; });
            while (!pool.waiting.empty()) {
                pending next = std::move(pool.waiting.front());
                pool.waiting.pop_front();
                next.handler(destroyed());
            }
        }
        erase_empty_pools();
    }

private:
    using clock = std::chrono::steady_clock;

    struct pending {
        prepared_request request;
        response_handler handler;
    };

    struct pooled {
        std::shared_ptr<detail::connection> conn;
        bool busy = false;
        clock::time_point idle_since{};
    };

    struct origin_pool {
        detail::origin where;
        std::vector<std::shared_ptr<pooled>> connections;  // busy and idle, at most pool_limit()
        std::deque<pending> waiting;                       // FIFO: requests no connection is free for
    };

    static error destroyed()
    {
        return make_error(error_kind::transport, error_code::transport_other,
                          "request cancelled because the transport was destroyed");
    }

    origin_pool& pool_for(detail::origin const& where)
    {
        for (auto& pool : pools_)
            if (pool.where == where) return pool;
        pools_.push_back({where, {}, {}});
        return pools_.back();
    }

    // Starts waiting requests of `pool`, oldest first, while it has a free connection or room
    // for a new one.
    void dispatch(origin_pool& pool)
    {
        close_expired_idle(clock::now());
        while (!pool.waiting.empty()) {
            if (auto why = not_to_send(pool.waiting.front().request)) {
                pending dropped = std::move(pool.waiting.front());
                pool.waiting.pop_front();
                dropped.handler(std::move(*why));
                continue;
            }
            std::shared_ptr<pooled> free = idle_connection(pool);
            if (!free) {
                if (pool.connections.size() >= pool_limit(options_)) return;  // all busy: wait
                free = std::make_shared<pooled>();
                free->conn = std::make_shared<connection>(executor_, connection_options_of(options_), tls_contexts_);
                pool.connections.push_back(free);
            }
            pending next = std::move(pool.waiting.front());
            pool.waiting.pop_front();
            start(pool, std::move(free), std::move(next));
        }
    }

    // The idle connection used last: the others stay idle and time out when load drops.
    static std::shared_ptr<pooled> idle_connection(origin_pool& pool)
    {
        std::shared_ptr<pooled> best;
        for (auto const& c : pool.connections)
            if (!c->busy && (!best || c->idle_since > best->idle_since)) best = c;
        return best;
    }

    // Why a waiting request must not be sent any more, if it must not: its call has ended
    // (http_request::abandoned), or the client's limit for the attempt (http_request::timeout)
    // passed while it waited.
    static std::optional<error> not_to_send(prepared_request const& r)
    {
        if (r.abandoned && r.abandoned->load())
            return transport_error(error_code::cancelled, "the call ended before the request was sent; it was not sent", r.description);
        if (r.timeout.count() > 0 && clock::now() - r.started >= r.timeout)
            return transport_error(error_code::timed_out, "timed out waiting for a free connection", r.description);
        return std::nullopt;
    }

    void start(origin_pool& pool, std::shared_ptr<pooled> c, pending next)
    {
        c->busy = true;
        ++in_flight_;
        auto& conn = *c->conn;
        // `pool` outlives the exchange: a pool with a busy connection is never erased.
        conn.async_exchange(std::move(next.request),
                            [self = shared_from_this(), pool = &pool, c = std::move(c),
                             handler = std::move(next.handler)](result<http_response> r) mutable {
                                self->finished(*pool, c, std::move(handler), std::move(r));
                            });
    }

    void finished(origin_pool& pool, std::shared_ptr<pooled> const& c, response_handler handler,
                  result<http_response> r)
    {
        --in_flight_;
        c->busy = false;
        c->idle_since = clock::now();
        if (stopped_ || !c->conn->kept_alive()) std::erase(pool.connections, c);
        handler(std::move(r));  // before the next one starts: with one connection, completions stay FIFO
        dispatch(pool);
        erase_empty_pools();
        update_sweep_timer();
    }

    void close_expired_idle(clock::time_point now)
    {
        if (options_.idle_timeout.count() <= 0) return;
        for (auto& pool : pools_)
            std::erase_if(pool.connections, [&](auto const& c) {
                if (c->busy || now - c->idle_since < options_.idle_timeout) return false;
                c->conn->cancel();  // closes the socket: the server sees it go
                return true;
            });
    }

    void erase_empty_pools()
    {
        pools_.remove_if([](origin_pool const& p) { return p.connections.empty() && p.waiting.empty(); });
    }

    // Closes idle connections on time while calls are in flight. With none in flight the timer
    // is not armed (io_context::run() would otherwise wait idle_timeout after the last call);
    // idle connections are then closed at the next request or when the transport is destroyed.
    void update_sweep_timer()
    {
        if (stopped_ || in_flight_ == 0 || options_.idle_timeout.count() <= 0) return stop_sweep_timer();
        if (sweep_armed_) return;
        std::optional<clock::time_point> first;
        for (auto const& pool : pools_)
            for (auto const& c : pool.connections)
                if (!c->busy && (!first || c->idle_since < *first)) first = c->idle_since;
        if (!first) return;
        sweep_armed_ = true;
        sweep_timer_.expires_at(*first + options_.idle_timeout);
        sweep_timer_.async_wait([self = shared_from_this(), generation = ++sweep_generation_](beast::error_code ec) {
            if (generation != self->sweep_generation_) return;  // cancelled or re-armed since
            self->sweep_armed_ = false;
            if (ec || self->stopped_) return;
            self->close_expired_idle(clock::now());
            self->erase_empty_pools();
            self->update_sweep_timer();
        });
    }

    void stop_sweep_timer()
    {
        if (!sweep_armed_) return;
        sweep_armed_ = false;
        ++sweep_generation_;
        sweep_timer_.cancel();
    }

    asio::any_io_executor executor_;
    beast_options options_;
    std::shared_ptr<tls_context_cache> tls_contexts_ = std::make_shared<tls_context_cache>();  // one for the pool
    std::list<origin_pool> pools_;  // a list: finished() holds a pool by address
    std::list<asio::steady_timer> timers_;
    asio::steady_timer sweep_timer_;
    std::uint64_t sweep_generation_ = 0;
    std::size_t in_flight_ = 0;
    bool sweep_armed_ = false;
    bool stopped_ = false;
};

}  // namespace detail

namespace detail {

// Together so that the connection is destroyed before the io_context it runs on.
struct sync_state {
    explicit sync_state(connection_options options)
        : connection(std::make_shared<detail::connection>(io.get_executor(), std::move(options)))
    {
    }
    boost::asio::io_context io{1};
    std::shared_ptr<detail::connection> connection;
    std::chrono::steady_clock::time_point last_used{};  // when the last exchange ended
};

}  // namespace detail

APIBIND_BEAST_DECL beast_sync_transport::beast_sync_transport(beast_options options)
    : options_(std::move(options)), state_(std::make_unique<detail::sync_state>(detail::connection_options_of(options_)))
{
}

APIBIND_BEAST_DECL beast_sync_transport::beast_sync_transport(beast_sync_transport&& other) noexcept = default;
APIBIND_BEAST_DECL beast_sync_transport& beast_sync_transport::operator=(beast_sync_transport&& other) noexcept = default;
APIBIND_BEAST_DECL beast_sync_transport::~beast_sync_transport() = default;

APIBIND_BEAST_DECL result<http_response> beast_sync_transport::send(http_request const& req)
{
    auto prepared = detail::prepare_request(req, options_.user_agent, "beast_sync_transport");
    if (!prepared) return prepared.error();

    auto const now = std::chrono::steady_clock::now();
    if (options_.idle_timeout.count() > 0 && now - state_->last_used >= options_.idle_timeout)
        state_->connection->cancel();  // idle too long: a fresh connection (no-op when none is open)

    std::optional<result<http_response>> out;
    state_->io.restart();  // the previous run() returned because it ran out of work
    state_->connection->async_exchange(std::move(*prepared),
                                       [&out](result<http_response> r) { out.emplace(std::move(r)); });
    state_->io.run();
    state_->last_used = std::chrono::steady_clock::now();
    if (!out)  // unreachable unless a handler threw out of run()
        return make_error(error_kind::transport, error_code::transport_other, "the exchange did not complete");
    return std::move(*out);
}

APIBIND_BEAST_DECL beast_async_transport::beast_async_transport(boost::asio::any_io_executor executor, beast_options options)
    : strand_(boost::asio::make_strand(executor)),
      state_(std::make_shared<detail::async_state>(strand_, std::move(options)))
{
}

APIBIND_BEAST_DECL beast_async_transport& beast_async_transport::operator=(beast_async_transport&& other) noexcept
{
    if (this != &other) {
        stop();
        strand_ = std::move(other.strand_);
        state_ = std::move(other.state_);
    }
    return *this;
}

APIBIND_BEAST_DECL beast_async_transport::~beast_async_transport() { stop(); }

APIBIND_BEAST_DECL void beast_async_transport::async_send(http_request req, response_handler handler)
{
    boost::asio::post(strand_, [s = state_, req = std::move(req), h = std::move(handler)]() mutable {
        s->enqueue(std::move(req), std::move(h));
    });
}

APIBIND_BEAST_DECL void beast_async_transport::async_wait(std::chrono::milliseconds delay,
                                                          apibind::detail::unique_function<void()> fn)
{
    boost::asio::post(strand_, [s = state_, delay, f = std::move(fn)]() mutable { s->wait(delay, std::move(f)); });
}

APIBIND_BEAST_DECL void beast_async_transport::stop()
{
    if (state_) boost::asio::post(strand_, [s = std::move(state_)] { s->shutdown(); });
}

}  // namespace apibind::transport

#endif
