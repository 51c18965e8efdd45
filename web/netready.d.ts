// Types of web/netready.mjs (the checker: C++ compiled to WebAssembly behind a small JS API) and
// of the support page's automation hooks (web/app.js).
//
//   import { createChecker } from './netready.mjs';
//   const checker = await createChecker({ moduleUrl: '/wasm/netready.js', locale: 'fr' });
//   const report = await checker.run({ profile, onProgress });
//   checker.tt(report, 'headline_title');   // "Rainbow fonctionnera", from headline_title_msg
//   checker.cancel();

/** A language of the catalog (web/messages.mjs LOCALES). */
export type Locale = 'en' | 'fr';

/** A language-neutral text: parts, each a data string (shown as it is) or a catalog message
 * (`m`: its id, `a`: its arguments {0}.., each a Text). Every text key of the report, the progress
 * events and the vocabulary has one beside it as `<key>_msg`; `<key>` holds its English. */
export type Text = TextPart[];
export type TextPart = string | { m: string; a?: Text[] };

/** Outcome of one requirement row or one piece of evidence. */
export type Status = 'pass' | 'warn' | 'fail' | 'skipped';
export type MediaKind = 'audio' | 'video' | 'screen';
/** Where the page ran: on one of the profile's HTTPS origins, or on another site. */
export type OriginMode = 'service' | 'other';

/** Overall answer: `ready` (all good), `degraded` (works with limits), `blocked` (cannot connect). */
export type Verdict = 'ready' | 'degraded' | 'blocked';

// The unions below are core's vocabulary (core/src/report/vocabulary.cpp); tests/web/types_test.mjs
// fails when they differ from it or when a golden core report does not type-check against them.

/** Stable requirement ids, one per row of Rainbow's Network Requirements guide (README). */
export type RequirementId =
  | 'https'
  | 'xmpp-wss'
  | 'turn-udp'
  | 'turn-tcp'
  | 'turn-tls'
  | 'media'
  | 'bandwidth'
  | 'proxy-websocket'
  | 'proxy-turn';

/** Kind of probe a progress event is about. */
export type ProbeKind = 'https' | 'xmpp-wss' | 'ice' | 'media' | 'names';

/** Which end-user headline the report carries; each belongs to one verdict. */
export type HeadlineId =
  | 'ready'
  | 'ready-untested'
  | 'degraded'
  | 'credentials-refused'
  | 'tcp-only'
  | 'poor-quality'
  | 'limited-audio'
  | 'no-video'
  | 'limited-video'
  | 'incomplete'
  | 'blocked'
  | 'no-calls'
  | 'no-calls-partial'
  | 'no-media';

interface ProgressBase {
  probe: ProbeKind;
  /** What is being tried, e.g. "turn-eu1.rainbow.lab:443 TURN/TLS" or an https:// / wss:// URL. */
  target: string;
  /** Probes finished so far (after this event). */
  done: number;
  /** Probes in this run. */
  total: number;
}

/** A probe began. */
export interface ProgressStarted extends ProgressBase {
  phase: 'started';
}

/** A probe ended. */
export interface ProgressFinished extends ProgressBase {
  phase: 'finished';
  status: Status;
  /** Plain result, e.g. "relay candidate in 70 ms", "timed out after 6000 ms". */
  outcome: string;
  outcome_msg: Text;
}

/** Answer early: every connectivity row is final while the test call still runs. The report
 * follows when the call ends; the call can only make the verdict worse, so `final` is true
 * for "blocked". */
export interface ProgressVerdict {
  phase: 'verdict';
  verdict: Verdict;
  final: boolean;
  headline_id: HeadlineId;
  headline_title: string;
  headline_title_msg: Text;
  /** Since the start of the check, as the report's verdict_ms. */
  verdict_ms: number;
  done: number;
  total: number;
}

export type ProgressEvent = ProgressStarted | ProgressFinished | ProgressVerdict;

/** One measured fact supporting a requirement row. */
export interface Evidence {
  target: string;
  target_msg: Text;
  outcome: string;
  outcome_msg: Text;
  status: Status;
  /** Duration of the attempt; absent when not applicable. */
  elapsed_ms?: number;
  /** Optional extra, e.g. "relay 198.18.0.21:50000 udp". */
  detail?: string;
  detail_msg?: Text;
}

