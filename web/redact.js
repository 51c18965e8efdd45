// Profile credentials are never displayed, logged or put in the DOM: every string shown, copied
// or downloaded goes through redact(). The rule and the list of secrets are core's (the module's
// profileSecrets() and redact(), the same code that redacts the report): this file only holds
// the current list and counts what it had to remove, which is a leak the page reports.

let checker = null;
let secrets = [];
let redactionCount = 0;

// Takes the secrets of a newly loaded profile from core. A profile core rejects runs nothing,
// and core's error messages never quote credential values.
export function setSecretsFromProfile(nextChecker, profile) {
  checker = nextChecker;
  const json = profile === undefined || profile === null ? ''
    : typeof profile === 'string' ? profile : JSON.stringify(profile);
  const r = checker.profileSecrets(json);
  secrets = r && r.ok ? [...r.secrets] : [];
}

export function resetRedactionCount() { redactionCount = 0; }
export function getRedactionCount() { return redactionCount; }

export function redact(text) {
  if (typeof text !== 'string' || secrets.length === 0 || !checker) return text;
  const r = checker.redact(text, secrets);
  redactionCount += r.count;
  return r.text;
}

export function redactDeep(value) {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out;
  }
  return value;
}
