/**
 * The port every gateway implements (design.md "Gateways", spec/gateways.md §1). A gateway imports
 * nothing from the rest of Switchboard: this file is its whole world. Only `src/dispatch` drives
 * gateways; it hands over one attempt (a spool) at a time and translates the events reported here
 * into core's delivery records. Adding a gateway is a new folder beside `sandbox/` (and its line in
 * the dispatcher's registry, `src/dispatch/gateways.ts`).
 */

/** Provider types (spec/ictcore.md §5.12): a gateway serves one or more. */
export type ProviderType = 'sip' | 'smpp' | 'http' | 'smtp' | 'sendmail' | 'sandbox'

/** The provider a send is routed through (its secret already decrypted for the peer). */
export interface GatewayProvider {
  id: number
  type: ProviderType
  host: string | null
  port: number | null
  username: string | null
  password: string | null
  prefix: string | null
  dialstring: string | null
  /** The provider's tenant (null: the platform's): inbound messages it receives belong there. */
  tenantId?: number | null
  /** The provider's `settings` text (a JSON object for the gateways that take settings); the gateway parses it. */
  settings: string | null
}

/** What a gateway needs to perform one attempt. */
export interface OutboundAttempt {
  spoolId: number
  transmissionId: number
  tenantId: number | null
  /** ICTCore service flag: 1 voice, 2 fax, 4 sms, 8 email. */
  serviceFlag: number
  /** 1-based attempt number of the transmission (try_done after this attempt started). */
  attempt: number
  /** Where to: a phone number (voice, fax, sms) or an email address. */
  destination: string
  /** Caller id / sender: the account's phone or email, when known. */
  origin: string | null
  /** The program's compiled steps, e.g. ['originate', 'fax_send', 'disconnect']. */
  steps: readonly string[]
  /** Content, resolved by the dispatcher: a reference for logs plus what the peer needs. */
  content: {
    ref: string
    text?: string
    subject?: string
    body?: string
    bodyAlt?: string | null
    /** Absolute paths of media files (fax documents, recordings, attachments). */
    files?: { path: string; mime: string }[]
    /**
     * A two-leg call (steps `originate`, `tts`, `dial`, `bridge`): after `destination` answered and
     * heard `text`, this number is dialled (showing `destination`) and the two legs are bridged.
     */
    bridgeTo?: string
    /**
     * Values of a template's tokens (email, spec/gateways.md §4): `contact:first_name`,
     * `account:email`… for `[contact:first_name]`, `[account:email]`; absent ones are left as written.
     */
    tokens?: Readonly<Record<string, string>>
  }
  provider: GatewayProvider
}

/**
 * What a gateway reports about one attempt (spec/gateways.md §1 "Results"), in the order it happened.
 * Reporting the same final event twice is harmless; nothing moves an attempt backwards.
 */
export type AttemptEvent =
  /**
   * The peer took the attempt: a message accepted, a call answered. `peerIds`: the peer's message
   * ids (one per segment of a long SMS), stored as `info` / `message_id` (spec/gateways.md §1);
   * `response`: the peer's reply, the spool's response (an email server's final 2xx line, §4).
   */
  | { kind: 'accepted'; peerIds?: readonly string[]; response?: string }
  /** The attempt ended well: the message delivered, the call or fax done; `pages`: fax pages sent. */
  | { kind: 'delivered'; pages?: number }
  /**
   * The attempt failed with the peer's reason. `permanent` false: a temporary failure the gateway
   * stopped retrying (its own `retry_max`, §1 "Temporary vs permanent").
   */
  | { kind: 'failed'; cause: string; permanent: boolean }
  /** Input collected from the callee (DTMF digits). */
  | { kind: 'collected'; dtmf: string }
  /**
   * A delivery report from the peer (§1 "Results"): a final one (`delivered`, `undeliverable`,
   * `expired`, `rejected`, `deleted`, `unknown`) is stored as `info` / `delivery`, an intermediate
   * one (`accepted`, `enroute`) as `info` / `delivery_state`, whatever the attempt's state (also
   * after it completed). Whether a report ends the attempt is the gateway's call (`complete_on`): it
   * then reports `delivered` or `failed` as well.
   */
  | { kind: 'report'; state: string; final: boolean }

/** A file that came with an inbound message: an email attachment, or the received fax. */
export interface InboundFile {
  bytes: Uint8Array
  mime: string
}

/** A message a gateway received from its peer (spec/ictcore.md §7.4 inbound). */
export interface InboundMessage {
  service: 'sms' | 'email' | 'fax'
  /** Sender: a phone number (sms, fax) or an email address. */
  from: string
  /** Recipient: the account's phone (sms, fax) or email. */
  to: string
  /** The SMS text, or the email's plain body. */
  text?: string
  subject?: string
  /** Email attachments; for a fax, the received document (exactly one). */
  attachments?: readonly InboundFile[]
  /** Pages of a received fax (default 1). */
  pages?: number
  /** Tenant of the gateway that received it; null = the platform's. */
  tenantId?: number | null
}

/** A gateway's report of a message it received, not tied to any attempt. */
export interface InboundEvent { kind: 'inbound'; message: InboundMessage }

