import type { AttemptReport, EarlierAttempt, EarlierAttempts, GatewayLog, GatewayProvider, InboundReport, OutboundAttempt, ProviderHealth } from '../gateway.ts'
import { ESME_RMSGQFUL, ESME_ROK, ESME_RTHROTTLED, ESME_RX_R_APPN, ESME_RX_T_APPN, statusReason, type ShortMessage } from './pdu.ts'
import { isFinalState, isReceipt, moPart, MoAssembler, parseReceipt, submitsFor, type Receipt } from './short-messages.ts'
import type { SmppSettings } from './smpp-settings.ts'
import { ConnectionLost, SmppSession, type BindMode, type SessionState } from './smpp-session.ts'

/**
 * Everything Switchboard keeps open with one SMPP provider (spec/gateways.md §2): its sessions, the
 * queue of segments waiting for a window slot and for the `tps` cap, retries of temporary failures
 * with backoff, the correlation of message ids with attempts (delivery receipts applied once, also
 * when one arrives before its submit_sm_resp), mobile-originated messages reassembled, and the
 * provider's health.
 */

/** One attempt on its way: its segments, their message ids and their final reports. */
interface Job {
  report: AttemptReport
  segments: ShortMessage[]
  ids: (string | undefined)[]
  accepted: number
  finals: (string | undefined)[]
  /** An ending event (delivered or failed) was reported: nothing more is sent for it. */
  ended: boolean
  dlrTimer: NodeJS.Timeout | null
}

interface Task { job: Job; index: number; tries: number }

/** Receipts and unanswered parts are kept this long (§2: MO parts up to 10 minutes apart). */
const EARLY_KEEP_MS = 10 * 60_000
const SWEEP_EVERY_MS = 30_000
const RATE_WINDOW_MS = 5000
/** How long an unmatched receipt waits for its submit_sm_resp before it is looked for among earlier processes' attempts. */
const RECOVER_AFTER_MS = 2000

export class SmppLink {
  private readonly sessions: SmppSession[] = []
  private readonly queue: Task[] = []
  /** Message id → the segment it carries, until its final receipt (or dlr_timeout_s). */
  private readonly tracked = new Map<string, { job: Job; index: number; at: number }>()
  /**
   * Receipts that came before their submit_sm_resp (or matched nothing yet), by message id;
   * `lookedUp`: already searched among the attempts of earlier processes.
   */
  private readonly early = new Map<string, { receipts: Receipt[]; at: number; lookedUp: boolean }>()
  private recoverTimer: NodeJS.Timeout | null = null
  /** Message ids of earlier processes' attempts whose final receipt was applied (a repeat changes nothing). */
  private readonly recoveredFinal = new Set<string>()
  /** Delivered segments of earlier attempts applied here, by attempt. */
  private readonly recoveredDelivered = new Map<string, number>()
  private readonly assembler = new MoAssembler()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly sweeper: NodeJS.Timeout
  private paceTimer: NodeJS.Timeout | null = null
  private nextSlotAt = 0
  private ref = Math.floor(Math.random() * 256)
  private stopped = false
  private state: ProviderHealth['state'] = 'connecting'
  private since = new Date()
  private detail = 'starting'
  private readonly recentSends: number[] = []
  private readonly recentErrors: number[] = []
  private readonly totals = { sends: 0, results: 0, errors: 0 }
  private downLogged = false
  /** Receipts and deliver_sm that matched nothing (§2: answered, logged and counted). */
  unmatched = 0

