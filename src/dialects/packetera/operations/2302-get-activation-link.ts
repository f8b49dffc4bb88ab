import { getMember } from '../../../core/click-to-call/index.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 2302 GetActivationLink (spec/packetera.md §6): `<base><prefix>/activate/<ActivationID>` (spec §5). */
export const getActivationLink = transaction({
  code: '2302', name: 'GetActivationLink',
  what: '`<base><prefix>/activate/<ActivationID>` (spec §5)',
  auth: 'member',
  inactiveAllowed: true,
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const m = ctx.member ?? (await getMember(ctx.core, actor, customerId))
    return [['ActivationLink', `${ctx.linkBase}/activate/${m.activationId}`]]
  },
})
