import { sql } from 'drizzle-orm'
import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/client.ts'

/** `GET /healthz`: 200 when the database answers, else 503. */
export function registerHealth(app: FastifyInstance, db: Db): void {
  app.get('/healthz', { schema: {
      tags: ['system'], summary: 'Liveness: the database answers',
      response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Type.Object({ status: Type.Literal('unavailable') }) },
    } }, async (req, reply) => {
    try {
      await db.execute(sql`select 1`)
      return { status: 'ok' }
    } catch (e) {
      req.log.error({ err: (e as Error).name }, 'health check: database unavailable')
      return reply.code(503).send({ status: 'unavailable' })
    }
  })
}
