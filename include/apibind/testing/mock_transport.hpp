// apibind::testing::mock_transport: scripted responses and recorded requests, for users' own tests.
// It models both transport concepts. Sync sends answer at once; async sends (and async waits) are
// queued and complete when the test calls poll(), like a game engine delivering callbacks on its tick.
#ifndef APIBIND_TESTING_MOCK_TRANSPORT_HPP
#define APIBIND_TESTING_MOCK_TRANSPORT_HPP

#include <apibind/transport.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace apibind::testing {

class mock_transport {
public:
    // Queues the next outcome.
    void push(http_response r)
    {
        std::lock_guard lock(mutex_);
        script_.emplace_back(std::move(r));
    }
    void push(int status, std::string body, std::vector<http_header> headers = {})
    {
        http_response r;
        r.status = status;
        r.body = std::move(body);
        r.headers = std::move(headers);
        push(std::move(r));
    }
    void push_error(error e)
    {
        std::lock_guard lock(mutex_);
        script_.emplace_back(std::move(e));
    }

    result<http_response> send(http_request const& req)
    {
        std::lock_guard lock(mutex_);
        return next(req);
    }

    void async_send(http_request req, response_handler handler)
    {
        std::lock_guard lock(mutex_);
        auto outcome = next(req);
        ready_.push_back([h = std::move(handler), o = std::move(outcome)]() mutable { h(std::move(o)); });
    }

    void async_wait(std::chrono::milliseconds delay, detail::unique_function<void()> fn)
    {
        std::lock_guard lock(mutex_);
        waits_.push_back(delay);
        ready_.push_back(std::move(fn));
    }

    // Runs every completion queued so far (not those they queue in turn); returns how many ran.
    std::size_t poll()
    {
        std::deque<detail::unique_function<void()>> batch;
        {
            std::lock_guard lock(mutex_);
            batch.swap(ready_);
        }
        for (auto& f : batch) f();
        return batch.size();
    }
    // Polls until nothing is left.
    std::size_t run()
    {
        std::size_t n = 0;
        while (std::size_t k = poll()) n += k;
        return n;
    }

    std::vector<http_request> requests() const
    {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::size_t request_count() const
    {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }
    http_request last_request() const
    {
        std::lock_guard lock(mutex_);
        return requests_.empty() ? http_request{} : requests_.back();
    }
    // The delays the client asked async_wait for, in order.
    std::vector<std::chrono::milliseconds> waits() const
    {
        std::lock_guard lock(mutex_);
        return waits_;
    }
    std::size_t pending() const
    {
        std::lock_guard lock(mutex_);
        return ready_.size();
    }

private:
    result<http_response> next(http_request const& req)
    {
        requests_.push_back(req);
        if (script_.empty())
            return make_error(error_kind::transport, error_code::transport_other, "mock_transport: no scripted response left");
        auto outcome = std::move(script_.front());
        script_.pop_front();
        return outcome;
    }

    mutable std::mutex mutex_;
    std::deque<result<http_response>> script_;
    std::vector<http_request> requests_;
    std::deque<detail::unique_function<void()>> ready_;
    std::vector<std::chrono::milliseconds> waits_;
};

}  // namespace apibind::testing

#endif
