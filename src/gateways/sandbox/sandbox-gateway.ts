import { sql } from 'drizzle-orm'
import { parseSandboxSettings, type SandboxOutcome, type SandboxSettings } from '../../core/providers/sandbox-settings.ts'
import type { Db } from '../../db/client.ts'
import type { Gateway, GatewayEvent, GatewayReport, OutboundAttempt } from '../gateway.ts'

const VOICE_OR_FAX = 1 | 2

/**
 * The sandbox gateway (spec/ictcore.md §5.12): delivers nothing, logs every send it receives in
 * `sandbox_sends` (repeats included, with the spool id, so at-least-once re-sends are visible), and
 * reports the outcome its provider's `settings` script: success, fail with cause, busy, no answer,
 * a delay, DTMF digits, fax pages, or failing the first n attempts of a transmission.
 */
export class SandboxGateway implements Gateway {
  readonly types = ['sandbox'] as const
  private queue: { values: unknown[]; done: (e?: unknown) => void }[] = []
  private writing: Promise<void> | null = null
  private readonly settings = new Map<string, SandboxSettings>()
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly db: Db) {}

  async send(attempt: OutboundAttempt, report: GatewayReport): Promise<void> {
    // The log row is written before any outcome: a send the sandbox reported on is always in its log.
    await this.log(attempt)
    const outcome = this.outcomeFor(attempt)
    const events = eventsOf(attempt, outcome)
    const emit = () => { for (const e of events) void report(e) }
    const delay = outcome.delay_ms ?? 0
    if (delay <= 0) return emit()
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      emit()
    }, delay)
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

  /** Appends to the send log; rows of concurrent sends are written together. */
  private log(a: OutboundAttempt): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({
        values: [a.tenantId, a.provider.id, a.spoolId, a.transmissionId, a.serviceFlag, a.destination, a.content.ref],
        done: (e) => (e ? fail(e) : done()),
      })
      if (!this.writing) this.writing = this.write().finally(() => { this.writing = null })
    })
  }

  private async write(): Promise<void> {
    await new Promise((r) => setImmediate(r))
    while (this.queue.length > 0) {
      const rows = this.queue.splice(0, 2000)
      const col = (i: number) => sql.param(rows.map((r) => r.values[i]))
      try {
        await this.db.execute(sql`insert into sandbox_sends (tenant_id, provider_id, spool_id, transmission_id, service_flag, destination, content_ref)
          select * from unnest(${col(0)}::int[], ${col(1)}::int[], ${col(2)}::int[], ${col(3)}::int[], ${col(4)}::int[], ${col(5)}::text[], ${col(6)}::text[])`)
        for (const r of rows) r.done()
      } catch (e) {
        for (const r of rows) r.done(e)
      }
    }
  }
}

/** The events a scripted outcome produces for an attempt's steps (§7.2, §7.5). */
export function eventsOf(attempt: OutboundAttempt, o: SandboxOutcome): GatewayEvent[] {
  const call = (attempt.serviceFlag & VOICE_OR_FAX) !== 0
  const steps = attempt.steps
  const outcome = o.outcome ?? 'success'
  if (outcome !== 'success') {
    const cause = o.cause ?? (outcome === 'fail' ? 'failed' : outcome === 'busy' ? 'busy' : 'no answer')
    const first = steps[0]
    return [...(first ? [{ kind: 'step' as const, step: first, ok: false }] : []), { kind: 'failed', cause }]
  }
  const events: GatewayEvent[] = [{ kind: call ? 'connected' : 'accepted' }]
  if (o.dtmf) events.push({ kind: 'input', digits: o.dtmf })
  for (const step of steps) {
    if (step === 'fax_send') events.push({ kind: 'pages', pages: o.pages ?? 1 })
    events.push({ kind: 'step', step, ok: true })
  }
  events.push({ kind: 'completed' })
  return events
}
