import type { Core } from '../../../core/core.ts'
import { createResellerSubscriptionPlan as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { SubscriptionPlanCreate, SubscriptionPlanView, subscriptionPlanView } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `POST /subscription-plans`: a recurring-fee plan that products bundle (`subscriptionId` of `POST /products`). */
export const createSubscriptionPlan = routeOperation<Core>({
  wireId: 'POST /subscription-plans',
  methods: ['POST'],
  path: '/subscription-plans',
  summary: 'Create a subscription plan',
  serve: (core) => ({
    schema: { body: SubscriptionPlanCreate, response: { 201: SubscriptionPlanView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(subscriptionPlanView(await run(core, req.nativeActor, req.body as { resellerId?: number; name: string; fee: string }))),
  }),
})
