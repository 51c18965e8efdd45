// Diagnosis and report serialisation over fuzzed observations: profile JSON (the built-in
// default when it does not parse), a line "---", then lines setting what the probes saw:
//   https I OUTCOME STATUS ELAPSED TEXT        xmpp OUTCOME CONNECT FEATURES CODE PROTO TEXT
//   ice I OUTCOME CODE ELAPSED CREDS WAITED RELAYPROTO TEXT    direct OUTCOME CODE ELAPSED TEXT
//   name URL OUTCOME CODE ELAPSED TEXT         cand I LINE (I -1: direct, -2: the last name)
//   media OUTCOME ICE RELAYPROTO NUMBERS...    mediadetail TEXT     cancelled     elapsed MS
//   browser TEXT    started TEXT    origin TEXT    secret TEXT (one more secret to redact)
// Indexes wrap around; outcomes are enum values (wrapping). Texts are set as the probes set them
// (raw where a probe keeps the port's text, its printable excerpt where it makes one).
// Checks: valid JSON of the report schema, no secret (the profile's and the extra ones) by the
// Redactor rule, every sentence core writes one printable line (fuzz_report_check.h), and the
// rows are the ones diagnose() lists in the JSON too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_report_check.h"
#include "fuzz/fuzz_script.h"
#include "netready/diagnosis.h"
#include "netready/profile.h"
#include "netready/report.h"
#include "probes/ice_probe.h"
#include "probes/probe_text.h"

