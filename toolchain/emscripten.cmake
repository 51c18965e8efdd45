# Wrapper over Debian's Emscripten platform file (emscripten 3.1.6).
# Why: emcmake's default emulator passes --experimental-wasm-threads, which node 20 rejects,
# and node 20's loader would fetch() a file path; see shared notes emscripten-3.1.6.md.
include(/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)
set(CMAKE_CROSSCOMPILING_EMULATOR "/usr/bin/node;--no-experimental-fetch" CACHE FILEPATH "" FORCE)
# acorn (the JS optimizer at -O2+) is found only through Debian's node path.
set(ENV{NODE_PATH} /usr/share/nodejs)
