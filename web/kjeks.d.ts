// TypeScript declarations for Kjeks's browser API (window.Kjeks) and its DOM
// events (kjeks:ready, kjeks:change on document). kjeks.js is a classic
// script, so these are globals; the types can also be imported by name:
//   /// <reference types="kjeks" />            (globals only)
//   import type { KjeksConsent } from 'kjeks'; (named types, and the globals)

/** Category ids a config can use; "necessary" is always present and always true. */
export type KjeksCategory = 'necessary' | 'analytics' | 'external' | 'preferences' | 'marketing';

/**
 * Consent per configured service (a category's `services` in the config), by
 * service id, e.g. `{ booking: true, chat: false }`.
 */
export type KjeksServices = { readonly [service: string]: boolean };

/**
 * Consent per configured category. Categories the config does not have are
 * absent. `services` is there when the config lists services: a category with
 * services is true while at least one of them is.
 */
export type KjeksConsent = { readonly necessary: true } & {
  readonly [C in Exclude<KjeksCategory, 'necessary'>]?: boolean;
} & {
  readonly services?: KjeksServices;
};

/** How a decision was made, as recorded in the consent record. */
export type KjeksMethod = 'accept_all' | 'decline_all' | 'custom' | 'browser_signal';

/** detail of kjeks:ready, and the argument of Kjeks.on('ready', …). */
export interface KjeksReadyDetail {
  readonly consent: KjeksConsent;
}

/** detail of kjeks:change, and the argument of Kjeks.on('change', …). */
export interface KjeksChangeDetail {
  readonly consent: KjeksConsent;
  /** Consent per service (the same as consent.services; empty when the config has no services). */
  readonly services: KjeksServices;
  /** false when the visitor has no valid decision (for example after it expired or was withdrawn elsewhere). */
  readonly decided: boolean;
  /** null while undecided. */
  readonly method: KjeksMethod | null;
  /** The random consent id (32 hex digits), also shown in the settings dialog; null while undecided. */
  readonly consentId: string | null;
  /** The browser sent Global Privacy Control. */
  readonly gpc: boolean;
}

export interface KjeksEventDetails {
  ready: KjeksReadyDetail;
  change: KjeksChangeDetail;
}

export type KjeksEventName = keyof KjeksEventDetails;

export interface KjeksApi {
  /** The runtime's version, e.g. "0.1.0". */
  readonly version: string;
  /** Resolves with the consent once the runtime runs; rejects if it cannot start (then nothing optional loads). */
  readonly ready: Promise<KjeksConsent>;
  /** The current consent (a copy). Before the start: only necessary is true. */
  consent(): KjeksConsent;
  /** Accepts every category (as the banner's Accept does); resolves with the new consent. */
  acceptAll(): Promise<KjeksConsent>;
  /** Declines every optional category; resolves with the new consent. */
  declineAll(): Promise<KjeksConsent>;
  /** Opens the settings dialog. */
  showSettings(): Promise<KjeksConsent>;
  /**
   * Listens to an event ('change' or 'ready', with or without the "kjeks:"
   * prefix). A 'ready' listener added after the start is called at once.
   * Returns a function that removes the listener.
   */
  on<E extends KjeksEventName>(event: E | `kjeks:${E}`, listener: (detail: KjeksEventDetails[E]) => void): () => void;
}

declare global {
  interface Window {
    readonly Kjeks: KjeksApi;
  }
  /** Kjeks's API; present once kjeks.js has run. */
  var Kjeks: KjeksApi;

  interface DocumentEventMap {
    'kjeks:ready': CustomEvent<KjeksReadyDetail>;
    'kjeks:change': CustomEvent<KjeksChangeDetail>;
  }
}
