import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.ts'

/** `GET /healthz`: 200 when the database answers, else 503. */
export function registerHealth(app: FastifyInstance, db: Db): void {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness: the database answers' } }, async (req, reply) => {
    try {
      await db.execute(sql`select 1`)
      return { status: 'ok' }
    } catch (e) {
      req.log.error({ err: (e as Error).name }, 'health check: database unavailable')
      return reply.code(503).send({ status: 'unavailable' })
    }
  })
}
