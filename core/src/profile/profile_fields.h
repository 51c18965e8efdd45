// The profile's numeric fields, each once: its JSON key, its range and the member it fills. The
// parser (profile_json.cpp) reads them and the writer (profileToRedactedJson) writes them from
// these tables, in this order (the documented one); knownFields() takes their keys from here.
// One table type for every group: each entry finds its member through a small function, so the
// loops that read and write them exist once, not once per group (module size).
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

#include "netready/profile.h"

namespace netready::profile_fields {

struct NumberField {
  const char* key;
  double lo, hi;
  bool integer;                  // an int member, else a double
  void* (*member)(void* group);  // the member of a BandwidthThresholds, Timeouts, ...
};

namespace detail {
template <typename>
struct MemberOf;
template <typename S, typename T>
struct MemberOf<T S::*> {
  using Struct = S;
  using Type = T;
};
template <auto M>
void* memberAt(void* group) {
  return &(static_cast<typename MemberOf<decltype(M)>::Struct*>(group)->*M);
}
}  // namespace detail

template <auto M>
constexpr NumberField field(const char* key, double lo, double hi) {
  using T = typename detail::MemberOf<decltype(M)>::Type;
  static_assert(std::is_same_v<T, int> || std::is_same_v<T, double>);
  return {key, lo, hi, std::is_same_v<T, int>, &detail::memberAt<M>};
}

// §5.5.1's figures, overridable per deployment.
inline constexpr NumberField kBandwidth[] = {
    field<&BandwidthThresholds::audioNominalKbps>("audio_nominal_kbps", 1, 100000),
    field<&BandwidthThresholds::audioLowestKbps>("audio_lowest_kbps", 1, 100000),
    field<&BandwidthThresholds::videoNominalKbps>("video_nominal_kbps", 1, 100000),
    field<&BandwidthThresholds::videoLowestKbps>("video_lowest_kbps", 1, 100000),
    field<&BandwidthThresholds::screenMinKbps>("screen_min_kbps", 1, 100000),
    field<&BandwidthThresholds::screenMaxKbps>("screen_max_kbps", 1, 100000),
};

// Under 500 ms even a healthy TLS handshake fails; over 2 minutes nobody waits.
inline constexpr NumberField kTimeouts[] = {
    field<&Timeouts::httpsMs>("https_ms", 500, 120000),
    field<&Timeouts::xmppMs>("xmpp_ms", 500, 120000),
    field<&Timeouts::iceMs>("ice_ms", 500, 120000),
    field<&Timeouts::totalMs>("total_ms", 1000, 600000),
};

// After `enabled` and `relay_url`. RTCP reports arrive about once a second: under 1 s of media
// nothing is measured.
inline constexpr NumberField kMedia[] = {
    field<&MediaSettings::connectMs>("connect_ms", 500, 60000),
    field<&MediaSettings::durationMs>("duration_ms", 1000, 60000),
    field<&MediaSettings::burstMs>("burst_ms", 500, 60000),
    field<&MediaSettings::burstCeilingKbps>("burst_ceiling_kbps", 100, 100000),
    field<&MediaSettings::minMos>("min_mos", 1, 4.5),
    field<&MediaSettings::maxLossPct>("max_loss_pct", 0, 100),
};

using Fields = std::span<const NumberField>;

}  // namespace netready::profile_fields
