# ctest test `add_subdirectory`: configure, build and run a consumer that vendors
# apibind with add_subdirectory(<repo root>). Fails on any error; the consumer's
# CMakeLists.txt itself checks that apibind's tests are not built.
include("${CMAKE_CURRENT_LIST_DIR}/common.cmake")

apibind_build_and_run_consumer("-DAPIBIND_ROOT=${APIBIND_ROOT}")
