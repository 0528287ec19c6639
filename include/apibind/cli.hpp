// apibind::cli: a command-line client for any list of endpoint descriptors, as API CLIs shape it:
// `<program> <group...> <command> --<request member> VALUE`. Commands come from the endpoint
// paths, flags from the request structs by reflection, help from both; the program keeps only
// what is its own (credentials, how a call is made and printed). Not part of the core: nothing
// here is needed to call an API. docs/seam.md shows apibind-seam, built on it.
#ifndef APIBIND_CLI_HPP
#define APIBIND_CLI_HPP

#include <apibind/cli/command_line.hpp>
#include <apibind/cli/command_tree.hpp>
#include <apibind/cli/help.hpp>
#include <apibind/cli/request_flags.hpp>

#endif
