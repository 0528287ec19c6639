// docs/getting-started.md walks through this file. It is built and run as a test.
//
// Bind an endpoint of your own API: describe the structs, declare the endpoint, plug in a transport.
#include <apibind/apibind.hpp>
#include <apibind/testing/mock_transport.hpp>

#include <boost/describe.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace todo {

namespace json = apibind::json;

enum class task_state { open, done };
BOOST_DESCRIBE_ENUM(task_state, open, done)

struct task_record {
    std::string task_id;
    std::string title;
    json::open_enum<task_state> state;           // a state added by the server later is kept, not rejected
    std::optional<std::string> due_at{};    // absent stays absent
    json::record<json::any_value> labels;   // free-form key/value pairs
};
BOOST_DESCRIBE_STRUCT(task_record, (), (task_id, title, state, due_at, labels))
// Members are required unless optional; this one may be left out by the server and then stays empty.
APIBIND_JSON_OPTIONS(task_record, options{}.default_when_absent("labels"))

struct get_task_request {
    std::string task_id;
};
BOOST_DESCRIBE_STRUCT(get_task_request, (), (task_id))

struct get_task_response {
    task_record task;
};
BOOST_DESCRIBE_STRUCT(get_task_response, (), (task))

// GET /tasks/{task_id}: the path parameter comes from the request member of that name.
using get_task = apibind::endpoint<"/tasks/{task_id}", get_task_request, get_task_response,
                                   apibind::method<apibind::http_method::get>, apibind::retry_safe>;

// The same route for a facade: response_key names the member the facade hands over.
using get = apibind::endpoint<"/tasks/{task_id}", get_task_request, get_task_response,
                              apibind::method<apibind::http_method::get>, apibind::retry_safe, apibind::response_key<"task">>;

// A facade view: one facade_call per endpoint, reading like an SDK (`tasks.get({...})`).
template <class Core>
struct tasks_api {
    explicit tasks_api(Core& core) noexcept : get(core) {}
    apibind::facade_call<Core, todo::get> get;  // result<task_record>
};

}  // namespace todo

int main()
{
    // 1. The codec on its own: bytes to struct and back, with errors that say where.
    auto decoded = apibind::json::decode<todo::task_record>(R"({"task_id":"t1","title":"Write docs","state":"blocked","labels":{"prio":1}})");
    if (!decoded) return 1;
    std::printf("state: %s (known: %s)\n", std::string(decoded->state.to_string()).c_str(), decoded->state.is_known() ? "yes" : "no");
    std::printf("encoded: %s\n", apibind::json::encode(*decoded).c_str());

    auto bad = apibind::json::decode<todo::task_record>(R"({"task_id":"t1","title":7})");
    std::printf("error: %s\n", to_string(bad.error()).c_str());

    // 2. A client: base URL and headers from a policy, any transport (here the scripted mock;
    //    apibind::transport::beast_sync_transport for real HTTP).
    apibind::testing::mock_transport transport;
    transport.push(200, R"({"task":{"task_id":"t 1","title":"Ship","state":"done"}})");

    apibind::basic_policy policy;
    policy.url = "https://todo.example.com/v2";
    policy.headers = {{"authorization", "Bearer my-token"}};
    apibind::client<apibind::testing::mock_transport&, apibind::basic_policy> client(transport, policy);

    // A log line per stage of each call: the observer sees the request redacted, never the token.
    bool token_seen = false;
    client.set_observer([&](apibind::call_event const& e) {
        std::printf("[%s] %s %s attempt %d", std::string(to_string(e.stage)).c_str(), std::string(e.method).c_str(),
                    std::string(e.url).c_str(), e.attempt);
        if (e.status) std::printf(" -> %d", e.status);
        if (e.failure) std::printf(" (%s)", to_string(*e.failure).c_str());
        std::printf(" after %lld us\n", static_cast<long long>(e.elapsed.count()));
        for (apibind::http_header const& h : e.headers) token_seen = token_seen || h.value.find("my-token") != std::string::npos;
    });

    apibind::result<todo::get_task_response> got = client.call<todo::get_task>({.task_id = "t 1"});
    if (!got) {
        std::printf("call failed: %s\n", to_string(got.error()).c_str());
        return 1;
    }
    std::printf("%s %s -> %s\n", transport.last_request().method.c_str(), transport.last_request().url.c_str(), got->task.title.c_str());

    // 3. A facade over the same client: the call returns the unwrapped task.
    todo::tasks_api<decltype(client)> tasks(client);
    transport.push(200, R"({"task":{"task_id":"t2","title":"Review","state":"open"}})");
    apibind::result<todo::task_record> task = tasks.get({.task_id = "t2"});
    if (!task) return 1;
    std::printf("facade: %s\n", task->title.c_str());
    return got->task.state == todo::task_state::done && task->title == "Review" && bad.error().path == "title" && !token_seen ? 0 : 1;
}
