import { updateAccount } from '../../../src/core/accounts/index.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import {
  addHuntGroupMember, assignAddon, createHuntGroup, createProduct, createProductGroup, createServiceAccount, createSubscriptionPlan,
  makeSubReseller, provisionDevice, queryServiceAccounts, recordUsage, setAccountService, setAllowedAddons, setCustomerParent, setServiceFeature,
} from '../../../src/core/products/index.ts'
import type { TestApp } from '../../helpers/app.ts'
import { uniqueName } from '../../helpers/app.ts'

/**
 * A partner with a catalogue and a customer using it (spec/porta.md §10), made through core:
 * main products Gold (GBP, group Voice, bundles plan Monthly) and Silver (EUR), a sub-reseller's
 * main product Bronze, a cloned Gold copy; add-ons Intl (priority 1, forwarding on) and Mail
 * (priority 2, voice mail on) allowed on Gold; a customer with its login's default account, SIP accounts (one postpaid on Gold
 * with an extension, a device, usage, a hunt group, add-ons; one blocked prepaid on Silver), a DID
 * from the inventory, an alias of the first, a voucher; a closed account; a customer of the sub-reseller.
 */
export interface CatalogData {
  resellerId: number
  apiKey: string
  customerId: number
  subResellerId: number
  subCustomerId: number
  products: { gold: number; silver: number; bronze: number; goldClone: number; intl: number; mail: number }
  groupId: number
  planId: number
  accounts: { login: number; sip: number; blocked: number; did: number; alias: number; voucher: number; closed: number; sub: number }
  logins: { sip: string; blocked: string; did: string; alias: string; voucher: string }
  secret: string
  huntGroupId: number
  deviceId: number
  assignments: { intl: number; mail: number; past: number }
}

const DAY = 86_400_000

