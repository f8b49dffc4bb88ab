import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { provisionReseller } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

const DialectName = Type.Union(['ictcore', 'packetera', 'resellerclub', 'porta', 'delacon'].map((d) => Type.Literal(d)))

/** `POST /resellers`: a reseller with its first API key. */
export const createReseller = routeOperation<Core>({
  wireId: 'POST /resellers',
  methods: ['POST'],
  path: '/resellers',
  summary: 'Create a reseller with its first API key (shown once)',
  serve: (core) => ({
    schema: {
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        username: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
        parentId: Type.Optional(Id),
        dialects: Type.Optional(Type.Array(DialectName, { maxItems: 5 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), username: Type.String(), apiKey: Type.String() }), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const body = req.body as { name: string; username?: string; parentId?: number; dialects?: ('ictcore' | 'packetera' | 'resellerclub' | 'porta' | 'delacon')[] }
      return reply.code(201).send(await provisionReseller(core, req.nativeActor, body))
    },
  }),
})
