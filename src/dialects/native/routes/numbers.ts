import { Type } from 'typebox'
import { stockNumbers } from '../../../core/platform/index.ts'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { ErrorBody } from '../schemas.ts'
import { MAX_ID } from '../../../core/ids.ts'

/** Tracking-number inventory (Delacon). */
export default async function numberRoutes(app: FastifyInstance, core: Core) {
  app.post('/numbers', {
    schema: {
      tags: ['native'], summary: 'Add tracking numbers of a region and number type to the inventory',
      body: Type.Object({
        region: Type.String({ minLength: 1, maxLength: 100 }),
        numberType: Type.String({ minLength: 1, maxLength: 100 }),
        count: Type.Integer({ minimum: 1, maximum: 10_000 }),
        resellerId: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ added: Type.Integer() }), '4xx': ErrorBody },
    },
  }, async (req, reply) => {
    const body = req.body as { region: string; numberType: string; count: number; resellerId?: number }
    return reply.code(201).send(await stockNumbers(core, req.nativeActor, body))
  })
}
