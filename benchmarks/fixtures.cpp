#include "fixtures.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <utility>

namespace bench {

namespace sj = apibind::seam;
namespace aj = apibind::json;

document::document(std::string text)
{
    std::size_t const n = text.size();
    storage = std::move(text);
    storage.append(padding, ' ');
    json = std::string_view(storage.data(), n);
}

namespace {

std::string id_of(int i)
{
    char buf[64];
    unsigned long long const tail = 0xeeea4edf0000ULL + static_cast<unsigned long long>(i) * 7919ULL;
    std::snprintf(buf, sizeof buf, "a289aa54-5488-4707-9a4b-%012llx", tail);
    return buf;
}

std::string num(int i) { return std::to_string(i); }

std::string day_of(int i)
{
    char day[8];
    std::snprintf(day, sizeof day, "%02d", 1 + i % 28);
    return day;
}

// Replaces every "{ID}", "{N}" and "{DAY}" in the template.
std::string fill(std::string_view tpl, int i)
{
    std::string out;
    out.reserve(tpl.size() + 64);
    std::string const day = day_of(i);
    for (std::size_t p = 0; p < tpl.size();) {
        if (tpl.compare(p, 4, "{ID}") == 0) { out += id_of(i); p += 4; }
        else if (tpl.compare(p, 3, "{N}") == 0) { out += num(i); p += 3; }
        else if (tpl.compare(p, 5, "{DAY}") == 0) { out += day; p += 5; }
        else out += tpl[p++];
    }
    return out;
}

// Keys in Seam's order (alphabetical, accepted_capabilities last as in the seed's sample), so the
// tagged unions see their tag second (errors) or last (warnings), as the real API sends them.
constexpr std::string_view account_template = R"json({
  "account_type": "salto_ks",
  "account_type_display_name": "Salto KS",
  "automatically_manage_new_devices": true,
  "connected_account_id": "{ID}",
  "created_at": "2025-06-{DAY}T16:54:17.946329Z",
  "custom_metadata": { "id": "internalId{N}", "is_vip": true, "region": "eu-west-1", "synced": false },
  "customer_key": "customer_{N}",
  "display_name": "Hôtel Le Marais — front desk",
  "errors": [
    {
      "created_at": "2025-06-{DAY}T17:01:02.000000Z",
      "error_code": "account_disconnected",
      "is_bridge_error": false,
      "is_connected_account_error": true,
      "message": "Account is disconnected. Reconnect it with a new Connect Webview."
    },
    {
      "created_at": "2025-06-{DAY}T17:01:03.000000Z",
      "error_code": "bridge_disconnected",
      "is_bridge_error": true,
      "is_connected_account_error": false,
      "message": "Seam Bridge is offline: check that the \"Seam Bridge\" service is running."
    },
    {
      "created_at": "2025-06-{DAY}T17:01:04.000000Z",
      "error_code": "salto_ks_subscription_limit_exceeded",
      "is_bridge_error": false,
      "is_connected_account_error": true,
      "message": "Salto site user limit reached.",
      "salto_ks_metadata": {
        "sites": [
          { "site_id": "site_{N}_a", "site_name": "Main building", "site_user_subscription_limit": 100, "subscribed_site_user_count": 100 },
          { "site_id": "site_{N}_b", "site_name": "Annex", "site_user_subscription_limit": 250, "subscribed_site_user_count": 251 }
        ]
      }
    }
  ],
  "image_url": "https://connect.getseam.com/assets/images/logos/salto_ks_logo_square.png",
  "user_identifier": {
    "api_url": "https://example.com/api",
    "email": "jane_doe{N}@example.com",
    "exclusive": true,
    "phone": "+1555551004",
    "username": "jane_doe_{N}"
  },
  "warnings": [
    {
      "created_at": "2025-06-{DAY}T18:00:00.000000Z",
      "message": "Scheduled downtime planned for 2025-06-20 02:00-04:00 UTC.",
      "warning_code": "scheduled_maintenance_window"
    },
    {
      "created_at": "2025-06-{DAY}T18:00:01.000000Z",
      "message": "An unknown issue occurred while syncing the state of this account.",
      "warning_code": "unknown_issue_with_connected_account"
    },
    {
      "created_at": "2025-06-{DAY}T18:00:02.000000Z",
      "message": "Salto KS site has exceeded 80% of its user limit.",
      "salto_ks_metadata": {
        "sites": [
          { "site_id": "site_{N}_a", "site_name": "Main building", "site_user_subscription_limit": 100, "subscribed_site_user_count": 85 },
          { "site_id": "site_{N}_c", "site_name": "Garage", "site_user_subscription_limit": 20, "subscribed_site_user_count": 17 }
        ]
      },
      "warning_code": "salto_ks_subscription_limit_almost_reached"
    },
    {
      "created_at": "2025-06-{DAY}T18:00:03.000000Z",
      "message": "Reauthorize this account with a new Connect Webview.",
      "warning_code": "account_reauthorization_requested"
    }
  ],
  "accepted_capabilities": ["lock", "access_control"]
})json";

// Compact, key order kept (boost::json::object keeps insertion order).
std::string minify(std::string const& text) { return boost::json::serialize(boost::json::parse(text)); }

