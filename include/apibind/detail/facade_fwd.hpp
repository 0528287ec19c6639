// The declaration of apibind::facade_call (apibind/facade.hpp), without its definition. A route
// namespace view (a generated `locks_api<Core>`) only names facade_call<Core, E> in a class
// template, which needs the name, not the class: including the definition (the client, the codec,
// the paginator) would double what a user pays to include one namespace header. Whoever makes a
// view (a binding's client) includes apibind/facade.hpp.
#ifndef APIBIND_DETAIL_FACADE_FWD_HPP
#define APIBIND_DETAIL_FACADE_FWD_HPP

#include <apibind/endpoint.hpp>

namespace apibind {

template <class Core, endpoint_descriptor E>
class facade_call;

}  // namespace apibind

#endif
