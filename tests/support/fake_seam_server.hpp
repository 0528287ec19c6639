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

#ifndef APIBIND_SOURCE_DIR
#error "define APIBIND_SOURCE_DIR as a string literal naming the apibind repository root"
#endif

#include <support/node_server.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

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

class fake_seam_server : public node_server {
public:
    // Starts the server and waits (up to startup_timeout) until it is listening.
    // Throws std::runtime_error if it cannot be started.
    explicit fake_seam_server(std::chrono::milliseconds startup_timeout = std::chrono::seconds(30))
        : node_server({"fake_seam_server", script_path(), {}, "APIBIND_FAKE_SEAM_URL=",
                       " (hint: run `bash scripts/fake_seam/install.sh` to install the fake server's npm "
                       "packages, and `bash scripts/install_deps.sh` if node is missing; the server's own "
                       "messages are on stderr above)"},
                      startup_timeout)
    {
    }

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
};

}  // namespace apibind_test

#endif  // APIBIND_TEST_FAKE_SEAM_SERVER_HPP
