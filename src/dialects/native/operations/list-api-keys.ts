import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { resellerKeys } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /resellers/:id/api-keys`: a reseller's keys, never their secrets. */
export const listApiKeys = routeOperation<Core>({
  wireId: 'GET /resellers/:id/api-keys',
  methods: ['GET'],
  path: '/resellers/:id/api-keys',
  summary: "List a reseller's API keys (never the secrets)",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      response: {
        200: Type.Object({
          keys: Type.Array(Type.Object({
            id: Type.Integer(), label: Type.Union([Type.String(), Type.Null()]),
            createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
        '4xx': ErrorBody,
      },
    },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      const keys = await resellerKeys(core, req.nativeActor, id)
      return {
        keys: keys.map((k) => ({
          id: k.id, label: k.label, createdAt: k.createdAt.toISOString(),
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null,
        })),
      }
    },
  }),
})
