# Helpers that keep the module layout of DESIGN.md honest.
#
# guichet_module(NAME SOURCES ... DEPENDS ... [LINK ...] [FORBID_INFRASTRUCTURE])
#   Declares the static library guichet_<NAME> from src/<NAME>. DEPENDS lists the other Guichet modules it may use;
#   LINK lists third-party targets. A module declared FORBID_INFRASTRUCTURE (every domain module) may not include
#   HTTP, SQL or template headers. The include check runs as part of every build: a forbidden include fails it.
#
# guichet_module_part(NAME DEPENDS ... [FORBID header-prefix ...] [FORBID_INFRASTRUCTURE])
#   Declares a part of a module (a subfolder, "web/http", "storage/family"), compiled into its module's library but
#   checked as a module of its own: it may include only itself, what it DEPENDS on, and no header starting with a
#   FORBID prefix. The module's other files may include a part only when the module DEPENDS on it.
#
# guichet_tests(NAME SOURCES ... LINK ... [LABELS ...])
#   Declares a GoogleTest executable and registers its tests with CTest.

set(GUICHET_MODULES "" CACHE INTERNAL "")

function(guichet_module name)
  cmake_parse_arguments(MOD "FORBID_INFRASTRUCTURE" "" "SOURCES;DEPENDS;LINK;FORBID;PART_DEPENDS" ${ARGN})
  set(target guichet_${name})
  add_library(${target} STATIC ${MOD_SOURCES})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror=return-type)
  set(dep_targets "")
  foreach(dep IN LISTS MOD_DEPENDS)
    list(APPEND dep_targets guichet_${dep})
  endforeach()
  target_link_libraries(${target} PUBLIC ${dep_targets} ${MOD_LINK})
  set_property(GLOBAL APPEND PROPERTY GUICHET_MODULE_LIST ${name})
  # The module's own files may also include the parts listed in PART_DEPENDS ("web/http"…).
  set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_DEPENDS "${MOD_DEPENDS};${MOD_PART_DEPENDS}")
  if(MOD_FORBID_INFRASTRUCTURE)
    set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_FORBID "1")
  else()
    set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_FORBID "${MOD_FORBID}")
  endif()
endfunction()

function(guichet_module_part name)
  cmake_parse_arguments(PART "FORBID_INFRASTRUCTURE" "" "DEPENDS;FORBID" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY GUICHET_MODULE_LIST ${name})
  set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_DEPENDS "${PART_DEPENDS}")
  if(PART_FORBID_INFRASTRUCTURE)
    set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_FORBID "1")
  else()
    set_property(GLOBAL PROPERTY GUICHET_MODULE_${name}_FORBID "${PART_FORBID}")
  endif()
  set_property(GLOBAL APPEND PROPERTY GUICHET_MODULE_PARTS ${name})
endfunction()

function(guichet_tests name)
  if(NOT GUICHET_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(TST "" "" "SOURCES;LINK;LABELS" ${ARGN})
  add_executable(${name} ${TST_SOURCES})
  target_compile_options(${name} PRIVATE -Wall -Wextra -Wpedantic)
  target_link_libraries(${name} PRIVATE ${TST_LINK} GTest::gtest GTest::gtest_main GTest::gmock)
  if(TST_LABELS)
    gtest_discover_tests(${name} PROPERTIES LABELS "${TST_LABELS}" DISCOVERY_TIMEOUT 60)
  else()
    gtest_discover_tests(${name} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
  endif()
endfunction()

# Adds a build step that scans every module's sources for includes it is not allowed to make: another Guichet module
# it does not depend on, or (for domain modules) an HTTP, SQL or template library.
function(guichet_check_module_includes)
  get_property(modules GLOBAL PROPERTY GUICHET_MODULE_LIST)
  set(spec "")
  foreach(module IN LISTS modules)
    get_property(deps GLOBAL PROPERTY GUICHET_MODULE_${module}_DEPENDS)
    get_property(forbid GLOBAL PROPERTY GUICHET_MODULE_${module}_FORBID)
    list(REMOVE_ITEM deps "")
    string(REPLACE ";" "," deps_csv "${deps}")
    string(REPLACE ";" "," forbid_csv "${forbid}")
    string(APPEND spec "${module}:${deps_csv}:${forbid_csv}\n")
  endforeach()
  file(WRITE ${PROJECT_BINARY_DIR}/module_spec.txt "${spec}")
  set(stamp ${PROJECT_BINARY_DIR}/module_includes.ok)
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.h ${PROJECT_SOURCE_DIR}/src/*.cpp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}/src -DSPEC=${PROJECT_BINARY_DIR}/module_spec.txt
            -DSTAMP=${stamp} -P ${PROJECT_SOURCE_DIR}/cmake/CheckModuleIncludes.cmake
    DEPENDS ${all_sources} ${PROJECT_BINARY_DIR}/module_spec.txt ${PROJECT_SOURCE_DIR}/cmake/CheckModuleIncludes.cmake
    COMMENT "Checking module include boundaries")
  add_custom_target(module_boundaries ALL DEPENDS ${stamp})
  get_property(parts GLOBAL PROPERTY GUICHET_MODULE_PARTS)
  foreach(module IN LISTS modules)
    if(NOT module IN_LIST parts)
      add_dependencies(guichet_${module} module_boundaries)
    endif()
  endforeach()
endfunction()
