import { signUpCustomer } from '../../../core/customers/index.ts'
import { rcCall } from '../call.ts'
import { signupProfile } from '../codec.ts'
import { SIGNUP_RULES } from '../validation.ts'
import { CustomerIdReply } from '../wire-schemas.ts'

/** `customers/signup` (alias `customers/v2/signup`, spec §4.1): a customer and its login; replies with its id. */
export const customersSignup = rcCall({
  name: 'customers/signup', aliases: ['customers/v2/signup'], method: 'POST',
  summary: 'Signs up a customer; replies with its customer id',
  reply: CustomerIdReply,
  params: SIGNUP_RULES,
  async handle({ core, actor, params: p }) {
    const username = p.get('username')!.toLowerCase()
    const { customer } = await signUpCustomer(core, actor, {
      profile: { ...signupProfile(p), name: p.get('name')!, email: username },
      login: { email: username, password: p.get('passwd')! },
    })
    return customer.id
  },
})
