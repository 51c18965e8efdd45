// Command line of lab/browser.mjs: its usage text and parseArgs(argv, browsers) -> options, which
// throws UsageError (the driver exits 2). Split out of browser.mjs to keep it under the file size
// limit; the browsers table is passed in so that --browser accepts exactly the drivers that exist.

export const USAGE = `usage: node lab/browser.mjs --url URL [--profile FILE.json] [--json OUT.json] [--png OUT.png]
                            [--timeout-ms 90000] [--browser chromium|firefox] [--chromium-arg=--flag ...]

  --url URL          the support page (e.g. https://web.rainbow.lab/ or http://127.0.0.1:8000/?fake=1)
  --profile FILE     profile JSON injected as window.netreadyConfig = {profile}
  --json FILE        write the report (pretty JSON) here
  --png FILE         write a full-page screenshot here
  --timeout-ms N     longest time from opening the URL to a finished report (default 90000)
  --browser NAME     chromium (default) or firefox (Firefox ESR)
  --chromium-arg A   extra Chromium flag, repeatable (e.g. --chromium-arg=--ignore-certificate-errors)

exit codes: 0 report produced, 1 internal error, 2 usage, 3 timeout, 4 page error,
            5 credential from the profile found in the report`;

export class UsageError extends Error {}

export function parseArgs(argv, browsers) {
  const opts = { timeoutMs: 90000, browser: 'chromium', chromiumArgs: [] };
  const takes = new Set(['--url', '--profile', '--json', '--png', '--timeout-ms', '--browser', '--chromium-arg']);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    if (arg === '-h' || arg === '--help') { opts.help = true; continue; }
    if (!takes.has(arg)) throw new UsageError(`unknown argument: ${arg}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      value = argv[++i];
    }
    switch (arg) {
      case '--url': opts.url = value; break;
      case '--profile': opts.profile = value; break;
      case '--json': opts.json = value; break;
      case '--png': opts.png = value; break;
      case '--browser': opts.browser = value; break;
      case '--chromium-arg': opts.chromiumArgs.push(value); break;
      case '--timeout-ms': {
        const n = Number(value);
        if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--timeout-ms must be a positive integer, got ${value}`);
        opts.timeoutMs = n;
        break;
      }
      default: break;
    }
  }
  if (opts.help) return opts;
  if (!opts.url) throw new UsageError('--url is required');
  try {
    const u = new URL(opts.url);
    if (!['http:', 'https:'].includes(u.protocol)) throw new Error('not http(s)');
  } catch {
    throw new UsageError(`--url is not an http(s) URL: ${opts.url}`);
  }
  if (!Object.hasOwn(browsers, opts.browser)) {
    throw new UsageError(`--browser ${opts.browser} is not supported; use ${Object.keys(browsers).join(' or ')}`);
  }
  if (opts.browser !== 'chromium' && opts.chromiumArgs.length) {
    throw new UsageError('--chromium-arg only applies to --browser chromium');
  }
  return opts;
}
