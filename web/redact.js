// Profile credentials are never displayed, logged or put in the DOM: every string shown, copied
// or downloaded goes through redact(), which replaces the profile's secret values.

const SECRET_KEYS = /^(user(name)?|credential|password|passwd|secret|token|access_?token|api_?key|authorization|auth)$/i;
let secrets = [];
let redactionCount = 0;

// Every string value under a secret-looking key, anywhere in the profile.
function collectSecrets(value, out = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((v) => collectSecrets(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number') && String(v) !== '') out.add(String(v));
      else collectSecrets(v, out);
    }
  }
  return out;
}

// Takes the secrets of a newly loaded profile, longest first.
export function setSecretsFromProfile(profile) {
  secrets = [...collectSecrets(profile)].sort((a, b) => b.length - a.length);
}

export function resetRedactionCount() { redactionCount = 0; }
export function getRedactionCount() { return redactionCount; }

// Replaces secret values in a string. Secrets shorter than 4 characters are only replaced when
// they are the whole string (replacing them inside words would mangle every text).
export function redact(text) {
  if (typeof text !== 'string' || secrets.length === 0) return text;
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) {
      if (out.includes(s)) {
        redactionCount += out.split(s).length - 1;
        out = out.split(s).join('[redacted]');
      }
    } else if (out === s) {
      redactionCount += 1;
      out = '[redacted]';
    }
  }
  return out;
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
