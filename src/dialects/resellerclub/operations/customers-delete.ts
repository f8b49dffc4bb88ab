import { deleteCustomer } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { CUSTOMER_ID, forCustomerId } from '../customer-id.ts'

/** `customers/delete` (spec §4.1). */
export const customersDelete = rcCall({
  name: 'customers/delete', method: 'POST',
  summary: 'Deletes a customer',
  params: [CUSTOMER_ID],
  async handle({ core, actor, params: p }) {
    await forCustomerId(p, (id) => deleteCustomer(core, actor, id))
    return true
  },
})
