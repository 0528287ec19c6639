# Helpers for the build-configuration tests' cmake -P scripts.
# Inputs (all -D on the cmake -P command line, set by tests/CMakeLists.txt):
#   APIBIND_ROOT, APIBIND_BUILD_DIR, CXX_COMPILER, GENERATOR, BUILD_TYPE, BOOST_DIR,
#   CONSUMER_DIR, WORK_DIR

foreach(_var APIBIND_ROOT APIBIND_BUILD_DIR CXX_COMPILER CONSUMER_DIR WORK_DIR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "${CMAKE_CURRENT_LIST_FILE}: -D${_var}=... is required")
  endif()
endforeach()

# Runs a command, echoing it, and fails the script (hence the test) on a non-zero exit.
function(apibind_run)
  string(REPLACE ";" " " _pretty "${ARGN}")
  message(STATUS "+ ${_pretty}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "command failed (${_rc}): ${_pretty}")
  endif()
endfunction()

# Configure arguments shared by the nested consumer builds.
set(APIBIND_NESTED_CONFIGURE_ARGS "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
if(GENERATOR)
  list(APPEND APIBIND_NESTED_CONFIGURE_ARGS -G "${GENERATOR}")
endif()
if(BUILD_TYPE)
  list(APPEND APIBIND_NESTED_CONFIGURE_ARGS "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
  set(APIBIND_CONFIG_ARGS --config "${BUILD_TYPE}")
else()
  set(APIBIND_CONFIG_ARGS "")
endif()
if(BOOST_DIR)
  list(APPEND APIBIND_NESTED_CONFIGURE_ARGS "-DBoost_DIR=${BOOST_DIR}")
endif()

# Configures CONSUMER_DIR into <WORK_DIR>/build with the extra args, builds it and
# runs its `consumer` executable (and `consumer_beast_compiled`, if built).
function(apibind_build_and_run_consumer)
  set(_bin "${WORK_DIR}/build")
  file(REMOVE_RECURSE "${_bin}")
  apibind_run("${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${_bin}"
              ${APIBIND_NESTED_CONFIGURE_ARGS} ${ARGN})
  apibind_run("${CMAKE_COMMAND}" --build "${_bin}" ${APIBIND_CONFIG_ARGS})
  set(_exe "${_bin}/consumer")
  if(BUILD_TYPE AND NOT EXISTS "${_exe}" AND EXISTS "${_bin}/${BUILD_TYPE}/consumer")
    set(_exe "${_bin}/${BUILD_TYPE}/consumer")  # multi-config generators
  endif()
  apibind_run("${_exe}")
  # The consumer of the separately compiled Beast transports, when the consumer project has one.
  get_filename_component(_dir "${_exe}" DIRECTORY)
  if(EXISTS "${_dir}/consumer_beast_compiled")
    apibind_run("${_dir}/consumer_beast_compiled")
  endif()
endfunction()
