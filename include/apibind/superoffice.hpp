// apibind::superoffice: the SuperOffice WebAPI binding (umbrella): the EMail agent's sync
// endpoints, authentication, the error body, and the client facade.
#ifndef APIBIND_SUPEROFFICE_HPP
#define APIBIND_SUPEROFFICE_HPP

#include <apibind/superoffice/auth.hpp>
#include <apibind/superoffice/client.hpp>
#include <apibind/superoffice/email_agent.hpp>
#include <apibind/superoffice/errors.hpp>

#endif
