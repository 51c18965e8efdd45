// --pre-js glue: the few things C++ cannot express through emscripten::val alone — turning
// browser callbacks and promises into calls of the session's `deliver(id, tag, value)`, and
// catching constructor exceptions (a JS throw through wasm frames would skip C++ cleanup).
// Everything else (fetch, WebSocket, RTCPeerConnection calls) is done from C++ via val.
// A browser event or promise may settle after the page deleted the Check (run over, page
// re-run): drop it then, as C++ drops events of closed operations.
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
    if (typeof ctor !== 'function') return { error: 'not supported by this browser' };
    return { value: Reflect.construct(ctor, args) };
  } catch (e) {
    return { error: String(e && e.name ? e.name + ': ' + e.message : e) };
  }
};
Module['nrCall'] = function (obj, method, args) {
  try {
    return { value: obj[method].apply(obj, args) };
  } catch (e) {
    return { error: String(e && e.name ? e.name + ': ' + e.message : e) };
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
