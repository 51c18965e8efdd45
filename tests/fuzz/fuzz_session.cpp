// A whole CheckSession over the fake ports: profile JSON, a line "---", a flags line (M: a media
// port, L: adapters deliver after close), then port events to whatever operations are open (I
// picks one of that port's open ops, wrapping), until the script ends; then the clock runs far
// past every deadline.
//   resp I STATUS BODY | opaque I | neterr I TEXT                         (HTTP)
//   wsopen I PROTO | wsmsg I TEXT | wsclose I CODE CLEAN REASON | wserror I  (WebSocket)
//   cand I RELAYPROTO LINE | iceerr I CODE TEXT | icedone I | icefail I TEXT  (peer connection)
//   connected I | stats I SENDER RECEIVER | callfail I | callerr I TEXT      (media call)
//   burst SENT RECEIVED MSGSENT MSGRECEIVED QUEUEMS (the page's burst counters)
//   wait MS | cancel | destroy | onreport cancel|destroy|none | onprogress N cancel|destroy|none
// (\sK in a text inserts secret K of the profile, fuzz_script.h.)
// Checks: exactly one report (none only when the host destroyed the session first), never
// before the end; once it came (or the session was destroyed) every op core opened is closed or
// aborted and no timer is pending; the report and every progress event are valid JSON with no
// profile secret and printable messages (fuzz_report_check.h); a failed create says why in one
// printable line.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fakes/fake_ports.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_report_check.h"
#include "fuzz/fuzz_script.h"
#include "netready/check.h"
#include "netready/profile.h"

namespace netready::fuzz {
namespace {

// Far past every deadline: total_ms is at most 600000 (profile_json.cpp).
constexpr std::int64_t kFarMs = 2'000'000;

enum class Act { None, Cancel, Destroy };
Act actOf(const std::string& w) {
  return w == "destroy" ? Act::Destroy : w == "cancel" ? Act::Cancel : Act::None;
}

class Harness {
 public:
  Harness(const Profile& profile, std::string_view script)
      : secrets_(profileSecrets(profile)), leaks_(secrets_), script_(script) {}

  void run(std::string_view profileJson) {
    Command flags;
    script_.next(&flags);
    const std::string f(flags.word);
    const bool media = f.find('M') != std::string::npos;
    const bool late = f.find('L') != std::string::npos;
    fakes_.http.deliverAfterClose = fakes_.ws.deliverAfterClose = fakes_.pc.deliverAfterClose =
        late;
    CheckCallbacks cb;
    cb.onProgress = [h = this](const std::string& p) { h->onProgress(p); };
    cb.onReport = [h = this](const std::string& r) { h->onReport(r); };
    auto made = CheckSession::create(profileJson, media ? fakes_.portsWithMedia() : fakes_.ports(),
                                     CheckHost{"Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0",
                                               "2026-01-01T00:00:00Z", "https://web.rainbow.lab"},
                                     std::move(cb));
    require(made.ok(), "a profile that parsed makes a session");
    session_ = std::move(made.value());
    session_->start();
    checkEnd();
    Command c;
    while (script_.next(&c)) {
      step(c);
      checkEnd();
    }
    if (session_) {
      fakes_.clock.advance(kFarMs);
      // (Unless a callback destroyed the session meanwhile: then nothing may be left open.)
      require(reports_ == 1 || !session_, "the report comes by the deadlines");
      checkEnd();
      fakes_.clock.advance(kFarMs);  // and nothing runs after it
      checkEnd();
    }
  }

 private:
  // Both may destroy the session (act): they touch only the harness after that, never the
  // callback objects the session held.
  void onProgress(const std::string& p) {
    require(reports_ == 0, "no progress after the report");
    const nlohmann::json j = checkProgress(p, leaks_);
    if (progressCountdown_ < 0 || progressCountdown_-- > 0) return;
    act(onProgressAct_);
  }
  void onReport(const std::string& r) {
    ++reports_;
    require(reports_ == 1, "exactly one report");
    checkReport(r, leaks_);
    act(onReportAct_);
  }
  void act(Act a) {
    if (a == Act::Cancel && session_) session_->cancel();
    if (a == Act::Destroy) session_.reset();
  }

  // The I-th (wrapping) op of a port that may still be delivered to.
  template <typename Op, typename Closed>
  const Op* pick(const std::vector<Op>& ops, Args& a, Closed closed) {
    std::vector<const Op*> open;
    for (const Op& op : ops)
      if (fakes_.ws.deliverAfterClose || !closed(op)) open.push_back(&op);
    const int i = a.integer(0, 1000, 0);
    return open.empty() ? nullptr : open[static_cast<std::size_t>(i) % open.size()];
  }
  const fake::FakeHttp::Request* http(Args& a) {
    return pick(fakes_.http.requests, a, [](const auto& r) { return r.aborted; });
  }
  const fake::FakeWebSocket::Socket* ws(Args& a) {
    return pick(fakes_.ws.sockets, a, [](const auto& s) { return s.closed; });
  }
  const fake::FakePeerConnection::Gathering* pc(Args& a) {
    return pick(fakes_.pc.gatherings, a, [](const auto& g) { return g.closed; });
  }
  const fake::FakeMedia::Call* call(Args& a) {
    return pick(fakes_.media.calls, a, [](const auto& c) { return c.closed; });
  }

