// gtest printing of the vocabulary's enums by their ids ("turn-udp", "no-calls"), so failures
// and `<< row.id` traces read like the report.
#pragma once

#include <ostream>

#include "netready/vocabulary.h"

namespace netready {

inline std::ostream& operator<<(std::ostream& os, RowId v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, Status v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, Verdict v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, HeadlineId v) { return os << toString(v); }
inline std::ostream& operator<<(std::ostream& os, ProbeKind v) { return os << toString(v); }

}  // namespace netready
