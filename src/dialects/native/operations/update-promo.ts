import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { updatePromo as run } from '../../../core/catalog/index.ts'
import { PromoChange, PromoView, promoView } from '../views.ts'

/** `PATCH /promos/:id`: changes the fields given. */
export const updatePromo = routeOperation<Core>({
  wireId: 'PATCH /promos/:id',
  methods: ['PATCH'],
  path: '/promos/:id',
  summary: 'Change a promo (the fields given)',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: PromoChange, response: { 200: PromoView, '4xx': ErrorBody } },
    handler: async (req) => promoView(await run(core, req.nativeActor, (req.params as { id: number }).id, withTimes(req.body as Record<string, unknown>))),
  }),
})

/** The body with its ISO times as Dates. */
function withTimes(body: Record<string, unknown>): never {
  const out: Record<string, unknown> = { ...body }
  for (const k of ['startsAt', 'endsAt']) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string)
  return out as never
}
