// sprintf for the module, linked in its place (-Wl,--wrap=siprintf: emcc turns integer-only
// sprintf calls into siprintf). Its one caller is Embind's __getTypeName, which without RTTI type
// names writes a type's address with "%p" for error messages; musl's printf_core would add ~4 KB.
// Any other format traps: a new caller must bring its own formatting, not get a silent "".
#include <cstdarg>
#include <cstdint>
#include <cstring>

extern "C" int __wrap_siprintf(char* __restrict out, const char* __restrict format, ...) {
  if (std::strcmp(format, "%p") != 0) __builtin_trap();
  va_list args;
  va_start(args, format);
  auto address = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
  va_end(args);
  // musl's form: "0x" and at least 2 * sizeof(void*) hex digits.
  constexpr char kHex[] = "0123456789abcdef";
  constexpr int kDigits = 2 * sizeof(void*);
  out[0] = '0';
  out[1] = 'x';
  for (int i = kDigits - 1; i >= 0; --i, address >>= 4) out[2 + i] = kHex[address & 0xF];
  out[2 + kDigits] = '\0';
  return 2 + kDigits;
}
