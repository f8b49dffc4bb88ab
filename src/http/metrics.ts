import type { FastifyInstance } from 'fastify'
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which API surface served the request (set by each dialect's plugin). */
    dialect: string
  }
}

/** `GET /metrics` in Prometheus text: requests by dialect, route and status; latency histogram. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'switchboard_http_requests_total', help: 'HTTP requests by dialect, route pattern and status',
    labelNames: ['dialect', 'route', 'status'] as const, registers: [registry],
  })
  const latency = new Histogram({
    name: 'switchboard_http_request_duration_seconds', help: 'HTTP request latency by dialect and route pattern',
    labelNames: ['dialect', 'route'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  })
  app.decorateRequest('dialect', 'system')
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched'
    requests.inc({ dialect: req.dialect, route, status: String(reply.statusCode) })
    latency.observe({ dialect: req.dialect, route }, reply.elapsedTime / 1000)
  })
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
  return registry
}
