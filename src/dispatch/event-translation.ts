import type { Core } from '../core/core.ts'
import type { DeliveryEvent } from '../core/delivery/index.ts'
import { isDomainError } from '../core/errors.ts'
import { receiveInbound } from '../core/transmissions/index.ts'
import type { AttemptEvent, InboundEvent, InboundReport } from '../gateways/gateway.ts'

/**
 * Translates what a gateway reports about an attempt (the port's vocabulary, spec/gateways.md §1)
 * into core's delivery events (spec/ictcore.md §7.2, §7.5), given the attempt's program steps:
 * - accepted → accepted (the spool is connected, with the peer's reply as its response), and the peer's message ids as `info`/`message_id`;
 * - report → a delivery report as `info`/`delivery` (final) or `info`/`delivery_state` (spec/gateways.md §1);
 * - collected → input (`info`/`dtmf`);
 * - delivered → every step succeeded (`application`/<step> = success; a fax's `info`/`pages` comes
 *   just before its `fax_send` step, or last without one), then completed;
 * - failed → the first step failed (`application`/<step> = error), then failed with the cause.
 *   Permanent and temporary failures (the gateway gave up retrying) end the attempt alike; the
 *   transmission's retry follows §7.1.
 */
export function deliveryEventsOf(event: AttemptEvent, steps: readonly string[]): DeliveryEvent[] {
  switch (event.kind) {
    case 'accepted': return [{ kind: 'accepted', ...(event.response ? { response: event.response } : {}) }, ...(event.peerIds ?? []).filter((id) => id !== '').map((id): DeliveryEvent => ({ kind: 'info', name: 'message_id', data: id }))]
    case 'report': return [{ kind: 'info', name: event.final ? 'delivery' : 'delivery_state', data: event.state }]
    case 'collected': return [{ kind: 'input', digits: event.dtmf }]
    case 'delivered': {
      const out: DeliveryEvent[] = []
      let pages = event.pages
      for (const step of steps) {
        if (step === 'fax_send' && pages !== undefined) {
          out.push({ kind: 'pages', pages })
          pages = undefined
        }
        out.push({ kind: 'step', step, ok: true })
      }
      if (pages !== undefined) out.push({ kind: 'pages', pages })
      out.push({ kind: 'completed' })
      return out
    }
    case 'failed': {
      const first = steps[0]
      return first === undefined ? [{ kind: 'failed', cause: event.cause }] : [{ kind: 'step', step: first, ok: false }, { kind: 'failed', cause: event.cause }]
    }
  }
}

/**
 * A gateway's inbound messages, handed to core (spec/ictcore.md §7.4): accepted once stored; a
 * message core refuses (no account for the recipient, no program subscribed, bad content) is
 * answered with core's reason.
 */
export function inboundReceiver(core: Core): InboundReport {
  return async (event: InboundEvent) => {
    try {
      await receiveInbound(core, event.message)
      return { accepted: true }
    } catch (e) {
      if (isDomainError(e)) return { accepted: false, reason: e.message }
      throw e
    }
  }
}
