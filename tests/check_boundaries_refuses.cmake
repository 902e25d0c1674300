# Runs the include boundary check on a fixture that breaks every rule (a domain module including SQL, a module
# including one it does not depend on, a part including a sibling part, a part including a forbidden library) and
# fails unless the check refuses it with each violation named.
cmake_minimum_required(VERSION 3.25)
execute_process(
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${FIXTURES}/bad -DSPEC=${FIXTURES}/spec.txt -DSTAMP=${WORK}/boundaries-bad.ok
          -P ${CHECKER}
  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(result EQUAL 0)
  message(FATAL_ERROR "The check accepted a module that includes soci/soci.h:\n${output}")
endif()
foreach(expected "domain module 'tenancy' may not include 'soci/soci.h'"
                 "module 'core' includes 'tenancy/b.h' but does not depend on 'tenancy'"
                 "module 'shop/cart' includes 'shop/till/t.h' but does not depend on 'shop/till'"
                 "module 'shop/http' may not include 'restinio/all.hpp'")
  string(FIND "${output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "Expected \"${expected}\" in:\n${output}")
  endif()
endforeach()
