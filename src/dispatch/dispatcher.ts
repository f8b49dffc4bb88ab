import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { DispatchConfig } from '../config.ts'
import type { Core } from '../core/core.ts'
import { prepareCampaignBatch, runCampaignTurn } from '../core/campaigns/campaign-sending.ts'
import { fireDueSchedules } from '../core/schedules/scheduling.ts'
import { sendDueTransmissions } from '../core/transmissions/attempts.ts'
import type { Gateway, GatewayProvider } from '../gateways/gateway.ts'
import { claimDueSpools, failSilentSpools, reapExpiredLeases, renewLeases } from './claim.ts'
import { EventSink } from './event-sink.ts'
import { outboundAttempts } from './outbound-attempts.ts'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Tables whose writes give the planning loop something to do at once. */
const PLANNED_TABLES = new Set(['campaigns', 'schedules'])

/**
 * The dispatcher (design.md): the only caller of gateways. Three loops share the work with any
 * other dispatcher on the same PostgreSQL database:
 * - sending: claims due spools (at most `claimBatch` in flight, which bounds re-sends after a crash)
 *   and hands each to the gateway of its provider's type; events go through the EventSink;
 * - planning: prepares campaign transmissions, paces running campaigns, sends due standalone
 *   transmissions (retries, schedules) and fires due schedules;
 * - upkeep: renews this worker's leases, returns expired ones to the queue, runs the watchdog.
 */
export class Dispatcher {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private readonly inFlight = new Set<number>()
  private readonly sink: EventSink
  private readonly gateways = new Map<GatewayProvider['type'], Gateway>()
  private running = false
  private loops: Promise<void>[] = []
  /** Ends the idle wait of a loop (by name), if it is waiting. */
  private readonly wakers = new Map<string, () => void>()
  /** The wake-ups of the loops waiting idle. */
  private readonly sleeping = new Set<() => void>()
  /** Spools handed to a gateway more than once by this worker (re-sends after a crash or expiry). */
  resends = 0

  constructor(private readonly core: Core, private readonly config: DispatchConfig, gateways: readonly Gateway[]) {
    for (const g of gateways) for (const t of g.types) this.gateways.set(t, g)
    this.sink = new EventSink(core, (ids) => {
      for (const id of ids) this.inFlight.delete(id)
      this.wake('sending')
    })
  }

  async start(): Promise<void> {
    if (this.running) return
    for (const g of new Set(this.gateways.values())) await g.start?.()
    this.running = true
    this.loops = [this.loop('sending', () => this.sendTurn()), this.loop('planning', () => this.planTurn()), this.loop('upkeep', () => this.upkeepTurn(), this.upkeepMs())]
  }

  /** Stops claiming, lets the loops finish their turn, records what was reported, stops gateways. */
  async stop(): Promise<void> {
    if (!this.running) return
    this.running = false
    // Every idle loop wakes now: stopping must not wait out the upkeep interval (up to 5 s).
    for (const done of [...this.sleeping]) done()
    await Promise.all(this.loops)
    for (const g of new Set(this.gateways.values())) await g.stop?.()
    await this.sink.drain()
  }

  /**
   * Told of committed writes (this process's and, on PostgreSQL, other processes'): a started or
   * changed campaign or a new schedule wakes the planning loop now, so the first sends do not wait
   * for the next tick.
   */
  tablesChanged(tables: readonly string[]): void {
    if (tables.some((t) => PLANNED_TABLES.has(t))) this.wake('planning')
  }

  private wake(loop: 'sending' | 'planning'): void {
    this.wakers.get(loop)?.()
  }

  /**
   * How far ahead pacing books slots: far enough that a late planning turn (a busy database, a
   * slow tick) does not leave a paced campaign behind its slots, which it would never catch up.
   */
  private pacingAheadMs(): number {
    return Math.max(1000, 5 * this.config.tickMs)
  }

  private upkeepMs(): number {
    return Math.max(200, Math.min(5000, (this.config.leaseSeconds * 1000) / 3))
  }

