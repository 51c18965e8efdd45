// --js-library: Embind's registrations of types no binding uses, as no-ops, so their JS (UTF-16
// and UTF-32 string conversion, typed memory views) is not in the module. libembind registers
// them at startup for every program; a binding taking std::wstring, std::u16string,
// std::u32string or emscripten::typed_memory_view would fail as an unbound type (none does:
// wasm/bindings.cpp passes std::string, numbers, bool and emscripten::val).
mergeInto(LibraryManager.library, {
  _embind_register_std_wstring__deps: [],
  _embind_register_std_wstring: function (rawType, charSize, name) {},
  _embind_register_memory_view__deps: [],
  _embind_register_memory_view: function (rawType, dataTypeIndex, name) {},
});
