import { activateMember, canonicalGuid } from '../../../core/click-to-call/index.ts'
import { getMember } from '../../../core/click-to-call/index.ts'
import { getReseller } from '../../../core/resellers/index.ts'
import { failures } from '../errors.ts'
import { requiredField } from '../fields.ts'
import { memberScope, type Transaction } from './transaction.ts'

/** 2302 GetActivationLink: `<base><prefix>/activate/<ActivationID>` (spec §5). */
export const getActivationLink: Transaction = {
  name: 'GetActivationLink',
  auth: 'member',
  inactiveAllowed: true,
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const m = ctx.member ?? (await getMember(ctx.core, actor, customerId))
    return [['ActivationLink', `${ctx.linkBase}/activate/${m.activationId}`]]
  },
}

/** 2304 GetActivationID: the member's ActivationID, for partners that drive activation themselves. */
export const getActivationId: Transaction = {
  name: 'GetActivationID',
  auth: 'member',
  inactiveAllowed: true,
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const m = ctx.member ?? (await getMember(ctx.core, actor, customerId))
    return [['ActivationID', m.activationId]]
  },
}

/** 2203 ActivateMemberAccount: by ActivationId alone; answers in that member's partner's reply defaults. */
export const activateMemberAccount: Transaction = {
  name: 'ActivateMemberAccount',
  auth: 'none',
  async run(ctx) {
    const id = requiredField(ctx.input, 'ActivationId', 40)
    if (!canonicalGuid(id)) throw failures.invalid('ActivationId')
    const { customerId, tenantId } = await activateMember(ctx.core, id)
    const partner = await getReseller(ctx.core, tenantId)
    ctx.useReplyDefaultsOf(partner.settings)
    return [['MemberID', String(customerId)], ['Active', 'Yes']]
  },
}