/** Everything a gateway reports: attempt events and inbound messages. */
export type GatewayEvent = AttemptEvent | InboundEvent

/** Reports an event of the attempt it was given with; resolves once the event is recorded. */
export type AttemptReport = (event: AttemptEvent) => Promise<void>

/**
 * Hands over an inbound message; resolves once it is stored (`accepted`), or with the reason it was
 * refused (no such recipient, bad content), which the gateway tells its peer in its own way.
 */
export type InboundReport = (event: InboundEvent) => Promise<{ accepted: true } | { accepted: false; reason: string }>

/** A provider's state as its gateway sees it (spec/gateways.md §1 "States"). */
export interface ProviderHealth {
  state: 'up' | 'connecting' | 'down' | 'disabled'
  /** When it entered this state. */
  since: Date
  /** Why (the last connection event or error); never a secret. */
  detail: string
  /** Requests sent and not yet answered (SMPP: outstanding submit_sm over every session). */
  windowInUse: number
  /** Sends per second over the last few seconds. */
  sentPerS: number
  errorsLast5m: number
  /** Counters since the gateway started: sends handed to the peer, results reported, errors. */
  totals: { sends: number; results: number; errors: number }
}

/** Where a gateway writes what an operator needs to know (pino's logger fits): never a secret. */
export interface GatewayLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

/**
 * An attempt an earlier process handed to the peer, found again by the peer's message id (a
 * delivery report that arrives after a restart): its report function, its number of segments
 * (message ids) and how many of them were already reported delivered.
 */
export interface EarlierAttempt { report: AttemptReport; segments: number; delivered: number; /** Names the attempt (the same for its segments). */ key: string }

/** Finds attempts of a provider by the peer's message ids (those it finds, by id). */
export type EarlierAttempts = (providerId: number, messageIds: readonly string[]) => Promise<Map<string, EarlierAttempt>>

/**
 * A request a peer made to one of Switchboard's public entry points for gateways (Kannel's DLR and
 * MO URLs, fax webhooks: spec/gateways.md §1 "Callbacks from peers"), handed over as received.
 */
export interface PeerRequest {
  /** Which entry point: `kannel/dlr`, `kannel/mo`, `fax/events`. */
  entry: string
  /** The entry point's path (`/native/gateways/{provider_id}/kannel/dlr`), what signatures cover. */
  path: string
  /** The raw query string, without `?` (percent-escapes kept: the gateway decodes with the peer's charset). */
  query: string
  /** Request headers, names in lower case. */
  headers: Readonly<Record<string, string | undefined>>
  /** The raw body (webhooks), or null. */
  body: Buffer | null
}

/** What Switchboard answers the peer. */
export interface PeerReply { status: number; body: string }

/** What a gateway handling a peer's request may use: inbound messages, and attempts found by message id (also an earlier process's). */
export interface PeerRequestContext { inbound: InboundReport; earlier: EarlierAttempts }

/** A provider's `settings` a gateway cannot use; `reason` names the key (spec/gateways.md: 412 `settings`). */
export class SettingsError extends Error {
  constructor(readonly reason: string) {
    super(`settings ${reason}`)
    this.name = 'SettingsError'
  }
}

export interface Gateway {
  /** Provider types this gateway serves. */
  readonly types: readonly ProviderType[]
  /**
   * Performs one attempt. Resolves once the attempt is handed over (it may report later events
   * asynchronously through `report`); rejects only for a programming error.
   */
  send(attempt: OutboundAttempt, report: AttemptReport): Promise<void>
  /**
   * Starts the gateway (binds, listeners); messages its peers send go to `inbound`; `earlier` finds
   * attempts sent before this process started (their delivery reports).
   */
  start?(inbound: InboundReport, earlier?: EarlierAttempts): Promise<void>
  stop?(): Promise<void>
  /**
   * The active providers of this gateway's types, told again whenever the dispatcher looks (a few
   * seconds apart): a gateway that keeps sessions opens them for new providers (so they receive
   * before the first send), reopens them when a provider changed, and closes them for the others.
   */
  configure?(providers: readonly GatewayProvider[]): Promise<void>
  /**
   * How long an accepted attempt through this provider waits for its final delivery report
   * (`complete_on` delivery: `dlr_timeout_s`), or null when the acceptance ends it.
   */
  reportTimeoutMs?(provider: GatewayProvider): number | null
  /** The provider's state, or undefined when this gateway does not know it. */
  health?(providerId: number): ProviderHealth | undefined
  /**
   * Handles a request the provider's peer made to Switchboard (delivery reports, mobile-originated
   * messages, webhooks): checks its signature (an unsigned or wrongly signed one → 403, nothing
   * changed), reports what it says, and tells what to answer.
   */
  peerRequest?(provider: GatewayProvider, request: PeerRequest, context: PeerRequestContext): Promise<PeerReply>
  /** Configuration text an operator pastes into the provider's peer (Kannel's groups), or undefined when the peer needs none. */
  peerConfiguration?(provider: GatewayProvider): string | undefined
  /** A file the gateway lets its peer fetch once by token (a fax provider fetching the document), or undefined. */
  peerMedia?(token: string): Promise<{ mime: string; bytes: Buffer } | undefined>
}
