import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { listResellers } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody } from '../schemas.ts'

const ResellerSummary = Type.Object({
  id: Type.Integer(), name: Type.String(), username: Type.String(), parentId: Type.Union([Type.Integer(), Type.Null()]),
  enabled: Type.Boolean(), dialects: Type.Union([Type.Array(Type.String()), Type.Null()]), createdAt: Type.String({ format: 'date-time' }),
})

/** `GET /resellers`: every reseller, oldest first (no keys: those are shown once, at issue). */
export const listResellersOp = routeOperation<Core>({
  wireId: 'GET /resellers',
  methods: ['GET'],
  path: '/resellers',
  summary: 'List every reseller, oldest first',
  serve: (core) => ({
    schema: { response: { 200: Type.Object({ resellers: Type.Array(ResellerSummary) }), '4xx': ErrorBody } },
    handler: async (req) => {
      const list = await listResellers(core, req.nativeActor)
      return { resellers: list.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) }
    },
  }),
})
