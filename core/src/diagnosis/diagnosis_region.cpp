// The best TURN region: the fastest relay allocation, and a note when even that is slow.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "diagnosis/diagnosis_internal.h"

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
  std::stable_sort(best.begin(), best.end(), [](const Best& a, const Best& b) {
    return a.ms != b.ms ? a.ms < b.ms : a.order < b.order;
  });
  Text note = "best region " + best[0].region + ": relay in " + ms(best[0].ms);
  std::vector<Text> others;
  for (std::size_t i = 1; i < best.size(); ++i)
    others.push_back(best[i].region + ": " + ms(best[i].ms));
  if (!others.empty()) {
    note += " (";
    for (std::size_t i = 0; i < others.size(); ++i) note += (i > 0 ? ", " : "") + others[i];
    note += ")";
  }
  out.region = best[0].region;
  out.notes.push_back(note);
  if (best[0].ms > kSlowAllocationMs) {
    out.notes.push_back("slow path to TURN servers (fastest allocation " + ms(best[0].ms) +
                        "): expect call setup delays");
  }
  return out;
}

}  // namespace netready::diag
