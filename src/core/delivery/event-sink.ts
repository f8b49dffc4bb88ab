import type { Core } from '../core.ts'
import type { DeliveryEvent } from './delivery-event.ts'
import { recordGatewayEvents } from './gateway-events.ts'

const noop = () => {}

/**
 * Collects attempt events (what gateways report, translated by the dispatcher) and records them in
 * batches (one transaction per flush), so thousands of attempts a second cost a handful of
 * statements. A report resolves once its events are durable; the events of one spool are recorded
 * in the order they were reported. A failed flush is retried.
 */
export class EventSink {
  private buffer: { spoolId: number; event: DeliveryEvent; done: () => void }[] = []
  private flushing: Promise<void> | null = null
  private scheduled = false

  constructor(
    private readonly core: Core,
    /** Called with spool ids that are final once their events are recorded. */
    private readonly onFinal: (spoolIds: number[]) => void,
    private readonly maxBatch = 2000,
  ) {}

  /** Queues one event of a spool; resolves when it is recorded. Never rejects. */
  report(spoolId: number, event: DeliveryEvent): Promise<void> {
    return new Promise((done) => {
      this.buffer.push({ spoolId, event, done })
      this.schedule()
    })
  }

  /** Queues events of a spool, in order; resolves when they are all recorded. Never rejects. */
  reportAll(spoolId: number, events: readonly DeliveryEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve()
    return new Promise((done) => {
      // Batches are recorded in order: once the last event is recorded, so are the ones before it.
      for (let i = 0; i < events.length - 1; i++) this.buffer.push({ spoolId, event: events[i]!, done: noop })
      this.buffer.push({ spoolId, event: events[events.length - 1]!, done })
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
      const bySpool = new Map<number, DeliveryEvent[]>()
      for (const t of taken) {
        const events = bySpool.get(t.spoolId)
        if (events) events.push(t.event)
        else bySpool.set(t.spoolId, [t.event])
      }
      try {
        const final = await recordGatewayEvents(this.core, [...bySpool].map(([spoolId, events]) => ({ spoolId, events })))
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
