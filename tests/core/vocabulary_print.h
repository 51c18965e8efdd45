// gtest printing of the vocabulary's enums by their ids ("turn-udp", "no-calls") and of texts
// in English, so failures and `<< row.id` traces read like the report.
#pragma once

#include <ostream>

#include "netready/text.h"
#include "netready/vocabulary.h"

namespace netready {

inline std::ostream& operator<<(std::ostream& os, RowId v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, Status v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, Verdict v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, HeadlineId v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, ProbeKind v) { return os << toString(v); }
// A Text prints as its English rendering.
inline std::ostream& operator<<(std::ostream& os, const Text& t) { return os << english(t); }
inline void PrintTo(const Text& t, std::ostream* os) { *os << '"' << english(t) << '"'; }

}  // namespace netready
