# One CLI check for ctest: runs CLI with ARGS ("|"-separated) and no Seam credentials in the
# environment, and passes when it exits with EXIT and its stdout+stderr match OUTPUT (a regex).
#   cmake -DCLI=apibind-seam "-DARGS=--help" -DEXIT=0 "-DOUTPUT=SEAM_API_KEY" -P check_cli.cmake
string(REPLACE "|" ";" ARGS "${ARGS}")
unset(ENV{SEAM_API_KEY})
unset(ENV{SEAM_PERSONAL_ACCESS_TOKEN})
unset(ENV{SEAM_WORKSPACE_ID})
unset(ENV{SEAM_ENDPOINT})
execute_process(COMMAND "${CLI}" ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                INPUT_FILE /dev/null)
set(all "${out}${err}")
if(NOT rc STREQUAL "${EXIT}")
  message(FATAL_ERROR "apibind-seam ${ARGS}: exit status ${rc}, expected ${EXIT}:\n${all}")
endif()
if(NOT all MATCHES "${OUTPUT}")
  message(FATAL_ERROR "apibind-seam ${ARGS}: output does not match /${OUTPUT}/:\n${all}")
endif()
if(DEFINED NOT_OUTPUT AND all MATCHES "${NOT_OUTPUT}")
  message(FATAL_ERROR "apibind-seam ${ARGS}: output matches /${NOT_OUTPUT}/, it must not:\n${all}")
endif()
message(STATUS "apibind-seam ${ARGS}: exit ${rc} as expected")
