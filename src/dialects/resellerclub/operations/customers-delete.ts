import { deleteCustomer } from '../../../core/customers/index.ts'
import { Locked } from '../../../core/errors.ts'
import { canonicalInteger } from '../validation.ts'
import { rcCall } from '../call.ts'
import { CUSTOMER_ID, forCustomerId } from '../customer-id.ts'
import { RcError } from '../errors.ts'
import { TrueReply } from '../wire-schemas.ts'

/** `customers/delete` (spec §4.1): fails while the customer has orders. */
export const customersDelete = rcCall({
  name: 'customers/delete', method: 'POST',
  summary: 'Deletes a customer (one without orders)',
  reply: TrueReply,
  params: [CUSTOMER_ID],
  async handle({ core, actor, params: p }) {
    try {
      await forCustomerId(p, (id) => deleteCustomer(core, actor, id))
    } catch (e) {
      if (e instanceof Locked) throw new RcError(`Customer ${canonicalInteger(p.get('customer-id')!)} has orders and cannot be deleted`)
      throw e
    }
    return true
  },
})