  void step(Command& c) {
    Args& a = c.args;
    const std::string_view w = c.word;
    if (w == "wait") {
      fakes_.clock.advance(a.number(0, 1000000, 100));
      return;
    }
    if (w == "onreport") {
      onReportAct_ = actOf(a.word());
      return;
    }
    if (w == "onprogress") {
      progressCountdown_ = a.integer(0, 1000, 0);
      onProgressAct_ = actOf(a.word());
      return;
    }
    if (w == "burst") {
      fake::FakeMedia& m = fakes_.media;
      m.counters.bytesSent = static_cast<double>(a.number(0, 1000000000, 0));
      m.counters.bytesReceived = static_cast<double>(a.number(0, 1000000000, 0));
      m.counters.messagesSent = a.number(0, 1000000000, 0);
      m.counters.messagesReceived = a.number(0, 1000000000, 0);
      m.counters.queueDelayMs = static_cast<double>(a.number(-1, 1000000, -1));
      return;
    }
    if (!session_) return;  // nothing reaches a destroyed session's probes
    if (w == "cancel") {
      session_->cancel();
    } else if (w == "destroy") {
      session_.reset();
    } else if (w == "resp" || w == "opaque" || w == "neterr") {
      const auto* r = http(a);
      if (r == nullptr) return;
      const OpId id = r->id;
      HttpResult result = fake::FakeHttp::opaque();
      if (w == "resp") {
        const int status = a.integer(-1000, 100000, 200);
        result = fake::FakeHttp::response(status, text(a));
      } else if (w == "neterr") {
        result = fake::FakeHttp::networkError(text(a));
      }
      fakes_.http.respond(id, result);
    } else if (w == "wsopen" || w == "wsmsg" || w == "wsclose" || w == "wserror") {
      const auto* s = ws(a);
      if (s == nullptr) return;
      const OpId id = s->id;
      if (w == "wsopen") fakes_.ws.deliverOpen(id, text(a));
      if (w == "wsmsg") fakes_.ws.deliverMessage(id, text(a));
      if (w == "wserror") fakes_.ws.deliverError(id);
      if (w == "wsclose") {
        const int code = a.integer(0, 65535, 1006);
        const bool clean = a.integer(0, 1, 0) == 1;
        fakes_.ws.deliverClose(id, code, text(a), clean);
      }
    } else if (w == "cand" || w == "iceerr" || w == "icedone" || w == "icefail") {
      const auto* g = pc(a);
      if (g == nullptr) return;
      const OpId id = g->id;
      const std::string url =
          g->servers.empty() || g->servers[0].urls.empty() ? std::string() : g->servers[0].urls[0];
      if (w == "cand") {
        std::string proto = a.word(secrets_);
        fakes_.pc.deliverCandidate(id, text(a), proto == "-" ? "" : proto, url);
      } else if (w == "iceerr") {
        const int code = a.integer(-1000, 100000, 701);
        fakes_.pc.deliverError(id, code, text(a), url);
      } else if (w == "icedone") {
        fakes_.pc.deliverComplete(id);
      } else {
        fakes_.pc.deliverFailure(id, text(a));
      }
    } else if (w == "connected" || w == "stats" || w == "callfail" || w == "callerr") {
      const auto* m = call(a);
      if (m == nullptr) return;
      const OpId id = m->id;
      if (w == "connected") fakes_.media.deliverConnected(id);
      if (w == "callfail") fakes_.media.deliverConnectionFailed(id);
      if (w == "callerr") fakes_.media.deliverFailure(id, text(a));
      if (w == "stats") {
        const std::string sender = a.word(secrets_);
        fakes_.media.deliverStats(id, sender, text(a));
      }
    }
  }

  std::string text(Args& a) { return a.text(secrets_); }

  // Once the report came or the host destroyed the session: nothing left open, no timer.
  void checkEnd() {
    if (session_ && reports_ == 0) return;
    for (const auto& r : fakes_.http.requests) require(r.aborted, "every request aborted");
    for (const auto& s : fakes_.ws.sockets) require(s.closed, "every WebSocket closed");
    for (const auto& g : fakes_.pc.gatherings) require(g.closed, "every peer connection closed");
    for (const auto& m : fakes_.media.calls) require(m.closed, "every call closed");
    require(fakes_.clock.pendingTimers() == 0, "no timer left");
  }

  std::vector<std::string> secrets_;
  LeakCheck leaks_;
  Script script_;
  fake::FakePorts fakes_;
  std::unique_ptr<CheckSession> session_;
  int reports_ = 0;
  Act onReportAct_ = Act::None, onProgressAct_ = Act::None;
  int progressCountdown_ = -1;
};

}  // namespace
}  // namespace netready::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace netready;
  const fuzz::ProfileAndScript parts =
      fuzz::splitProfile(std::string_view(reinterpret_cast<const char*>(data), size));
  // The profile as the session will read it: its secrets are what must never show.
  Result<Profile> profile = profileOrDefault(parts.profile);
  if (!profile) {
    fake::FakePorts fakes;
    auto made = CheckSession::create(parts.profile, fakes.ports(), CheckHost{}, CheckCallbacks{});
    fuzz::require(!made.ok(), "a profile that does not parse makes no session");
    fuzz::require(!made.error().empty() && fuzz::printableLine(made.error()),
                  "a refused profile says why in one printable line");
    return 0;
  }
  fuzz::Harness h(profile.value(), parts.script);
  h.run(parts.profile);
  return 0;
}
