# The browser module: core + Embind bindings + browser port adapters, one .js factory and .wasm.
file(GLOB NETREADY_WASM_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/wasm/*.cpp)
add_executable(netready_wasm ${NETREADY_WASM_SOURCES})
set_target_properties(netready_wasm PROPERTIES OUTPUT_NAME netready SUFFIX ".js")
target_link_libraries(netready_wasm PRIVATE netready_core)
target_compile_options(netready_wasm PRIVATE -Oz)
target_compile_options(netready_core PRIVATE -Oz)
target_link_options(netready_wasm PRIVATE
  --bind -Oz
  -sMODULARIZE=1 -sEXPORT_NAME=NetreadyModule
  -sENVIRONMENT=web,node
  -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0 -sMALLOC=emmalloc
  -sDYNAMIC_EXECUTION=0  # Embind without new Function: runs under CSP 'wasm-unsafe-eval'
  --pre-js ${CMAKE_SOURCE_DIR}/wasm/glue.js)
set_property(TARGET netready_wasm APPEND PROPERTY LINK_DEPENDS ${CMAKE_SOURCE_DIR}/wasm/glue.js)

# The module under node: profile validation and candidate parsing through the real bindings.
if(NETREADY_TESTS)
  enable_testing()
  add_test(NAME wasm.module_under_node
    COMMAND /usr/bin/node --no-experimental-fetch ${CMAKE_SOURCE_DIR}/tests/wasm/module_test.mjs
            $<TARGET_FILE:netready_wasm>)
  set_tests_properties(wasm.module_under_node PROPERTIES LABELS wasm TIMEOUT 60)
endif()
