// apibind: the core (umbrella): codec, descriptors, transport concepts, client, errors.
#ifndef APIBIND_APIBIND_HPP
#define APIBIND_APIBIND_HPP

#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/json.hpp>
#include <apibind/retry.hpp>
#include <apibind/transport.hpp>

#endif
