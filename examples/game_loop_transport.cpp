// docs/transports.md walks through this file. It is built and run as a test.
//
// A transport for an engine whose HTTP module queues requests and delivers responses from the
// host's own tick (poll() on the game thread): no blocking, no hidden threads. The "engine" here
// answers from an in-process route table so the example runs anywhere; in a game it would be
// the engine's HTTP module (libcurl multi, UE's FHttpModule, a console SDK, ...).
#include <apibind/apibind.hpp>

#include <boost/describe.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <string>
#include <utility>

// --- the engine side: a callback-based HTTP module with a tick -------------------------------
class engine_http_module {
public:
    using callback = std::function<void(int status, std::string body)>;
    std::function<std::pair<int, std::string>(std::string const& method, std::string const& url, std::string const& body)> backend;

    void request(std::string method, std::string url, std::string body, callback done)
    {
        queue_.push_back({std::move(method), std::move(url), std::move(body), std::move(done)});
    }
    void after(std::chrono::milliseconds, std::function<void()> f) { timers_.push_back(std::move(f)); }  // next tick, for the demo

    // Called once per frame by the game loop; returns the number of completions delivered.
    int tick()
    {
        int n = 0;
        auto pending = std::move(queue_);
        queue_.clear();
        for (auto& r : pending) {
            auto [status, body] = backend(r.method, r.url, r.body);
            r.done(status, std::move(body));
            ++n;
        }
        auto timers = std::move(timers_);
        timers_.clear();
        for (auto& f : timers) {
            f();
            ++n;
        }
        return n;
    }

private:
    struct pending_request {
        std::string method, url, body;
        callback done;
    };
    std::deque<pending_request> queue_;
    std::deque<std::function<void()>> timers_;
};

// --- the adapter: models apibind::async_transport and apibind::async_timer --------------------
class engine_transport {
public:
    explicit engine_transport(engine_http_module& m) : module_(m) {}

    void async_send(apibind::http_request req, apibind::response_handler handler)
    {
        // std::function needs a copyable callable; the handler is move-only, so share it.
        auto h = std::make_shared<apibind::response_handler>(std::move(handler));
        module_.request(req.method, req.url, req.body, [h](int status, std::string body) {
            apibind::http_response res;
            res.status = status;
            res.body = std::move(body);
            (*h)(std::move(res));
        });
    }
    void async_wait(std::chrono::milliseconds d, apibind::detail::unique_function<void()> f)
    {
        auto fn = std::make_shared<apibind::detail::unique_function<void()>>(std::move(f));
        module_.after(d, [fn] { (*fn)(); });
    }

private:
    engine_http_module& module_;
};
static_assert(apibind::async_transport<engine_transport> && apibind::async_timer<engine_transport>);

// --- an endpoint ---------------------------------------------------------------------------
struct score_request {
    std::string player;
    int points;
};
BOOST_DESCRIBE_STRUCT(score_request, (), (player, points))
struct score_response {
    int rank;
};
BOOST_DESCRIBE_STRUCT(score_response, (), (rank))
using submit_score = apibind::endpoint<"/scores/submit", score_request, score_response>;

int main()
{
    engine_http_module http;
    int calls = 0;
    http.backend = [&](std::string const&, std::string const& url, std::string const& body) -> std::pair<int, std::string> {
        ++calls;
        if (calls == 1) return {429, "slow down"};  // the first answer asks to retry: 429 is safe to retry
        std::printf("server got %s %s\n", url.c_str(), body.c_str());
        return {200, R"({"rank":3})"};
    };

    engine_transport transport(http);
    apibind::basic_policy policy;
    policy.url = "https://game.example.com/api";
    apibind::client<engine_transport, apibind::basic_policy> client(std::move(transport), policy);

    int rank = -1;
    client.async_call<submit_score>({.player = "ada", .points = 1200}, [&](apibind::result<score_response> r) {
        rank = r ? r->rank : -2;
    });

    // The game loop: everything happens on this thread, inside tick().
    for (int frame = 0; frame < 10 && rank == -1; ++frame) std::printf("frame %d: %d completion(s)\n", frame, http.tick());
    std::printf("rank %d after %d request(s)\n", rank, calls);
    return rank == 3 && calls == 2 ? 0 : 1;
}
