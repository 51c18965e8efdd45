# libFuzzer harnesses (tests/fuzz/, clang-14 with ASan + UBSan; preset `fuzz`). Each runs as a
# test over its committed corpus for a few seconds (fuzz.<name>); `./netready fuzz` runs them
# longer, with a writable copy of the corpus.
set(NETREADY_FUZZERS profile ice_url candidate xmpp_scan redact https_body report xmpp_probe
    ice_probe https_probe session)
set(NETREADY_FUZZ_FLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
# The core again, instrumented for coverage (the fuzzer flag only applies to the harness link),
# with the catalog's native table (rendering texts needs it).
add_library(netready_core_fuzz STATIC ${NETREADY_CORE_SOURCES} ${NETREADY_CORE_LIBC_SOURCES}
  ${NETREADY_MESSAGES_CPP})
target_include_directories(netready_core_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/core/include
  ${CMAKE_SOURCE_DIR}/core/src)
target_compile_options(netready_core_fuzz PRIVATE -fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=all -fno-omit-frame-pointer)
foreach(name IN LISTS NETREADY_FUZZERS)
  add_executable(fuzz_${name} ${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_${name}.cpp)
  target_include_directories(fuzz_${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests)
  target_compile_options(fuzz_${name} PRIVATE ${NETREADY_FUZZ_FLAGS})
  target_link_options(fuzz_${name} PRIVATE ${NETREADY_FUZZ_FLAGS})
  target_link_libraries(fuzz_${name} PRIVATE netready_core_fuzz netready_json)
  # From the corpus, bounded: seconds in `./netready test`, never writing into the checkout.
  # libFuzzer writes new inputs into the first corpus directory and crash inputs next to
  # -artifact_prefix: both in the build tree; the committed seeds are only read.
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-new/${name} ${CMAKE_BINARY_DIR}/fuzz-artifacts)
  add_test(NAME fuzz.${name}
    COMMAND fuzz_${name} -max_total_time=5 -timeout=5 -rss_limit_mb=1024
            -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz-artifacts/${name}-
            ${CMAKE_BINARY_DIR}/fuzz-new/${name} ${CMAKE_SOURCE_DIR}/tests/fuzz/corpus/${name})
  set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT 60)
endforeach()
