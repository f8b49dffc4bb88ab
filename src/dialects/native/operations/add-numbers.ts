import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { stockNumbers } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /numbers`: tracking-number inventory (Delacon). */
export const addNumbers = routeOperation<Core>({
  wireId: 'POST /numbers',
  methods: ['POST'],
  path: '/numbers',
  summary: 'Add tracking numbers of a region and number type to the inventory',
  serve: (core) => ({
    schema: {
      body: Type.Object({
        region: Type.String({ minLength: 1, maxLength: 100 }),
        numberType: Type.String({ minLength: 1, maxLength: 100 }),
        count: Type.Integer({ minimum: 1, maximum: 10_000 }),
        resellerId: Type.Optional(Id),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ added: Type.Integer() }), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const body = req.body as { region: string; numberType: string; count: number; resellerId?: number }
      return reply.code(201).send(await stockNumbers(core, req.nativeActor, body))
    },
  }),
})
