import { getMember } from '../../../core/click-to-call/index.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 2304 GetActivationID (spec/packetera.md §6): the member's ActivationID, for partners that drive activation themselves. */
export const getActivationId = transaction({
  code: '2304', name: 'GetActivationID',
  what: 'the member\'s ActivationID, for partners that drive activation themselves',
  auth: 'member',
  inactiveAllowed: true,
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const m = ctx.member ?? (await getMember(ctx.core, actor, customerId))
    return [['ActivationID', m.activationId]]
  },
})
