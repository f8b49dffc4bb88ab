import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { pageSubscriptionPlans as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ResellerQuery, SubscriptionPlanView, subscriptionPlanView } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'
import { PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /subscription-plans`: the subscription plans (i_subscription) products bundle, by id, paged. */
export const listSubscriptionPlans = routeOperation<Core>({
  wireId: 'GET /subscription-plans',
  methods: ['GET'],
  path: '/subscription-plans',
  summary: 'List subscription plans',
  serve: (core) => ({
    schema: { querystring: Type.Object({ ...ResellerQuery, ...PageQuery }, { additionalProperties: false }), response: { 200: PageOf(SubscriptionPlanView), '4xx': ErrorBody } },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number }), subscriptionPlanView),
  }),
})
