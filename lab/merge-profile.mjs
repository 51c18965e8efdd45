// Writes BASE with OVERRIDE applied the way netready profiles override (top-level fields
// replace; xmpp, bandwidth, timeouts and network merge field by field), so `demo --profile`
// is a partial override of the lab's profile and keeps this lab start's TURN credentials.
// Usage: node lab/merge-profile.mjs BASE.json OVERRIDE.json OUT.json
import fs from 'node:fs';

const [base, override, out] = process.argv.slice(2);
const a = JSON.parse(fs.readFileSync(base, 'utf8'));
const b = JSON.parse(fs.readFileSync(override, 'utf8'));
const merged = { ...a };
for (const [k, v] of Object.entries(b)) {
  const fieldwise = ['xmpp', 'bandwidth', 'timeouts', 'network'].includes(k);
  merged[k] = fieldwise && v && typeof v === 'object' && !Array.isArray(v) ? { ...(a[k] || {}), ...v } : v;
}
fs.writeFileSync(out, JSON.stringify(merged), { mode: 0o600 });
