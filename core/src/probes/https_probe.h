// GET one HTTPS endpoint (opaque responses allowed) within its deadline.
#pragma once

#include <string>

#include "netready/observations.h"
#include "netready/ports.h"
#include "netready/profile.h"
#include "probes/probe.h"

namespace netready {

class HttpsProbe final : public ProbeBase<HttpsObservation> {
 public:
  HttpsProbe(const HttpsEndpoint& endpoint, int timeoutMs, ClockPort& clock, HttpPort& http,
             DoneFn done);
  ~HttpsProbe() override;

  void start() override;
  void cancel(const Text& detail) override;

 private:
  enum class State { Idle, Waiting, Done };

  void onResult(const HttpResult& r);
  void onDeadline() override;
  void release() override;
  void complete(HttpsObservation::Outcome outcome, Text detail);

  HttpPort& http_;
  std::string expectBody_;
  int deadlineMs_;
  State state_ = State::Idle;
  OpId op_ = 0;
};

}  // namespace netready