/** One requirement of the guide, judged. */
export interface Requirement {
  id: RequirementId;
  /** "HTTPS 443 to REST and resource domains" */
  title: string;
  title_msg: Text;
  /** Guide sections, e.g. "§5.2, §5.3 row 1, §5.4" or "practice (UDP 3478)". */
  section: string;
  section_msg: Text;
  status: Status;
  /** One line for IT. */
  summary: string;
  summary_msg: Text;
  /** What IT should change, citing the guide; empty when the row passes. */
  advice: string;
  advice_msg: Text;
  evidence: Evidence[];
}

/** The report (schema "netready.report/1"). Credentials never appear in it. Language-neutral:
 * each text is English in `<key>` and a Text in `<key>_msg` (checker.tt renders it). */
export interface Report {
  schema: 'netready.report/1';
  verdict: Verdict;
  /** The headline as one sentence: "<headline_title>. <headline_reason>". */
  headline: string;
  headline_msg: Text;
  headline_id: HeadlineId;
  /** Large first line for the end user, e.g. "Rainbow cannot connect from this network". */
  headline_title: string;
  headline_title_msg: Text;
  /** The sentence under it; may be empty. */
  headline_reason: string;
  headline_reason_msg: Text;
  /** Name of the profile used. */
  profile: string;
  /** User agent of the browser that ran the check. */
  browser: string;
  /** ISO 8601 UTC, e.g. "2026-11-25T23:14:05Z". */
  started_at: string;
  /** The page that ran the check: its origin, and whether that is the service's own (it then
   * reads the service's answers in full) or another site (only where CORS allows). Null outside
   * a page. */
  page: { origin: string | null; mode: OriginMode | null };
  elapsed_ms: number;
  /** When every connectivity row was final (ms since the start); the call may run on after it.
   * Null when the run was cancelled or stopped by the total deadline first. */
  verdict_ms: number | null;
  /** The user stopped the check: rows whose probes had not ended are skipped. */
  cancelled: boolean;
  /** Region of the best-answering TURN server ("eu1"), or null when none answered. */
  best_turn_region: string | null;
  requirements: Requirement[];
  /** What was inferred, and from what. */
  notes: string[];
  /** The notes as Text, one per note. */
  notes_msg: Text[];
  /** The relay loopback call's figures; null when no call was placed (no relay, no credentials). */
  media: MediaReport | null;
}

/** Loss / RTT / jitter of the test loop (measured) or of one call leg (derived: see `arithmetic`). */
export interface MediaPath {
  rtt_ms: number | null;
  jitter_ms: number | null;
  loss_pct: number | null;
}

/** One RTP stream of the test call, over its media phase. */
export interface MediaStream {
  sent_kbps: number | null;
  received_kbps: number | null;
  jitter_ms: number | null;
  packets_received: number;
  packets_lost: number;
}

/** The relay loopback call (report key "media"). null: not measured. */
export interface MediaReport {
  relay: { region: string; target: string; protocol: string | null };
  /** When the call was placed, since the run started. */
  start_ms: number;
  connect_ms: number | null;
  media_ms: number;
  burst_ms: number;
  /** As measured on the loop: every packet crossed the access link twice. */
  loopback: MediaPath;
  /** What one real call leg sees (loss 1-sqrt(1-L), RTT / 2, jitter / sqrt 2): judged. */
  leg: MediaPath;
  /** Simplified E-model MOS of one call leg, 1 to 4.5. */
  mos: number | null;
  streams: { audio?: MediaStream; video?: MediaStream };
  capacity: {
    /** Wire rate the link carried (best 400 ms window of the steered burst plus media). */
    kbps: number | null;
    /** The burst reached its ceiling: the link carries at least `kbps`. */
    at_ceiling: boolean;
    ceiling_kbps: number;
    /** The browser's own estimate (Chromium only). */
    available_outgoing_kbps: number | null;
  };
  /** §5.5.1, per kind, against `capacity.kbps`. */
  bandwidth: { kind: MediaKind; nominal_kbps: number; lowest_kbps: number; status: Status }[];
  arithmetic: string;
  arithmetic_msg: Text;
}

/** An HTTPS endpoint to reach (REST, resources). */
export interface ProfileHttpsEndpoint {
  /** https://host[:port]/path */
  url: string;
  /** "resources", "rest", ... shown to IT. */
  purpose?: string;
  /** Substring the body must contain when it is readable (same origin / CORS); empty: any. */
  expect_body?: string;
  /** Guide section, e.g. "§5.4". */
  section?: string;
}

