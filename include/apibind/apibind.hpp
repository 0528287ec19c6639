// apibind: the core (umbrella): codec, descriptors, transport concepts, client, observers, facade, paginator, errors.
#ifndef APIBIND_APIBIND_HPP
#define APIBIND_APIBIND_HPP

#include <apibind/client.hpp>
#include <apibind/endpoint.hpp>
#include <apibind/error.hpp>
#include <apibind/facade.hpp>
#include <apibind/json.hpp>
#include <apibind/observer.hpp>
#include <apibind/paginate.hpp>
#include <apibind/retry.hpp>
#include <apibind/transport.hpp>

#endif
