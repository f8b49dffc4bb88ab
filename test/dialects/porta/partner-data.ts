import { eq } from 'drizzle-orm'
import { resellerActor } from '../../../src/core/actor.ts'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import type { TestApp } from '../../helpers/app.ts'
import { uniqueName } from '../../helpers/app.ts'

/** A partner with one customer owning three accounts (its default SIP one, a DID, a blocked SIP one). */
export interface PartnerData {
  resellerId: number
  apiKey: string
  customerId: number
  /** The customer's accounts by IAccount: default (login), did, blocked. */
  accountIds: { login: number; did: number; blocked: number }
  login: string
  didNumber: string
  blockedName: string
  secret: string
}

let n = 0
/** Creates the partner's data through core functions (accounts inserted directly, owner = primary user). */
export async function createPartnerData(app: TestApp): Promise<PartnerData> {
  const r = await app.reseller()
  const login = `${uniqueName('c')}@example.com`
  const { customer, user } = await signUpCustomer(app.core, resellerActor(r.id), {
    profile: { name: 'Acme Ltd', firstName: 'Ada', lastName: 'Lovelace' },
    login: { email: login, password: 'secret-pass' },
  })
  const [loginAccount] = await app.core.db.select({ id: accounts.id }).from(accounts)
    .where(eq(accounts.userId, user!.id))
  const didNumber = `4420${String(7000000 + ++n).padStart(7, '0')}${Math.floor(Math.random() * 10)}`
  const secret = `sip-${uniqueName('s')}`
  const blockedName = uniqueName('sip')
  const [did] = await app.core.db.insert(accounts).values({
    tenantId: r.id, userId: user!.id, type: 'did', username: `did-${didNumber}`, phone: didNumber, active: true,
  }).returning({ id: accounts.id })
  const [blocked] = await app.core.db.insert(accounts).values({
    tenantId: r.id, userId: user!.id, type: 'account', username: blockedName, passwdEnc: app.core.keyring.encrypt(secret),
    firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '+441234567890', address: '1 Main St, Leeds', active: false,
  }).returning({ id: accounts.id })
  return {
    resellerId: r.id, apiKey: r.apiKey, customerId: customer.id,
    accountIds: { login: loginAccount!.id, did: did!.id, blocked: blocked!.id },
    login, didNumber, blockedName, secret,
  }
}
