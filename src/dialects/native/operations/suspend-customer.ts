import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getCustomerWithLogin, setCustomerStatus } from '../../../core/customers/index.ts'
import { CustomerView, customerView } from '../views.ts'

/** `POST /customers/:id/suspend`: the customer's logins fail in every dialect until it is reactivated. */
export const suspendCustomer = routeOperation<Core>({
  wireId: 'POST /customers/:id/suspend',
  methods: ['POST'],
  path: '/customers/:id/suspend',
  summary: 'Suspend a customer',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: CustomerView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      await setCustomerStatus(core, req.nativeActor, id, 'suspended')
      return customerView(await getCustomerWithLogin(core, req.nativeActor, id))
    },
  }),
})
