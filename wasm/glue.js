// --pre-js glue: the few things C++ cannot express through emscripten::val alone — turning
// browser callbacks and promises into calls of the session's `deliver(id, tag, value)`, and
// catching constructor exceptions (a JS throw through wasm frames would skip C++ cleanup).
// Everything else (fetch, WebSocket, RTCPeerConnection calls) is done from C++ via val.
// A browser event or promise may settle after the page deleted the Check (run over, page
// re-run): drop it then, as C++ drops events of closed operations.
// The release module is minified by Closure (ADVANCED): every property C++ reads (val["..."],
// call("...")), JSON keys and browser members Closure may not know are written quoted, since
// Closure renames unquoted ones.
// Emscripten 3.1.6's minimal runtime assigns `asm` and names `dynCalls` (for i64 signatures,
// which no binding has) without declaring them; Closure refuses undeclared names.
var asm;
var dynCalls = {};
function nrSend(sink, id, tag, value) {
  if (!sink['isDeleted']()) sink['deliver'](id, tag, value);
}
Module['nrListen'] = function (target, type, sink, id, tag) {
  target.addEventListener(type, function (ev) {
    nrSend(sink, id, tag, ev);
  });
};
Module['nrThen'] = function (promise, sink, id, okTag, errTag) {
  Promise.resolve(promise).then(
    function (v) { nrSend(sink, id, okTag, v); },
    function (e) { nrSend(sink, id, errTag, String(e && e.name ? e.name + ': ' + e.message : e)); });
};
Module['nrConstruct'] = function (ctor, args) {
  try {
    if (typeof ctor !== 'function') return { 'error': 'not supported by this browser' };
    return { 'value': Reflect.construct(ctor, args) };
  } catch (e) {
    return { 'error': String(e && e.name ? e.name + ': ' + e.message : e) };
  }
};
Module['nrCall'] = function (obj, method, args) {
  try {
    return { 'value': obj[method].apply(obj, args) };
  } catch (e) {
    return { 'error': String(e && e.name ? e.name + ': ' + e.message : e) };
  }
};
Module['nrSetTimeout'] = function (sink, id, ms) {
  return setTimeout(function () { nrSend(sink, id, 'timer', undefined); }, ms);
};
// Stats maps are iterables; an array of their values is what C++ can walk.
Module['nrStatsValues'] = function (report) {
  var out = [];
  report.forEach(function (v) { out.push(v); });
  return out;
};

// ---- the relay loopback call's JS-only parts: per-frame drawing and pacing have no C++ use ----

function nrError(e) {
  return String(e && e.name ? e.name + ': ' + e.message : e);
}

// Synthetic media, never a camera or microphone (no permission prompt): a 440 Hz oscillator and a
// canvas redrawn 30 times a second with moving shapes and noise, so the encoder has real work.
Module['nrSyntheticMedia'] = function () {
  try {
    var AC = globalThis['AudioContext'] || globalThis['webkitAudioContext'];
    if (typeof AC !== 'function') return { 'error': 'no AudioContext in this browser' };
    var ctx = new AC();
    var osc = ctx.createOscillator();
    osc['frequency']['value'] = 440;
    var dest = ctx['createMediaStreamDestination']();
    osc.connect(dest);
    osc.start();
    // Started from the user's click, the context may still begin suspended.
    if (ctx.state === 'suspended' && ctx.resume) ctx.resume().catch(function () {});
    var canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    if (typeof canvas['captureStream'] !== 'function') return { 'error': 'no canvas.captureStream in this browser' };
    var g = canvas.getContext('2d');
    var frame = 0;
    var draw = function () {
      frame++;
      g.fillStyle = 'hsl(' + (frame * 7) % 360 + ',60%,50%)';
      g.fillRect(0, 0, 320, 240);
      for (var i = 0; i < 40; i++) {
        g.fillStyle = 'rgb(' + ((i * 37 + frame * 13) % 255) + ',' + ((i * 91) % 255) + ',' + ((frame * 5) % 255) + ')';
        g.fillRect((i * 53 + frame * 4) % 320, (i * 29 + frame * 3) % 240, 12 + (i % 7) * 3, 12 + (i % 5) * 4);
      }
    };
    draw();
    var timer = setInterval(draw, 33);
    var video = canvas['captureStream'](30);
    var tracks = [dest['stream'].getAudioTracks()[0], video.getVideoTracks()[0]];
    return {
      'value': {
        'tracks': tracks,
        'stream': new MediaStream(tracks),
        'stop': function () {
          clearInterval(timer);
          tracks.forEach(function (t) { if (t) t.stop(); });
          try { osc.stop(); } catch (e) { /* already stopped */ }
          if (ctx.close) ctx.close().catch(function () {});
        },
      },
    };
  } catch (e) {
    return { 'error': nrError(e) };
  }
};

