import type { FastifyInstance } from 'fastify'
import { Registry, collectDefaultMetrics } from 'prom-client'
import type { ProviderHealthView } from '../core/providers/index.ts'
import type { LoginMetrics } from './login-metrics.ts'
import { requestLabels } from './request-labels.ts'
import { RequestStats } from './request-stats.ts'

/**
 * `GET /metrics` in Prometheus text: process metrics (prom-client), requests by dialect, route and
 * status, and a latency histogram. The request series are plain counters bumped once per request
 * and rendered at scrape time: prom-client's labelled `inc`/`observe` cost about as much as the
 * rest of a cached read.
 */
export function registerMetrics(app: FastifyInstance, logins?: LoginMetrics, gateways?: () => [number, ProviderHealthView][]): Registry {
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
    return `${await registry.metrics()}\n${stats.render()}${gateways ? renderGateways(gateways()) : ''}`
  })
  return registry
}

/**
 * spec/gateways.md §1: `switchboard_gateway_up{provider}` and counters of sends, results and errors
 * per provider, for the providers whose gateway keeps sessions in this process.
 */
export function renderGateways(providers: [number, ProviderHealthView][]): string {
  if (providers.length === 0) return ''
  const lines = [
    '# HELP switchboard_gateway_up Whether the provider is up (1) or not (0), as this process\'s gateway sees it.',
    '# TYPE switchboard_gateway_up gauge',
    ...providers.map(([id, h]) => `switchboard_gateway_up{provider="${id}"} ${h.state === 'up' ? 1 : 0}`),
  ]
  for (const [name, key, help] of [
    ['switchboard_gateway_sends_total', 'sends', 'Messages handed to the provider (SMPP: submit_sm, one per segment).'],
    ['switchboard_gateway_results_total', 'results', 'Attempt results the gateway reported (accepted, delivered, failed).'],
    ['switchboard_gateway_errors_total', 'errors', 'Errors: refused or failed sends, temporary failures, lost sessions.'],
  ] as const) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...providers.map(([id, h]) => `${name}{provider="${id}"} ${h.totals[key]}`))
  }
  return `${lines.join('\n')}\n`
}
