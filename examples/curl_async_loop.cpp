// docs/transports.md walks through this file. It is built (with apibind::curl) and run as a test.
//
// libcurl's multi interface driven by a game loop: each frame calls poll(), which never blocks;
// the call's handler and the client's retry waits run inside it, on this thread, and no thread is
// started. So that the example runs anywhere, the server is a port on 127.0.0.1 that nothing
// listens on: each attempt is refused, the client retries (a refused connection sent nothing, so
// any call may be retried) through the transport's timer, and the handler gets the error after
// the third attempt. Give a base URL as the argument to call a real server instead.
#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/transport/curl_async.hpp>  // CMake: target_link_libraries(game PRIVATE apibind::curl)

#include <boost/describe.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

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

int main(int argc, char** argv)
{
    using namespace std::chrono_literals;

    apibind::transport::curl_options options;
    options.connect_timeout = 2s;
    options.request_timeout = 5s;
    apibind::basic_policy policy;
    policy.url = argc > 1 ? argv[1] : "http://127.0.0.1:1";
    apibind::client<apibind::transport::curl_async_transport, apibind::basic_policy> client(
        apibind::transport::curl_async_transport(options), policy);
    client.set_timeouts({.call = 10s, .attempt = 3s});  // the whole call, and each attempt

    bool done = false;
    int exit_code = 1;
    apibind::cancel_handle call = client.async_call<submit_score>({.player = "ada", .points = 1200}, [&](apibind::result<score_response> r) {
        done = true;
        if (r) {
            std::printf("rank %d\n", r->rank);
            exit_code = 0;
        } else {
            std::printf("failed after %d attempt(s): %s\n", r.error().attempts, to_string(r.error()).c_str());
            exit_code = argc == 1 && r.error().code == apibind::error_code::connection_refused && r.error().attempts == 3 ? 0 : 1;
        }
    });

    // The game loop: poll() once per frame; the rest of the frame is the game's.
    int frame = 0;
    for (; !done && frame < 600; ++frame) {
        if (std::size_t const n = client.transport().poll()) std::printf("frame %d: %zu completion(s)\n", frame, n);
        std::this_thread::sleep_for(16ms);  // render, simulate, ...
    }
    if (!done) call.cancel();  // the player gave up waiting: the handler runs now, with error_code::cancelled
    std::printf("%d frame(s)\n", frame);
    return exit_code;
}
