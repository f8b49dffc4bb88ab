import type { FastifyInstance } from 'fastify'
import { MONITORING_ROUTES, requestLabels } from './request-labels.ts'

/**
 * One line per finished request: id, method, route pattern (never the raw URL), status, time.
 * Nothing at all is done per request when the log level leaves `info` out.
 */
export function registerRequestLog(app: FastifyInstance): void {
  // The level is fixed at start (LOG_LEVEL); a logger that cannot say gets the hook.
  const log = app.log as { isLevelEnabled?: (level: string) => boolean }
  if (log.isLevelEnabled && !log.isLevelEnabled('info')) return
  app.addHook('onResponse', (req, reply, done) => {
    const { dialect, route } = requestLabels(req)
    const line = { method: req.method, route, dialect, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }
    // A probe or scrape every few seconds would drown the log: answered ones are debug lines.
    if (MONITORING_ROUTES.has(route) && reply.statusCode < 400) req.log.debug(line, 'request')
    else req.log.info(line, 'request')
    done()
  })
}
