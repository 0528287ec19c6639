// Runs the fake Seam Connect server (scripts/fake_seam/start.mjs, a Node.js
// process wrapping @seamapi/fake-seam-connect) for integration tests. POSIX only.
//
//   auto& fake = apibind_test::fake_seam_server::shared();   // one per test process
//   std::string base = fake.url();                            // "http://127.0.0.1:<port>"
//
// The child is `node <APIBIND_SOURCE_DIR>/scripts/fake_seam/start.mjs --port 0`
// (node from $APIBIND_NODE if set, else from PATH). It listens on 127.0.0.1 only,
// prints `APIBIND_FAKE_SEAM_URL=<url>` on stdout once ready, writes its logs to
// our stderr, and exits when its stdin is closed: if this process dies without
// running destructors, the pipe closes and the server goes away by itself.
//
// Its npm packages must be installed first: `bash scripts/fake_seam/install.sh`
// (scripts/test.sh does it).
//
// STATE PERSISTS across every test case that uses shared(): the fake keeps its
// database in memory for the life of the process, and updates and deletes are
// real. Tests sharing it must not depend on changes made by other tests:
// mutate only accounts your test owns (or restore them), treat the seeds below
// as read-only otherwise, or start a private `fake_seam_server` (~0.5 s) when a
// test needs pristine or destructive state. The fake's `seam-request-id`
// counter (request1, request2, ...) is per server process, so never assert on
// its exact value with the shared server.
#ifndef APIBIND_TEST_FAKE_SEAM_SERVER_HPP
#define APIBIND_TEST_FAKE_SEAM_SERVER_HPP

#if !defined(__unix__) && !defined(__APPLE__)
#error "fake_seam_server.hpp needs POSIX (posix_spawn, poll, waitpid)"
#endif

#ifndef APIBIND_SOURCE_DIR
#error "define APIBIND_SOURCE_DIR as a string literal naming the apibind repository root"
#endif

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

extern "C" char** environ;

namespace apibind_test {

// The fixed data start.mjs seeds (see scripts/fake_seam/README.md).
namespace fake_seam_seed {

// fake.seed(): the fake's own default seed. created_at of these accounts is the
// server's start time (not fixed).
inline constexpr std::string_view api_key = "seam_apikey1_token";          // seed_workspace_1
inline constexpr std::string_view empty_workspace_api_key = "seam_apikey2_token";  // seed_workspace_2, no accounts
inline constexpr std::string_view workspace_id = "seed_workspace_1";
inline constexpr std::string_view personal_access_token = "seam_at1_longtoken";  // + Seam-Workspace header
inline constexpr std::string_view client_session_token = "seam_cst1_token";     // sees john's account only
inline constexpr std::string_view publishable_key = "seam_pk1_token";
inline constexpr std::string_view john_account_id = "john_connected_account_id";  // august, john@example.com
inline constexpr std::string_view jane_account_id = "jane_connected_account_id";  // schlage, jane@example.com
inline constexpr std::string_view john_assa_account_id = "john_assa_cs_connected_account_id";  // also john@

// "lab" workspace: three accounts with fixed created_at 2024-01-01T00:0{0,1,2}:00.000Z.
inline constexpr std::string_view lab_api_key = "seam_labkey1_token";
inline constexpr std::string_view lab_workspace_id = "lab_workspace_1";
inline constexpr std::string_view lab_account_1 = "lab_ca_1";  // august, alice@example.com
inline constexpr std::string_view lab_account_2 = "lab_ca_2";  // schlage, bob@example.com
inline constexpr std::string_view lab_account_3 = "lab_ca_3";  // ecobee, carol@example.com

// "paging" workspace: page_ca_1 .. page_ca_7 (pageN@example.com),
// created_at 2024-02-01T00:0N:00.000Z, listed in that order.
inline constexpr std::string_view paging_api_key = "seam_pagekey1_token";
inline constexpr std::string_view paging_workspace_id = "page_workspace_1";
inline constexpr int paging_account_count = 7;

// "full" workspace: one of each resource the fake serves (scripts/fake_seam/README.md).
inline constexpr std::string_view full_api_key = "seam_fullkey1_token";
inline constexpr std::string_view full_workspace_id = "full_workspace_1";
inline constexpr std::string_view full_locks_account = "full_ca_locks";
inline constexpr std::string_view full_climate_account = "full_ca_climate";
inline constexpr std::string_view full_noise_account = "full_ca_noise";
inline constexpr std::string_view full_lock_1 = "full_lock_1";  // locked; full_lock_3 is unlocked
inline constexpr std::string_view full_thermostat_1 = "full_thermostat_1";
inline constexpr std::string_view full_noise_sensor = "full_noise_1";
inline constexpr std::string_view full_unmanaged_device = "full_unmanaged_1";
inline constexpr std::string_view full_access_code = "full_access_code_1";      // on full_lock_1
inline constexpr std::string_view full_unmanaged_code = "full_unmanaged_code_1";  // on full_lock_3
inline constexpr std::string_view full_acs_system = "full_acs_system_1";
inline constexpr std::string_view full_user_identity = "full_user_identity_1";
// Managed devices in list order (created_at, then id): devices/list with limit 3 gives 3, 3, 1.
inline constexpr std::string_view full_device_ids[] = {"full_lock_1", "full_lock_2", "full_lock_3", "full_lock_4",
                                                       "full_thermostat_1", "full_thermostat_2", "full_noise_1"};

}  // namespace fake_seam_seed

class fake_seam_server {
public:
    // Starts the server and waits (up to startup_timeout) until it is listening.
    // Throws std::runtime_error if it cannot be started.
    explicit fake_seam_server(std::chrono::milliseconds startup_timeout = std::chrono::seconds(30))
    {
        start(startup_timeout);
    }