  constructor(
    readonly provider: GatewayProvider,
    readonly settings: SmppSettings,
    private readonly peers: { inbound: () => InboundReport | null; earlier: () => EarlierAttempts | null },
    private readonly log: GatewayLog,
  ) {
    const modes: BindMode[] = settings.bind === 'transceiver' ? ['transceiver'] : ['transmitter', 'receiver']
    for (let i = 0; i < settings.sessions; i++) {
      for (const mode of modes) {
        this.sessions.push(new SmppSession({
          host: provider.host ?? '127.0.0.1', port: provider.port ?? 2775, tls: settings.tls, systemId: provider.username ?? '',
          password: provider.password ?? '', systemType: settings.systemType, mode, window: settings.window,
          enquireLinkMs: settings.enquireLinkMs, reconnectMaxMs: settings.reconnectMaxMs, responseTimeoutMs: Math.max(30_000, settings.enquireLinkMs),
        }, {
          state: (s, detail) => this.sessionState(s, detail),
          deliver: (sm) => this.delivered(sm),
          room: () => this.pump(),
        }))
      }
    }
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS)
    this.sweeper.unref()
  }

  start(): void {
    for (const s of this.sessions) s.start()
  }

  /** Unbinds every session. Segments still queued are not sent: their spools stay unaccepted (sent again after their lease). */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.sweeper)
    if (this.paceTimer) clearTimeout(this.paceTimer)
    if (this.recoverTimer) clearTimeout(this.recoverTimer)
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    for (const task of this.queue.splice(0)) if (task.job.dlrTimer) clearTimeout(task.job.dlrTimer)
    for (const { job } of this.tracked.values()) if (job.dlrTimer) clearTimeout(job.dlrTimer)
    await Promise.all(this.sessions.map((s) => s.stop()))
  }

  /** Queues the segments of one attempt; what happens to them is reported through `report`. */
  send(attempt: OutboundAttempt, report: AttemptReport): void {
    const s = this.settings
    const from = s.sourceAddr ?? attempt.origin ?? this.provider.dialstring ?? ''
    this.ref = (this.ref + 1) & (s.longMessages === 'sar' ? 0xffff : 0xff)
    const segments = submitsFor(attempt.content.text ?? '', from, attempt.destination, s, this.ref)
    const job: Job = { report, segments, ids: segments.map(() => undefined), accepted: 0, finals: segments.map(() => undefined), ended: false, dlrTimer: null }
    for (let index = 0; index < segments.length; index++) this.queue.push({ job, index, tries: 0 })
    this.pump()
  }

  health(): ProviderHealth {
    const now = Date.now()
    prune(this.recentSends, now - RATE_WINDOW_MS)
    prune(this.recentErrors, now - 5 * 60_000)
    return {
      state: this.state, since: this.since, detail: this.detail, windowInUse: this.sessions.reduce((n, s) => n + s.inUse, 0),
      sentPerS: Math.round((this.recentSends.length / (RATE_WINDOW_MS / 1000)) * 10) / 10, errorsLast5m: this.recentErrors.length, totals: { ...this.totals },
    }
  }

  /** Hands queued segments to sessions with room, no faster than `tps`. */
  private pump(): void {
    if (this.stopped) return
    while (this.queue.length > 0) {
      const head = this.queue[0]!
      if (head.job.ended) {
        this.queue.shift()
        continue
      }
      const session = this.sessions.filter((s) => s.canSubmit).sort((a, b) => a.inUse - b.inUse)[0]
      if (!session) return
      // The next slot: the `tps` cap, or a pause the SMSC asked for by throttling.
      const now = Date.now()
      if (now < this.nextSlotAt) {
        if (!this.paceTimer) {
          this.paceTimer = setTimeout(() => {
            this.paceTimer = null
            this.pump()
          }, this.nextSlotAt - now)
        }
        return
      }
      if (this.settings.tps > 0) this.nextSlotAt = Math.max(now, this.nextSlotAt) + 1000 / this.settings.tps
      this.queue.shift()
      this.submit(session, head)
    }
  }

  private submit(session: SmppSession, task: Task): void {
    const sentAt = Date.now()
    this.recentSends.push(sentAt)
    if (this.recentSends.length > 100_000) prune(this.recentSends, sentAt - RATE_WINDOW_MS)
    this.totals.sends++
    session.submit(task.job.segments[task.index]!).then(
      ({ status, messageId }) => {
        if (status === ESME_ROK) return this.accepted(task, messageId)
        // §2: throttling and a full queue are temporary; every other status is permanent.
        if (status === ESME_RTHROTTLED || status === ESME_RMSGQFUL) {
          // The SMSC asks to slow down: the whole link pauses for the first backoff, not only this segment.
          this.nextSlotAt = Math.max(this.nextSlotAt, Date.now() + this.settings.retryBackoffMs)
          return this.temporary(task, statusReason(status))
        }
        this.error()
        this.end(task.job, { kind: 'failed', cause: statusReason(status), permanent: true })
      },
      (e: unknown) => {
        // Lost before its response: the peer may or may not have it; sent again (at-least-once, bounded by the window).
        if (e instanceof ConnectionLost) return this.temporary(task, `connection lost: ${e.message}`)
        this.error()
        this.end(task.job, { kind: 'failed', cause: 'gateway error', permanent: false })
      },
    )
  }

  /** A temporary failure (§1): retried with backoff `retry_backoff_ms` × 2ⁿ up to `retry_max`, then the attempt fails. */
  private temporary(task: Task, reason: string): void {
    this.error()
    if (task.job.ended) return
    if (task.tries >= this.settings.retryMax) return this.end(task.job, { kind: 'failed', cause: reason, permanent: false })
    const wait = this.settings.retryBackoffMs * 2 ** task.tries
    task.tries++
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.queue.unshift(task)
      this.pump()
    }, wait)
    this.timers.add(timer)
  }

  private accepted(task: Task, messageId: string): void {
    const job = task.job
    if (job.ids[task.index] !== undefined) return
    job.ids[task.index] = messageId
    job.accepted++
    if (this.settings.registeredDelivery !== 0 && messageId !== '') this.tracked.set(messageId, { job, index: task.index, at: Date.now() })
    if (job.accepted < job.segments.length || job.ended) return
    // Every segment is accepted: the spool is (§2); its message ids are stored with the acceptance.
    void job.report({ kind: 'accepted', peerIds: job.ids.map((id) => id ?? '') })
    this.totals.results++
    if (this.settings.completeOn === 'accept') {
      job.ended = true
      void job.report({ kind: 'delivered' })
    } else {
      job.dlrTimer = setTimeout(() => {
        job.dlrTimer = null
        for (const id of job.ids) if (id !== undefined) this.tracked.delete(id)
        this.end(job, { kind: 'failed', cause: 'dlr timeout', permanent: true })
      }, this.settings.dlrTimeoutMs)
    }
    // Receipts that came before their submit_sm_resp are applied now, after the acceptance (§1).
    for (const id of job.ids) {
      const waiting = id === undefined ? undefined : this.early.get(id)
      if (!waiting) continue
      this.early.delete(id!)
      for (const r of waiting.receipts) this.receipt(r)
    }
  }

  private end(job: Job, event: { kind: 'failed'; cause: string; permanent: boolean } | { kind: 'delivered' }): void {
    if (job.ended) return
    job.ended = true
    if (job.dlrTimer) clearTimeout(job.dlrTimer)
    job.dlrTimer = null
    this.totals.results++
    void job.report(event)
  }

  private error(): void {
    this.totals.errors++
    this.recentErrors.push(Date.now())
  }

  /** Applies one receipt: once per segment, never backwards (§1), ending the attempt when `complete_on` is `delivery`. */
  private receipt(r: Receipt): void {
    const entry = this.tracked.get(r.messageId)
    const job = entry?.job
    if (!entry || !job || job.ids.some((id) => id === undefined)) {
      // Before its submit_sm_resp (or its other segments'): kept and applied after the acceptance.
      const waiting = this.early.get(r.messageId)
      if (waiting) waiting.receipts.push(r)
      else this.early.set(r.messageId, { receipts: [r], at: Date.now(), lookedUp: false })
      this.scheduleRecovery()
      return
    }
    if (!isFinalState(r.state)) {
      void job.report({ kind: 'report', state: r.state, final: false })
      return
    }
    this.tracked.delete(r.messageId)
    if (job.finals[entry.index] !== undefined) return
    job.finals[entry.index] = r.state
    void job.report({ kind: 'report', state: r.state, final: true })
    if (this.settings.completeOn !== 'delivery' || job.ended) return
    if (r.state !== 'delivered') return this.end(job, { kind: 'failed', cause: `delivery ${r.state}`, permanent: true })
    if (job.finals.every((f) => f === 'delivered')) this.end(job, { kind: 'delivered' })
  }

  private scheduleRecovery(): void {
    if (this.recoverTimer || this.stopped || !this.peers.earlier()) return
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = null
      this.recover().catch((e: Error) => this.log.warn({ providerId: this.provider.id, err: { name: e.name } }, 'smpp receipt lookup failed'))
    }, RECOVER_AFTER_MS)
  }

  /**
   * Receipts still unmatched a moment after they came (so not merely ahead of their
   * submit_sm_resp) are looked for among the attempts of earlier processes, once.
   */
  private async recover(): Promise<void> {
    const earlier = this.peers.earlier()
    if (!earlier || this.stopped) return
    const due = Date.now() - RECOVER_AFTER_MS / 2
    const ids = [...this.early].filter(([, e]) => !e.lookedUp && e.at <= due).map(([id]) => id)
    for (const id of ids) this.early.get(id)!.lookedUp = true
    if ([...this.early.values()].some((e) => !e.lookedUp)) this.scheduleRecovery()
    if (ids.length === 0) return
    const found = await earlier(this.provider.id, ids)
    for (const [id, attempt] of found) {
      const waiting = this.early.get(id)
      if (!waiting) continue
      this.early.delete(id)
      for (const r of waiting.receipts) this.recoveredReceipt(attempt, r)
    }
  }

  /** A receipt of an earlier process's attempt: stored once; with complete_on delivery it decides the attempt (§1). */
  private recoveredReceipt(attempt: EarlierAttempt, r: Receipt): void {
    if (!isFinalState(r.state)) {
      void attempt.report({ kind: 'report', state: r.state, final: false })
      return
    }
    if (this.recoveredFinal.has(r.messageId)) return
    if (this.recoveredFinal.size > 100_000) this.recoveredFinal.clear()
    this.recoveredFinal.add(r.messageId)
    void attempt.report({ kind: 'report', state: r.state, final: true })
    this.totals.results++
    if (this.settings.completeOn !== 'delivery') return
    if (r.state !== 'delivered') {
      void attempt.report({ kind: 'failed', cause: `delivery ${r.state}`, permanent: true })
      return
    }
    const delivered = (this.recoveredDelivered.get(attempt.key) ?? attempt.delivered) + 1
    this.recoveredDelivered.set(attempt.key, delivered)
    if (delivered >= attempt.segments) {
      this.recoveredDelivered.delete(attempt.key)
      void attempt.report({ kind: 'delivered' })
    }
  }

  /** A deliver_sm: a receipt, or a mobile-originated message (parts reassembled); resolves to the status to answer. */
  private async delivered(sm: ShortMessage): Promise<number> {
    if (isReceipt(sm)) {
      const r = parseReceipt(sm)
      if (!r) {
        this.unmatched++
        this.log.warn({ providerId: this.provider.id }, 'smpp delivery receipt without a message id or state')
        return ESME_ROK
      }
      // A receipt for a message Switchboard no longer tracks (or a repeat of one applied) waits
      // among the early ones and is counted as unmatched when it expires.
      this.receipt(r)
      return ESME_ROK
    }
    const whole = this.assembler.add(moPart(sm))
    if (!whole) return ESME_ROK
    const inbound = this.peers.inbound()
    if (!inbound) return ESME_RX_T_APPN
    const answer = await inbound({ kind: 'inbound', message: { service: 'sms', from: whole.from, to: whole.to, text: whole.text, tenantId: this.provider.tenantId ?? null } })
    if (answer.accepted) return ESME_ROK
    this.log.warn({ providerId: this.provider.id, reason: answer.reason }, 'smpp mobile-originated message refused')
    return ESME_RX_R_APPN
  }

  private sweep(): void {
    const now = Date.now()
    for (const [id, e] of this.early) {
      if (now - e.at <= EARLY_KEEP_MS) continue
      this.early.delete(id)
      this.unmatched += e.receipts.length
      this.log.warn({ providerId: this.provider.id, receipts: e.receipts.length }, 'smpp delivery receipts matched no message')
    }
    for (const [id, t] of this.tracked) if (now - t.at > this.settings.dlrTimeoutMs) this.tracked.delete(id)
    const dropped = this.assembler.sweep(now)
    if (dropped > 0) {
      this.unmatched += dropped
      this.log.warn({ providerId: this.provider.id, messages: dropped }, 'smpp concatenated messages incomplete after 10 minutes dropped')
    }
  }

  private sessionState(changed: SessionState, detail: string): void {
    const senders = this.sessions.filter((s) => s.sends)
    let state: ProviderHealth['state'] = senders.some((s) => s.state === 'up') ? 'up' : senders.some((s) => s.state === 'connecting') ? 'connecting' : 'down'
    // A provider that went down stays down through its reconnect tries, until a bind succeeds.
    if (state === 'connecting' && this.state === 'down') state = 'down'
    if (changed === 'down' && detail !== 'stopped') this.error()
    this.detail = detail
    if (state === this.state) return
    const was = this.state
    this.state = state
    this.since = new Date()
    // Logged when the provider comes up or goes down, not on every reconnect try in between.
    if (state === 'up') this.log.info({ providerId: this.provider.id, state, detail }, 'smpp provider up')
    else if (was === 'up' || (was === 'connecting' && state === 'down' && !this.downLogged)) {
      this.downLogged = true
      this.log.warn({ providerId: this.provider.id, state, detail }, 'smpp provider not up')
    }
    if (state === 'up') this.downLogged = false
  }
}

function prune(times: number[], before: number): void {
  let i = 0
  while (i < times.length && times[i]! < before) i++
  if (i > 0) times.splice(0, i)
}
