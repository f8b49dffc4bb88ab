import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { DispatchConfig } from '../config.ts'
import { prepareCampaignBatch } from '../core/campaigns/index.ts'
import type { Core } from '../core/core.ts'
import {
  attemptProvider, claimDueSpools, deferSpools, EventSink, failOverdueReports, spoolsOfPeerMessages, failSilentSpools, nextPlannedWorkAt, nextQueuedSpoolAt, outboundAttempts, reapExpiredLeases, renewLeases,
  runCampaignTurn, sendDueTransmissions, type PreparedAttempt,
} from '../core/delivery/index.ts'
import { reapExpiredCallbacks } from '../core/callbacks/index.ts'
import { expireWaitingOrders } from '../core/call-tracking/index.ts'
import { expireCallbackRequests } from '../core/click-to-call/index.ts'
import { databaseUnavailable } from '../core/kernel/index.ts'
import { pruneLoginLimits } from '../core/login-limits/index.ts'
import { activeProvidersOfTypes, type ProviderHealthSource } from '../core/providers/index.ts'
import { fireDueSchedules } from '../core/schedules/scheduling.ts'
import type { EarlierAttempt, EarlierAttempts, Gateway, OutboundAttempt, ProviderHealth, ProviderType } from '../gateways/gateway.ts'
import { HttpCallbackSender } from '../gateways/partner-callback/http-callback-sender.ts'
import { deliveryEventsOf, inboundReceiver } from './event-translation.ts'
import { PartnerCallbackRunner } from './partner-callbacks.ts'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
/** How often upkeep deletes stale login-limit records (idempotent deletes: any number of workers may). */
const PRUNE_EVERY_MS = 60_000
/** How long a spool whose provider is down waits in the queue before it is routed and claimed again. */
const DEFER_MS = 2_000
/** How often upkeep tells the gateways that keep sessions open their active providers. */
const CONFIGURE_EVERY_MS = 5_000

/** Tables whose writes give the planning loop something to do at once. */
const PLANNED_TABLES = new Set(['campaigns', 'schedules'])

type LoopName = 'sending' | 'planning' | 'upkeep' | 'callbacks'

/** spec/delacon.md §9: a callback waits 10 s for its answer. */
const CALLBACK_TIMEOUT_MS = 10_000

/**
 * What a turn found: `busy` (it did work: the loop turns again at once), else when its loop next has
 * something to do (`dueAt`, ms since the epoch; null: nothing known).
 */
interface TurnResult { busy: boolean; dueAt?: number | null }

/** An idle loop's wait: runs out at `endsAt` (`expire`), or ends sooner when woken (`done`). */
interface Rest { endsAt: number; timer: NodeJS.Timeout; expire: () => void; done: () => void }

/**
 * The dispatcher (design.md): the loops around core's delivery, and the only caller of gateways.
 * Three loops share the work with any other dispatcher on the same PostgreSQL database:
 * - sending: claims due spools (at most `claimBatch` in flight, which bounds re-sends after a crash)
 *   and hands each to the gateway of its provider's type; what the gateway reports is translated
 *   (event-translation.ts) and recorded through the EventSink;
 * - planning: prepares campaign transmissions, paces running campaigns, sends due standalone
 *   transmissions (retries, schedules) and fires due schedules;
 * - upkeep: renews this worker's leases, returns expired ones to the queue, runs the watchdog,
 *   fails WAIT orders past their timeout, and once a minute deletes stale login-limit records;
 * - callbacks: claims due partner callbacks and POSTs them (partner-callbacks.ts).
 */
