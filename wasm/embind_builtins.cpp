// Embind's registration of the builtin types, in place of libembind's bind.cpp, which the module
// does not link (cmake/wasm.cmake takes Embind's JS with --js-library, not --bind; nothing calls
// bind.cpp's __getTypeName, since wasm/embind_unused.js names types itself). bind.cpp registers
// every C++ type Embind knows, the wide strings and 17 typed memory views with their names
// included; the bindings and adapters pass only void, bool, numbers, std::string and
// emscripten::val, so the JS that registers the others (UTF-16/32 strings, typed views) is not
// linked either. A type not registered here is an unbound type at the first call that uses it,
// which tests/wasm/module_test.mjs (every binding called) would show.
#include <emscripten/bind.h>
#include <emscripten/wire.h>

#include <limits>
#include <string>

namespace {

using namespace emscripten::internal;

template <typename T>
void registerInteger(const char* name) {
  _embind_register_integer(TypeID<T>::get(), name, sizeof(T), std::numeric_limits<T>::min(),
                           std::numeric_limits<T>::max());
}

}  // namespace

extern "C" {

// Run at startup like bind.cpp's, before any EMSCRIPTEN_BINDINGS block that uses the types.
__attribute__((constructor)) void __embind_register_native_and_builtin_types() {
  _embind_register_void(TypeID<void>::get(), "void");
  _embind_register_bool(TypeID<bool>::get(), "bool", sizeof(bool), true, false);
  registerInteger<char>("char");
  registerInteger<signed char>("signed char");
  registerInteger<unsigned char>("unsigned char");
  registerInteger<short>("short");
  registerInteger<unsigned short>("unsigned short");
  registerInteger<int>("int");
  registerInteger<unsigned int>("unsigned int");
  registerInteger<long>("long");
  registerInteger<unsigned long>("unsigned long");
  _embind_register_float(TypeID<float>::get(), "float", sizeof(float));
  _embind_register_float(TypeID<double>::get(), "double", sizeof(double));
  _embind_register_std_string(TypeID<std::string>::get(), "std::string");
  _embind_register_emval(TypeID<emscripten::val>::get(), "emscripten::val");
}

}  // extern "C"
