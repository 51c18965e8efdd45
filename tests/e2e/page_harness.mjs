// What the page-driving e2e tests share: one browser with a page, driven through four calls the
// two drivers (playwright for Chromium, puppeteer over BiDi for Firefox) both offer, and an init
// script counting the RTCPeerConnections and WebSockets a page opens and leaves open.
import { launchChromium } from '../../lab/chromium.mjs';
import { launchFirefox } from '../../lab/firefox.mjs';

export function browserArg(tool) {
  const bi = process.argv.indexOf('--browser');
  const name = bi > 0 ? process.argv[bi + 1] : 'chromium';
  if (!['chromium', 'firefox'].includes(name)) {
    console.error(`${tool}: unknown --browser ${name}`);
    process.exit(2);
  }
  return name;
}

export async function openPage(browserName, dir) {
  if (browserName === 'chromium') {
    const context = await launchChromium(dir);
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      page,
      closeBrowser: () => context.close(),
      initScript: (fn, arg) => context.addInitScript(fn, arg),
      waitFor: (fn, arg, timeout) => page.waitForFunction(fn, arg, { timeout }),
    };
  }
  const browser = await launchFirefox(dir);
  const page = await browser.newPage();
  return {
    page,
    closeBrowser: () => browser.close(),
    initScript: (fn, arg) => page.evaluateOnNewDocument(fn, arg),
    waitFor: (fn, arg, timeout) => page.waitForFunction(fn, { timeout }, arg),
  };
}

// An init script (self-contained: the browser runs its source): window.__<Name>Live() counts the
// objects of that constructor still open, window.__<Name>Count how many were made.
export function trackOpenObjects() {
  const track = (name, isClosed) => {
    const Orig = window[name];
    const live = new Set();
    window[`__${name}Live`] = () => [...live].filter((o) => !isClosed(o)).length;
    window[`__${name}Count`] = 0;
    window[name] = new Proxy(Orig, {
      construct(target, args) {
        const o = Reflect.construct(target, args);
        live.add(o);
        window[`__${name}Count`]++;
        return o;
      },
    });
  };
  track('RTCPeerConnection', (pc) => pc.signalingState === 'closed');
  track('WebSocket', (ws) => ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED);
}

export const openCount = (page) =>
  page.evaluate(() => ({
    pc: window.__RTCPeerConnectionLive(),
    ws: window.__WebSocketLive(),
    pcMade: window.__RTCPeerConnectionCount,
  }));