export class Dispatcher {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  private readonly inFlight = new Set<number>()
  private readonly sink: EventSink
  private readonly gateways = new Map<ProviderType, Gateway>()
  private running = false
  private loops: Promise<void>[] = []
  /** The loops waiting idle, by name. */
  private readonly resting = new Map<LoopName, Rest>()
  /**
   * What a loop heard while turning: `woken`, it turns again at once; `nudged`, its next wait is one
   * tick at most. A wake outranks a nudge.
   */
  private readonly heardWhileTurning = new Map<LoopName, 'woken' | 'nudged'>()
  /** The queue had nothing due at the sending loop's last look. */
  private queueIdle = false
  /** When this worker last deleted the login-limit records nobody needs (upkeep, once a minute). */
  private lastPrunedAt = 0
  /** When upkeep last told the gateways their providers. */
  private lastConfiguredAt = 0
  /** The providers the gateways keep sessions for (told at the last configure). */
  private configured: number[] = []
  /** The providers whose accepted attempts wait for a delivery report, with how long (told at the last configure). */
  private reportTimeouts: { providerId: number; timeoutMs: number }[] = []
  /** What core's provider health board reads while this dispatcher runs. */
  private readonly health: ProviderHealthSource = {
    of: (id) => this.providerHealth(id),
    all: () => this.configured.flatMap((id) => {
      const h = this.providerHealth(id)
      return h ? [[id, h] as [number, ProviderHealth]] : []
    }),
  }
  /** Spools handed to a gateway more than once by this worker (re-sends after a crash or expiry). */
  resends = 0
  /** Turns each loop has run (how busy an idle dispatcher keeps the database). */
  readonly turns: Record<LoopName, number> = { sending: 0, planning: 0, upkeep: 0, callbacks: 0 }
  /** Partner callbacks (spec/delacon.md §9): their own queue, sent over HTTP. */
  readonly callbacks: PartnerCallbackRunner

  constructor(private readonly core: Core, private readonly config: DispatchConfig, gateways: readonly Gateway[]) {
    for (const g of gateways) for (const t of g.types) this.gateways.set(t, g)
    this.sink = new EventSink(core, (ids) => {
      for (const id of ids) this.inFlight.delete(id)
      this.wake('sending')
    })
    const timeout = config.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS
    // A callback's lease outlasts its send (no renewal): the answer's timeout plus the usual lease.
    this.callbacks = new PartnerCallbackRunner(core, this.workerId, new HttpCallbackSender(timeout), {
      batch: config.claimBatch, leaseMs: timeout + config.leaseSeconds * 1000, tickMs: config.tickMs, onRoom: () => this.wake('callbacks'),
    })
  }

  async start(): Promise<void> {
    if (this.running) return
    const inbound = inboundReceiver(this.core)
    for (const g of new Set(this.gateways.values())) await g.start?.(inbound, this.earlierAttempts)
    await this.configureGateways()
    this.core.providerHealth.attach(this.health)
    this.running = true
    this.loops = [
      this.loop('sending', (woken) => this.sendTurn(woken), { first: this.config.tickMs, most: this.config.idleMaxMs }),
      this.loop('planning', () => this.planTurn(), { first: this.config.tickMs, most: this.config.idleMaxMs }),
      // Upkeep keeps its own rhythm: leases are renewed well before they run out.
      this.loop('upkeep', () => this.upkeepTurn(), { first: this.upkeepMs(), most: this.upkeepMs() }),
      this.loop('callbacks', () => this.callbacks.turn(), { first: this.config.tickMs, most: this.config.idleMaxMs }),
    ]
  }

  /** Stops claiming, lets the loops finish their turn, records what was reported, stops gateways. */
  async stop(): Promise<void> {
    if (!this.running) return
    this.running = false
    // Every idle loop wakes now: stopping must not wait out an idle interval.
    for (const rest of [...this.resting.values()]) rest.done()
    await Promise.all(this.loops)
    this.core.providerHealth.detach(this.health)
    for (const g of new Set(this.gateways.values())) await g.stop?.()
    await this.sink.drain()
    await this.callbacks.drain()
  }

  /**
   * Told of committed writes (this process's and, on PostgreSQL, other processes'): a started or
   * changed campaign or a new schedule wakes the planning loop now, so the first sends do not wait
   * for the next tick; new or changed transmissions and spools (a send, a retry, another worker's
   * booked slots) bring a loop resting idle back to the tick.
   */
  tablesChanged(tables: readonly string[]): void {
    for (const t of tables) {
      // A changed provider reaches the gateways at the next upkeep turn (new binds, new settings).
      if (t === 'providers' || t === '*') this.lastConfiguredAt = 0
      if (PLANNED_TABLES.has(t)) this.wake('planning')
      if (t === 'transmissions' || t === '*') this.nudge('planning')
      if (t === 'spools' || t === '*') this.nudge('sending')
      if (t === 'partner_callbacks' || t === '*') this.wake('callbacks')
    }
  }

