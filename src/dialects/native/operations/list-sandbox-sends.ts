import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { Forbidden } from '../../../core/errors.ts'
import { MAX_ID } from '../../../core/kernel/ids.ts'
import { listSandboxSends as listSends } from '../../../core/sandbox/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /sandbox/sends`: the sandbox gateway's log of sends (spec/ictcore.md §5.12). */
export const listSandboxSends = routeOperation<Core>({
  wireId: 'GET /sandbox/sends',
  methods: ['GET'],
  path: '/sandbox/sends',
  summary: 'List every send the sandbox gateway received (repeats included), oldest first',
  serve: (core) => ({
    schema: {
      querystring: Type.Object({
        transmissionId: Type.Optional(Id), spoolId: Type.Optional(Id), campaignId: Type.Optional(Id), tenantId: Type.Optional(Id),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), tenantId: Type.Union([Type.Integer(), Type.Null()]), providerId: Type.Integer(), spoolId: Type.Integer(), transmissionId: Type.Integer(),
          serviceFlag: Type.Integer({ description: '1 voice, 2 fax, 4 sms, 8 email' }), destination: Type.String(),
          contentRef: Type.Union([Type.String(), Type.Null()], { examples: ['text:3', 'notification:12'] }), createdAt: Type.String({ format: 'date-time' }),
        })),
        '4xx': ErrorBody,
      },
    },
    handler: async (req) => {
      if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
      const rows = await listSends(core, req.query as Parameters<typeof listSends>[1])
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
    },
  }),
})
