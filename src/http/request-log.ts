import type { FastifyInstance } from 'fastify'

/** One line per finished request: id, method, route pattern (never the raw URL), status, time. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url ?? 'unmatched', dialect: req.dialect, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request')
  })
}