/** Creates the catalogue data of one partner. */
export async function createCatalogData(app: TestApp): Promise<CatalogData> {
  const core = app.core
  const r = await app.reseller()
  const actor = resellerActor(r.id)
  const { customer } = await signUpCustomer(core, actor, {
    profile: { name: 'Acme Ltd', firstName: 'Ada', lastName: 'Lovelace' }, login: { email: `${uniqueName('c')}@example.com`, password: 'secret-pass' },
  })
  // Sign-up gives the login its default account (issue 12).
  const [login] = await queryServiceAccounts(core, actor, { customerId: customer.id })
  const { customer: sub } = await signUpCustomer(core, actor, { profile: { name: 'Sub Reseller Ltd' } })
  await makeSubReseller(core, actor, sub.id)
  const { customer: subCustomer } = await signUpCustomer(core, actor, { profile: { name: 'Sub Customer' } })
  await setCustomerParent(core, actor, subCustomer.id, sub.id)

  const group = await createProductGroup(core, actor, 'Voice')
  const plan = await createSubscriptionPlan(core, actor, { name: 'Monthly', fee: '5.5' })
  const gold = await createProduct(core, actor, { kind: 'main', name: 'Gold', description: 'Gold plan', endUserName: 'Gold Voice', groupId: group.id, fee: '9.99', currency: 'GBP', subscriptionId: plan.id })
  const silver = await createProduct(core, actor, { kind: 'main', name: 'Silver', fee: '4', currency: 'EUR' })
  const bronze = await createProduct(core, actor, { kind: 'main', name: 'Bronze', fee: '1', currency: 'GBP', ownerCustomerId: sub.id })
  const goldClone = await createProduct(core, actor, { kind: 'main', name: 'Gold copy', fee: '8', currency: 'GBP', clonedFromId: gold.id })
  const intl = await createProduct(core, actor, { kind: 'addon', name: 'Intl', fee: '2', currency: 'GBP', addonPriority: 1, groupId: group.id })
  const mail = await createProduct(core, actor, { kind: 'addon', name: 'Mail', endUserName: 'Voice Mail', fee: '1.25', currency: 'GBP', addonPriority: 2, subscriptionId: plan.id })
  await setAllowedAddons(core, actor, gold.id, [intl.id, mail.id])
  await setServiceFeature(core, actor, { productId: gold.id }, { name: 'clir', enabled: false, attributes: {} })
  await setServiceFeature(core, actor, { productId: intl.id }, { name: 'call_forwarding', enabled: true, attributes: { forward_to: ['441130000001'] } })
  await setServiceFeature(core, actor, { productId: mail.id }, { name: 'voice_mail', enabled: true, attributes: { email: ['vm@example.com'] } })

  const secret = `sip-${uniqueName('s')}`
  const logins = { sip: uniqueName('sip'), blocked: uniqueName('blk'), did: '', alias: uniqueName('als'), voucher: uniqueName('vch') }
  const sip = await createServiceAccount(core, actor, {
    customerId: customer.id, kind: 'sip', login: logins.sip, secret, firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', productId: gold.id,
    service: { billingModel: 'postpaid', currency: 'GBP', balance: '12.5', creditLimit: '100', extensionNumber: '201', extensionName: 'Grace', contact: { city: 'Leeds', postcode: 'LS1 1AA', address1: '1 Main St' } },
  })
  const blocked = await createServiceAccount(core, actor, { customerId: customer.id, kind: 'sip', login: logins.blocked, productId: silver.id, service: { balance: '3', currency: 'EUR', extensionNumber: '202' } })
  const { numbers } = await addNumbers(core, actor, { region: 'Australia', numberType: '1300', count: 1 })
  logins.did = numbers[0]!
  const did = await createServiceAccount(core, actor, { customerId: customer.id, kind: 'did', login: logins.did, productId: gold.id })
  const alias = await createServiceAccount(core, actor, { customerId: customer.id, kind: 'alias', login: logins.alias, masterAccountId: sip.id })
  const voucher = await createServiceAccount(core, actor, { customerId: customer.id, kind: 'voucher', login: logins.voucher, productId: silver.id, service: { balance: '20' } })
  const closed = await createServiceAccount(core, actor, { customerId: customer.id, kind: 'sip', login: uniqueName('cls'), productId: gold.id, service: { closedAt: new Date(Date.now() - DAY) } })
  const subAccount = await createServiceAccount(core, actor, { customerId: subCustomer.id, kind: 'sip', login: uniqueName('sub'), productId: bronze.id })
  await updateAccount(core, actor, blocked.id, { active: false })
  await setAccountService(core, actor, sip.id, { subscription: { planId: plan.id, from: new Date('2024-01-01T00:00:00Z') } })

  const now = Date.now()
  const aIntl = await assignAddon(core, actor, { accountId: sip.id, addonProductId: intl.id, from: new Date(now - 10 * DAY) })
  const aMail = await assignAddon(core, actor, { accountId: sip.id, addonProductId: mail.id, from: new Date(now + 10 * DAY), to: new Date(now + 20 * DAY) })
  const aPast = await assignAddon(core, actor, { accountId: blocked.id, addonProductId: intl.id, from: new Date(now - 20 * DAY), to: new Date(now - 10 * DAY) })
  await setServiceFeature(core, actor, { accountId: blocked.id }, { name: 'clir', enabled: true, attributes: {} })
  await setServiceFeature(core, actor, { accountId: sip.id }, { name: 'cli', enabled: true, attributes: { presentation_number: ['441130000999'] } })

  const hg = await createHuntGroup(core, actor, { customerId: customer.id, name: 'Sales', number: '500', sequence: 'Simultaneous' })
  await addHuntGroupMember(core, actor, hg.id, { accountId: sip.id, primaryGroup: true, delaySeconds: 0, timeoutSeconds: 20 })
  await addHuntGroupMember(core, actor, hg.id, { accountId: blocked.id, delaySeconds: 5 })
  const device = await provisionDevice(core, actor, sip.id, { modelId: 42, mac: '00:11:22:33:44:55' })
  await recordUsage(core, actor, sip.id, new Date('2024-02-01T10:00:00Z'))
  await recordUsage(core, actor, sip.id, new Date('2024-03-05T10:20:30.250Z'))

  return {
    resellerId: r.id, apiKey: r.apiKey, customerId: customer.id, subResellerId: sub.id, subCustomerId: subCustomer.id,
    products: { gold: gold.id, silver: silver.id, bronze: bronze.id, goldClone: goldClone.id, intl: intl.id, mail: mail.id },
    groupId: group.id, planId: plan.id,
    accounts: { login: login!.id, sip: sip.id, blocked: blocked.id, did: did.id, alias: alias.id, voucher: voucher.id, closed: closed.id, sub: subAccount.id },
    logins, secret, huntGroupId: hg.id, deviceId: device.id, assignments: { intl: aIntl.id, mail: aMail.id, past: aPast.id },
  }
}
