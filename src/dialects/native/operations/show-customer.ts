import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getCustomerWithLogin } from '../../../core/customers/index.ts'
import { CustomerView, customerView } from '../views.ts'

/** `GET /customers/:id`: one customer. */
export const showCustomer = routeOperation<Core>({
  wireId: 'GET /customers/:id',
  methods: ['GET'],
  path: '/customers/:id',
  summary: 'Show a customer',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: CustomerView, '4xx': ErrorBody } },
    handler: async (req) => customerView(await getCustomerWithLogin(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
