import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../core/core.ts'
import { Limited } from '../core/errors.ts'
import { countAddressRequests } from '../core/login-limits/index.ts'
import { clientAddress } from './client-address.ts'
import type { LoginMetrics } from './login-metrics.ts'
import { MONITORING_ROUTES, requestLabels } from './request-labels.ts'

const WINDOW_MS = 60_000
/** The routes gateways' peers call back on (src/dialects/native/gateway-entry-points.ts). */
const PEER_ENTRY_ROUTE = /^\/native\/(gateways\/:id\/(kannel\/dlr|kannel\/mo|fax\/events)|fax-media\/:token)$/
/** How often this process adds its requests to the shared counts. */
const FLUSH_MS = 100

interface Window {
  start: number
  /** The count of every process when this process last added its own. */
  known: number
  /** Requests of this process not added yet. */
  pending: number
  synced: boolean
}

/**
 * Requests per client address in fixed windows, shared by every process through the database
 * (issue 13 finding 3) without a query per request: the first request of an address in a window
 * waits for the shared count, later ones are answered from it plus this process's own, which are
 * added every FLUSH_MS. Several processes may so let through up to FLUSH_MS worth of requests
 * each past the limit before they learn of one another's.
 */
export class AddressRequestCounter {
  private readonly windows = new Map<string, Window>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly core: Core) {}

  async add(address: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const now = Date.now()
    const start = now - (now % windowMs)
    let w = this.windows.get(address)
    if (!w || w.start !== start) this.windows.set(address, (w = { start, known: 0, pending: 0, synced: false }))
    w.pending++
    if (!w.synced) {
      w.synced = true
      await this.flush(address, w)
    } else {
      this.timer ??= setInterval(() => void this.flushAll(), FLUSH_MS).unref()
    }
    return { current: w.known + w.pending, ttl: start + windowMs - now }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private async flush(address: string, w: Window): Promise<void> {
    const n = w.pending
    if (!n) return
    w.pending = 0
    try {
      // Flushes of one window may overlap; the shared count only grows within it.
      w.known = Math.max(w.known, await countAddressRequests(this.core, address, new Date(w.start), n))
    } catch (e) {
      w.pending += n
      throw e
    }
  }

  private async flushAll(): Promise<void> {
    const now = Date.now()
    try {
      const flushes: Promise<void>[] = []
      for (const [address, w] of this.windows) {
        if (w.pending) flushes.push(this.flush(address, w))
        else if (w.start + WINDOW_MS <= now) this.windows.delete(address)
      }
      await Promise.all(flushes)
    } catch (e) {
      this.core.log.warn({ err: { name: (e as Error).name, code: (e as { code?: string }).code } }, 'address limits: could not update the shared counts')
    }
    if (!this.windows.size) this.stop()
  }
}

/**
 * The per-address request limit (issue 13 finding 3): @fastify/rate-limit with its store on the
 * database, run first on every request (a root `onRequest` hook). A refusal is the core's `Limited`
 * error, so each dialect answers it in its own envelope (its scope's error handler) with the
 * plugin's `Retry-After`. A database failure lets the request through (`skipOnError`).
 */
export async function registerAddressLimit(app: FastifyInstance, core: Core, maxPerMinute: number, metrics: LoginMetrics): Promise<void> {
  if (maxPerMinute <= 0) return
  const counter = new AddressRequestCounter(core)
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, done: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      counter.add(key, timeWindow).then((r) => done(null, r), (e: Error) => done(e))
    }

    child(): FastifyRateLimitStore {
      return this
    }
  }
  const noHeaders = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false }
  await app.register(rateLimit, {
    global: false,
    max: maxPerMinute,
    timeWindow: WINDOW_MS,
    store: DatabaseStore,
    keyGenerator: clientAddress,
    skipOnError: true,
    // Monitoring is never limited: a scraper or a load balancer's probe must not lock itself out. Nor
    // are the gateways' signed entry points: one Kannel or fax provider sends every DLR, MO and
    // webhook from one address, and a refused DLR is never sent again (its signature is the check).
    allowList: (req) => MONITORING_ROUTES.has(req.routeOptions.url ?? '') || PEER_ENTRY_ROUTE.test(req.routeOptions.url ?? ''),
    // Replies under the limit stay as they were: no rate headers on every answer.
    addHeadersOnExceeding: noHeaders,
    addHeaders: { ...noHeaders, 'retry-after': true },
    errorResponseBuilder: (_req, ctx) => new Limited(Math.max(1, Math.ceil(ctx.ttl / 1000)), 'address'),
    onExceeded: (req) => metrics.requestLimited(requestLabels(req).dialect),
  })
  app.addHook('onRequest', app.rateLimit())
  app.addHook('onClose', async () => counter.stop())
}
