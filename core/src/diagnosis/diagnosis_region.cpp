// The best TURN region: the fastest relay allocation, and a note when even that is slow.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "diagnosis/diagnosis_internal.h"
#include "util/small_sort.h"

namespace netready::diag {

namespace {

using IceOutcome = IceObservation::Outcome;

// A fastest relay allocation slower than this delays every call setup noticeably.
constexpr std::int64_t kSlowAllocationMs = 1000;

}  // namespace

BestRegion bestTurnRegion(const Facts& f) {
  const Profile& profile = f.profile;
  struct Best {
    std::string region;
    std::int64_t ms;
    std::size_t order;
  };
  std::vector<Best> best;
  for (const IceObservation& o : f.obs.ice) {
    if (o.outcome != IceOutcome::Relay || !o.parsed.isTurn()) continue;
    auto it =
        std::find_if(best.begin(), best.end(), [&](const Best& b) { return b.region == o.region; });
    if (it != best.end()) {
      it->ms = std::min(it->ms, o.elapsedMs);
      continue;
    }
    // Ties go to profile order; regions unknown to the profile come after, in seen order.
    std::size_t order = profile.turn.size() + best.size();
    for (std::size_t i = 0; i < profile.turn.size(); ++i) {
      if (profile.turn[i].region == o.region) {
        order = i;
        break;
      }
    }
    best.push_back({o.region, o.elapsedMs, order});
  }
  BestRegion out;
  if (best.empty()) return out;
  smallSort(best, [](const Best& a, const Best& b) {
    return a.ms != b.ms ? a.ms < b.ms : a.order < b.order;
  });
  // The other regions' times, "eu2: 90 ms, us1: 140 ms", in parentheses after the best.
  Text others;
  for (std::size_t i = 1; i < best.size(); ++i) {
    if (i > 1) others += ", ";
    others += msg("region.other", {best[i].region, ms(best[i].ms)});
  }
  out.region = best[0].region;
  out.notes.push_back(others.empty()
                          ? msg("region.best", {best[0].region, ms(best[0].ms)})
                          : msg("region.best-others", {best[0].region, ms(best[0].ms), others}));
  if (best[0].ms > kSlowAllocationMs) out.notes.push_back(msg("region.slow", {ms(best[0].ms)}));
  return out;
}

}  // namespace netready::diag