    fake_seam_server(fake_seam_server const&) = delete;
    fake_seam_server& operator=(fake_seam_server const&) = delete;
    fake_seam_server(fake_seam_server&&) = delete;
    fake_seam_server& operator=(fake_seam_server&&) = delete;

    ~fake_seam_server() { stop(); }

    // Base URL without a trailing slash, e.g. "http://127.0.0.1:40123".
    std::string const& url() const noexcept { return url_; }

    pid_t pid() const noexcept { return pid_; }

    // One server for the whole test process, started on first use (thread-safe)
    // and stopped at exit. Its state persists across test cases: see the top of
    // this file. If it cannot be started, this and every later call throw the
    // same start-up error (no retry, so a broken setup fails each test fast).
    static fake_seam_server& shared()
    {
        struct holder {
            std::unique_ptr<fake_seam_server> server;
            std::exception_ptr error;
            holder()
            {
                try {
                    server = std::make_unique<fake_seam_server>();
                } catch (...) {
                    error = std::current_exception();
                }
            }
        };
        static holder instance;
        if (instance.error) std::rethrow_exception(instance.error);
        return *instance.server;
    }

    static std::string script_path() { return std::string(APIBIND_SOURCE_DIR) + "/scripts/fake_seam/start.mjs"; }

private:
    static constexpr std::string_view url_prefix = "APIBIND_FAKE_SEAM_URL=";

    pid_t pid_ = -1;
    int stdin_fd_ = -1;   // our end of the child's stdin: closing it tells the child to exit
    int stdout_fd_ = -1;  // our end of the child's stdout
    std::string url_;

    static std::string hint()
    {
        return " (hint: run `bash scripts/fake_seam/install.sh` to install the fake server's npm "
               "packages, and `bash scripts/install_deps.sh` if node is missing; the server's own "
               "messages are on stderr above)";
    }

    static void close_fd(int& fd) noexcept
    {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }

    static void make_pipe(int fds[2])
    {
        // Close-on-exec: no other child of this process (another server, a
        // system("curl ...")) may inherit our ends, or the server would not see
        // EOF on its stdin when we go away.
#if defined(__linux__)
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::system_error(errno, std::generic_category(), "fake_seam_server: pipe2");
#else
        if (::pipe(fds) != 0)
            throw std::system_error(errno, std::generic_category(), "fake_seam_server: pipe");
        for (int i = 0; i < 2; ++i) ::fcntl(fds[i], F_SETFD, FD_CLOEXEC);
#endif
    }

    void start(std::chrono::milliseconds timeout)
    {
        std::string const script = script_path();
        if (::access(script.c_str(), R_OK) != 0)
            throw std::runtime_error("fake_seam_server: cannot read " + script + " (is APIBIND_SOURCE_DIR right?)");

        char const* node_env = std::getenv("APIBIND_NODE");
        std::string const node = (node_env != nullptr && *node_env != '\0') ? node_env : "node";

        int in[2] = {-1, -1};
        int out[2] = {-1, -1};
        make_pipe(in);
        try {
            make_pipe(out);
        } catch (...) {
            ::close(in[0]);
            ::close(in[1]);
            throw;
        }

        posix_spawn_file_actions_t actions;
        posix_spawnattr_t attr;
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
        // dup2 onto 0/1 clears close-on-exec on the copies; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        // Default dispositions and an empty mask in the child, whatever the test
        // runner did with its own signals (an ignored or blocked SIGTERM would
        // otherwise be inherited).
        sigset_t none;
        sigset_t defaults;
        sigemptyset(&none);
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGTERM);
        sigaddset(&defaults, SIGINT);
        sigaddset(&defaults, SIGHUP);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

