// Types of web/embed.mjs: netready in any page (the README's "Embed it" section).
import type { Locale, Profile, ProgressEvent, Report, Text } from './netready';

/** A TURN server as the host page's login hands it out (RTCIceServer-like). */
export interface NetreadyIceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
  /** Label in the report ("eu1"); made up as "server1"... when absent. */
  region?: string;
}

export interface NetreadyOptions {
  /** Where to render the headline, the rows and a Cancel button (in a shadow root); none: events only. */
  element?: HTMLElement | null;
  /** Partial profile over the built-in Rainbow one (e.g. another deployment's endpoints). */
  profile?: Partial<Profile>;
  /** Replaces the profile's TURN servers; credentials never appear in the report. */
  iceServers?: NetreadyIceServer[];
  /** What the host page knows of the network's HTTP proxy (a page cannot see it). */
  proxy?: 'unknown' | 'none' | 'configured';
  proxyLabel?: string;
  /** The module's URL; default: wasm/netready.js next to embed.mjs. */
  moduleUrl?: string;
  /** Language of the rendered view and of t/tt/text ("en", "fr"); any other value or none: the
   * browser's (navigator.languages), else English. The report stays language-neutral. */
  locale?: string;
}

export interface NetreadyEventMap {
  progress: CustomEvent<ProgressEvent>;
  result: CustomEvent<Report>;
}

export interface Netready extends EventTarget {
  /** The language shown: `options.locale` when it is one of the catalog's, else the browser's. */
  readonly locale: Locale;
  /** A word of the catalog in that language, {0}.. filled with `args` ("[id]" for an unknown id). */
  t(id: string, ...args: unknown[]): string;
  /** A report or event text in that language: `obj[key + "_msg"]` rendered, else `obj[key]`. */
  tt(obj: object | null | undefined, key: string): string;
  /** One Text rendered in that language. */
  text(msg: Text): string;
  /** Runs the check (again, in the same page); a second call while one runs joins it. */
  run(): Promise<Report>;
  /** Ends the running check: every RTCPeerConnection and WebSocket closes; run() still resolves. */
  cancel(): void;
  /** Cancels and removes what was rendered; run() then rejects. */
  dispose(): void;
  addEventListener<K extends keyof NetreadyEventMap>(type: K, listener: (e: NetreadyEventMap[K]) => void): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void;
}

/** Loads the module and validates the options (a bad profile or server rejects, naming the field). */
export function createNetready(options?: NetreadyOptions): Promise<Netready>;
