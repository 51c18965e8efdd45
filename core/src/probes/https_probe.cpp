#include "probes/https_probe.h"

#include <utility>

#include "probes/probe_text.h"

namespace netready {

using Outcome = HttpsObservation::Outcome;

HttpsProbe::HttpsProbe(const HttpsEndpoint& endpoint, int timeoutMs, ClockPort& clock,
                       HttpPort& http, DoneFn done)
    : ProbeBase(clock, std::move(done)),
      http_(http),
      expectBody_(endpoint.expectBody),
      deadlineMs_(timeoutMs) {
  obs_.url = endpoint.url;
  obs_.purpose = endpoint.purpose;
}

HttpsProbe::~HttpsProbe() {
  abandon();
  release();
}

void HttpsProbe::start() {
  if (state_ != State::Idle) return;
  const std::string& url = obs_.url;
  // Only http(s) makes sense for fetch; anything else would fail in the browser with a
  // confusing TypeError, so say what is wrong instead.
  std::size_t schemeLen = startsWithNoCase(url, "https://")  ? 8
                          : startsWithNoCase(url, "http://") ? 7
                                                             : 0;
  if (schemeLen == 0 || url.size() == schemeLen || url[schemeLen] == '/') {
    complete(Outcome::BadInput, msg("https-probe.not-https-url", {printableExcerpt(url)}));
    return;
  }
  state_ = State::Waiting;
  beginStart(deadlineMs_);
  op_ = http_.get(url, /*allowOpaque=*/true,
                  [this](const HttpResult& r) { handle([this, r] { onResult(r); }); });
  endStart();
}

void HttpsProbe::cancel(const Text& detail) {
  if (state_ == State::Done) return;
  complete(Outcome::Timeout, detail);
}

void HttpsProbe::onResult(const HttpResult& r) {
  if (state_ != State::Waiting) return;
  switch (r.kind) {
    case HttpResult::Kind::Opaque:
      complete(Outcome::Opaque, "");
      return;
    case HttpResult::Kind::NetworkError:
      complete(Outcome::NetworkError, r.error);
      return;
    case HttpResult::Kind::Response:
      break;
  }
  obs_.status = r.status;
  if (r.status < 200 || r.status > 299) {
    complete(Outcome::BadStatus, printableExcerpt(r.body));
  } else if (!expectBody_.empty() && r.body.find(expectBody_) == std::string::npos) {
    complete(Outcome::BadBody, printableExcerpt(r.body));
  } else {
    complete(Outcome::Ok, "");
  }
}

void HttpsProbe::onDeadline() {
  if (state_ != State::Waiting) return;
  complete(Outcome::Timeout, timedOutText(deadlineMs_));
}

void HttpsProbe::release() {
  // Also for an op that already ended: adapters drop their per-id state here.
  if (op_ != 0) http_.abort(op_);
  op_ = 0;
}

void HttpsProbe::complete(Outcome outcome, Text detail) {
  state_ = State::Done;
  obs_.outcome = outcome;
  obs_.detail = std::move(detail);
  obs_.elapsedMs = elapsed();
  finish();
}

}  // namespace netready
