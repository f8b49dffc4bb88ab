/**
 * The port every gateway implements (design.md "Gateways"). Only `src/dispatch` calls gateways.
 * A gateway receives one attempt (a spool) at a time and reports what happens to it as events;
 * the dispatcher turns events into spool/transmission states and result rows.
 */

import type { DeliveryEvent } from '../core/delivery/delivery-event.ts'

export { SERVICE } from '../core/programs/program-types.ts'

/** The provider row a send is routed through (secrets already decrypted for the peer). */
export interface GatewayProvider {
  id: number
  type: 'sip' | 'smpp' | 'http' | 'smtp' | 'sendmail' | 'sandbox'
  host: string | null
  port: number | null
  username: string | null
  password: string | null
  prefix: string | null
  dialstring: string | null
  settings: string | null
}

/** What a gateway needs to perform one attempt. */
export interface OutboundAttempt {
  spoolId: number
  transmissionId: number
  tenantId: number | null
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
  }
  provider: GatewayProvider
}

/** What a gateway reports about an attempt: the core's delivery events (spec/ictcore.md §7.2, §7.5). */
export type GatewayEvent = DeliveryEvent

export type GatewayReport = (event: GatewayEvent) => Promise<void>

export interface Gateway {
  /** Provider types this gateway serves. */
  readonly types: readonly GatewayProvider['type'][]
  /**
   * Performs one attempt. Resolves once the attempt is handed over (it may report later events
   * asynchronously through `report`); rejects only for a programming error.
   */
  send(attempt: OutboundAttempt, report: GatewayReport): Promise<void>
  start?(): Promise<void>
  stop?(): Promise<void>
}
