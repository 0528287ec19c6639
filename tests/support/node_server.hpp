// Runs a Node.js server script of the project's as a child process, for integration tests. POSIX
// only. The child is `node <script> --port 0 <args...>` (node from $APIBIND_NODE if set, else from
// PATH); it must listen on 127.0.0.1 only, print `<url_prefix><url>` on stdout once ready, write its
// logs to stderr, and exit when its stdin is closed: if this process dies without running
// destructors, the pipe closes and the server goes away by itself. Used by fake_seam_server.hpp
// (the fake Seam server) and the load tests (tests/load/server.mjs).
#ifndef APIBIND_TEST_NODE_SERVER_HPP
#define APIBIND_TEST_NODE_SERVER_HPP

#if !defined(__unix__) && !defined(__APPLE__)
#error "node_server.hpp needs POSIX (posix_spawn, poll, waitpid)"
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

struct node_server_spec {
    std::string name;                // for error messages: "fake_seam_server"
    std::string script;              // absolute path of the .mjs
    std::vector<std::string> args;   // after `--port 0`
    std::string url_prefix;          // "APIBIND_FAKE_SEAM_URL="
    std::string hint;                // appended to start-up errors: how to fix the setup
};

class node_server {
public:
    // Starts the server and waits (up to startup_timeout) until it is listening.
    // Throws std::runtime_error if it cannot be started.
    explicit node_server(node_server_spec spec, std::chrono::milliseconds startup_timeout = std::chrono::seconds(30))
        : spec_(std::move(spec))
    {
        start(startup_timeout);
    }

    node_server(node_server const&) = delete;
    node_server& operator=(node_server const&) = delete;
    node_server(node_server&&) = delete;
    node_server& operator=(node_server&&) = delete;

    ~node_server() { stop(); }

    // Base URL without a trailing slash, e.g. "http://127.0.0.1:40123".
    std::string const& url() const noexcept { return url_; }

    pid_t pid() const noexcept { return pid_; }

private:
    node_server_spec spec_;
    pid_t pid_ = -1;
    int stdin_fd_ = -1;   // our end of the child's stdin: closing it tells the child to exit
    int stdout_fd_ = -1;  // our end of the child's stdout
    std::string url_;

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
            throw std::system_error(errno, std::generic_category(), "node_server: pipe2");
#else
        if (::pipe(fds) != 0)
            throw std::system_error(errno, std::generic_category(), "node_server: pipe");
        for (int i = 0; i < 2; ++i) ::fcntl(fds[i], F_SETFD, FD_CLOEXEC);
#endif
    }

    void start(std::chrono::milliseconds timeout)
    {
        std::string const& script = spec_.script;
        if (::access(script.c_str(), R_OK) != 0)
            throw std::runtime_error(spec_.name + ": cannot read " + script + " (is APIBIND_SOURCE_DIR right?)");

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
        args.insert(args.end(), spec_.args.begin(), spec_.args.end());
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
            throw std::runtime_error(spec_.name + ": cannot run `" + node + "`: " + std::strerror(rc) +
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
                std::string_view const prefix = spec_.url_prefix;
                if (line.substr(0, prefix.size()) == prefix) {
                    std::string url(line.substr(prefix.size()));
                    if (url.rfind("http://127.0.0.1:", 0) != 0)
                        throw std::runtime_error(spec_.name + ": unexpected URL from " + spec_.script + ": " + url);
                    return url;
                }
            }

            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
            if (left.count() <= 0)
                throw std::runtime_error(spec_.name + ": " + spec_.script + " printed no " + spec_.url_prefix +
                                         " line within " + std::to_string(timeout.count()) + " ms" + spec_.hint);
            pollfd pfd{stdout_fd_, POLLIN, 0};
            int const n = ::poll(&pfd, 1, static_cast<int>(left.count()));
            if (n < 0) {
                if (errno == EINTR) continue;
                throw std::system_error(errno, std::generic_category(), "node_server: poll");
            }
            if (n == 0) continue;  // timed out: reported at the top of the loop
            ssize_t const got = ::read(stdout_fd_, chunk, sizeof chunk);
            if (got < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                throw std::system_error(errno, std::generic_category(), "node_server: read");
            }
            if (got == 0)
                throw std::runtime_error(spec_.name + ": " + spec_.script + " exited before it was ready" +
                                         exit_description() + spec_.hint);
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

#endif  // APIBIND_TEST_NODE_SERVER_HPP
