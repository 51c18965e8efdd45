// Plain values: what each probe saw. Probes produce them; diagnosis reads them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "netready/candidate.h"
#include "netready/ice_url.h"

namespace netready {

struct HttpsObservation {
  enum class Outcome { Ok, Opaque, BadStatus, BadBody, NetworkError, Timeout, BadInput };
  std::string url;
  std::string purpose;
  Outcome outcome = Outcome::Timeout;
  int status = 0;
  std::int64_t elapsedMs = 0;
  std::string detail;  // browser error text, unexpected body excerpt, parse error
};

struct XmppObservation {
  enum class Outcome {
    Ok,                // <open/> answered by <open/> and <stream:features>
    ConnectFailed,     // upgrade refused or connection failed (close 1006 before open)
    WrongSubprotocol,  // opened without "xmpp"
    NoXmppAnswer,      // opened, but no <open/>/<features> or closed early
    Timeout,
    BadInput,
  };
  std::string url;
  Outcome outcome = Outcome::Timeout;
  std::int64_t connectMs = -1;   // time to open
  std::int64_t featuresMs = -1;  // time to <stream:features>
  int closeCode = 0;
  std::string protocol;  // negotiated
  std::string detail;
};

// One RTCPeerConnection with exactly one TURN URL (relay-only), or the non-relay probe.
struct IceObservation {
  enum class Outcome {
    Relay,         // relay candidate arrived
    Unauthorized,  // 401: server reachable on that transport, credentials refused / absent
    Error,         // another icecandidateerror code (701 unreachable ...)
    NoCandidate,   // gathering completed without a relay candidate
    Timeout,
    Failed,        // peer connection could not be created (bad config)
    BadInput,
  };
  std::string region;
  std::string url;      // the one server URL given (no credentials in it)
  IceUrl parsed;
  bool relayOnly = true;
  bool hadCredentials = false;
  Outcome outcome = Outcome::Timeout;
  std::int64_t elapsedMs = 0;
  int errorCode = 0;
  std::string errorText;
  std::vector<Candidate> candidates;  // parsed ones
  std::vector<std::string> badCandidates;  // lines that did not parse, with reason
  std::string relayProtocol;  // from getStats when known
};

struct Observations {
  std::vector<HttpsObservation> https;
  std::optional<XmppObservation> xmpp;
  std::vector<IceObservation> ice;       // one per TURN server x URL
  std::optional<IceObservation> direct;  // non-relay gathering (host/srflx)
  bool cancelled = false;
  std::int64_t elapsedMs = 0;
};

}  // namespace netready
