import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getCustomerWithLogin, setCustomerStatus } from '../../../core/customers/index.ts'
import { CustomerView, customerView } from '../views.ts'

/** `POST /customers/:id/reactivate`: its logins work again (sessions ended by the suspension stay ended). */
export const reactivateCustomer = routeOperation<Core>({
  wireId: 'POST /customers/:id/reactivate',
  methods: ['POST'],
  path: '/customers/:id/reactivate',
  summary: 'Reactivate a customer',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: CustomerView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      await setCustomerStatus(core, req.nativeActor, id, 'active')
      return customerView(await getCustomerWithLogin(core, req.nativeActor, id))
    },
  }),
})