  /** Ends a loop's idle wait now; a loop in the middle of a turn turns again right after it. */
  private wake(loop: LoopName): void {
    const rest = this.resting.get(loop)
    if (rest) rest.done()
    else this.heardWhileTurning.set(loop, 'woken')
  }

  /** Shortens a loop's idle wait to one tick from now (or its next wait, if it is turning). */
  private nudge(loop: LoopName): void {
    const rest = this.resting.get(loop)
    if (!rest) {
      if (!this.heardWhileTurning.has(loop)) this.heardWhileTurning.set(loop, 'nudged')
      return
    }
    const soon = Date.now() + this.config.tickMs
    if (rest.endsAt <= soon) return
    clearTimeout(rest.timer)
    rest.endsAt = soon
    // Shortened, not woken: the loop still looks before it claims.
    rest.timer = setTimeout(rest.expire, this.config.tickMs)
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

  /**
   * Runs `turn` until stopped. A turn that did work runs again at once; after an idle one the loop
   * waits until its next due work, but at least a tick and at most `idle.first`, doubled after every
   * idle turn up to `idle.most` (writes wake it or bring it back to the tick: see tablesChanged).
   */
  private async loop(name: LoopName, turn: (woken: boolean) => Promise<TurnResult>, idle: { first: number; most: number }): Promise<void> {
    const tick = this.config.tickMs
    let backoff = idle.first
    /** This turn follows a wake (something was announced), not a wait that ran out. */
    let woken = false
    while (this.running) {
      let result: TurnResult
      this.heardWhileTurning.delete(name)
      try {
        this.turns[name]++
        result = await turn(woken)
      } catch (e) {
        this.core.log.error({ err: { name: (e as Error).name, code: (e as { code?: string }).code, message: (e as Error).message } }, `dispatcher ${name} turn failed`)
        await sleep(Math.max(tick, 500))
        woken = false
        continue
      }
      const heard = this.heardWhileTurning.get(name)
      woken = heard === 'woken'
      if (result.busy) {
        backoff = idle.first
        continue
      }
      if (woken) continue
      const untilDue = result.dueAt === undefined || result.dueAt === null ? Infinity : result.dueAt - this.core.now().getTime()
      const wait = heard === 'nudged' ? tick : Math.max(tick, Math.min(backoff, untilDue))
      backoff = Math.min(backoff * 2, idle.most)
      if (this.running) woken = await this.rest(name, wait)
    }
  }

  /**
   * Waits `ms`, or until the loop is woken (its wait may be shortened meanwhile: see nudge);
   * resolves to whether it was woken.
   */
  private rest(name: LoopName, ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const expire = () => finish(false)
      const entry: Rest = { endsAt: Date.now() + ms, timer: setTimeout(expire, ms), expire, done: () => finish(true) }
      const finish = (woken: boolean) => {
        clearTimeout(entry.timer)
        if (this.resting.get(name) !== entry) return
        this.resting.delete(name)
        resolve(woken)
      }
      this.resting.set(name, entry)
    })
  }

  private async sendTurn(woken: boolean): Promise<TurnResult> {
    const room = this.config.claimBatch - this.inFlight.size
    const tick = this.config.tickMs
    // Full: the EventSink wakes this loop as soon as spools in flight end (a look costs nothing here).
    if (room < Math.max(1, Math.floor(this.config.claimBatch / 4))) return { busy: false, dueAt: this.core.now().getTime() + tick }
    // With nothing due at its last look, the loop looks before it claims (unless woken: something
    // was queued): a claim that finds nothing still writes (an empty update, whose change notice
    // would wake every dispatcher on the database, this one too), a look does not.
    if (this.queueIdle && !woken) {
      const next = await nextQueuedSpoolAt(this.core)
      if (next === null || next > this.core.now().getTime() + tick) return { busy: false, dueAt: next === null ? null : next - tick }
    }
    // Spools due within the next tick are claimed now and handed over at their slot time.
    const claimed = await claimDueSpools(this.core, this.workerId, room, this.config.leaseSeconds * 1000, tick)
    this.queueIdle = claimed.length === 0
    if (claimed.length === 0) {
      const next = await nextQueuedSpoolAt(this.core)
      return { busy: false, dueAt: next === null ? null : next - tick }
    }
    const ids = claimed.map((c) => c.id)
    for (const id of ids) this.inFlight.add(id)
    const again = claimed.filter((c) => c.sends > 1).length
    if (again > 0) {
      this.resends += again
      this.core.log.warn({ spools: again }, 'sending spools again (at-least-once after a crash or an expired lease)')
    }
    let prepared: Awaited<ReturnType<typeof outboundAttempts>>
    try {
      prepared = await outboundAttempts(this.core, ids)
    } catch (e) {
      // Claimed but not handed over (the database failed in between): out of the in-flight set,
      // their leases are no longer renewed and run out, and the reaper queues them again.
      for (const id of ids) this.inFlight.delete(id)
      throw e
    }
    // A spool whose provider is down goes back to the queue, routed again when it is due (spec/gateways.md §1).
    // Asked once per provider of the batch, not per spool (a gateway's health counts its recent sends).
    const state = new Map<number, string | undefined>()
    const isDown = (providerId: number) => {
      if (!state.has(providerId)) state.set(providerId, this.providerHealth(providerId)?.state)
      return state.get(providerId) === 'down'
    }
    const down = new Set(prepared.filter((p) => 'attempt' in p && isDown(p.attempt.provider.id)).map((p) => p.spoolId))
    if (down.size > 0) {
      try {
        await deferSpools(this.core, [...down], DEFER_MS)
      } finally {
        for (const id of down) this.inFlight.delete(id)
      }
      prepared = prepared.filter((p) => !down.has(p.spoolId))
    }
    const dueAt = new Map(claimed.map((c) => [c.id, c.dueAt]))
    await Promise.all(prepared.map(async (p) => {
      try {
        await this.sendOne(p, dueAt.get(p.spoolId)!)
      } catch (e) {
        if (!databaseUnavailable(e)) throw e
        // Our database failed during the send, not the peer: the attempt is not counted against the
        // transmission's tries. Out of the in-flight set its lease runs out and the reaper queues it
        // again (a re-send if the peer had it, bounded by one claim batch and logged by the reaper).
        this.inFlight.delete(p.spoolId)
        this.core.log.warn({ spoolId: p.spoolId }, 'database unavailable during a send: the spool returns to the queue when its lease runs out')
      }
    }))
    return { busy: true }
  }

  /** Hands one prepared spool to its gateway at its due time and records what the gateway reports. */
  private async sendOne(p: PreparedAttempt, dueAt: number): Promise<void> {
    if ('failure' in p) return this.sink.report(p.spoolId, { kind: 'failed', cause: p.failure })
    const wait = dueAt - this.core.now().getTime()
    if (wait > 0) await sleep(wait)
    // Core's attempt is the port's OutboundAttempt: the compiler checks the shapes agree here.
    const attempt: OutboundAttempt = p.attempt
    const gateway = this.gateways.get(attempt.provider.type)
    if (!gateway) return this.sink.report(p.spoolId, { kind: 'failed', cause: `no gateway for provider type ${attempt.provider.type}` })
    try {
      await gateway.send(attempt, async (event) => {
        await this.sink.reportAll(p.spoolId, deliveryEventsOf(event, attempt.steps))
        // Accepted with the peer's message id, now stored: the spool is never sent again (the reaper
        // leaves it), so while it waits for its delivery report (complete_on delivery) it holds no
        // claim room (spec/gateways.md §1).
        if (event.kind === 'accepted' && (event.peerIds?.length ?? 0) > 0 && this.inFlight.delete(p.spoolId)) this.wake('sending')
      })
    } catch (e) {
      if (databaseUnavailable(e)) throw e
      this.core.log.error({ err: { name: (e as Error).name }, spoolId: p.spoolId }, 'gateway send failed')
      await this.sink.report(p.spoolId, { kind: 'failed', cause: 'gateway error' })
    }
  }

  private async planTurn(): Promise<TurnResult> {
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
    if (busy || due > 0 || fired > 0) return { busy: true }
    return { busy: false, dueAt: await nextPlannedWorkAt(this.core) }
  }

  /** Attempts found by their peer's message ids: a delivery report for a spool an earlier process sent. */
  private readonly earlierAttempts: EarlierAttempts = async (providerId, messageIds) => {
    const found = new Map<string, EarlierAttempt>()
    for (const s of await spoolsOfPeerMessages(this.core, providerId, messageIds)) {
      found.set(s.messageId, { report: (event) => this.sink.reportAll(s.spoolId, deliveryEventsOf(event, s.steps)), segments: s.segments, delivered: s.delivered, key: String(s.spoolId) })
    }
    return found
  }

  /** A provider's state as its gateway sees it in this process (spec/gateways.md §1), or undefined. */
  providerHealth(providerId: number): ProviderHealth | undefined {
    for (const g of new Set(this.gateways.values())) {
      const h = g.health?.(providerId)
      if (h) return h
    }
    return undefined
  }

  /** Tells the gateways that keep sessions open (SMPP binds) their active providers. */
  private async configureGateways(): Promise<void> {
    this.lastConfiguredAt = this.core.now().getTime()
    const configured: number[] = []
    const reportTimeouts: typeof this.reportTimeouts = []
    for (const g of new Set(this.gateways.values())) {
      if (!g.configure) continue
      const providers = (await activeProvidersOfTypes(this.core, g.types)).map(attemptProvider)
      await g.configure(providers)
      configured.push(...providers.map((p) => p.id))
      for (const p of providers) {
        const timeoutMs = g.reportTimeoutMs?.(p) ?? null
        if (timeoutMs !== null) reportTimeouts.push({ providerId: p.id, timeoutMs })
      }
    }
    this.configured = configured
    this.reportTimeouts = reportTimeouts
  }

  private async upkeepTurn(): Promise<TurnResult> {
    if (this.core.now().getTime() - this.lastConfiguredAt >= CONFIGURE_EVERY_MS) {
      await this.configureGateways()
      // Accepted spools whose delivery report is overdue (also those an earlier process sent).
      for (const t of this.reportTimeouts) await failOverdueReports(this.core, t.providerId, t.timeoutMs)
    }
    await failSilentSpools(this.core)
    if (this.core.now().getTime() - this.lastPrunedAt >= PRUNE_EVERY_MS) {
      this.lastPrunedAt = this.core.now().getTime()
      await pruneLoginLimits(this.core)
    }
    if (this.inFlight.size > 0) {
      // Spools that ended without their gateway's report (the watchdog of any worker failed them,
      // or a reaper took them back) leave the in-flight set: a silent gateway must not use up the room.
      const held = [...this.inFlight]
      const live = new Set(await renewLeases(this.core, this.workerId, this.config.leaseSeconds * 1000, held))
      const gone = held.filter((id) => !live.has(id))
      for (const id of gone) this.inFlight.delete(id)
      if (gone.length > 0) this.wake('sending')
    }
    const reaped = await reapExpiredLeases(this.core)
    if (reaped > 0) {
      this.core.log.warn({ spools: reaped }, 'spools returned to the queue after their lease expired; they will be sent again')
      this.wake('sending')
    }
    const reapedCallbacks = await reapExpiredCallbacks(this.core)
    if (reapedCallbacks > 0) {
      this.core.log.warn({ callbacks: reapedCallbacks }, 'partner callbacks returned to the queue after their lease expired; they will be sent again')
      this.wake('callbacks')
    }
    // WAIT orders past their partner's timeout fail (spec/delacon.md §5); their callbacks follow.
    await expireWaitingOrders(this.core)
    // Packetera callback requests still waiting past their expiry fail `expired` (spec/packetera.md §9).
    await expireCallbackRequests(this.core)
    return { busy: false }
  }
}
