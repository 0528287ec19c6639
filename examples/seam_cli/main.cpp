// apibind-seam: a command-line client for Seam Connect's connected accounts, mirroring the Seam CLI.
//
//   apibind-seam connected-accounts get (--connected_account_id ID | --email EMAIL)
//   apibind-seam connected-accounts list [--limit N] [--page_cursor C] [--all]
//   apibind-seam connected-accounts sync --connected_account_id ID
//   apibind-seam connected-accounts update --connected_account_id ID [--automatically_manage_new_devices true|false]
//                                          [--custom_metadata JSON] [--customer_key KEY]
//   apibind-seam connected-accounts delete --connected_account_id ID
//   apibind-seam decode connected_account|event < payload.json
//
// Reads SEAM_API_KEY (or SEAM_PERSONAL_ACCESS_TOKEN + SEAM_WORKSPACE_ID) and SEAM_ENDPOINT.
// Prints the response JSON; on an error prints one line to stderr and exits 1 (2 for usage errors).
#include "pretty.hpp"

#include <apibind/seam.hpp>
#include <apibind/transport/beast.hpp>

#include <cstdio>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace seam = apibind::seam;
namespace ca = apibind::seam::connected_accounts;

int usage(std::string_view why)
{
    std::fprintf(stderr,
                 "apibind-seam: %.*s\n"
                 "usage:\n"
                 "  apibind-seam connected-accounts get (--connected_account_id ID | --email EMAIL)\n"
                 "  apibind-seam connected-accounts list [--limit N] [--page_cursor C] [--all]\n"
                 "  apibind-seam connected-accounts sync --connected_account_id ID\n"
                 "  apibind-seam connected-accounts update --connected_account_id ID [--automatically_manage_new_devices true|false]\n"
                 "                                         [--custom_metadata JSON] [--customer_key KEY]\n"
                 "  apibind-seam connected-accounts delete --connected_account_id ID\n"
                 "  apibind-seam decode connected_account|event < payload.json\n",
                 static_cast<int>(why.size()), why.data());
    return 2;
}

int fail(apibind::error const& e)
{
    std::fprintf(stderr, "error: %s\n", to_string(e).c_str());
    return 1;
}

template <class T>
int print(T const& value)
{
    std::string const text = seam_cli::pretty_json(apibind::json::encode(value));
    std::printf("%s\n", text.c_str());
    return 0;
}

int print_empty()
{
    std::printf("{}\n");  // what the Seam CLI prints for void routes
    return 0;
}

// --name value pairs; flags without a value (--all) map to "".
struct arguments {
    std::map<std::string, std::string, std::less<>> values;
    std::string error;

