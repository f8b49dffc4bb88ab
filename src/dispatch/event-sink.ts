import type { Core } from '../core/core.ts'
import type { AttemptEvent } from '../core/transmissions/attempt-events.ts'
import { recordAttemptEvents } from '../core/transmissions/outcomes.ts'

/**
 * Collects gateway events and records them in batches (one transaction per flush), so thousands of
 * attempts a second cost a handful of statements. A report resolves once its event is durable; the
 * events of one spool are recorded in the order they were reported. A failed flush is retried.
 */
export class EventSink {
  private buffer: { spoolId: number; event: AttemptEvent; done: () => void }[] = []
  private flushing: Promise<void> | null = null
  private scheduled = false

  constructor(
    private readonly core: Core,
    /** Called with spool ids that are final once their events are recorded. */
    private readonly onFinal: (spoolIds: number[]) => void,
    private readonly maxBatch = 2000,
  ) {}

  /** Queues one event of a spool; resolves when it is recorded. Never rejects. */
  report(spoolId: number, event: AttemptEvent): Promise<void> {
    return new Promise((done) => {
      this.buffer.push({ spoolId, event, done })
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return
    this.scheduled = true
    // One turn of the event loop lets the events of a whole batch of sends gather.
    setImmediate(() => {
      this.scheduled = false
      this.flushing = this.flushAll().finally(() => {
        this.flushing = null
        if (this.buffer.length > 0) this.schedule()
      })
    })
  }

  private async flushAll(): Promise<void> {
    while (this.buffer.length > 0) {
      const taken = this.buffer.splice(0, this.maxBatch)
      const bySpool = new Map<number, AttemptEvent[]>()
      for (const t of taken) bySpool.set(t.spoolId, [...(bySpool.get(t.spoolId) ?? []), t.event])
      try {
        const final = await recordAttemptEvents(this.core, [...bySpool].map(([spoolId, events]) => ({ spoolId, events })))
        for (const t of taken) t.done()
        if (final.length > 0) this.onFinal(final)
      } catch (e) {
        this.core.log.error({ err: { name: (e as Error).name, code: (e as { code?: string }).code } }, 'recording gateway events failed; retrying')
        this.buffer.unshift(...taken)
        await new Promise((r) => setTimeout(r, 500))
      }
    }
  }

  /** Resolves when everything reported so far is recorded. */
  async drain(): Promise<void> {
    while (this.buffer.length > 0 || this.flushing || this.scheduled) {
      if (this.flushing) await this.flushing
      else await new Promise((r) => setImmediate(r))
    }
  }
}
