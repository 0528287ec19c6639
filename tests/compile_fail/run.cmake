# One compile-fail test: compiles SOURCE (syntax only) and passes when the compiler refuses it with
# exactly ONE error whose text matches MESSAGE, and the diagnostic also matches NAMES (the offending
# type or member). Run by ctest (tests/CMakeLists.txt), e.g.
#   cmake -DCXX=g++ "-DINCLUDES=/src/include|/usr/include" -DSOURCE=x.cpp -DMESSAGE=re -DNAMES=re -P run.cmake
foreach(var CXX SOURCE MESSAGE NAMES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: ${var} is not set")
  endif()
endforeach()

set(_args -std=c++20 -fsyntax-only -fno-diagnostics-color)
string(REPLACE "|" ";" INCLUDES "${INCLUDES}")
foreach(dir IN LISTS INCLUDES)
  list(APPEND _args "-I${dir}")
endforeach()
execute_process(COMMAND "${CXX}" ${_args} "${SOURCE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)

if(rc EQUAL 0)
  message(FATAL_ERROR "compiled, but must not:\n${SOURCE}")
endif()
# "error:" lines, not "1 error generated." (clang's footer).
string(REGEX MATCHALL "(^|\n)[^\n]*error:[^\n]*" errors "${out}")
list(LENGTH errors n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "expected exactly one error, got ${n}:\n${out}")
endif()
if(NOT errors MATCHES "${MESSAGE}")
  message(FATAL_ERROR "the error does not say /${MESSAGE}/:\n${out}")
endif()
if(NOT out MATCHES "${NAMES}")
  message(FATAL_ERROR "the diagnostic does not name /${NAMES}/:\n${out}")
endif()
string(LENGTH "${out}" size)
message(STATUS "refused as expected, one error (${size} bytes of diagnostics):${errors}")
