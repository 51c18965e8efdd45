// --js-library: parts of Embind's JS this module does without (issue "Fast and small"; each
// measured on the module's gzip). Types no binding uses are not registered at all
// (wasm/embind_builtins.cpp), so their JS (UTF-16 and UTF-32 strings, typed memory views) is not
// in the module; here, debugging aids, error classes and overload tables.
mergeInto(LibraryManager.library, {
  // Debugging aids the page never calls: Module.count_emval_handles() and get_first_emval().
  $init_emval__deps: [],
  $init_emval: function () {},
  // An unbound or unknown type is a bug of wasm/bindings.cpp (tests/wasm/module_test.mjs calls
  // every binding): its error names the type by its id, not by its C++ name, so the JS needs no
  // call of __getTypeName.
  $getTypeName__deps: [],
  $getTypeName: function (type) { return 'type ' + type; },
  $throwUnboundTypeError__deps: ['$getTypeName'],
  $throwUnboundTypeError: function (message, types) {
    throw new Error(message + ': ' + types.map(getTypeName).join(', '));
  },
  // Embind's error classes (BindingError, InternalError, UnboundTypeError) as plain Errors with
  // that name: nothing here tests their class, only their message reaches a page.
  $extendError__deps: [],
  $extendError: function (baseErrorType, errorName) {
    return function (message) {
      var e = new baseErrorType(message);
      e.name = errorName;
      return e;
    };
  },
  // Every binding has its own name (wasm/bindings.cpp): no overload tables by argument count.
  // A second registration of a name would replace the first (module_test.mjs checks each one).
  $exposePublicSymbol__deps: [],
  $exposePublicSymbol: function (name, value, numArguments) {
    Module[name] = value;
  },
  $replacePublicSymbol__deps: [],
  $replacePublicSymbol: function (name, value, numArguments) {
    Module[name] = value;
  },
});
