import { changeCustomerPassword, meetsPasswordPolicy } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { CUSTOMER_ID, forCustomerId } from '../customer-id.ts'
import { PASSWORD_POLICY } from '../validation.ts'
import { TrueReply } from '../wire-schemas.ts'

/** `customers/change-password` (alias `customers/v2/change-password`, spec §4.1). */
export const customersChangePassword = rcCall({
  name: 'customers/change-password', aliases: ['customers/v2/change-password'], method: 'POST',
  summary: 'Sets a customer\'s password',
  reply: TrueReply,
  params: [CUSTOMER_ID, { name: 'new-passwd', required: true, check: meetsPasswordPolicy, reason: PASSWORD_POLICY }],
  async handle({ core, actor, params: p }) {
    await forCustomerId(p, (id) => changeCustomerPassword(core, actor, id, p.get('new-passwd')!))
    return true
  },
})
