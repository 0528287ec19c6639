// Lets doctest print an apibind::result: the value's presence, or the error's readable line.
#ifndef APIBIND_TESTS_SUPPORT_DOCTEST_RESULT_HPP
#define APIBIND_TESTS_SUPPORT_DOCTEST_RESULT_HPP

#include <apibind/error.hpp>

#include <doctest/doctest.h>

namespace doctest {
template <class T>
struct StringMaker<boost::system::result<T, apibind::error>> {
    static String convert(boost::system::result<T, apibind::error> const& r)
    {
        if (r.has_value()) return "result(value)";
        return ("result(error: " + apibind::to_string(r.error()) + ")").c_str();
    }
};
}  // namespace doctest

#endif
