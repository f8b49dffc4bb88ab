import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { updateReseller as update, type ResellerChange } from '../../../core/platform/index.ts'
import { DialectName, ResellerView, resellerView } from '../views.ts'

/** `PATCH /resellers/:id`: rename (its administrator), enable, disable or set its dialects (the platform admin). */
export const updateReseller = routeOperation<Core>({
  wireId: 'PATCH /resellers/:id',
  methods: ['PATCH'],
  path: '/resellers/:id',
  summary: 'Change a reseller: name; enabled and dialects (platform admin only; a disabled reseller fails authentication everywhere)',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        enabled: Type.Optional(Type.Boolean()),
        dialects: Type.Optional(Type.Union([Type.Array(DialectName, { maxItems: 5 }), Type.Null()], { description: 'null: every dialect' })),
      }, { additionalProperties: false, examples: [{ enabled: false }, { dialects: ['resellerclub', 'delacon'] }] }),
      response: { 200: ResellerView, '4xx': ErrorBody },
    },
    handler: async (req) => resellerView(await update(core, req.nativeActor, (req.params as { id: number }).id, req.body as ResellerChange)),
  }),
})