sj::connected_account_error_salto_ks_subscription_limit_exceeded_salto_ks_metadata_site site(std::string id, std::string name, std::int64_t limit, std::int64_t count)
{
    return {std::move(id), std::move(name), limit, count};
}

}  // namespace

std::string account_json(int i) { return minify(fill(account_template, i)); }

account make_account(int i)
{
    std::string const n = num(i);
    std::string const d = "2025-06-" + day_of(i);
    account a;
    a.accepted_capabilities = {sj::connected_account_accepted_capability::lock, sj::connected_account_accepted_capability::access_control};
    a.account_type = "salto_ks";
    a.account_type_display_name = "Salto KS";
    a.automatically_manage_new_devices = true;
    a.connected_account_id = id_of(i);
    a.created_at = aj::date_time(d + "T16:54:17.946329Z");
    a.custom_metadata.set("id", aj::any_value("internalId" + n));
    a.custom_metadata.set("is_vip", aj::any_value(true));
    a.custom_metadata.set("region", aj::any_value("eu-west-1"));
    a.custom_metadata.set("synced", aj::any_value(false));
    a.customer_key = "customer_" + n;
    a.display_name.get() = "H\xC3\xB4tel Le Marais \xE2\x80\x94 front desk";

    sj::connected_account_error_account_disconnected e1;
    e1.created_at = aj::date_time(d + "T17:01:02.000000Z");
    e1.is_bridge_error = false;
    e1.is_connected_account_error = true;
    e1.message = "Account is disconnected. Reconnect it with a new Connect Webview.";
    sj::connected_account_error_bridge_disconnected e2;
    e2.created_at = aj::date_time(d + "T17:01:03.000000Z");
    e2.is_bridge_error = true;
    e2.is_connected_account_error = false;
    e2.message = "Seam Bridge is offline: check that the \"Seam Bridge\" service is running.";
    sj::connected_account_error_salto_ks_subscription_limit_exceeded e3;
    e3.created_at = aj::date_time(d + "T17:01:04.000000Z");
    e3.is_bridge_error = false;
    e3.is_connected_account_error = true;
    e3.message = "Salto site user limit reached.";
    e3.salto_ks_metadata.sites = std::vector{site("site_" + n + "_a", "Main building", 100, 100), site("site_" + n + "_b", "Annex", 250, 251)};
    a.errors.get() = {e1, e2, e3};

    a.image_url = "https://connect.getseam.com/assets/images/logos/salto_ks_logo_square.png";
    sj::connected_account_user_identifier u;
    u.api_url = "https://example.com/api";
    u.email = "jane_doe" + n + "@example.com";
    u.exclusive = true;
    u.phone = "+1555551004";
    u.username = "jane_doe_" + n;
    a.user_identifier = u;

    sj::connected_account_warning_scheduled_maintenance_window w1;
    w1.created_at = aj::date_time(d + "T18:00:00.000000Z");
    w1.message = "Scheduled downtime planned for 2025-06-20 02:00-04:00 UTC.";
    sj::connected_account_warning_unknown_issue_with_connected_account w2;
    w2.created_at = aj::date_time(d + "T18:00:01.000000Z");
    w2.message = "An unknown issue occurred while syncing the state of this account.";
    sj::connected_account_warning_salto_ks_subscription_limit_almost_reached w3;
    w3.created_at = aj::date_time(d + "T18:00:02.000000Z");
    w3.message = "Salto KS site has exceeded 80% of its user limit.";
    w3.salto_ks_metadata.sites = std::vector{site("site_" + n + "_a", "Main building", 100, 85), site("site_" + n + "_c", "Garage", 20, 17)};
    sj::connected_account_warning_account_reauthorization_requested w4;
    w4.created_at = aj::date_time(d + "T18:00:03.000000Z");
    w4.message = "Reauthorize this account with a new Connect Webview.";
    a.warnings.get() = {w1, w2, w3, w4};
    return a;
}

std::string list_json()
{
    std::string text = "{\"connected_accounts\":[";
    for (int i = 0; i < list_size; ++i) {
        if (i) text += ',';
        text += account_json(1000 + i);
    }
    text += "],\"pagination\":{\"has_next_page\":true,\"next_page_cursor\":\"cGFnZV9jdXJzb3JfMTAw\","
            "\"next_page_url\":\"https://connect.getseam.com/connected_accounts/list?next_page_cursor=cGFnZV9jdXJzb3JfMTAw\"},"
            "\"ok\":true}";
    return text;
}

list_response make_list()
{
    list_response r;
    for (int i = 0; i < list_size; ++i) r.connected_accounts.push_back(make_account(1000 + i));
    r.pagination.has_next_page = true;
    r.pagination.next_page_cursor = std::string("cGFnZV9jdXJzb3JfMTAw");
    r.pagination.next_page_url = std::string("https://connect.getseam.com/connected_accounts/list?next_page_cursor=cGFnZV9jdXJzb3JfMTAw");
    if constexpr (list_has_ok) r.ok = true;
    return r;
}

document const& account_document()
{
    static document const d(account_json(7));
    return d;
}
document const& list_document()
{
    static document const d(list_json());
    return d;
}
account const& expected_account()
{
    static account const a = make_account(7);
    return a;
}
list_response const& expected_list()
{
    static list_response const l = make_list();
    return l;
}

}  // namespace bench