// The burst: an unordered, never-retransmitted data channel (negotiated id 0 on both ends), paced
// by a token bucket at the rate core sets, in 1000-byte messages (one SCTP packet each) that carry
// their send time. Sender and receiver share this page's clock, so each message's one-way delay is
// exact; its rise over the smallest seen is the queue building on the path (core steers on it).
Module['nrBurst'] = function (send, recv) {
  var b = { kbps: 0, timer: 0, tokens: 0, last: 0, bytesSent: 0, bytesReceived: 0, messagesSent: 0,
            messagesReceived: 0, minDelay: -1, delay: -1 };
  var size = 1000;
  var payload = new ArrayBuffer(size);
  var stamp = new Float64Array(payload, 0, 1);
  recv['binaryType'] = 'arraybuffer';
  recv.onmessage = function (ev) {
    var data = ev.data;
    if (!(data instanceof ArrayBuffer) || data.byteLength < 8) return;
    var d = performance.now() - new Float64Array(data, 0, 1)[0];
    b.messagesReceived++;
    b.bytesReceived += data.byteLength;
    if (b.minDelay < 0 || d < b.minDelay) b.minDelay = d;
    b.delay = b.delay < 0 ? d : 0.7 * b.delay + 0.3 * d;
  };
  var tick = function () {
    var now = performance.now();
    b.tokens = Math.min(b.tokens + (now - b.last) * b.kbps / 8, Math.max(size, b.kbps * 20 / 8));
    b.last = now;
    while (b.tokens >= size && send['readyState'] === 'open' && send['bufferedAmount'] < 8 * size) {
      stamp[0] = performance.now();
      try { send.send(payload); } catch (e) { return; }
      b.tokens -= size;
      b.bytesSent += size;
      b.messagesSent++;
    }
  };
  b['setRate'] = function (kbps) {
    if (kbps > 0 && b.kbps === 0) {
      b.last = performance.now();
      b.tokens = 0;
      b.timer = setInterval(tick, 5);
    } else if (kbps <= 0) {
      clearInterval(b.timer);
      b.timer = 0;
    }
    b.kbps = Math.max(0, kbps);
  };
  b['counters'] = function () {
    return { 'bytesSent': b.bytesSent, 'bytesReceived': b.bytesReceived, 'messagesSent': b.messagesSent,
             'messagesReceived': b.messagesReceived,
             'queueDelayMs': b.delay < 0 ? -1 : Math.max(0, b.delay - b.minDelay) };
  };
  b['entry'] = function () {
    var c = b['counters']();
    c['type'] = 'netready-burst';
    c['id'] = 'netready-burst';
    c['timestamp'] = performance['timeOrigin'] + performance.now();
    return c;
  };
  b['stop'] = function () { b['setRate'](0); recv.onmessage = null; };
  return b;
};

// getStats() as the JSON array core reads, with the burst's own counters appended when given.
Module['nrStatsJson'] = function (report, burst) {
  var out = [];
  report.forEach(function (v) { out.push(v); });
  if (burst) out.push(burst['entry']());
  return JSON.stringify(out);
};

// One run of the check (web/netready.mjs): `const c = new Module.Check()`, c.start(profileJson,
// hooks) ("" or the profile's error), c.cancel(), c.delete(). A plain class over the integer
// handles of wasm/bindings.cpp, since Embind's class machinery would be a third of this file.
// C++ calls back deliver() and isDeleted() on it (it is the hooks' `sink`). As with an Embind
// object, any call after delete() throws.
function NrCheck() {
  this.handle = Module['nrCheckNew']();
}
function nrLive(check) {
  if (!check.handle) throw new Error('Check used after delete()');
  return check.handle;
}
NrCheck.prototype['start'] = function (profileJson, hooks) {
  return Module['nrCheckStart'](nrLive(this), profileJson, hooks);
};
NrCheck.prototype['cancel'] = function () {
  Module['nrCheckCancel'](nrLive(this));
};
NrCheck.prototype['deliver'] = function (id, tag, value) {
  Module['nrCheckDeliver'](nrLive(this), id, tag, value);
};
NrCheck.prototype['isDeleted'] = function () {
  return !this.handle;
};
NrCheck.prototype['delete'] = function () {
  Module['nrCheckDelete'](nrLive(this));
  this.handle = 0;
};
Module['Check'] = NrCheck;