    std::optional<std::string> get(std::string_view name) const
    {
        auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

arguments parse_arguments(int argc, char** argv, int first, std::vector<std::string_view> const& flags)
{
    arguments a;
    for (int i = first; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (!arg.starts_with("--")) {
            a.error = "unexpected argument \"" + std::string(arg) + "\"";
            return a;
        }
        std::string name(arg.substr(2));
        if (auto eq = name.find('='); eq != std::string::npos) {
            a.values[name.substr(0, eq)] = name.substr(eq + 1);
            continue;
        }
        bool const is_flag = std::find(flags.begin(), flags.end(), name) != flags.end();
        if (is_flag) {
            a.values[name] = "";
        } else if (i + 1 < argc) {
            a.values[name] = argv[++i];
        } else {
            a.error = "--" + name + " needs a value";
            return a;
        }
    }
    return a;
}

bool allowed_only(arguments const& a, std::vector<std::string_view> const& names, std::string& bad)
{
    for (auto const& [k, v] : a.values) {
        if (std::find(names.begin(), names.end(), k) == names.end()) {
            bad = "unknown option --" + k;
            return false;
        }
    }
    return true;
}

template <class Client>
int connected_accounts(Client& client, std::string_view command, arguments const& a)
{
    std::string bad;
    auto const id = a.get("connected_account_id");
    if (command == "get") {
        if (!allowed_only(a, {"connected_account_id", "email"}, bad)) return usage(bad);
        ca::get_request req;
        req.connected_account_id = id;
        req.email = a.get("email");
        if (!req.connected_account_id && !req.email) return usage("get needs --connected_account_id or --email");
        auto r = client.connected_accounts.get(req);
        return r ? print(*r) : fail(r.error());
    }
    if (command == "list") {
        if (!allowed_only(a, {"limit", "page_cursor", "all"}, bad)) return usage(bad);
        ca::list_request req;
        if (auto limit = a.get("limit")) {
            auto n = apibind::json::decode<std::int64_t>(*limit);
            if (!n) return usage("--limit needs a whole number");
            req.limit = *n;
        }
        if (auto cursor = a.get("page_cursor")) req.page_cursor = *cursor;
        if (a.get("all")) {
            auto all = client.connected_accounts.list.all(req);
            return all ? print(*all) : fail(all.error());
        }
        auto page = client.connected_accounts.list.page(req);
        return page ? print(*page) : fail(page.error());
    }
    if (command == "sync" || command == "delete") {
        if (!allowed_only(a, {"connected_account_id"}, bad)) return usage(bad);
        if (!id) return usage(std::string(command) + " needs --connected_account_id");
        auto r = command == "sync" ? client.connected_accounts.sync({.connected_account_id = *id})
                                   : client.connected_accounts.delete_({.connected_account_id = *id});
        return r ? print_empty() : fail(r.error());
    }
    if (command == "update") {
        if (!allowed_only(a, {"connected_account_id", "automatically_manage_new_devices", "custom_metadata", "customer_key"}, bad))
            return usage(bad);
        if (!id) return usage("update needs --connected_account_id");
        ca::update_request req;
        req.connected_account_id = *id;
        if (auto v = a.get("automatically_manage_new_devices")) {
            if (*v != "true" && *v != "false") return usage("--automatically_manage_new_devices takes true or false");
            req.automatically_manage_new_devices = *v == "true";
        }
        if (auto md = a.get("custom_metadata")) {
            auto parsed = apibind::json::decode<seam::custom_metadata>(*md);
            if (!parsed) {
                std::fprintf(stderr, "error: --custom_metadata: %s\n", to_string(parsed.error()).c_str());
                return 2;
            }
            req.custom_metadata = std::move(*parsed);
        }
        req.customer_key = a.get("customer_key");
        auto r = client.connected_accounts.update(req);
        return r ? print_empty() : fail(r.error());
    }
    return usage("unknown connected-accounts command \"" + std::string(command) + "\"");
}

// Validates a payload read from stdin and prints it back, normalised.
int decode(std::string_view what)
{
    std::string const input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (what == "connected_account") {
        auto r = apibind::json::decode<seam::connected_account>(input);
        return r ? print(*r) : fail(r.error());
    }
    if (what == "event") {
        auto r = apibind::json::decode<seam::event>(input);
        if (!r) return fail(r.error());
        if (r->is_unrecognised()) std::fprintf(stderr, "note: event type \"%s\" is not modelled; kept as is\n", std::string(r->tag()).c_str());
        return print(*r);
    }
    return usage("decode takes connected_account or event");
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) return usage("no command");
    std::string_view const group = argv[1];
    if (group == "decode") {
        if (argc != 3) return usage("decode takes one type");
        return decode(argv[2]);
    }
    if (group != "connected-accounts") return usage("unknown command \"" + std::string(group) + "\"");
    if (argc < 3) return usage("connected-accounts needs a command");
    arguments const a = parse_arguments(argc, argv, 3, {"all"});
    if (!a.error.empty()) return usage(a.error);

    auto options = seam::options::from_env();
    if (!options) return fail(options.error());
    apibind::transport::beast_sync_transport http;
    seam::client<apibind::transport::beast_sync_transport&> client(http, std::move(*options));
    return connected_accounts(client, argv[2], a);
}
