import { activateMember, canonicalGuid } from '../../../core/click-to-call/index.ts'
import { getReseller } from '../../../core/resellers/index.ts'
import { failures } from '../errors.ts'
import { requiredField } from '../fields.ts'
import { transaction } from '../transaction.ts'

/** 2203 ActivateMemberAccount (spec/packetera.md §6): by ActivationId alone; answers in that member's partner's reply defaults. */
export const activateMemberAccount = transaction({
  code: '2203', name: 'ActivateMemberAccount',
  what: 'by ActivationId alone; answers in that member\'s partner\'s reply defaults',
  auth: 'none',
  async run(ctx) {
    const id = requiredField(ctx.input, 'ActivationId', 40)
    if (!canonicalGuid(id)) throw failures.invalid('ActivationId')
    const { customerId, tenantId } = await activateMember(ctx.core, id)
    const partner = await getReseller(ctx.core, tenantId)
    ctx.useReplyDefaultsOf(partner.settings)
    return [['MemberID', String(customerId)], ['Active', 'Yes']]
  },
})
