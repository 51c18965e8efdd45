// The HTTPS probe driven through the fake HTTP port by a script of port events.
// First line: URL, expect_body, timeout (ms), flags (fuzz_probe_driver.h); "-" keeps the default.
// Then: resp STATUS BODY | opaque | neterr TEXT, and the driver's commands.
// Checks, beyond the driver's lifecycle: at most one request, to the URL, opaque allowed; the
// outcome agrees with the result delivered (Ok and BadBody: 2xx; BadStatus: not 2xx; Opaque;
// NetworkError: the browser's text kept; Timeout: deadline or cancel; BadInput: no request);
// every detail core writes itself is one printable line.
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "fakes/fake_ports.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_probe_driver.h"
#include "fuzz/fuzz_script.h"
#include "netready/callback.h"
#include "probes/https_probe.h"

namespace netready::fuzz {
namespace {

using Outcome = HttpsObservation::Outcome;

class Harness;

// An HTTP port that, with flag S, delivers the script's first events from inside get().
class ScriptedHttp : public fake::FakeHttp {
 public:
  OpId get(const std::string& url, bool allowOpaque,
           Callback<void(const HttpResult&)> done) override;
  Harness* harness = nullptr;
};

class Harness {
 public:
  explicit Harness(std::string_view input) : script_(input) {
    http_.harness = this;
    Command config;
    script_.next(&config);
    url_ = Args::unescape(config.word, {});
    if (url_.empty() || url_ == "-") url_ = "https://rainbow.lab/api/rainbow/ping";
    std::string expect = config.args.word();
    if (expect == "-") expect = "\"status\":\"OK\"";
    timeoutMs_ = config.args.integer(1, 120000, 6000);
    flags_ = Flags(config.args.word());
    http_.deliverAfterClose = flags_.late;
    d_.probe = std::make_unique<HttpsProbe>(HttpsEndpoint{url_, "rest", expect, "§5.4"}, timeoutMs_,
                                            d_.clock, http_, d_.done());
  }

  void run() {
    d_.probe->start();
    check();
    Command c;
    while (script_.next(&c)) {
      step(c, false);
      check();
    }
    d_.finish(timeoutMs_);
    check();
  }

  void inside(OpId id) {
    id_ = id;
    Command c;
    while (script_.next(&c) && c.word != "return") step(c, true);
  }
  bool syncFlag() const { return flags_.sync; }

 private:
  void step(Command& c, bool inside) {
    if (d_.common(c, inside)) return;
    if (!d_.alive() || http_.requests.empty()) return;  // nothing reaches a destroyed probe
    const OpId id = inside ? id_ : http_.requests.back().id;
    HttpResult r;
    if (c.word == "resp") {
      const int status = c.args.integer(INT_MIN, INT_MAX, 200);
      r = fake::FakeHttp::response(status, c.args.text());
    } else if (c.word == "opaque") {
      r = fake::FakeHttp::opaque();
    } else if (c.word == "neterr") {
      r = fake::FakeHttp::networkError(c.args.text());
    } else {
      return;
    }
    const bool running = d_.calls == 0 && !inside;
    if (http_.respond(id, r) && running) last_ = r;  // what decided the outcome
  }

  void check() {
    require(http_.requests.size() <= 1, "one request at most");
    if (!http_.requests.empty()) {
      require(http_.requests[0].url == url_ && http_.requests[0].allowOpaque,
              "the URL, with opaque answers allowed");
      require(http_.aborted.size() <= 1, "released once");
    }
    d_.checkEnded(http_.requests.empty() || http_.requests[0].aborted);
    if (!d_.obs) return;
    const HttpsObservation& o = *d_.obs;
    require(o.url == url_ && o.purpose == "rest", "the endpoint is kept");
    require(o.elapsedMs >= 0 && o.elapsedMs <= d_.waited, "elapsed within the time that passed");
    const bool ok2xx = o.status >= 200 && o.status <= 299;
    switch (o.outcome) {
      case Outcome::Ok:
        require(ok2xx && o.detail.empty(), "ok: 2xx, no detail");
        break;
      case Outcome::BadBody:
        require(ok2xx, "bad body: 2xx");
        break;
      case Outcome::BadStatus:
        require(!ok2xx, "bad status: not 2xx");
        break;
      case Outcome::Opaque:
        require(o.status == 0 && o.detail.empty(), "opaque: nothing readable");
        break;
      case Outcome::NetworkError:
        // The browser's text, raw: diagnosis clips it (the report checks are fuzz_report's).
        if (last_) require(o.detail == last_->error, "network error: the browser's text");
        break;
      case Outcome::Timeout:
        require(d_.timeoutExplained(timeoutMs_), "timeout: by the deadline or a cancel");
        break;
      case Outcome::BadInput:
        require(http_.requests.empty(), "bad input: no request");
        break;
    }
    if (last_) {
      const bool readable = last_->kind == HttpResult::Kind::Response;
      require(!readable || o.status == last_->status, "the status is kept");
    }
    if (o.outcome != Outcome::NetworkError)
      require(printableLine(english(o.detail)), "the detail is one printable line");
  }

  Script script_;
  ScriptedHttp http_;
  ProbeDriver<HttpsProbe, HttpsObservation> d_;
  Flags flags_{""};
  int timeoutMs_ = 6000;
  std::string url_;
  OpId id_ = 0;
  std::optional<HttpResult> last_;  // the result delivered to the running probe, if any
};

OpId ScriptedHttp::get(const std::string& url, bool allowOpaque,
                       Callback<void(const HttpResult&)> done) {
  const OpId id = FakeHttp::get(url, allowOpaque, std::move(done));
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
