import type { Core } from '../core/core.ts'
import { claimDueCallbacks, nextCallbackDueAt, recordCallbackResults, type CallbackResult, type ClaimedCallback } from '../core/callbacks/index.ts'
import type { HttpCallbackSender } from '../gateways/partner-callback/http-callback-sender.ts'

/** What a turn found (the dispatcher's loop contract): did work, or when work is next due. */
export interface CallbackTurn { busy: boolean; dueAt?: number | null }

/**
 * The dispatcher's partner-callback loop body (spec/delacon.md §9): claims due callbacks from core's
 * queue (at most `batch` in flight), POSTs each through the sender, and has core record what came
 * back in batches (one transaction per flush). `onRoom` is called when sends end, so the loop claims
 * more at once.
 */
export class PartnerCallbackRunner {
  private inFlight = 0
  private results: CallbackResult[] = []
  private flushing: Promise<void> | null = null
  private readonly idle = new Set<() => void>()
  /** Callbacks handed over again (after a crash or an expired lease). */
  resends = 0

  constructor(
    private readonly core: Core,
    private readonly workerId: string,
    private readonly sender: HttpCallbackSender,
    private readonly opts: { batch: number; leaseMs: number; tickMs: number; onRoom: () => void },
  ) {}

  /** One turn: looks before it claims (a claim that finds nothing still writes, which would wake every dispatcher). */
  async turn(): Promise<CallbackTurn> {
    const now = this.core.now().getTime()
    const room = this.opts.batch - this.inFlight
    if (room < Math.max(1, Math.floor(this.opts.batch / 4))) return { busy: false, dueAt: now + this.opts.tickMs }
    const next = await nextCallbackDueAt(this.core)
    if (next === null || next > now) return { busy: false, dueAt: next }
    const claimed = await claimDueCallbacks(this.core, this.workerId, room, this.opts.leaseMs)
    if (claimed.length === 0) return { busy: false, dueAt: await nextCallbackDueAt(this.core) }
    const again = claimed.filter((c) => c.sends > 1).length
    if (again > 0) {
      this.resends += again
      this.core.log.warn({ callbacks: again }, 'sending partner callbacks again (their sender died or its lease expired)')
    }
    for (const c of claimed) void this.sendOne(c)
    return { busy: true }
  }

  private async sendOne(c: ClaimedCallback): Promise<void> {
    this.inFlight++
    const startedAt = this.core.now()
    const response = await this.sender.send({ url: c.url, body: c.body, headers: c.headers })
    this.results.push({ id: c.id, startedAt, response })
    this.flush()
  }

  private flush(): void {
    if (this.flushing) return
    this.flushing = (async () => {
      // One turn of the event loop lets the answers of a whole batch gather.
      await new Promise((r) => setImmediate(r))
      while (this.results.length > 0) {
        const taken = this.results.splice(0, 2000)
        try {
          await recordCallbackResults(this.core, this.workerId, taken)
          this.inFlight -= taken.length
          this.opts.onRoom()
        } catch (e) {
          this.core.log.error({ err: { name: (e as Error).name, code: (e as { code?: string }).code } }, 'recording partner callback attempts failed; retrying')
          this.results.unshift(...taken)
          await new Promise((r) => setTimeout(r, 500))
        }
      }
    })().finally(() => {
      this.flushing = null
      if (this.results.length > 0) this.flush()
      else if (this.inFlight === 0) for (const done of [...this.idle]) done()
    })
  }

  /** Resolves once every callback in flight is sent and recorded (a send ends by its timeout at the latest). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && !this.flushing) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => { this.idle.delete(done); resolve() }
      this.idle.add(done)
    })
  }
}
