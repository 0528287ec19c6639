// apibind: the library's version, for user agents and SDK headers (`seam-sdk-version`).
#ifndef APIBIND_VERSION_HPP
#define APIBIND_VERSION_HPP

#define APIBIND_VERSION_MAJOR 0
#define APIBIND_VERSION_MINOR 1
#define APIBIND_VERSION_PATCH 0
#define APIBIND_VERSION_STRING "0.1.0"

#endif
