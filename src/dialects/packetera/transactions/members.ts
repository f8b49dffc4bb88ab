import { addMember, getMemberProfile, normalisePhone, updateMemberName } from '../../../core/click-to-call/index.ts'
import { failures } from '../errors.ts'
import { isEmail, optionalField, plainText, requiredField, yesNo, yesNoOut, charLength } from '../fields.ts'
import type { Pairs } from '../reply.ts'
import { memberScope, type Transaction } from './transaction.ts'

/** 1101 AddNewCard: creates the member, its default phone and default button (spec §6). */
export const addNewCard: Transaction = {
  name: 'AddNewCard',
  auth: 'partner',
  async run(ctx) {
    const { input } = ctx
    // §3.2 step 6: the new login first, then the fields in §6 table order.
    const email = input.get('UserEmail')!
    if (!isEmail(email)) throw failures.invalid('UserEmail')
    const password = input.get('UserPassword')!
    if (charLength(password) < 6) throw failures.invalid('UserPassword')
    const firstName = plainText('FirstName', requiredField(input, 'FirstName', 20))
    const lastName = plainText('LastName', requiredField(input, 'LastName', 20))
    const phone = normalisePhone(requiredField(input, 'PhoneNumber', 20))
    if (!phone) throw failures.invalid('PhoneNumber')
    const corporate = yesNo('Corporate', requiredField(input, 'Corporate', Infinity))
    const companyName = plainText('CompanyName', corporate ? requiredField(input, 'CompanyName', 20) : optionalField(input, 'CompanyName', 20))
    const companyUrl = plainText('Company_URL', corporate ? requiredField(input, 'Company_URL', 50) : optionalField(input, 'Company_URL', 50))
    const referBy = plainText('ReferBy', optionalField(input, 'ReferBy', 50))
    const country = plainText('Country', optionalField(input, 'Country', 50))
    const state = plainText('State', optionalField(input, 'State', 50))
    const city = plainText('City', optionalField(input, 'City', 20))
    const created = await addMember(ctx.core, ctx.actor!, {
      email, password, firstName, lastName, phone, corporate, companyName, companyUrl, referBy, country, state, city,
    })
    return [['MemberID', String(created.customerId)], ['Active', 'No'], ['DefaultButtonGUID', created.defaultButtonGuid]]
  },
}

/** 1303 GetMemberProfile: the profile, phones and buttons, in one query after the cached logins. */
export const getMemberProfileTx: Transaction = {
  name: 'GetMemberProfile',
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
}

/** 1201/1202 UpdateMemberProfile: first and/or last name (neither → success, no change). */
export const updateMemberProfile: Transaction = {
  name: 'UpdateMemberProfile',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const firstName = plainText('FirstName', optionalField(ctx.input, 'FirstName', 50))
    const lastName = plainText('LastName', optionalField(ctx.input, 'LastName', 50))
    await updateMemberName(ctx.core, actor, customerId, { firstName, lastName })
    return [['MemberID', String(customerId)]]
  },
}
