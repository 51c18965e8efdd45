// getStats() of the loopback call, as the browsers give it (Chromium and Firefox differ), read
// into the few figures the media rows need, and the media phase / burst arithmetic over samples.
// Internal to core/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "netready/observations.h"
#include "netready/result.h"

namespace netready {

// The parts of one getStats() reply that matter, all in getStats' own units.
struct StatsSnapshot {
  struct Inbound {
    std::string kind;  // "audio" / "video"
    double timestampMs = 0;
    double bytesReceived = 0;
    double headerBytesReceived = 0;  // RTP headers (not in bytesReceived)
    std::int64_t packetsReceived = 0;
    std::int64_t packetsLost = 0;  // may be negative (duplicates), per RFC 3550
    double jitterS = -1;           // seconds
  };
  struct Outbound {
    std::string kind;
    double timestampMs = 0;
    double bytesSent = 0;
  };
  double timestampMs = 0;  // the latest entry's timestamp: when this reply was taken
  std::vector<Inbound> inbound;
  std::vector<Outbound> outbound;
  // remote-inbound-rtp roundTripTime (s) per kind, from the peer's RTCP receiver reports.
  double audioRttS = -1;
  double videoRttS = -1;
  // Selected candidate pair: Chromium names it in transport.selectedCandidatePairId, Firefox
  // marks it `selected: true`; else the nominated succeeded pair.
  double pairRttS = -1;              // currentRoundTripTime
  double availableOutgoingBps = -1;  // Chromium only
  std::string relayProtocol;         // of the pair's local candidate ("udp", "tcp", "tls")
  // The adapter's own "netready-burst" entry.
  bool hasBurst = false;
  double burstTimestampMs = 0;
  double burstBytesSent = 0;
  double burstBytesReceived = 0;
  std::int64_t burstMessagesSent = 0;
  std::int64_t burstMessagesReceived = 0;

  const Inbound* inboundOf(std::string_view kind) const;
  const Outbound* outboundOf(std::string_view kind) const;
};

// Parses a JSON array of stats objects (what the adapter sends). Unknown types and fields are
// ignored; an entry of a known type with a field of the wrong type is an error naming it.
Result<StatsSnapshot> parseStatsJson(std::string_view json);

// One requestStats() reply: both ends, at the core clock's time.
struct StatsSample {
  std::int64_t atMs = 0;  // core clock, since the call was placed
  StatsSnapshot sender;
  StatsSnapshot receiver;
};

// Fills audio, video, rttMs, rttSource, availableOutgoingKbps, relayProtocol and mediaMs from
// the media phase: samples[0] .. samples[mediaEnd] (the burst starts after samples[mediaEnd]).
void measureMediaPhase(const std::vector<StatsSample>& samples, std::size_t mediaEnd,
                       MediaObservation* out);

// What the link carried, on the wire (IPv4): payload plus per-packet headers the stats omit.
// An RTP packet: SRTP tag 10 + TURN ChannelData 4 + UDP 8 + IPv4 20 (its RTP header is in
// headerBytesReceived); a burst message (one SCTP packet): SCTP 12 + DATA chunk 16 + DTLS record
// 29 (AES-GCM) + TURN 4 + UDP 8 + IPv4 20. TURN over TCP has 12 more per packet: left out.
inline constexpr double kRtpWireOverheadBytes = 42;
inline constexpr double kBurstWireOverheadBytes = 89;

// Fills burstKbps, capacityKbps, capacityAtCeiling, burstMs and the burst message counts from
// samples[mediaEnd] .. the last one. The best window of at least kBurstWindowMs that starts at
// least kBurstSettleMs after the burst began is taken: the first moments measure the sender's
// ramp and the shaper's bucket, not the link.
inline constexpr double kBurstWindowMs = 400;
inline constexpr double kBurstSettleMs = 200;
// capacityKbps is the wire rate (see above); burstKbps the burst's payload.
void measureBurst(const std::vector<StatsSample>& samples, std::size_t mediaEnd, int ceilingKbps,
                  MediaObservation* out);

// The burst's pace, steered every kBurstTickMs on the queue it builds (the page measures each
// message's one-way delay on one clock). From kBurstStartKbps it grows x1.5 a tick while the queue
// stays under kQueueLowMs, holds at 1.1 x the delivered rate between kQueueLowMs and kQueueHighMs
// (the bottleneck stays busy, so what arrives is its rate), and drains at 0.8 x above. The
// lab's and most shapers' queues hold 100+ ms, so the burst measures the link without overflowing
// it: a plain "send as fast as possible" burst makes the shaper drop, and SCTP's recovery then
// reads 50-80 % of the rate (measured in the lab at 300 and 1000 kbit/s).
inline constexpr int kBurstTickMs = 50;
inline constexpr int kBurstStartKbps = 100;
inline constexpr double kQueueLowMs = 25;
inline constexpr double kQueueHighMs = 80;
int nextBurstKbps(int currentKbps, double deliveredKbps, double queueDelayMs, int ceilingKbps);

}  // namespace netready
