// docs/transports.md ("Connection pools") quotes this file. It is built and run as a test.
//
// Many threads calling one API: one beast_async_transport, whose pool keeps up to
// max_connections_per_origin connections per origin, on an io_context that two threads run;
// the worker threads hand their calls to it and wait on a future. The other way: one
// beast_sync_transport per thread (a sync transport serves one thread at a time).
#include <apibind/apibind.hpp>
#include <apibind/transport/beast.hpp>  // CMake: target_link_libraries(app PRIVATE apibind::beast_compiled)

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/describe.hpp>

#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace status_api {

struct get_status_request {
    std::string service;
};
BOOST_DESCRIBE_STRUCT(get_status_request, (), (service))

struct get_status_response {
    std::string state;
};
BOOST_DESCRIBE_STRUCT(get_status_response, (), (state))

using get_status = apibind::endpoint<"/status/{service}", get_status_request, get_status_response,
                                     apibind::method<apibind::http_method::get>>;

}  // namespace status_api

using status_result = apibind::result<status_api::get_status_response>;

int main()
{
    using namespace std::chrono_literals;
    apibind::basic_policy policy;
    policy.url = "http://127.0.0.1:1";  // nothing listens on port 1 here: every call fails, readably
    policy.retries.max_attempts = 1;

    // The pooled way: one async transport, many calls in flight.
    apibind::transport::beast_options options;
    options.max_connections_per_origin = 4;  // at most 4 calls in flight per origin; the rest wait, in order
    options.idle_timeout = 10s;              // an unused connection is closed after 10 s
    boost::asio::io_context io;
    using async_client = apibind::client<apibind::transport::beast_async_transport, apibind::basic_policy>;
    async_client client(apibind::transport::beast_async_transport(io.get_executor(), options), policy);

    auto work = boost::asio::make_work_guard(io);
    std::vector<std::thread> io_threads;
    for (int i = 0; i < 2; ++i) io_threads.emplace_back([&io] { io.run(); });

    // A call from any thread: started on the transport's executor (so the client is entered from
    // one thread at a time), its result waited for with a future.
    auto call = [&client](std::string service) {
        auto done = std::make_shared<std::promise<status_result>>();
        std::future<status_result> result = done->get_future();
        boost::asio::post(client.transport().get_executor(), [&client, done, service = std::move(service)] {
            client.async_call<status_api::get_status>({.service = service},
                                                      [done](status_result r) { done->set_value(std::move(r)); });
        });
        return result;
    };

    std::vector<std::thread> workers;
    std::vector<status_result> results(6, status_result(apibind::make_error(apibind::error_kind::transport,
                                                                             apibind::error_code::none, "not run")));
    for (std::size_t i = 0; i < results.size(); ++i)
        workers.emplace_back([&, i] { results[i] = call("service-" + std::to_string(i)).get(); });
    for (auto& w : workers) w.join();
    work.reset();
    for (auto& t : io_threads) t.join();

    // The other way: a blocking transport per thread.
    status_result blocking = status_result(apibind::make_error(apibind::error_kind::transport, apibind::error_code::none, "not run"));
    std::thread worker([&] {
        apibind::transport::beast_sync_transport http(options);  // this thread's own
        apibind::client<apibind::transport::beast_sync_transport&, apibind::basic_policy> sync_client(http, policy);
        blocking = sync_client.call<status_api::get_status>({.service = "db"});
    });
    worker.join();

    int transport_errors = 0;
    for (auto const& r : results) transport_errors += !r && r.error().code == apibind::error_code::connection_refused;
    transport_errors += !blocking && blocking.error().code == apibind::error_code::connection_refused;
    std::printf("%d of 7 calls ended with connection_refused; one: %s\n", transport_errors,
                to_string(blocking.error()).c_str());
    return transport_errors == 7 ? 0 : 1;
}
