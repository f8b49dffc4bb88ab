import { findCustomerByLogin } from '../../../core/customers/index.ts'
import { NotFound } from '../../../core/errors.ts'
import { rcCall } from '../call.ts'
import { customerMap } from '../codec.ts'
import { RcError } from '../errors.ts'
import { CustomerMap } from '../wire-schemas.ts'

/** `customers/details` (spec §4.1): a customer's details by username (its login email). */
export const customersDetails = rcCall({
  name: 'customers/details', method: 'GET',
  summary: 'A customer\'s details by username',
  reply: CustomerMap,
  params: [{ name: 'username', required: true, description: 'Login email of the customer' }],
  async handle({ core, actor, reseller, params: p }) {
    const username = p.get('username')!
    try {
      const { customer, user } = await findCustomerByLogin(core, actor, username)
      return customerMap(customer, user.username, reseller)
    } catch (e) {
      if (e instanceof NotFound) throw new RcError(`Customer ${username} not found`)
      throw e
    }
  },
})
