# Core unit tests: the same sources run natively, under ASan/UBSan, and compiled to wasm under node.
include(GoogleTest)
if(EMSCRIPTEN)
  # Debian ships GoogleTest sources; build them with emcc (no exceptions, no threads).
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  set(NETREADY_GTEST_MAIN GTest::gtest_main)
  if(NOT TARGET GTest::gtest_main)
    set(NETREADY_GTEST_MAIN gtest_main)
  endif()
else()
  find_package(GTest REQUIRED)
  set(NETREADY_GTEST_MAIN GTest::gtest_main)
endif()

file(GLOB_RECURSE NETREADY_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/core/*.cpp)
add_executable(netready_core_tests ${NETREADY_TEST_SOURCES})
# Tests reach core internals (core/src), the fakes (tests/fakes) and their fixtures (tests/core).
target_include_directories(netready_core_tests PRIVATE ${CMAKE_SOURCE_DIR}/core/src ${CMAKE_SOURCE_DIR}/tests)
target_link_libraries(netready_core_tests PRIVATE netready_core netready_json ${NETREADY_GTEST_MAIN})
target_compile_definitions(netready_core_tests PRIVATE
  NETREADY_TEST_DATA="${CMAKE_SOURCE_DIR}/tests/data")
if(EMSCRIPTEN)
  target_compile_definitions(netready_core_tests PRIVATE GTEST_HAS_EXCEPTIONS=0)
  target_link_options(netready_core_tests PRIVATE -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1
    -sENVIRONMENT=node -sNODERAWFS=1)
endif()
# NO_PRETTY_VALUES: parameterised cases are named by their generator, not by raw bytes.
gtest_discover_tests(netready_core_tests DISCOVERY_TIMEOUT 60 NO_PRETTY_VALUES
                     PROPERTIES LABELS core)
