// Debian's Firefox ESR as the lab and the tests run it, through puppeteer-core over WebDriver BiDi
// (geckodriver is not available): one place for the prefs (why each is needed: the comment by each
// pref and lab/README.md).
//
// Firefox does not read $HOME/.pki/nssdb (Chromium's NSS db): the lab CA ($NETREADY_LAB_CA, or
// $NETREADY_CA; several PEM files separated by ":", e.g. the lab's and an intercepting proxy's)
// is imported into the profile's own NSS db (cert9.db) with certutil before launch.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';

export const FIREFOX = process.env.NETREADY_FIREFOX || '/usr/bin/firefox-esr';

export const FIREFOX_PREFS = {
  // Real host addresses in candidates (the default hides them behind mDNS names).
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // The default lab lives on lo: without this, loopback addresses are not gathered.
  'media.peerconnection.ice.loopback': true,
  // Not set: 'network.process.enabled': false (a workaround some setups need). In this lab (lo with the lab's
  // addresses, with or without run-in-lab's default route) Firefox ESR 153 gathers host, relay
  // UDP/TCP/TLS candidates with its socket process on, so it keeps the configuration users have.
  // No fake-media prefs either: the page never calls getUserMedia and gathering does not need them.
  // Only the system resolver (dnsmasq in the lab): no DNS over HTTPS, no captive-portal probes.
  'network.trr.mode': 5,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
};

// Import the CA file (PEM) into a new NSS db in profileDir, trusted for TLS servers.
export function trustCa(profileDir, caFile, nick = 'lab-ca') {
  const db = `sql:${profileDir}`;
  if (!fs.existsSync(`${profileDir}/cert9.db`)) {
    execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  execFileSync('certutil', ['-A', '-d', db, '-n', nick, '-t', 'C,,', '-i', caFile],
    { stdio: ['ignore', 'ignore', 'pipe'] });
}

// Launches headless Firefox ESR on profileDir (an existing, preferably empty, directory).
// Resolves to a puppeteer Browser.
export async function launchFirefox(profileDir, { prefs = {} } = {}) {
  const ca = process.env.NETREADY_LAB_CA || process.env.NETREADY_CA;
  if (ca) ca.split(':').filter(Boolean).forEach((file, i) => trustCa(profileDir, file, `lab-ca-${i}`));
  const extraPrefs = { ...FIREFOX_PREFS, ...prefs };
  if (process.env.NETREADY_PROXY) {
    const u = new URL(process.env.NETREADY_PROXY);
    const port = Number(u.port || 80);
    Object.assign(extraPrefs, {
      'network.proxy.type': 1,
      'network.proxy.http': u.hostname, 'network.proxy.http_port': port,
      'network.proxy.ssl': u.hostname, 'network.proxy.ssl_port': port,
      'network.proxy.allow_hijacking_localhost': true,
    });
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    extraPrefsFirefox: extraPrefs,
    defaultViewport: { width: 1280, height: 900 },
    timeout: 30000,
  });
}