/** The XMPP-over-WebSocket endpoint (RFC 7395, subprotocol "xmpp"). */
export interface ProfileXmppEndpoint {
  /** wss://host[:port]/path */
  url?: string;
  /** XMPP domain sent in <open to=...>. */
  domain?: string;
}

/**
 * One TURN server: its URLs and, optionally, credentials. username and credential go together;
 * they are never reported, logged or displayed.
 */
export interface ProfileTurnServer {
  /** "eu1", "na1", ... */
  region: string;
  /** stun:, turn: and turns: URLs (RFC 7064/7065), e.g. "turns:turn-eu1.openrainbow.com:443?transport=tcp". */
  urls: string[];
  username?: string;
  credential?: string;
}

/** §5.5.1 WebRTC bandwidth thresholds (kbps). */
export interface ProfileBandwidth {
  audio_nominal_kbps?: number;
  audio_lowest_kbps?: number;
  video_nominal_kbps?: number;
  video_lowest_kbps?: number;
  screen_min_kbps?: number;
  screen_max_kbps?: number;
}

/** Per-probe deadlines (ms); a probe reaching its deadline reports "timed out after N ms". */
export interface ProfileTimeouts {
  https_ms?: number;
  xmpp_ms?: number;
  ice_ms?: number;
  total_ms?: number;
}

/**
 * A profile: a partial override of the built-in Rainbow default (fields present replace the
 * default's; arrays replace whole arrays; unknown fields are errors). The authoritative schema is
 * the C++ parser's (core/src/profile_json.cpp).
 */
export interface Profile {
  name?: string;
  https?: ProfileHttpsEndpoint[];
  xmpp?: ProfileXmppEndpoint;
  turn?: ProfileTurnServer[];
  bandwidth?: ProfileBandwidth;
  timeouts?: ProfileTimeouts;
  network?: { proxy?: 'unknown' | 'none' | 'configured'; proxy_label?: string };
  media?: ProfileMedia;
}

/** The relay loopback call (media and bandwidth rows). */
export interface ProfileMedia {
  /** false: no call; both rows skipped. Default true. */
  enabled?: boolean;
  /** The TURN URL to call through; default: the best working one (UDP first). */
  relay_url?: string;
  /** 500-60000, default 4000. */
  connect_ms?: number;
  /** Synthetic audio + video, 1000-60000, default 2000. */
  duration_ms?: number;
  /** Steered data-channel burst, 500-60000, default 1200. */
  burst_ms?: number;
  /** The burst never sends faster, default 2500. */
  burst_ceiling_kbps?: number;
  /** One call leg under this MOS is degraded, default 3.6. */
  min_mos?: number;
  /** One call leg at or over this loss (per cent) is degraded, default 3. */
  max_loss_pct?: number;
}

/** Result of the module's small validators: a value or an error naming the field / JSON path. */
export type Checked<K extends string, T> = ({ ok: true } & { [key in K]: T }) | { ok: false; error: string };

/** A parsed ICE candidate line (RFC 8839 §5.1). */
export interface IceCandidate {
  foundation: string;
  component: number;
  protocol: 'udp' | 'tcp';
  priority: number;
  address: string;
  addressKind: 'ipv4' | 'ipv6' | 'mdns' | 'fqdn';
  port: number;
  type: 'host' | 'srflx' | 'prflx' | 'relay';
  relatedAddress?: string;
  relatedPort?: number;
  tcpType?: string;
}

/** A parsed STUN/TURN URL. */
export interface IceUrl {
  scheme: 'stun' | 'stuns' | 'turn' | 'turns';
  host: string;
  port: number;
  transport: 'udp' | 'tcp' | 'tls';
  /** "turn-eu1.openrainbow.com:443 TURN/TLS" */
  label: string;
}

export interface CreateCheckerOptions {
  /** URL of the Emscripten glue script; default "/wasm/netready.js". The catalogs are loaded
   * from next to it (messages/<locale>.json). */
  moduleUrl?: string;
  /** The language of t/tt/text ("en", "fr"); any other value or none: the browser's
   * (navigator.languages), else English. Reports and events are the same in every language. */
  locale?: string;
}

export interface RunOptions {
  /** Profile object (or its JSON text); undefined runs the built-in Rainbow default. */
  profile?: Profile | string;
  /** Called for each probe start and end. Exceptions thrown here are ignored. */
  onProgress?: (event: ProgressEvent) => void;
}

