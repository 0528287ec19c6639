// Compiled against apibind::beast (and apibind::curl when available): the transport
// headers must be usable through the exported targets alone.
#include <apibind/transport/beast.hpp>
#if defined(APIBIND_HAS_CURL)
#include <apibind/transport/curl.hpp>
#endif

int consumer_transports_linked() { return 1; }
