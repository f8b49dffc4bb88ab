/**
 * What can happen to one attempt (a spool) as core records it (spec/ictcore.md §7.2 spool states,
 * §7.5 result rows). The dispatcher translates what gateways report into these; the dispatcher and
 * the watchdog also report failures of their own. Reporting the same final event twice is harmless.
 */
export type DeliveryEvent =
  /**
   * The peer took the attempt (SMS/email: counts as connected, §7.2); `response`, the peer's reply
   * (an email server's final 2xx line, spec/gateways.md §4), becomes the spool's response.
   */
  | { kind: 'accepted'; response?: string }
  /** A call was answered. */
  | { kind: 'connected' }
  /** A step finished; `ok` false fails it. Recorded as `application`/<step> = success | error. */
  | { kind: 'step'; step: string; ok: boolean }
  /** Collected input (DTMF digits), recorded as `info`/`dtmf`. */
  | { kind: 'input'; digits: string }
  /**
   * A fact the peer reported, recorded as `info`/<name> = <data> (spec/gateways.md §1: `message_id`,
   * `delivery`, `delivery_state`); recorded also on a final spool (a delivery report after completion).
   */
  | { kind: 'info'; name: string; data: string }
  /** Fax pages sent or received, recorded as `info`/`pages`. */
  | { kind: 'pages'; pages: number }
  /** The attempt ended well (a `completed` spool needs a connection first). */
  | { kind: 'completed' }
  /** The attempt failed; `cause` becomes the spool's and the transmission's response. */
  | { kind: 'failed'; cause: string }

/** Events of one spool, in the order they happened. */
export interface SpoolEvents {
  spoolId: number
  events: readonly DeliveryEvent[]
}
