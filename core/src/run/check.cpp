#include "netready/check.h"

#include "netready/diagnosis.h"
#include "report/json_out.h"
#include "text/text_json.h"

namespace netready {

struct CheckSession::State {
  Profile profile;
  CheckHost host;
  CheckCallbacks callbacks;
  bool done = false;
};

Result<std::unique_ptr<CheckSession>> CheckSession::create(std::string_view profileJson,
                                                           Ports ports, CheckHost host,
                                                           CheckCallbacks callbacks) {
  Result<Profile> profile = profileOrDefault(profileJson);
  if (!profile) return Error{profile.error()};

  std::unique_ptr<CheckSession> session(new CheckSession());
  session->state_ = std::make_unique<State>();
  State* state = session->state_.get();
  state->profile = profile.value();
  state->host = std::move(host);
  state->callbacks = std::move(callbacks);

  RunnerCallbacks rc;
  rc.onProgress = [state](const ProgressEvent& e) {
    if (state->callbacks.onProgress) state->callbacks.onProgress(progressToJson(e));
  };
  rc.onVerdict = [state](const Observations& obs, int done, int total) {
    if (!state->callbacks.onProgress) return;
    // The connectivity verdict: diagnosed with the call set aside. The call can only make it
    // worse (a poor call degrades, a relay carrying nothing blocks), so "blocked" is final.
    Observations connectivity = obs;
    MediaObservation pending;
    pending.outcome = MediaObservation::Outcome::Disabled;
    pending.detail = msg("run.call-pending");
    connectivity.media = pending;
    const Report r = diagnose(state->profile, connectivity);
    json_out::Value j = json_out::Value::object();
    j["phase"] = "verdict";
    j["verdict"] = toString(r.verdict);
    j["final"] = r.verdict == Verdict::Blocked;
    j["headline_id"] = toString(r.headline);
    putText(j, "headline_title", headlineTitle(r.headline));
    j["verdict_ms"] = obs.verdictMs;
    j["done"] = done;
    j["total"] = total;
    state->callbacks.onProgress(j.dump());
  };
  rc.onDone = [state](const Observations& obs) {
    if (state->done) return;
    state->done = true;
    Report report = diagnose(state->profile, obs);
    report.browser = state->host.browser;
    report.startedAt = state->host.startedAt;
    report.pageOrigin = state->host.pageOrigin;
    report.originMode = originModeFor(state->profile, state->host.pageOrigin);
    std::string json = reportToJson(report, profileSecrets(state->profile));
    if (state->callbacks.onReport) state->callbacks.onReport(json);
  };
  session->runner_ = std::make_unique<Runner>(state->profile, ports, std::move(rc));
  return session;
}

CheckSession::~CheckSession() = default;

void CheckSession::start() { runner_->start(); }
void CheckSession::cancel() { runner_->cancel(); }
bool CheckSession::done() const { return state_->done; }

std::string progressToJson(const ProgressEvent& event) {
  json_out::Value j = json_out::Value::object();
  j["phase"] = event.phase == ProgressEvent::Phase::Started ? "started" : "finished";
  j["probe"] = toString(event.probe);
  j["target"] = event.target;
  if (event.phase == ProgressEvent::Phase::Finished) {
    j["status"] = toString(event.status);
    putText(j, "outcome", event.outcome);
  }
  j["done"] = event.done;
  j["total"] = event.total;
  // Replace invalid UTF-8 rather than abort: targets come from user profiles.
  return j.dump();
}

}  // namespace netready
