#include "probes/ice_probe.h"

#include <utility>

#include "netready/candidate.h"
#include "netready/ice_url.h"
#include "parse/url_authority.h"
#include "probes/lookup_failure.h"
#include "probes/probe_text.h"

namespace netready {

IceProbeConfig relayProbeConfig(const TurnServer& server, const std::string& url, int timeoutMs) {
  IceProbeConfig c;
  c.region = server.region;
  c.url = url;
  c.username = server.username;
  c.credential = server.credential;
  c.relayOnly = true;
  c.timeoutMs = timeoutMs;
  return c;
}

std::optional<IceProbeConfig> directProbeConfig(const Profile& profile) {
  for (const TurnServer& server : profile.turn) {
    for (const std::string& url : server.urls) {
      Result<IceUrl> parsed = parseIceUrl(url);
      if (!parsed) continue;
      IceProbeConfig c;
      c.region = server.region;
      c.url = "stun:" + (parsed->ipv6Literal ? "[" + parsed->host + "]" : parsed->host) + ":3478";
      c.relayOnly = false;
      c.timeoutMs = profile.timeouts.iceMs;
      return c;
    }
  }
  return std::nullopt;
}

namespace {

// "wss://h:8443/x" -> "h"; "" for IP literals (nothing to look up) and what is not a URL.
std::string lookupName(const std::string& text) {
  const auto parts = url::splitHierarchical(text);
  if (!parts) return "";
  const url::Authority a = url::splitAuthority(parts->authority);
  if (a.hasUserInfo || a.ipLiteral || a.unclosedBracket) return "";
  // Decoded and lower case: "stun:%77eb.example:443" would be looked up as written.
  const std::string host = url::normalizedHost(a);
  return url::isDnsName(host) ? host : "";
}

}  // namespace

std::vector<IceProbeConfig> nameProbeConfigs(const std::string& url, int timeoutMs) {
  const std::string host = lookupName(url);
  if (host.empty()) return {};
  IceProbeConfig c;
  c.region = host;
  c.url = "stun:" + host + ":443";
  c.relayOnly = false;
  c.timeoutMs = timeoutMs;
  return {c};
}

IceProbe::IceProbe(IceProbeConfig config, ClockPort& clock, PeerConnectionPort& pc, DoneFn done)
    : ProbeBase(clock, std::move(done)),
      config_(std::move(config)),
      parsed_(parseIceUrl(config_.url)),
      pc_(pc) {
  obs_.region = config_.region;
  obs_.url = config_.url;
  obs_.relayOnly = config_.relayOnly;
  // Parsed once, here: the runner reads the transport of probes still running (media placement).
  if (parsed_) obs_.parsed = parsed_.value();
}

IceProbe::~IceProbe() {
  abandon();
  release();
}

void IceProbe::start() {
  if (state_ != State::Idle) return;
  if (!parsed_) {
    obs_.errorText = parsed_.error();
    complete(Outcome::BadInput);
    return;
  }
  if (config_.relayOnly && !obs_.parsed.isTurn()) {
    // With policy "relay" the browser silently filters stun: servers: it would only time out.
    obs_.errorText = msg("ice-probe.not-turn-url", {config_.url});
    complete(Outcome::BadInput);
    return;
  }
  state_ = State::Gathering;
  beginStart(config_.timeoutMs);
  gather();
  endStart();
}

void IceProbe::gather() {
  IceServerConfig server;
  server.urls = {config_.url};
  if (obs_.parsed.isTurn()) {
    obs_.hadCredentials = !config_.username.empty() && !config_.credential.empty();
    server.username = obs_.hadCredentials ? config_.username : kPlaceholderUsername;
    server.credential = obs_.hadCredentials ? config_.credential : kPlaceholderCredential;
  }
  const int attempt = attempt_;
  GatherEvents events;
  events.onCandidate = [this, attempt](const GatheredCandidate& c) {
    handle([this, attempt, c] {
      if (attempt == attempt_) onCandidate(c);
    });
  };
  events.onError = [this, attempt](const IceErrorEvent& e) {
    handle([this, attempt, e] {
      if (attempt == attempt_) onError(e);
    });
  };
  events.onComplete = [this, attempt] {
    handle([this, attempt] {
      if (attempt == attempt_) onComplete();
    });
  };
  events.onFailure = [this, attempt](const std::string& t) {
    handle([this, attempt, t] {
      if (attempt == attempt_) onFailure(t);
    });
  };
  op_ = pc_.gather({server}, config_.relayOnly, std::move(events));
}

// A failed lookup is not always a name that does not exist: a resolver gives up when its
// queries or answers are lost (glibc: `timeout` x `attempts`, 1 s x 2 in the lab, so two lost
// in a row on a lossy link), and the browser reports that exactly like NXDOMAIN; over TCP/TLS
// both browsers report it like a refused connection (701, "Failed to establish connection" or
// no text). So a gathering that ended with a lookup error, or a relay probe's 701 that is not a
// STUN/TURN timeout, is tried once more within the same deadline: a missing name or a refusing
// firewall fails again as fast (~30-150 ms in the lab), a lost packet is rarely lost twice more
// (measured at 30 % loss: Firefox's eu1 lookup failed at 2058 ms, its retry relayed at 3588 ms).
bool IceProbe::retry(Outcome ended) {
  if (attempt_ > 0) return false;
  obs_.outcome = ended;
  obs_.elapsedMs = elapsed();
  const bool connectFailed = obs_.outcome == Outcome::Error && obs_.errorCode == 701 &&
                             !dataContains(obs_.errorText, "timed out");
  if (!connectFailed && lookupFailure(obs_) == LookupFailure::None) return false;
  obs_.retried = msg("ice-probe.retried", {msText(obs_.elapsedMs), std::to_string(obs_.errorCode)});
  obs_.errorCode = 0;
  obs_.errorText = {};
  obs_.candidates.clear();  // the second gathering delivers its own (host candidates again)
  obs_.badCandidates.clear();
  ++attempt_;
  release();  // the first peer connection
  // Events the port delivers inside gather() (it must not) wait until op_ is known, as in start().
  const bool opened = beginPortCall();
  gather();
  if (opened) endStart();  // may complete, and the callback may destroy us: nothing after it
  return true;
}

void IceProbe::cancel(const Text& detail) {
  if (state_ == State::Done) return;
  obs_.errorText = detail;
  complete(Outcome::Timeout);
}

void IceProbe::onCandidate(const GatheredCandidate& c) {
  if (state_ != State::Gathering) return;
  if (c.line.empty()) return;  // end-of-candidates marker some browsers send
  Result<Candidate> parsed = parseCandidate(c.line);
  if (!parsed) {
    obs_.badCandidates.push_back(parsed.error() + " in: " + printableExcerpt(c.line, 300));
    return;
  }
  obs_.candidates.push_back(parsed.value());
  if (config_.relayOnly && parsed->type == CandidateType::Relay) {
    // Chromium leaves relayProtocol null for UDP: the server URL says which transport it was.
    obs_.relayProtocol = relayProtocolName(c.relayProtocol);
    complete(Outcome::Relay);
  }
}

void IceProbe::onError(const IceErrorEvent& e) {
  if (state_ != State::Gathering) return;
  if (config_.relayOnly && e.code == 401) {
    // The server answered in TURN on this transport: reachable, no need to wait.
    obs_.errorCode = e.code;
    obs_.errorText = e.text;
    complete(Outcome::Unauthorized);
    return;
  }
  // Keep only the first error and keep waiting: Chromium reports 701 for its STUN use of a
  // turn: UDP URL before the allocation result, and a relay candidate may still follow.
  if (obs_.errorCode == 0) {
    obs_.errorCode = e.code;
    obs_.errorText = e.text;
  }
}

void IceProbe::onComplete() {
  if (state_ != State::Gathering) return;
  // The direct probe never yields relay candidates: NoCandidate is literally true for it and
  // its result is `candidates` (what diagnosis reads).
  const Outcome ended =
      config_.relayOnly && obs_.errorCode != 0 ? Outcome::Error : Outcome::NoCandidate;
  if (retry(ended)) return;
  complete(ended);
}

void IceProbe::onFailure(const std::string& text) {
  if (state_ != State::Gathering) return;
  obs_.errorText = text;
  complete(Outcome::Failed);
}

void IceProbe::onDeadline() {
  if (state_ != State::Gathering) return;
  endWaiting(timedOutText(config_.timeoutMs));
}

void IceProbe::declareSilent(const Text& rule) {
  if (state_ != State::Gathering) return;
  obs_.silenceRule = rule;
  endWaiting(msg("ice-probe.no-answer-in", {msText(elapsed())}));
}

void IceProbe::endWaiting(const Text& timedOut) {
  obs_.waitedToDeadline = true;
  if (obs_.errorCode == 0) {
    obs_.errorText = timedOut;
    complete(Outcome::Timeout);
    return;
  }
  // The browser's error text first (data), "; " as glue.
  obs_.errorText = (obs_.errorText.empty() ? Text() : obs_.errorText + "; ") +
                   msg("ice-probe.waiting-after-error", {timedOut, std::to_string(obs_.errorCode)});
  // The error is the relay probe's answer; the direct probe is judged by its candidates.
  complete(config_.relayOnly ? Outcome::Error : Outcome::Timeout);
}

void IceProbe::release() {
  // Also after "complete" or a failure: the adapter frees the RTCPeerConnection here.
  if (op_ != 0) pc_.close(op_);
  op_ = 0;
}

void IceProbe::complete(Outcome outcome) {
  state_ = State::Done;
  obs_.outcome = outcome;
  obs_.elapsedMs = elapsed();
  finish();
}

}  // namespace netready
