import { addMember, normalisePhone } from '../../../core/click-to-call/index.ts'
import { failures } from '../errors.ts'
import { charLength, isEmail, optionalField, plainText, requiredField, yesNo } from '../fields.ts'
import { transaction } from '../transaction.ts'

/** 1101 AddNewCard (spec/packetera.md §6): creates the member, its default phone and default button. */
export const addNewCard = transaction({
  code: '1101', name: 'AddNewCard',
  what: 'creates the member, its default phone and default button',
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
})
