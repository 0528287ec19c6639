// Linked against apibind::beast (and apibind::curl when available) so that CMake resolves
// their link interface. Including the transport headers is left to the find_package
// consumer (beast.hpp alone costs ~16 s of CPU to compile).
int consumer_transports_linked() { return 1; }
