import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getCustomerWithLogin, recordReceipt as record } from '../../../core/customers/index.ts'
import { Amount, CustomerView, customerView } from '../views.ts'

/** `POST /customers/:id/receipts`: a payment received, added to the customer's total receipts. */
export const recordReceipt = routeOperation<Core>({
  wireId: 'POST /customers/:id/receipts',
  methods: ['POST'],
  path: '/customers/:id/receipts',
  summary: "Record a payment: adds to the customer's total receipts (ResellerClub totalreceipts)",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Object({ amount: Amount }, { additionalProperties: false, examples: [{ amount: '25.5' }] }),
      response: { 200: CustomerView, '4xx': ErrorBody },
    },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      await record(core, req.nativeActor, id, (req.body as { amount: string }).amount)
      return customerView(await getCustomerWithLogin(core, req.nativeActor, id))
    },
  }),
})