namespace netready::fuzz {
namespace {

template <typename E>
E outcomeOf(Args& a, int count) {
  return static_cast<E>(a.integer(0, 1000, 0) % count);
}

// What the runner holds before any probe ends: each probe's initial observation.
Observations initial(const Profile& p) {
  Observations obs;
  for (const HttpsEndpoint& e : p.https) {
    HttpsObservation o;
    o.url = e.url;
    o.purpose = e.purpose;
    obs.https.push_back(o);
  }
  if (!p.xmpp.url.empty()) {
    obs.xmpp.emplace();
    obs.xmpp->url = p.xmpp.url;
  }
  for (const TurnServer& s : p.turn) {
    for (const std::string& url : s.urls) {
      IceObservation o;
      o.region = s.region;
      o.url = url;
      if (Result<IceUrl> u = parseIceUrl(url)) o.parsed = u.value();
      obs.ice.push_back(o);
    }
  }
  if (std::optional<IceProbeConfig> d = directProbeConfig(p)) {
    obs.direct.emplace();
    obs.direct->region = d->region;
    obs.direct->url = d->url;
    obs.direct->relayOnly = false;
    if (Result<IceUrl> u = parseIceUrl(d->url)) obs.direct->parsed = u.value();
  }
  return obs;
}

// Sets the candidate-line outcome of one ICE observation as IceProbe does.
void addCandidate(IceObservation* o, const std::string& line) {
  if (o == nullptr || line.empty()) return;
  Result<Candidate> c = parseCandidate(line);
  if (c) {
    o->candidates.push_back(c.value());
  } else {
    o->badCandidates.push_back(c.error() + " in: " + printableExcerpt(line, 300));
  }
}

void setIce(IceObservation* o, Args& a, bool relay) {
  using O = IceObservation::Outcome;
  o->outcome = outcomeOf<O>(a, 7);
  o->errorCode = a.integer(0, 1000, 0);
  o->elapsedMs = a.number(0, 1000000, 0);
  if (relay) {
    o->hadCredentials = a.integer(0, 1, 1) == 1;
    o->waitedToDeadline = a.integer(0, 1, 0) == 1;
    const std::string proto = a.word();
    o->relayProtocol = proto == "-" ? "" : proto;
  }
  o->errorText = a.text();
}

void setMedia(Observations* obs, Args& a) {
  using O = MediaObservation::Outcome;
  MediaObservation& m = obs->media.emplace();
  m.outcome = outcomeOf<O>(a, 8);
  if (!obs->ice.empty()) {
    const IceObservation& relay = obs->ice[a.integer(0, 1000, 0) % obs->ice.size()];
    m.region = relay.region;
    m.url = relay.url;
    m.parsed = relay.parsed;
  }
  const std::string proto = a.word();
  m.relayProtocol = proto == "-" ? "" : proto;
  // Counters and times as the stats parser leaves them: -1 for "unknown", tenths for rates.
  auto ms = [&a] { return a.number(-1, 10000000, -1); };
  auto rate = [&a] { return static_cast<double>(a.number(-10, 100000000, -10)) / 10; };
  m.startMs = ms(), m.connectMs = ms(), m.mediaMs = ms(), m.burstMs = ms(), m.elapsedMs = ms();
  for (MediaKindStats* k : {&m.audio, &m.video}) {
    k->seen = a.integer(0, 1, 1) == 1;
    k->sentKbps = rate(), k->receivedKbps = rate(), k->jitterMs = rate();
    k->packetsReceived = a.number(0, 100000000, 0), k->packetsLost = a.number(0, 100000000, 0);
  }
  m.rttMs = rate(), m.availableOutgoingKbps = rate();
  m.burstCeilingKbps = a.integer(0, 1000000, 2500);
  m.burstKbps = rate(), m.capacityKbps = rate();
  m.capacityAtCeiling = a.integer(0, 1, 0) == 1;
  m.burstMessagesSent = a.number(0, 100000000, 0);
  m.burstMessagesReceived = a.number(0, 100000000, 0);
  m.rttSource = m.rttMs >= 0 ? "remote-inbound-rtp" : "";
}

void run(std::string_view input) {
  const ProfileAndScript parts = splitProfile(input);
  Result<Profile> parsed = parseProfile(parts.profile);
  const Profile profile = parsed ? parsed.value() : rainbowDefaultProfile();
  std::vector<std::string> secrets = profileSecrets(profile);
  Observations obs = initial(profile);
  std::string browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  std::string started = "2026-01-01T00:00:00Z", origin = "https://web.rainbow.lab";

  Script script(parts.script);
  Command c;
  while (script.next(&c)) {
    Args& a = c.args;
    if (c.word == "https" && !obs.https.empty()) {
      HttpsObservation& o = obs.https[a.integer(0, 1000, 0) % obs.https.size()];
      o.outcome = outcomeOf<HttpsObservation::Outcome>(a, 7);
      o.status = a.integer(-1000, 100000, 200);
      o.elapsedMs = a.number(0, 1000000, 0);
      const std::string text = a.text(secrets);
      const bool raw = o.outcome == HttpsObservation::Outcome::NetworkError;
      o.detail = raw ? text : printableExcerpt(text);
    } else if (c.word == "xmpp" && obs.xmpp) {
      XmppObservation& o = *obs.xmpp;
      o.outcome = outcomeOf<XmppObservation::Outcome>(a, 6);
      o.connectMs = a.number(-1, 1000000, -1);
      o.featuresMs = a.number(-1, 1000000, -1);
      o.closeCode = a.integer(0, 65535, 0);
      o.protocol = a.word(secrets);
      if (o.outcome == XmppObservation::Outcome::Ok) o.protocol = "xmpp";  // the probe's rule
      o.detail = printableExcerpt(a.text(secrets), 300);
    } else if (c.word == "ice" && !obs.ice.empty()) {
      setIce(&obs.ice[a.integer(0, 1000, 0) % obs.ice.size()], a, true);
    } else if (c.word == "direct" && obs.direct) {
      setIce(&*obs.direct, a, false);
    } else if (c.word == "name") {
      for (IceProbeConfig& n : nameProbeConfigs(a.word(), 1500)) {
        IceObservation& o = obs.names.emplace_back();
        o.region = n.region, o.url = n.url, o.relayOnly = false;
        if (Result<IceUrl> u = parseIceUrl(n.url)) o.parsed = u.value();
        setIce(&o, a, false);
      }
    } else if (c.word == "cand") {
      const int i = a.integer(-2, 1000, 0);
      IceObservation* o = i == -1   ? (obs.direct ? &*obs.direct : nullptr)
                          : i == -2 ? (obs.names.empty() ? nullptr : &obs.names.back())
                          : obs.ice.empty()
                              ? nullptr
                              : &obs.ice[static_cast<std::size_t>(i) % obs.ice.size()];
      addCandidate(o, a.text(secrets));
    } else if (c.word == "media") {
      setMedia(&obs, a);
    } else if (c.word == "mediadetail" && obs.media) {
      obs.media->detail = printableExcerpt(a.text(secrets), 200);
    } else if (c.word == "cancelled") {
      obs.cancelled = true;
    } else if (c.word == "elapsed") {
      obs.elapsedMs = a.number(0, 10000000, 0);
    } else if (c.word == "browser") {
      browser = a.text(secrets);
    } else if (c.word == "started") {
      started = a.text(secrets);
    } else if (c.word == "origin") {
      origin = a.text(secrets);
    } else if (c.word == "secret") {
      secrets.push_back(a.text());
    }
  }

  Report report = diagnose(profile, obs);
  report.browser = browser;
  report.startedAt = started;
  report.pageOrigin = origin;
  report.originMode = originModeFor(profile, origin);
  const std::string text = reportToJson(report, secrets);
  const nlohmann::json j = checkReport(text, LeakCheck(secrets));
  require(at(j, "requirements").size() == report.requirements.size(), "every row is serialised");
}

}  // namespace
}  // namespace netready::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netready::fuzz::run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
