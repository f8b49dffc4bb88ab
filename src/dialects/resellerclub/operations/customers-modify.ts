import { modifyCustomer } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { modifyPatch } from '../codec.ts'
import { forCustomerId } from '../customer-id.ts'
import { MODIFY_RULES } from '../validation.ts'
import { TrueReply } from '../wire-schemas.ts'

/** `customers/modify` (spec §4.1): replaces a customer's details and login email. */
export const customersModify = rcCall({
  name: 'customers/modify', method: 'POST',
  summary: 'Replaces a customer\'s details',
  reply: TrueReply,
  params: MODIFY_RULES,
  async handle({ core, actor, params: p }) {
    await forCustomerId(p, (id) => modifyCustomer(core, actor, id, { profile: modifyPatch(p), loginEmail: p.get('username')!.toLowerCase() }))
    return true
  },
})
