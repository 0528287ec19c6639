// apibind: the compiled part of the Beast transports, for APIBIND_BEAST_SEPARATE_COMPILATION (the
// convention of Boost.Beast's and Boost.JSON's src.hpp). Include it in exactly one translation
// unit of the program, with APIBIND_BEAST_SEPARATE_COMPILATION defined there and in every other
// translation unit that includes <apibind/transport/beast.hpp>:
//
//   // beast.cpp, compiled once (with APIBIND_BEAST_HAS_SSL=1 and -lssl -lcrypto for https://)
//   #include <apibind/transport/beast_src.hpp>
//
// The CMake target apibind::beast_compiled is this translation unit as a static library; it
// defines the macro for everything that links it. Mixing the modes in one program (a translation
// unit without the macro next to this one) is an ODR violation: define the macro everywhere.
#ifndef APIBIND_TRANSPORT_BEAST_SRC_HPP
#define APIBIND_TRANSPORT_BEAST_SRC_HPP

#if !defined(APIBIND_BEAST_SEPARATE_COMPILATION)
#error "apibind/transport/beast_src.hpp compiles the Beast transports separately: define APIBIND_BEAST_SEPARATE_COMPILATION in every translation unit that includes apibind/transport/beast.hpp (or link the CMake target apibind::beast_compiled); without it beast.hpp is header-only and needs no beast_src.hpp"
#endif

#include <apibind/transport/beast.hpp>
#include <apibind/transport/impl/beast.ipp>

#endif
