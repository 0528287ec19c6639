// apibind::superoffice: the EMail agent's sync endpoints (models and descriptors).
//
//   POST Agents/EMail/GetReadySyncEmailAccounts   -> 200, JSON array of SyncUserAccount
//   POST Agents/EMail/SyncEmailAccounts           {"SyncUserAccounts":[...]} -> 204
//   POST Agents/EMail/SyncEmailAccount            {"SyncUserAccount":{...}}  -> 204
//
// Paths are relative to the tenant's base URL, which already ends in /api/v1.
#ifndef APIBIND_SUPEROFFICE_EMAIL_AGENT_HPP
#define APIBIND_SUPEROFFICE_EMAIL_AGENT_HPP

#include <apibind/endpoint.hpp>
#include <apibind/facade.hpp>
#include <apibind/json/options.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace apibind::superoffice {

// An e-mail account due for (or given to) a sync. Responses also carry SuperOffice's carrier
// metadata, `TableRight` and `FieldProperties`: not modelled, so they are skipped as unknown keys.
// They say nothing the sync needs, and leaving them out keeps the usual flow (GetReady..., then
// SyncEmailAccounts with that list) from echoing server metadata back in the request body.
struct sync_user_account {
    std::int32_t account_id = 0;  // the account's primary key
    std::string associate_name{};   // the *username* of the associate who owns the account
    std::int32_t associate_id = 0;

    friend bool operator==(sync_user_account const&, sync_user_account const&) = default;
};
BOOST_DESCRIBE_STRUCT(sync_user_account, (), (account_id, associate_name, associate_id))
APIBIND_JSON_OPTIONS(sync_user_account, options{}.with_naming(naming::pascal_case))

namespace email_agent {

struct sync_email_accounts_request {
    std::vector<sync_user_account> sync_user_accounts{};
};
BOOST_DESCRIBE_STRUCT(sync_email_accounts_request, (), (sync_user_accounts))
APIBIND_JSON_OPTIONS(sync_email_accounts_request, options{}.with_naming(naming::pascal_case))

// 204 No Content (or a literal `null`): nothing to read.
struct sync_email_accounts_response {};
BOOST_DESCRIBE_STRUCT(sync_email_accounts_response, (), ())

struct sync_email_account_request {
    superoffice::sync_user_account sync_user_account{};
};
BOOST_DESCRIBE_STRUCT(sync_email_account_request, (), (sync_user_account))
APIBIND_JSON_OPTIONS(sync_email_account_request, options{}.with_naming(naming::pascal_case))

struct sync_email_account_response {};
BOOST_DESCRIBE_STRUCT(sync_email_account_response, (), ())

// No body is sent: the request has no members.
struct get_ready_sync_email_accounts_request {};
BOOST_DESCRIBE_STRUCT(get_ready_sync_email_accounts_request, (), ())

// The body is a top-level JSON array.
using get_ready_sync_email_accounts_response = std::vector<sync_user_account>;

// Not retry_safe. The server runs one SyncEmailAccounts at a time and answers a call that finds
// one running with the same 204 after a second, without starting anything. So after a timeout or
// a 5xx, the first attempt may have started a sync: a retry is then either swallowed by that lock
// (its 204 would pass a failed attempt off as a success) or starts a second full pass against the
// mail servers, the load the throttling exists to avoid. Failures where the server certainly did
// not act (connection refused, 429) are still retried; otherwise the next GetReady/Sync cycle is
// the retry.
using sync_email_accounts = endpoint<"/Agents/EMail/SyncEmailAccounts", sync_email_accounts_request, sync_email_accounts_response>;

// Not retry_safe, for the same reason: a repeat after an ambiguous failure may sync the account a
// second time (this one is not throttled by the server).
using sync_email_account = endpoint<"/Agents/EMail/SyncEmailAccount", sync_email_account_request, sync_email_account_response>;

// retry_safe: a read (POST only by the API's RPC style); asking twice returns the same list.
// response_may_be_empty: ASP.NET answers a null list with 204, which reads as an empty list.
using get_ready_sync_email_accounts =
    endpoint<"/Agents/EMail/GetReadySyncEmailAccounts", get_ready_sync_email_accounts_request, get_ready_sync_email_accounts_response,
             retry_safe, response_may_be_empty>;

}  // namespace email_agent

// The facade's view (superoffice::client's `email_agent` member). Results: result<void> for the
// two syncs (204), result<std::vector<sync_user_account>> for get_ready_sync_email_accounts
// (a top-level array: the whole body; no response_key to name).
template <class Core>
struct email_agent_api {
    explicit email_agent_api(Core& core) noexcept
        : get_ready_sync_email_accounts(core), sync_email_account(core), sync_email_accounts(core)
    {
    }
    apibind::facade_call<Core, email_agent::get_ready_sync_email_accounts> get_ready_sync_email_accounts;
    // Syncs one account (not throttled by the server).
    apibind::facade_call<Core, email_agent::sync_email_account> sync_email_account;
    // Starts syncing these accounts from the mail server into the SuperOffice cache. Success means
    // "accepted", possibly a no-op: the server runs one such sync at a time and silently returns
    // after a second when one is active.
    apibind::facade_call<Core, email_agent::sync_email_accounts> sync_email_accounts;
};

}  // namespace apibind::superoffice

#endif
