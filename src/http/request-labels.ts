import type { FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** Which API surface served the request: each dialect decorates its own scope (tagDialect); undefined outside them. */
    dialect: string | undefined
  }
}

/**
 * What metrics and the request log say served a request: the dialect (`system` outside every
 * dialect: health, metrics, docs) and the route pattern (`unmatched` when no route took it).
 */
export function requestLabels(req: FastifyRequest): { dialect: string; route: string } {
  return { dialect: req.dialect ?? 'system', route: req.routeOptions.url ?? 'unmatched' }
}

/** Routes polled by monitoring (health probes, metric scrapes): logged at debug, never rate-limited. */
export const MONITORING_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/metrics'])
