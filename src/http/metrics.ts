import type { FastifyInstance } from 'fastify'
import { Registry, collectDefaultMetrics } from 'prom-client'
import type { LoginMetrics } from './login-metrics.ts'
import { requestLabels } from './request-labels.ts'
import { RequestStats } from './request-stats.ts'

/**
 * `GET /metrics` in Prometheus text: process metrics (prom-client), requests by dialect, route and
 * status, and a latency histogram. The request series are plain counters bumped once per request
 * and rendered at scrape time: prom-client's labelled `inc`/`observe` cost about as much as the
 * rest of a cached read.
 */
export function registerMetrics(app: FastifyInstance, logins?: LoginMetrics): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  logins?.register(registry)
  const stats = new RequestStats()
  app.addHook('onResponse', (req, reply, done) => {
    const { dialect, route } = requestLabels(req)
    stats.observe(dialect, route, reply.statusCode, reply.elapsedTime / 1000)
    done()
  })
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType)
    return `${await registry.metrics()}\n${stats.render()}`
  })
  return registry
}
