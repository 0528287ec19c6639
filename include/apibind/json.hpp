// apibind: the JSON codec (umbrella).
#ifndef APIBIND_JSON_HPP
#define APIBIND_JSON_HPP

#include <apibind/json/any_value.hpp>
#include <apibind/json/date_time.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/defaulted.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/json/enum_names.hpp>
#include <apibind/json/literal.hpp>
#include <apibind/json/null.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/json/open_enum.hpp>
#include <apibind/json/options.hpp>
#include <apibind/json/raw_json.hpp>
#include <apibind/json/record.hpp>
#include <apibind/json/tagged_union.hpp>
#include <apibind/json/wire_traits.hpp>

#endif
