import { getMemberProfile } from '../../../core/click-to-call/index.ts'
import { yesNoOut } from '../fields.ts'
import type { Pairs } from '../reply.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 1303 GetMemberProfile (spec/packetera.md §6): the profile, phones and buttons, in one query after the cached logins. */
export const getMemberProfileTx = transaction({
  code: '1303', name: 'GetMemberProfile',
  what: 'the profile, phones and buttons, in one query after the cached logins',
  auth: 'member',
  inactiveAllowed: true,
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const p = await getMemberProfile(ctx.core, actor, customerId)
    const pairs: Pairs = [
      ['MemberID', String(p.memberId)], ['UserEmail', p.email], ['FirstName', p.firstName], ['LastName', p.lastName],
      ['Corporate', yesNoOut(p.corporate)], ['CompanyName', p.companyName], ['Company_URL', p.companyUrl], ['ReferBy', p.referBy],
      ['Country', p.country], ['State', p.state], ['City', p.city], ['Active', yesNoOut(p.active)],
      ['DefaultPhoneNumber', p.phones.find((x) => x.isDefault)?.number ?? ''],
      ['DefaultButtonGUID', p.buttons.find((x) => x.isDefault)?.guid ?? ''],
      ['PhoneCount', String(p.phones.length)],
    ]
    p.phones.forEach((x, i) => pairs.push([`PhoneNumber${i + 1}`, x.number], [`PhoneName${i + 1}`, x.name]))
    pairs.push(['ButtonCount', String(p.buttons.length)])
    p.buttons.forEach((x, i) => pairs.push([`ButtonGUID${i + 1}`, x.guid], [`ButtonName${i + 1}`, x.name]))
    return pairs
  },
})
