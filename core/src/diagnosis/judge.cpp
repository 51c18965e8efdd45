#include "diagnosis/judge.h"

namespace netready {

Status judge(const HttpsObservation& o) {
  using O = HttpsObservation::Outcome;
  if (o.cancelled) return Status::Skipped;
  return o.outcome == O::Ok || o.outcome == O::Opaque ? Status::Pass : Status::Fail;
}

Status judge(const XmppObservation& o) {
  if (o.cancelled) return Status::Skipped;
  return o.outcome == XmppObservation::Outcome::Ok ? Status::Pass : Status::Fail;
}

Status judgeRelay(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.cancelled) return Status::Skipped;
  if (o.outcome == O::Relay) return Status::Pass;
  if (o.outcome == O::Unauthorized) return o.hadCredentials ? Status::Warn : Status::Pass;
  return Status::Fail;
}

Status judgeName(const IceObservation& o) {
  using O = IceObservation::Outcome;
  if (o.cancelled || o.outcome == O::Failed || o.outcome == O::BadInput) return Status::Skipped;
  return lookupFailure(o) == LookupFailure::None ? Status::Pass : Status::Fail;
}

}  // namespace netready
