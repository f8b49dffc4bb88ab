import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody } from '../schemas.ts'
import { createPromo as run } from '../../../core/catalog/index.ts'
import { PromoCreate, PromoView, promoView } from '../views.ts'

/** `POST /promos`: a promo for a reseller (the platform admin names it with `resellerId`). */
export const createPromo = routeOperation<Core>({
  wireId: 'POST /promos',
  methods: ['POST'],
  path: '/promos',
  summary: 'Create a promo',
  serve: (core) => ({
    schema: { body: PromoCreate, response: { 201: PromoView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(promoView(await run(core, req.nativeActor, withTimes(req.body as Record<string, unknown>)))),
  }),
})

/** The body with its ISO times as Dates. */
function withTimes(body: Record<string, unknown>): never {
  const out: Record<string, unknown> = { ...body }
  for (const k of ['startsAt', 'endsAt']) if (typeof out[k] === 'string') out[k] = new Date(out[k] as string)
  return out as never
}
