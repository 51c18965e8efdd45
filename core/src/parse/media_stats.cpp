#include "parse/media_stats.h"

#include <algorithm>

#include "netready/candidate.h"
#include "parse/json_parse.h"

namespace netready {

namespace {

using json = json_out::Value;

// Stats fields are numbers in both browsers; a string or object there means a broken reply.
bool readNumber(const json& o, const char* key, double* out, std::string* error) {
  const json* v = o.find(key);
  if (v == nullptr || v->isNull()) return true;  // absent: keep the default
  if (!v->isNumber()) {
    const json& type = o["type"];
    *error = std::string("field \"") + key + "\" of a \"" +
             (type.isString() ? type.string() : std::string("?")) + "\" entry is " + v->typeName() +
             ", not a number";
    return false;
  }
  *out = v->number();
  return true;
}

bool readInt(const json& o, const char* key, std::int64_t* out, std::string* error) {
  double d = static_cast<double>(*out);
  if (!readNumber(o, key, &d, error)) return false;
  *out = static_cast<std::int64_t>(d);
  return true;
}

std::string readString(const json& o, const char* key) {
  const json* v = o.find(key);
  return v != nullptr && v->isString() ? v->string() : std::string();
}

// Kind: "kind" (spec, both browsers today) or the older "mediaType".
std::string kindOf(const json& o) {
  std::string k = readString(o, "kind");
  return k.empty() ? readString(o, "mediaType") : k;
}

double rate(double bytes, double ms) { return ms > 0 ? bytes * 8.0 / ms : -1; }  // kbit/s

}  // namespace

const StatsSnapshot::Inbound* StatsSnapshot::inboundOf(std::string_view kind) const {
  for (const Inbound& i : inbound)
    if (i.kind == kind) return &i;
  return nullptr;
}

const StatsSnapshot::Outbound* StatsSnapshot::outboundOf(std::string_view kind) const {
  for (const Outbound& o : outbound)
    if (o.kind == kind) return &o;
  return nullptr;
}

Result<StatsSnapshot> parseStatsJson(std::string_view text) {
  const json_parse::Parsed parsed = json_parse::parse(text);
  if (!parsed.ok) return Error{"stats: not valid JSON"};
  const json& j = parsed.value;
  if (!j.isArray()) return Error{std::string("stats: expected an array, got ") + j.typeName()};
  StatsSnapshot s;
  std::string error;
  std::string selectedPairId;
  const json* selectedPair = nullptr;
  const json* nominatedPair = nullptr;
  for (const json::Member& element : j.members()) {
    const json& o = element.second;
    if (!o.isObject()) continue;
    const std::string type = readString(o, "type");
    double at = 0;
    if (!readNumber(o, "timestamp", &at, &error)) return Error{"stats: " + error};
    s.timestampMs = std::max(s.timestampMs, at);
    if (type == "inbound-rtp") {
      StatsSnapshot::Inbound in;
      in.kind = kindOf(o);
      if (!readNumber(o, "timestamp", &in.timestampMs, &error) ||
          !readNumber(o, "bytesReceived", &in.bytesReceived, &error) ||
          !readNumber(o, "headerBytesReceived", &in.headerBytesReceived, &error) ||
          !readInt(o, "packetsReceived", &in.packetsReceived, &error) ||
          !readInt(o, "packetsLost", &in.packetsLost, &error) ||
          !readNumber(o, "jitter", &in.jitterS, &error)) {
        return Error{"stats: " + error};
      }
      if (!in.kind.empty() && !s.inboundOf(in.kind)) s.inbound.push_back(in);
    } else if (type == "outbound-rtp") {
      StatsSnapshot::Outbound out;
      out.kind = kindOf(o);
      if (!readNumber(o, "timestamp", &out.timestampMs, &error) ||
          !readNumber(o, "bytesSent", &out.bytesSent, &error)) {
        return Error{"stats: " + error};
      }
      if (!out.kind.empty() && !s.outboundOf(out.kind)) s.outbound.push_back(out);
    } else if (type == "remote-inbound-rtp") {
      double rtt = -1;
      if (!readNumber(o, "roundTripTime", &rtt, &error)) return Error{"stats: " + error};
      std::string kind = kindOf(o);
      if (kind == "audio" && rtt >= 0) s.audioRttS = rtt;
      if (kind == "video" && rtt >= 0) s.videoRttS = rtt;
    } else if (type == "transport") {
      std::string id = readString(o, "selectedCandidatePairId");
      if (!id.empty()) selectedPairId = id;
    } else if (type == "candidate-pair") {
      if (o["selected"].boolean()) selectedPair = &o;
      if (readString(o, "state") == "succeeded" && o["nominated"].boolean() &&
          nominatedPair == nullptr) {
        nominatedPair = &o;
      }
    } else if (type == "netready-burst") {
      s.hasBurst = true;
      if (!readNumber(o, "timestamp", &s.burstTimestampMs, &error) ||
          !readNumber(o, "bytesSent", &s.burstBytesSent, &error) ||
          !readNumber(o, "bytesReceived", &s.burstBytesReceived, &error) ||
          !readInt(o, "messagesSent", &s.burstMessagesSent, &error) ||
          !readInt(o, "messagesReceived", &s.burstMessagesReceived, &error)) {
        return Error{"stats: " + error};
      }
    }
  }
  if (!selectedPairId.empty()) {
    for (const json::Member& element : j.members()) {
      const json& o = element.second;
      if (o.isObject() && readString(o, "type") == "candidate-pair" &&
          readString(o, "id") == selectedPairId) {
        selectedPair = &o;
      }
    }
  }
  const json* pair = selectedPair != nullptr ? selectedPair : nominatedPair;
  if (pair != nullptr) {
    if (!readNumber(*pair, "currentRoundTripTime", &s.pairRttS, &error) ||
        !readNumber(*pair, "availableOutgoingBitrate", &s.availableOutgoingBps, &error)) {
      return Error{"stats: " + error};
    }
    const std::string local = readString(*pair, "localCandidateId");
    for (const json::Member& element : j.members()) {
      const json& o = element.second;
      if (o.isObject() && readString(o, "type") == "local-candidate" &&
          readString(o, "id") == local) {
        s.relayProtocol = relayProtocolName(readString(o, "relayProtocol"));
      }
    }
  }
  return s;
}

void measureMediaPhase(const std::vector<StatsSample>& samples, std::size_t mediaEnd,
                       MediaObservation* out) {
  if (samples.empty()) return;
  mediaEnd = std::min(mediaEnd, samples.size() - 1);
  const StatsSample& last = samples[mediaEnd];
  const StatsSample& base = samples[0];
  for (const char* kind : {"audio", "video"}) {
    MediaKindStats& k = std::string_view(kind) == "audio" ? out->audio : out->video;
    // Sample 0 is taken at "connected": a stream it does not list yet had sent nothing.
    const StatsSnapshot::Inbound* first = base.receiver.inboundOf(kind);
    const StatsSnapshot::Inbound* end = last.receiver.inboundOf(kind);
    if (end != nullptr) {
      k.seen = true;
      k.packetsReceived = end->packetsReceived - (first ? first->packetsReceived : 0);
      k.packetsLost =
          std::max<std::int64_t>(0, end->packetsLost - (first ? first->packetsLost : 0));
      double spanMs = end->timestampMs - (first ? first->timestampMs : base.receiver.timestampMs);
      k.receivedKbps = rate(end->bytesReceived - (first ? first->bytesReceived : 0), spanMs);
      if (end->jitterS >= 0) k.jitterMs = end->jitterS * 1000.0;
      out->mediaMs = std::max<std::int64_t>(out->mediaMs, static_cast<std::int64_t>(spanMs));
    }
    const StatsSnapshot::Outbound* sentFirst = base.sender.outboundOf(kind);
    const StatsSnapshot::Outbound* sentEnd = last.sender.outboundOf(kind);
    if (sentEnd != nullptr) {
      k.sentKbps = rate(
          sentEnd->bytesSent - (sentFirst ? sentFirst->bytesSent : 0),
          sentEnd->timestampMs - (sentFirst ? sentFirst->timestampMs : base.sender.timestampMs));
    }
  }
  // The latest report of the phase: RTCP receiver reports arrive about once a second.
  for (std::size_t i = 0; i <= mediaEnd; ++i) {
    const StatsSnapshot& s = samples[i].sender;
    double rtt = s.audioRttS >= 0 ? s.audioRttS : s.videoRttS;
    if (rtt >= 0) {
      out->rttMs = rtt * 1000.0;
      out->rttSource = "remote-inbound-rtp";
    } else if (s.pairRttS >= 0 && out->rttSource != "remote-inbound-rtp") {
      out->rttMs = s.pairRttS * 1000.0;
      out->rttSource = "candidate-pair";
    }
    if (s.availableOutgoingBps >= 0) out->availableOutgoingKbps = s.availableOutgoingBps / 1000.0;
    if (!s.relayProtocol.empty()) out->relayProtocol = s.relayProtocol;
  }
}

namespace {

// Everything the receiver got by then, on the wire: the burst's messages and every RTP stream.
double receivedBytes(const StatsSnapshot& r) {
  double total =
      r.burstBytesReceived + static_cast<double>(r.burstMessagesReceived) * kBurstWireOverheadBytes;
  for (const StatsSnapshot::Inbound& i : r.inbound) {
    total += i.bytesReceived + i.headerBytesReceived +
             static_cast<double>(i.packetsReceived) * kRtpWireOverheadBytes;
  }
  return total;
}

}  // namespace

void measureBurst(const std::vector<StatsSample>& samples, std::size_t mediaEnd, int ceilingKbps,
                  MediaObservation* out) {
  out->burstCeilingKbps = ceilingKbps;
  if (mediaEnd + 1 >= samples.size()) return;
  const std::size_t begin = mediaEnd;  // the burst was started right after this sample
  auto t = [&](std::size_t i) { return samples[i].receiver.burstTimestampMs; };
  const double t0 = t(begin);
  out->burstMs = static_cast<std::int64_t>(t(samples.size() - 1) - t0);
  double bestBurst = -1, bestTotal = -1, bestSent = -1;
  for (std::size_t i = begin; i < samples.size(); ++i) {
    if (t(i) - t0 < kBurstSettleMs && i != begin) continue;
    for (std::size_t j = i + 1; j < samples.size(); ++j) {
      double span = t(j) - t(i);
      if (span < kBurstWindowMs) continue;
      const StatsSnapshot& a = samples[i].receiver;
      const StatsSnapshot& b = samples[j].receiver;
      bestBurst = std::max(bestBurst, rate(b.burstBytesReceived - a.burstBytesReceived, span));
      bestSent = std::max(bestSent, rate(b.burstBytesSent - a.burstBytesSent, span));
      bestTotal = std::max(bestTotal, rate(receivedBytes(b) - receivedBytes(a), span));
    }
  }
  // A burst shorter than one window (a slow start or a short profile): the whole of it.
  if (bestTotal < 0) {
    const std::size_t e = samples.size() - 1;
    double span = t(e) - t0;
    bestBurst = rate(
        samples[e].receiver.burstBytesReceived - samples[begin].receiver.burstBytesReceived, span);
    bestTotal =
        rate(receivedBytes(samples[e].receiver) - receivedBytes(samples[begin].receiver), span);
  }
  out->burstKbps = bestBurst;
  out->capacityKbps = bestTotal;
  // Sent within 10 % of the ceiling: the steering never saw a queue, so the pacer, not the link,
  // set the rate (what arrived may be less: path loss).
  out->capacityAtCeiling = bestSent >= 0.9 * ceilingKbps;
  if (out->capacityAtCeiling) {
    // Unordered, no retransmission, not link-limited: every message missing at the end (less
    // those still in flight, which the last sample's stop of the burst lets arrive) is path loss.
    const StatsSample& last = samples.back();
    out->burstMessagesSent = last.receiver.burstMessagesSent;
    out->burstMessagesReceived = last.receiver.burstMessagesReceived;
  }
}

int nextBurstKbps(int currentKbps, double deliveredKbps, double queueDelayMs, int ceilingKbps) {
  double next = currentKbps;
  if (queueDelayMs < kQueueLowMs) {
    next = currentKbps * 1.5;  // no queue yet (or no message yet): probe up
  } else if (deliveredKbps > 0) {
    next = deliveredKbps * (queueDelayMs < kQueueHighMs ? 1.1 : 0.8);
  }
  return static_cast<int>(
      std::clamp(next, static_cast<double>(kBurstStartKbps) / 2, static_cast<double>(ceilingKbps)));
}

}  // namespace netready
