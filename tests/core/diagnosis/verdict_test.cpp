// The one verdict rule (diagnosis.h verdict()) over hand-made rows.
#include <gtest/gtest.h>

#include <vector>

#include "core/vocabulary_print.h"
#include "netready/diagnosis.h"

namespace netready {
namespace {

Requirement row(RowId id, Status s) {
  Requirement r;
  r.id = id;
  r.status = s;
  // A row the profile asked for that ended unmeasured carries skipped evidence; these rows
  // stand for measured ones, so give measured rows one piece of evidence of their status.
  if (s != Status::Skipped) r.evidence.push_back({"t", "o", s, 1, ""});
  return r;
}

struct VerdictCase {
  const char* name;
  std::vector<Requirement> rows;
  Verdict expected;
};

TEST(Verdict, RulesTable) {
  constexpr Status P = Status::Pass, W = Status::Warn, F = Status::Fail, S = Status::Skipped;
  const std::vector<VerdictCase> cases = {
      {"no rows: nothing measured is not ready", {}, Verdict::Degraded},
      {"all pass",
       {row(RowId::Https, P), row(RowId::XmppWss, P), row(RowId::TurnUdp, P),
        row(RowId::TurnTcp, P), row(RowId::TurnTls, P), row(RowId::Media, P)},
       Verdict::Ready},
      {"skipped rows do not degrade",
       {row(RowId::Https, P), row(RowId::Media, S), row(RowId::ProxyTurn, S)},
       Verdict::Ready},
      {"https fail", {row(RowId::Https, F), row(RowId::TurnUdp, P)}, Verdict::Blocked},
      {"xmpp fail", {row(RowId::XmppWss, F), row(RowId::TurnUdp, P)}, Verdict::Blocked},
      {"https warn", {row(RowId::Https, W), row(RowId::XmppWss, P)}, Verdict::Degraded},
      {"one turn transport fails",
       {row(RowId::TurnUdp, F), row(RowId::TurnTcp, P), row(RowId::TurnTls, P)},
       Verdict::Degraded},
      {"only tls works",
       {row(RowId::TurnUdp, F), row(RowId::TurnTcp, F), row(RowId::TurnTls, W)},
       Verdict::Degraded},
      {"every turn transport fails",
       {row(RowId::Https, P), row(RowId::TurnUdp, F), row(RowId::TurnTcp, F),
        row(RowId::TurnTls, F)},
       Verdict::Blocked},
      {"measured turn rows all fail, rest skipped",
       {row(RowId::TurnUdp, F), row(RowId::TurnTcp, F), row(RowId::TurnTls, S)},
       Verdict::Blocked},
      {"single turn row fails", {row(RowId::TurnTls, F)}, Verdict::Blocked},
      {"all turn skipped",
       {row(RowId::Https, P), row(RowId::TurnUdp, S), row(RowId::TurnTls, S)},
       Verdict::Ready},
      {"proxy-turn is not a turn- row",
       {row(RowId::TurnUdp, P), row(RowId::ProxyTurn, F)},
       Verdict::Degraded},
      // A relay was allocated but media cannot flow through it: no call can work.
      {"media fail", {row(RowId::Https, P), row(RowId::Media, F)}, Verdict::Blocked},
      {"bandwidth warn", {row(RowId::Https, P), row(RowId::Bandwidth, W)}, Verdict::Degraded},
      // Video below its lowest rate: audio still works, so degraded, not blocked.
      {"bandwidth fail", {row(RowId::Https, P), row(RowId::Bandwidth, F)}, Verdict::Degraded},
      {"media warn", {row(RowId::Https, P), row(RowId::Media, W)}, Verdict::Degraded},
      {"https fail wins over degraded rows",
       {row(RowId::Bandwidth, W), row(RowId::Https, F)},
       Verdict::Blocked},
  };
  for (const VerdictCase& c : cases) {
    EXPECT_EQ(verdict(c.rows), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace netready