  /** Runs `turn` until stopped; a turn that did work runs again at once, an idle one waits. */
  private async loop(name: string, turn: () => Promise<boolean>, idleMs = this.config.tickMs): Promise<void> {
    while (this.running) {
      let busy = false
      try {
        busy = await turn()
      } catch (e) {
        this.core.log.error({ err: { name: (e as Error).name, code: (e as { code?: string }).code, message: (e as Error).message } }, `dispatcher ${name} turn failed`)
        await sleep(Math.max(idleMs, 500))
        continue
      }
      if (!busy && this.running) await new Promise<void>((r) => {
        const t = setTimeout(done, idleMs)
        const sleeping = this.sleeping
        const wakers = this.wakers
        function done() {
          clearTimeout(t)
          sleeping.delete(done)
          if (wakers.get(name) === done) wakers.delete(name)
          r()
        }
        sleeping.add(done)
        wakers.set(name, done)
      })
    }
  }

  private async sendTurn(): Promise<boolean> {
    const room = this.config.claimBatch - this.inFlight.size
    if (room < Math.max(1, Math.floor(this.config.claimBatch / 4))) return false
    // Spools due within the next tick are claimed now and handed over at their slot time.
    const claimed = await claimDueSpools(this.core, this.workerId, room, this.config.leaseSeconds * 1000, this.config.tickMs)
    if (claimed.length === 0) return false
    const ids = claimed.map((c) => c.id)
    for (const id of ids) this.inFlight.add(id)
    const again = claimed.filter((c) => c.sends > 1).length
    if (again > 0) {
      this.resends += again
      this.core.log.warn({ spools: again }, 'sending spools again (at-least-once after a crash or an expired lease)')
    }
    const prepared = await outboundAttempts(this.core, ids)
    const dueAt = new Map(claimed.map((c) => [c.id, c.dueAt]))
    await Promise.all(prepared.map(async (p) => {
      if ('failure' in p) return this.sink.report(p.spoolId, { kind: 'failed', cause: p.failure })
      const wait = dueAt.get(p.spoolId)! - this.core.now().getTime()
      if (wait > 0) await sleep(wait)
      const gateway = this.gateways.get(p.attempt.provider.type)
      if (!gateway) return this.sink.report(p.spoolId, { kind: 'failed', cause: `no gateway for provider type ${p.attempt.provider.type}` })
      try {
        await gateway.send(p.attempt, (event) => this.sink.report(p.spoolId, event))
      } catch (e) {
        this.core.log.error({ err: { name: (e as Error).name }, spoolId: p.spoolId }, 'gateway send failed')
        await this.sink.report(p.spoolId, { kind: 'failed', cause: 'gateway error' })
      }
    }))
    return true
  }

  private async planTurn(): Promise<boolean> {
    let busy = false
    // Preparation is bounded per turn so pacing and schedules keep their rhythm on huge groups, and
    // pacing runs after each prepared batch: a campaign's first sends follow its first batch.
    for (let i = 0; i < 4; i++) {
      const prepared = await prepareCampaignBatch(this.core, 5000)
      const started = await runCampaignTurn(this.core, { batch: this.config.claimBatch, lookAheadMs: this.pacingAheadMs() })
      if (started > 0) this.wake('sending')
      if (prepared > 0 || started > 0) busy = true
      if (prepared === 0) break
    }
    const due = await sendDueTransmissions(this.core, this.config.claimBatch)
    if (due > 0) this.wake('sending')
    const fired = await fireDueSchedules(this.core, 100)
    return busy || due > 0 || fired > 0
  }

  private async upkeepTurn(): Promise<boolean> {
    await failSilentSpools(this.core)
    if (this.inFlight.size > 0) {
      // Spools that ended without their gateway's report (the watchdog of any worker failed them,
      // or a reaper took them back) leave the in-flight set: a silent gateway must not use up the room.
      const held = [...this.inFlight]
      const live = new Set(await renewLeases(this.core, this.workerId, this.config.leaseSeconds * 1000))
      const gone = held.filter((id) => !live.has(id))
      for (const id of gone) this.inFlight.delete(id)
      if (gone.length > 0) this.wake('sending')
    }
    const reaped = await reapExpiredLeases(this.core)
    if (reaped > 0) {
      this.core.log.warn({ spools: reaped }, 'spools returned to the queue after their lease expired; they will be sent again')
      this.wake('sending')
    }
    return false
  }
}
