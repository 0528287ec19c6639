# ctest test `find_package`: install apibind from the current build tree into a
# scratch prefix, then configure, build and run a consumer that does
# find_package(apibind 0.1 CONFIG REQUIRED). Fails on any error.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

set(_prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${_prefix}")
apibind_run("${CMAKE_COMMAND}" --install "${APIBIND_BUILD_DIR}" --prefix "${_prefix}" ${APIBIND_CONFIG_ARGS})

# The installed tree must hold the headers and the package files.
file(GLOB_RECURSE _cfg "${_prefix}/*/apibindConfig.cmake")
if(NOT EXISTS "${_prefix}/include/apibind/apibind.hpp" OR NOT _cfg)
  message(FATAL_ERROR "install into ${_prefix} lacks include/apibind/apibind.hpp or apibindConfig.cmake")
endif()

apibind_build_and_run_consumer("-DCMAKE_PREFIX_PATH=${_prefix}")
