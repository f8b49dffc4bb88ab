import type { AttemptEvent, AttemptReport, Gateway, OutboundAttempt } from '../gateway.ts'
import { parseSandboxSettings, type SandboxOutcome, type SandboxSettings } from './sandbox-settings.ts'

/** One line of the sandbox's send log. */
export interface SandboxSend {
  tenantId: number | null
  providerId: number
  spoolId: number
  transmissionId: number
  serviceFlag: number
  destination: string
  /** What would have been sent: `document:12`, `text:3`, `template:4`, `recording:5`, `tts`. */
  contentRef: string
}

/** Where the sandbox keeps its log: appends the lines, resolves once they are stored. */
export type SandboxLog = (sends: readonly SandboxSend[]) => Promise<void>

/**
 * The sandbox gateway (spec/ictcore.md §5.12): delivers nothing, logs every send it receives
 * (repeats included, with the spool id, so at-least-once re-sends are visible), and reports the
 * outcome its provider's `settings` script: success, fail with cause, busy, no answer, a delay, DTMF
 * digits, fax pages, or failing the first n attempts of a transmission.
 */
export class SandboxGateway implements Gateway {
  readonly types = ['sandbox'] as const
  private queue: { send: SandboxSend; done: (e?: unknown) => void }[] = []
  private writing: Promise<void> | null = null
  private readonly settings = new Map<string, SandboxSettings>()
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly sendLog: SandboxLog) {}

  async send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    // The log row is written before any outcome: a send the sandbox reported on is always in its log.
    await this.log(attempt)
    const outcome = this.outcomeFor(attempt)
    const events = eventsOf(attempt, outcome)
    // A bridged two-leg call ends `bridge_ms` after both legs answered.
    const bridgeMs = attempt.content.bridgeTo !== undefined && events.at(-1)?.kind === 'delivered' ? outcome.bridge_ms ?? 0 : 0
    const first = bridgeMs > 0 ? events.slice(0, -1) : events
    const emitEnd = () => { for (const e of events.slice(first.length)) void report(e) }
    const emit = () => {
      for (const e of first) void report(e)
      if (bridgeMs > 0) this.later(bridgeMs, emitEnd)
    }
    const delay = outcome.delay_ms ?? 0
    if (delay <= 0) return emit()
    this.later(delay, emit)
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    await this.writing
  }

  private outcomeFor(attempt: OutboundAttempt): SandboxOutcome {
    const text = attempt.provider.settings ?? ''
    let s = this.settings.get(text)
    if (!s) {
      try {
        s = parseSandboxSettings(text)
      } catch {
        s = {}
      }
      this.settings.set(text, s)
    }
    const rule = s.rules?.find((r) => r.match === undefined || new RegExp(r.match).test(attempt.destination))
    const chosen: SandboxOutcome = { ...s.default, ...rule }
    if (chosen.fail_first !== undefined && attempt.attempt <= chosen.fail_first) return { ...chosen, outcome: 'fail', cause: chosen.cause ?? 'scripted failure' }
    return chosen
  }

  /** Appends to the send log; lines of concurrent sends are written together. */
  private log(a: OutboundAttempt): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({
        send: {
          tenantId: a.tenantId, providerId: a.provider.id, spoolId: a.spoolId, transmissionId: a.transmissionId,
          serviceFlag: a.serviceFlag, destination: a.destination, contentRef: a.content.ref,
        },
        done: (e) => (e ? fail(e) : done()),
      })
      if (!this.writing) this.writing = this.write().finally(() => { this.writing = null })
    })
  }

  private async write(): Promise<void> {
    await new Promise((r) => setImmediate(r))
    while (this.queue.length > 0) {
      const taken = this.queue.splice(0, 2000)
      try {
        await this.sendLog(taken.map((t) => t.send))
        for (const t of taken) t.done()
      } catch (e) {
        for (const t of taken) t.done(e)
      }
    }
  }
}

function failure(outcome: 'fail' | 'busy' | 'no_answer', cause: string | undefined): AttemptEvent {
  return { kind: 'failed', cause: cause ?? (outcome === 'fail' ? 'failed' : outcome === 'busy' ? 'busy' : 'no answer'), permanent: outcome === 'fail' }
}

/**
 * The events a scripted outcome produces (spec/gateways.md §1): accepted, the scripted digits, then
 * delivered (with the pages of a fax); or failed with the scripted cause. Busy and no answer are
 * temporary failures, a scripted failure is permanent. A two-leg call (content `bridgeTo`): the
 * first leg's outcome, then the second's (`bridge_outcome`): failed, or reported `bridged` and
 * delivered (`bridge_ms` later).
 */
export function eventsOf(attempt: OutboundAttempt, o: SandboxOutcome): AttemptEvent[] {
  const outcome = o.outcome ?? 'success'
  if (outcome !== 'success') return [failure(outcome, o.cause)]
  const events: AttemptEvent[] = [{ kind: 'accepted' }]
  if (attempt.content.bridgeTo !== undefined) {
    // A two-leg call: the first leg answered; the second leg's outcome ends it, or both are bridged.
    const second = o.bridge_outcome ?? 'success'
    if (second !== 'success') return [...events, failure(second, o.cause)]
    return [...events, { kind: 'report', state: 'bridged', final: false }, { kind: 'delivered' }]
  }
  if (o.dtmf) events.push({ kind: 'collected', dtmf: o.dtmf })
  events.push(attempt.steps.includes('fax_send') ? { kind: 'delivered', pages: o.pages ?? 1 } : { kind: 'delivered' })
  return events
}
