import { getCustomerWithLogin } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { customerMap } from '../codec.ts'
import { CUSTOMER_ID, forCustomerId } from '../customer-id.ts'
import { CustomerMap } from '../wire-schemas.ts'

/** `customers/details-by-id` (spec §4.1): a customer's details by customer id. */
export const customersDetailsById = rcCall({
  name: 'customers/details-by-id', method: 'GET',
  summary: 'A customer\'s details by customer id',
  reply: CustomerMap,
  params: [CUSTOMER_ID],
  async handle({ core, actor, reseller, params: p }) {
    const { customer, login } = await forCustomerId(p, (id) => getCustomerWithLogin(core, actor, id))
    return customerMap(customer, login, reseller)
  },
})
