// How a browser shows that an ICE server's host name did not resolve. The ICE probe reads it
// (a failed lookup is retried once) and diagnosis judges by it (judge.h).
#pragma once

#include <string_view>

#include "netready/observations.h"

namespace netready {

// Reported: Chromium's icecandidateerror text "host lookup received error" (UDP URLs only:
// TCP/TLS say just "Failed to establish connection"). Inferred: Firefox gives 701 without any
// text, but on UDP only a failed lookup ends the probe that fast: a silent drop lasts to the
// deadline and Firefox ignores ICMP unreachable there (measured in the scenario lab:
// unresolvable name 701 in ~160 ms; dropped or down server: timeout at 6 s).
enum class LookupFailure { None, Reported, Inferred };
// Of an observation whose gathering ended (Error for a relay probe, NoCandidate for a direct or
// name probe) before its deadline; None for anything else.
LookupFailure lookupFailure(const IceObservation& o);

// Whether the browser's words (the data parts of `text`) hold `what`; our messages never do.
bool dataContains(const Text& text, std::string_view what);

}  // namespace netready