export interface Checker {
  /**
   * Runs every probe in parallel, each with its own deadline. Resolves with the report; network
   * failures are in the report, never a rejection. Rejects only with an Error for a bad profile
   * (the message names the JSON path, e.g. `turn[2].urls[0]: "tun:x" is not a stun:, turn: or
   * turns: URL`) or a module failure. One run at a time per checker.
   */
  run(options?: RunOptions): Promise<Report>;
  /** Ends the current run early; run() then resolves with a partial report. No-op when idle. */
  cancel(): void;
  /** Checks a profile JSON text ('' = default); on success `profile` is its redacted JSON. */
  validateProfile?(json: string): Checked<'profile', string>;
  /** Parses "candidate:..." / "a=candidate:..." lines. */
  parseCandidate?(line: string): Checked<'candidate', IceCandidate>;
  /** Parses stun:/stuns:/turn:/turns: URLs. */
  parseIceUrl?(url: string): Checked<'url', IceUrl>;
  /** The built-in Rainbow default profile, without credentials. */
  defaultProfile?(): Profile;
  /** Core's words: row ids with titles and sections, statuses, verdicts, headlines, probes. */
  vocabulary?(): Vocabulary;
  /** The credentials of a profile (JSON text; '' = default), as core redacts them. */
  profileSecrets?(json: string): Checked<'secrets', string[]>;
  /** Core's redaction rule: `text` with `secrets` replaced, and how many were. */
  redact?(text: string, secrets: string[]): { text: string; count: number };
  /** The language t/tt/text render: `options.locale` when it is one of the catalog's, else the
   * browser's, else "en". */
  locale?: Locale;
  /** A word of the catalog (e.g. "page.start") in `locale`, {0}.. filled with `args`; "[id]" for
   * an id the catalog lacks. */
  t?(id: string, ...args: unknown[]): string;
  /** A text of the report, an event or the vocabulary in `locale`: `obj[key + "_msg"]` rendered,
   * else `obj[key]` as it is (a report of an older version shows its English). */
  tt?(obj: object | null | undefined, key: string): string;
  /** One Text rendered in `locale`. */
  text?(msg: Text): string;
}

/** The report's vocabulary, as core defines it; each word with its Text (`<key>_msg`, a catalog
 * id such as "status.pass.label"): render with checker.tt(entry, 'label'). */
export interface Vocabulary {
  schema: Report['schema'];
  statuses: { id: Status; label: string; label_msg: Text; capacity: string; capacity_msg: Text }[];
  verdicts: { id: Verdict; sub: string; sub_msg: Text }[];
  rows: { id: RequirementId; title: string; title_msg: Text; section: string; section_msg: Text }[];
  headlines: { id: HeadlineId; verdict: Verdict; title: string; title_msg: Text; reason: string; reason_msg: Text }[];
  probes: { id: ProbeKind; name: string; name_msg: Text; step: string; step_msg: Text }[];
  media_kinds: { id: MediaKind; label: string; label_msg: Text }[];
  origin_modes: { id: OriginMode; label: string; label_msg: Text }[];
}

/** Loads the WebAssembly module once and returns a checker that can run many times. */
export function createChecker(options?: CreateCheckerOptions): Promise<Checker>;

/** Configuration the embedding page or a driver may set before web/app.js runs. */
export interface NetreadyPageConfig {
  /** Profile used for every run (takes precedence over ?profile=). */
  profile?: Profile;
  /** Start the check as soon as the page is ready (also ?autostart=1). */
  autostart?: boolean;
  /** Passed to createChecker; default "/wasm/netready.js". */
  moduleUrl?: string;
  /** Use web/dev/fake-netready.mjs: true or a scenario name (also ?fake=1). */
  fake?: boolean | string;
  /** Where "Send to support" POSTs the redacted report; none: no such button. */
  reportEndpoint?: string;
  /** The page's language ("en", "fr"; also ?lang=); none or another: the browser's, else English. */
  locale?: string;
}

/** Value of document.body.dataset.state on the support page. */
export type PageState = 'idle' | 'running' | 'done' | 'error';

declare global {
  interface Window {
    netreadyConfig?: NetreadyPageConfig;
    /** Last report, exactly as the checker returned it. */
    netreadyLastReport?: Report;
    /** Last error message shown (credentials redacted); undefined after a successful run. */
    netreadyLastError?: string;
    /** Credential occurrences the page removed from the last report before display (should be 0). */
    netreadyRedactions?: number;
  }
  interface DocumentEventMap {
    /** Fired on document at every page state change. */
    'netready:state': CustomEvent<{ state: PageState }>;
  }
}
