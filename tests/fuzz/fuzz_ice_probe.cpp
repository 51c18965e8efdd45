// The ICE probe driven through the fake peer connection by a script of port events.
// First line: server URL, relay-only (1/0), timeout (ms), flags (fuzz_probe_driver.h), username,
// credential ("-" for the default URL or an empty credential).
// Then: cand RELAYPROTOCOL LINE (RELAYPROTOCOL "-": none) | err CODE TEXT | complete |
// fail TEXT, and the driver's commands.
// Checks, beyond the driver's lifecycle: at most one gathering, with exactly the one URL, the
// policy asked for and the credentials (or the placeholders for a TURN URL without them); every
// delivered line ends up parsed or rejected with a printable reason; the outcome agrees with
// the events (Relay: a relay candidate on a relay-only probe; Unauthorized: a 401; Error: an
// error code kept; NoCandidate: gathering completed; Failed: the port failed; Timeout: deadline
// or cancel; BadInput: nothing gathered).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fakes/fake_ports.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_probe_driver.h"
#include "fuzz/fuzz_script.h"
#include "netready/ice_url.h"
#include "probes/ice_probe.h"

namespace netready::fuzz {
namespace {

using Outcome = IceObservation::Outcome;

class Harness;

// A peer connection port that, with flag S, delivers the script's first events from inside
// gather().
class ScriptedPc : public fake::FakePeerConnection {
 public:
  OpId gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
              GatherEvents events) override;
  Harness* harness = nullptr;
};

std::string orEmpty(std::string w) { return w == "-" ? "" : w; }

class Harness {
 public:
  explicit Harness(std::string_view input) : script_(input) {
    pc_.harness = this;
    Command config;
    script_.next(&config);
    config_.url = Args::unescape(config.word, {});
    if (config_.url.empty() || config_.url == "-")
      config_.url = "turn:turn-eu1.rainbow.lab:3478?transport=udp";
    config_.region = "eu1";
    config_.relayOnly = config.args.integer(0, 1, 1) == 1;
    config_.timeoutMs = config.args.integer(1, 120000, 6000);
    flags_ = Flags(config.args.word());
    config_.username = orEmpty(config.args.word());
    config_.credential = orEmpty(config.args.word());
    pc_.deliverAfterClose = flags_.late;
    d_.probe = std::make_unique<IceProbe>(config_, d_.clock, pc_, d_.done());
  }

  void run() {
    d_.probe->start();
    check();
    Command c;
    while (script_.next(&c)) {
      step(c, false);
      check();
    }
    d_.finish(config_.timeoutMs);
    check();
  }

  void inside(OpId id) {
    id_ = id;
    Command c;
    while (script_.next(&c) && c.word != "return") step(c, true);
  }
  bool syncFlag() const { return flags_.sync; }
  // The retry's gathering starts the count of lines again (the first one's are dropped).
  void retried() { exactLines_ = queuedLines_ = 0; }

 private:
  void step(Command& c, bool inside) {
    if (d_.common(c, inside)) return;
    if (!d_.alive() || pc_.gatherings.empty()) return;  // nothing reaches a destroyed probe
    const OpId id = inside ? id_ : pc_.last().id;
    const bool running = d_.calls == 0;
    if (c.word == "cand") {
      const std::string relayProtocol = orEmpty(c.args.word());
      const std::string line = c.args.text();
      if (pc_.deliverCandidate(id, line, relayProtocol, config_.url) && !line.empty()) {
        (inside ? queuedLines_ : exactLines_) += running ? 1 : 0;
      }
    } else if (c.word == "err") {
      const int code = c.args.integer(-1000000, 1000000, 701);
      pc_.deliverError(id, code, c.args.text(), config_.url);
    } else if (c.word == "complete") {
      if (pc_.deliverComplete(id)) completed_ = true;
    } else if (c.word == "fail") {
      if (pc_.deliverFailure(id, c.args.text())) failed_ = true;
    }
  }