        // --port 0: a free port, even if the environment has a PORT variable.
        std::vector<std::string> args = {node, script, "--port", "0"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);

        pid_t pid = -1;
        int const rc = ::posix_spawnp(&pid, node.c_str(), &actions, &attr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        ::close(in[0]);
        ::close(out[1]);
        if (rc != 0) {
            ::close(in[1]);
            ::close(out[0]);
            throw std::runtime_error("fake_seam_server: cannot run `" + node + "`: " + std::strerror(rc) +
                                     " (is Node.js installed? run `bash scripts/install_deps.sh`, or set APIBIND_NODE)");
        }
        pid_ = pid;
        stdin_fd_ = in[1];
        stdout_fd_ = out[0];

        try {
            url_ = read_url(timeout);
        } catch (...) {
            stop();
            throw;
        }
    }

    // Reads the child's stdout until the URL line; throws on EOF or timeout.
    std::string read_url(std::chrono::milliseconds timeout)
    {
        using clock = std::chrono::steady_clock;
        auto const deadline = clock::now() + timeout;
        std::string buffer;
        char chunk[4096];
        for (;;) {
            for (std::size_t eol; (eol = buffer.find('\n')) != std::string::npos; buffer.erase(0, eol + 1)) {
                std::string_view line(buffer.data(), eol);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                if (line.substr(0, url_prefix.size()) == url_prefix) {
                    std::string url(line.substr(url_prefix.size()));
                    if (url.rfind("http://127.0.0.1:", 0) != 0)
                        throw std::runtime_error("fake_seam_server: unexpected URL from " + script_path() +
                                                 ": " + url);
                    return url;
                }
            }

            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
            if (left.count() <= 0)
                throw std::runtime_error("fake_seam_server: " + script_path() + " printed no " +
                                         std::string(url_prefix) + " line within " +
                                         std::to_string(timeout.count()) + " ms" + hint());
            pollfd pfd{stdout_fd_, POLLIN, 0};
            int const n = ::poll(&pfd, 1, static_cast<int>(left.count()));
            if (n < 0) {
                if (errno == EINTR) continue;
                throw std::system_error(errno, std::generic_category(), "fake_seam_server: poll");
            }
            if (n == 0) continue;  // timed out: reported at the top of the loop
            ssize_t const got = ::read(stdout_fd_, chunk, sizeof chunk);
            if (got < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                throw std::system_error(errno, std::generic_category(), "fake_seam_server: read");
            }
            if (got == 0)
                throw std::runtime_error("fake_seam_server: " + script_path() + " exited before it was ready" +
                                         exit_description() + hint());
            buffer.append(chunk, static_cast<std::size_t>(got));
        }
    }

    // Waits briefly for the (already exited) child and describes how it ended.
    std::string exit_description()
    {
        for (int i = 0; i < 200 && pid_ > 0; ++i) {  // up to 2 s
            int status = 0;
            pid_t const r = ::waitpid(pid_, &status, WNOHANG);
            if (r == pid_) {
                pid_ = -1;
                if (WIFEXITED(status)) return " (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
                if (WIFSIGNALED(status)) return " (killed by signal " + std::to_string(WTERMSIG(status)) + ")";
                return "";
            }
            if (r < 0 && errno != EINTR) {
                pid_ = -1;
                return "";
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return "";
    }

    // Closes stdin (the server exits on EOF), sends SIGTERM, waits up to 5 s,
    // then SIGKILL; always reaps the child.
    void stop() noexcept
    {
        close_fd(stdin_fd_);
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            bool reaped = false;
            for (int i = 0; i < 500; ++i) {  // 5 s in 10 ms steps
                int status = 0;
                pid_t const r = ::waitpid(pid_, &status, WNOHANG);
                if (r == pid_ || (r < 0 && errno == ECHILD)) {
                    reaped = true;
                    break;
                }
                if (r < 0 && errno != EINTR) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            if (!reaped) {
                ::kill(pid_, SIGKILL);
                int status = 0;
                while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
                }
            }
            pid_ = -1;
        }
        close_fd(stdout_fd_);
    }
};

}  // namespace apibind_test

#endif  // APIBIND_TEST_FAKE_SEAM_SERVER_HPP
