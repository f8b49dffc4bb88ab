import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getCustomer } from '../../../core/customers/index.ts'
import { listOrders } from '../../../core/orders/index.ts'
import { OrderView, orderView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /customers/:id/orders`: a customer's orders, oldest first. */
export const listCustomerOrders = routeOperation<Core>({
  wireId: 'GET /customers/:id/orders',
  methods: ['GET'],
  path: '/customers/:id/orders',
  summary: "List a customer's orders",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(OrderView), '4xx': ErrorBody },
    },
    handler: async (req) => {
      const customer = await getCustomer(core, req.nativeActor, (req.params as { id: number }).id)
      const page = await listOrders(core, req.nativeActor, { ...(req.query as { limit?: number; offset?: number }), customerId: customer.id, resellerId: req.nativeActor.crossTenant ? customer.tenantId : undefined })
      return pageView(page, orderView)
    },
  }),
})
