// Debian's Chromium as the lab and the tests run it: one place for the flags (why each is
// needed: lab/README.md).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.NETREADY_CHROMIUM || '/usr/bin/chromium';

export function chromiumArgs(userDataDir, extra = []) {
  const args = [
    '--remote-debugging-pipe',
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking', // else it calls Google hosts that this network refuses
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=WebRtcHideLocalIpsWithMdns', // mDNS never starts in a lab namespace
    '--allow-loopback-in-peer-connection', // the default lab lives on lo
    `--user-data-dir=${userDataDir}`,
  ];
  if (process.env.NETREADY_PROXY) args.push(`--proxy-server=${process.env.NETREADY_PROXY}`);
  return [...args, ...extra, 'about:blank'];
}

export function launchChromium(userDataDir, extra = []) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: true,
    args: chromiumArgs(userDataDir, extra),
    viewport: { width: 1280, height: 900 },
    timeout: 30000,
  });
}