  void check() {
    // A second gathering only once the first ended with a failed lookup or connection (the retry),
    // and the first closed before it opened.
    require(pc_.gatherings.size() <= 2, "two gatherings at most");
    require(pc_.gatherings.size() < 2 || pc_.gatherings[0].closed, "the first closed for a retry");
    const Result<IceUrl> parsed = parseIceUrl(config_.url);
    const bool turn = parsed.ok() && parsed->isTurn();
    const bool creds = !config_.username.empty() && !config_.credential.empty();
    for (const auto& g : pc_.gatherings) {
      require(g.servers.size() == 1 && g.servers[0].urls.size() == 1 &&
                  g.servers[0].urls[0] == config_.url,
              "exactly the one URL");
      require(g.relayOnly == config_.relayOnly, "the policy asked for");
      const std::string user = !turn ? "" : creds ? config_.username : kPlaceholderUsername;
      const std::string pass = !turn ? "" : creds ? config_.credential : kPlaceholderCredential;
      require(g.servers[0].username == user && g.servers[0].credential == pass,
              "the credentials, or the placeholders for a TURN URL without them");
    }
    d_.checkEnded(pc_.gatherings.empty() || pc_.gatherings.back().closed);
    if (!d_.obs) return;
    const IceObservation& o = *d_.obs;
    require(o.retried.empty() == (pc_.gatherings.size() < 2),
            "a retry is said in the observation, and only then");
    require(o.retried.empty() || printableLine(english(o.retried)),
            "the retry's words are one printable line");
    require(o.url == config_.url && o.relayOnly == config_.relayOnly, "the config is kept");
    require(o.hadCredentials == (turn && creds && !pc_.gatherings.empty()),
            "had credentials: both given, for a TURN URL");
    const std::size_t lines = o.candidates.size() + o.badCandidates.size();
    require(lines >= exactLines_ && lines <= exactLines_ + queuedLines_,
            "every line delivered is parsed or rejected");
    for (const std::string& bad : o.badCandidates)
      require(printableLine(bad), "a rejected line's reason is one printable line");
    require(o.elapsedMs >= 0 && o.elapsedMs <= d_.waited, "elapsed within the time that passed");
    switch (o.outcome) {
      case Outcome::Relay:
        require(o.relayOnly && !o.candidates.empty() &&
                    o.candidates.back().type == CandidateType::Relay,
                "relay: a relay candidate on a relay-only probe");
        break;
      case Outcome::Unauthorized:
        require(o.relayOnly && o.errorCode == 401, "unauthorized: a 401");
        break;
      case Outcome::Error:
        require(o.relayOnly && o.errorCode != 0, "error: an error code kept");
        break;
      case Outcome::NoCandidate:
        require(completed_, "no candidate: gathering completed");
        break;
      case Outcome::Timeout:
        require(d_.timeoutExplained(config_.timeoutMs), "timeout: by the deadline or a cancel");
        break;
      case Outcome::Failed:
        require(failed_, "failed: the port said so");
        break;
      case Outcome::BadInput:
        require(pc_.gatherings.empty(), "bad input: nothing gathered");
        require(printableLine(english(o.errorText)), "a bad input's reason is one printable line");
        break;
    }
  }

  Script script_;
  ScriptedPc pc_;
  ProbeDriver<IceProbe, IceObservation> d_;
  IceProbeConfig config_;
  Flags flags_{""};
  OpId id_ = 0;
  std::size_t exactLines_ = 0;   // delivered to a running probe: each must be counted
  std::size_t queuedLines_ = 0;  // delivered inside gather(): dropped if it ended meanwhile
  bool completed_ = false, failed_ = false;
};

OpId ScriptedPc::gather(const std::vector<IceServerConfig>& servers, bool relayOnly,
                        GatherEvents events) {
  const OpId id = FakePeerConnection::gather(servers, relayOnly, std::move(events));
  if (harness != nullptr && gatherings.size() > 1) harness->retried();
  if (harness != nullptr && harness->syncFlag()) harness->inside(id);
  return id;
}

}  // namespace
}  // namespace netready::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  netready::fuzz::Harness h(std::string_view(reinterpret_cast<const char*>(data), size));
  h.run();
  return 0;
}
