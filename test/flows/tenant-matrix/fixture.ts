import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { systemActor } from '../../../src/core/actor.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import type { TestApp } from '../../helpers/app.ts'
import { uniqueName } from '../../helpers/app.ts'
import { basic, rcSignupParams } from '../../helpers/wire.ts'

// Issue 13 point 8: two resellers, each with an admin and two users, and one of every object of
// every dialect owned by reseller A's user 1 (or, for tenant-level objects, by reseller A), made
// through the dialects themselves.

/** A reseller (partner) and its API key: the credential of ResellerClub, Porta, Delacon and Packetera's web user. */
export interface Partner { id: number; username: string; apiKey: string }

/** One caller of the matrix: a user of a tenant, with every credential its dialects know. */
export interface Principal {
  /** `A admin`, `B user 1` … */
  name: string
  tenant: 'A' | 'B'
  role: 'admin' | 'user'
  partner: Partner
  userId: number
  /** ICTCore login (and native Basic): username or email, and password. */
  login: { username: string; password: string }
  /** A Packetera member (users only): its login email and password. */
  member?: { email: string; password: string; memberId: string; customerId: number }
  /** Unique small number of the principal, for values a create must not share with another principal. */
  n: number
  /**
   * A foreign principal's own objects (set by buildFixture for B's admin and users and A's user 2): a
   * relation or a reference from one of them to A's object must fail as A's object alone does.
   */
  own?: Own
}

/** Objects a foreign principal owns: the other end of a mixed relation (own contact → A's group …). */
export interface Own {
  contact: number; group: number; text: number; program: number; account: number; transmission: number; campaign: number
  /** Admins only (the `user` role cannot create them). */
  role?: number; permission?: number
  /** Packetera members only: the member's default button. */
  button?: string
}

/** What reseller A's user 1 (and reseller A) own, by name. */
export interface Objects {
  /** Reseller A's id. */
  reseller: number
  user: number; admin: number; customer: number; customerEmail: string; customerPassword: string
  account: number; did: number; extension: number; setting: string
  contact: number; group: number; document: number; recording: number; template: number; text: number
  program: number; inboundProgram: number; transmission: number; pendingTransmission: number; spool: number; campaign: number
  provider: number; role: number; permission: number
  memberId: string; activationId: string; defaultButton: string; button: string; defaultPhone: string; phone: string
  rcToken: string; company: string; jwt: string
  /** Reseller A's Delacon order (the company's provision). */
  delaconOrder: number
  /** A customer of reseller A signed up through ResellerClub (its username). */
  rcCustomerEmail: string
  /** A Packetera callback request to A's member's default button (issue 14). */
  callbackRequest: string
  /** Its customer id; it has `order`. */
  rcCustomer: number
  /** Reseller A's catalog and an order, made by A's admin through the native API. */
  promo: number; gateway: number; order: number
  /** A free number of reseller A's own stock. */
  number: number
  /** A main product of reseller A's service catalogue (Porta IProduct), made through the native API. */
  product: number
  /** Reseller A's product group, subscription plan, a SIP service account of A's member customer with an add-on assignment, and a hunt group with it as member, made through the native API. */
  productGroup: number; plan: number; serviceAccount: number; addonAssignment: number; huntGroup: number; huntMember: number
}

export interface Fixture {
  A: Partner
  B: Partner
  principals: Record<'aAdmin' | 'aUser1' | 'aUser2' | 'bAdmin' | 'bUser1' | 'bUser2', Principal>
  objects: Objects
  /** An ICTCore JWT of each principal, by name (for `/authenticate/cancel`). */
  jwts: Record<string, string>
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
/** A minimal RIFF/WAVE header with no samples. */
export const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WAVEfmt '), Buffer.from([16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0]), Buffer.from('data'), Buffer.alloc(4)])

/** An ICTCore request (JSON unless `contentType` says otherwise) that must succeed; returns its JSON body. */
async function ictcoreOk(app: TestApp, auth: string, method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
  const res: LightMyRequestResponse = await app.http.inject({
    method: method as 'GET', url: `/api${url}`, headers: { authorization: auth, 'content-type': contentType },
    payload: body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body),
  })
  assert.equal(res.statusCode, 200, `fixture: ${method} ${url} → ${res.statusCode} ${res.body}`)
  return res.json()
}

async function packeteraOk(app: TestApp, params: Record<string, string>): Promise<Record<string, string>> {
  const res = await app.http.inject({
    method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...params, ResponseFormat: 'json' }).toString(),
  })
  const body = res.json() as Record<string, string>
  assert.equal(body.Status, 'Success', `fixture: Packetera ${params.TransactionType} → ${res.body}`)
  return body
}

async function resellerclubOk(app: TestApp, method: 'GET' | 'POST', call: string, p: Partner, params: Record<string, string>): Promise<unknown> {
  const q = new URLSearchParams({ 'auth-userid': String(p.id), 'api-key': p.apiKey, ...params })
  const res = await app.http.inject({ method, url: `/resellerclub/api/${call}.json?${q}` })
  assert.equal(res.statusCode, 200, `fixture: RC ${call} → ${res.body}`)
  return res.json()
}

/** A Packetera member of `partner` (AddNewCard, then activated): also an ICTCore user with the `user` role. */
async function member(app: TestApp, partner: Partner, phone: string, password: string) {
  const email = `${uniqueName('m')}@example.com`.toLowerCase()
  const card = await packeteraOk(app, {
    TransactionType: '1101', WebUserName: partner.username, WebUserPassword: partner.apiKey, UserEmail: email, UserPassword: password,
    FirstName: 'Ann', LastName: 'Lee', PhoneNumber: phone, Corporate: 'No',
  })
  const creds = { WebUserName: partner.username, WebUserPassword: partner.apiKey, UserEmail: email, UserPassword: password }
  const { ActivationID } = await packeteraOk(app, { TransactionType: '2304', ...creds })
  await packeteraOk(app, { TransactionType: '2203', ActivationId: ActivationID! })
  const details = await resellerclubOk(app, 'GET', 'customers/details', partner, { username: email }) as { customerid: string }
  return { email, password, memberId: card.MemberID!, defaultButton: card.DefaultButtonGUID!, activationId: ActivationID!, customerId: Number(details.customerid) }
}

/** Builds both tenants, their principals and A's objects through the dialects. */
export async function buildFixture(app: TestApp): Promise<Fixture> {
  const A = await app.reseller()
  const B = await app.reseller()
  let n = 0
  const admin = async (tenant: 'A' | 'B', partner: Partner): Promise<Principal> => {
    const u = await app.user(partner.id, { roles: ['admin', 'user'] })
    return { name: `${tenant} admin`, tenant, role: 'admin', partner, userId: u.id, login: { username: u.username, password: u.password }, n: ++n }
  }
  const aAdmin = await admin('A', A)
  const bAdmin = await admin('B', B)
  const adminAuth = basic(aAdmin.login.username, aAdmin.login.password)
  const user = async (tenant: 'A' | 'B', partner: Partner, i: number): Promise<Principal> => {
    const idx = ++n
    const m = await member(app, partner, `+6129100${String(idx).padStart(4, '0')}`, `memberPw${idx}`)
    const tenantAdmin = tenant === 'A' ? aAdmin : bAdmin
    const list = await ictcoreOk(app, basic(tenantAdmin.login.username, tenantAdmin.login.password), 'GET', `/users?username=${encodeURIComponent(m.email)}`) as { user_id: number }[]
    assert.equal(list.length, 1, `fixture: the member ${m.email} is an ICTCore user`)
    return {
      name: `${tenant} user ${i}`, tenant, role: 'user', partner, userId: list[0]!.user_id, n: idx,
      login: { username: m.email, password: m.password }, member: { email: m.email, password: m.password, memberId: m.memberId, customerId: m.customerId },
    }
  }
  const aUser1 = await user('A', A, 1)
  const aUser2 = await user('A', A, 2)
  const bUser1 = await user('B', B, 1)
  const bUser2 = await user('B', B, 2)

  // Reseller A's admin: tenant-level objects, and accounts given to user 1.
  const owner = basic(aUser1.login.username, aUser1.login.password)
  const provider = await ictcoreOk(app, adminAuth, 'POST', '/providers', { name: uniqueName('prov'), type: 'sandbox' }) as number
  const role = await ictcoreOk(app, adminAuth, 'POST', '/roles', { name: uniqueName('role') }) as number
  const permission = await ictcoreOk(app, adminAuth, 'POST', '/permissions', { name: 'matrix_only' }) as number
  await ictcoreOk(app, adminAuth, 'PUT', `/roles/${role}/permissions/${permission}`)
  await ictcoreOk(app, adminAuth, 'PUT', `/users/${aUser1.userId}/permissions/${permission}`)
  await ictcoreOk(app, adminAuth, 'PUT', `/users/${aUser1.userId}/roles/${role}`)
  const account = await ictcoreOk(app, adminAuth, 'POST', '/accounts', { username: uniqueName('acct'), phone: '+15550100001', email: 'owner@a.example.com' }) as number
  const did = await ictcoreOk(app, adminAuth, 'POST', '/dids', { phone: '+15550100002' }) as number
  const extension = await ictcoreOk(app, adminAuth, 'POST', '/extensions', { username: '7001', passwd: 'extSecret9' }) as number
  for (const id of [account, did, extension]) await ictcoreOk(app, adminAuth, 'PUT', `/accounts/${id}/users/${aUser1.userId}`)
  const setting = 'color'
  await ictcoreOk(app, owner, 'PUT', `/accounts/${account}/settings/${setting}`, { value: 'blue' })

  // A's user 1: communications.
  const contact = await ictcoreOk(app, owner, 'POST', '/contacts', { first_name: 'Owner', phone: '+15550200001', email: 'c@a.example.com' }) as number
  const group = await ictcoreOk(app, owner, 'POST', '/groups', { name: 'A group' }) as number
  await ictcoreOk(app, owner, 'PUT', `/contacts/${contact}/link/${group}`)
  await ictcoreOk(app, owner, 'POST', `/groups/${group}/csv`, 'phone,first_name\n+15550200002,Csv\n', 'text/csv')
  const document = await ictcoreOk(app, owner, 'POST', '/messages/documents', { name: 'Doc' }) as number
  await ictcoreOk(app, owner, 'PUT', `/messages/documents/${document}/media`, PDF, 'application/pdf')
  const recording = await ictcoreOk(app, owner, 'POST', '/messages/recordings', { name: 'Rec' }) as number
  await ictcoreOk(app, owner, 'PUT', `/messages/recordings/${recording}/media`, WAV, 'audio/wav')
  const template = await ictcoreOk(app, owner, 'POST', '/messages/templates', { name: 'Tpl', subject: 'Hi', body: '<p>Hi</p>' }) as number
  await ictcoreOk(app, owner, 'PUT', `/messages/templates/${template}/media`, 'a,b\n', 'text/csv')
  const text = await ictcoreOk(app, owner, 'POST', '/messages/texts', { name: 'Txt', data: 'Hello' }) as number
  const program = await ictcoreOk(app, owner, 'POST', '/programs/sendsms', { name: 'A sms', text_id: text }) as number
  const inboundProgram = await ictcoreOk(app, owner, 'POST', '/programs/receivesms', { name: 'A inbound' }) as number
  await ictcoreOk(app, owner, 'PUT', `/accounts/${account}/programs/${inboundProgram}`)
  const transmission = await ictcoreOk(app, owner, 'POST', '/transmissions', { program_id: program, contact_id: contact, account_id: account }) as number
  const spool = await ictcoreOk(app, owner, 'POST', `/transmissions/${transmission}/send`) as number
  const pendingTransmission = await ictcoreOk(app, owner, 'POST', '/transmissions', { program_id: program, contact_id: contact, account_id: account }) as number
  await ictcoreOk(app, owner, 'PUT', `/transmissions/${pendingTransmission}/schedule`, { delay: 86400 })
  const campaign = await ictcoreOk(app, owner, 'POST', '/campaigns', { program_id: program, group_id: group, account_id: account }) as number
  await ictcoreOk(app, owner, 'POST', `/campaigns/${campaign}/start/schedule`, { delay: 86400 })
  const jwts: Record<string, string> = {}
  for (const p of [aAdmin, aUser1, aUser2, bAdmin, bUser1, bUser2]) {
    const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: p.login.username, password: p.login.password } })
    assert.equal(login.statusCode, 200, login.body)
    jwts[p.name] = (login.json() as { token: string }).token
  }
  const jwt = jwts[aUser1.name]!

  // Each foreign principal's own objects, for mixed relations and references.
  for (const p of [bAdmin, bUser1, bUser2, aUser2]) {
    const auth = basic(p.login.username, p.login.password)
    const text = await ictcoreOk(app, auth, 'POST', '/messages/texts', { name: 'Own', data: 'Own' }) as number
    const program = await ictcoreOk(app, auth, 'POST', '/programs/sendsms', { name: 'Own sms', text_id: text }) as number
    const contact = await ictcoreOk(app, auth, 'POST', '/contacts', { first_name: 'Own', phone: `+1555060${String(p.n).padStart(4, '0')}` }) as number
    const group = await ictcoreOk(app, auth, 'POST', '/groups', { name: 'Own group' }) as number
    const account = p.role === 'admin'
      ? await ictcoreOk(app, auth, 'POST', '/accounts', { username: uniqueName('own'), phone: `+1555070${String(p.n).padStart(4, '0')}` }) as number
      : (await ictcoreOk(app, auth, 'GET', `/accounts?user_id=${p.userId}`) as { account_id: number }[])[0]!.account_id
    if (p.role === 'admin') await ictcoreOk(app, auth, 'PUT', `/accounts/${account}/users/${p.userId}`)
    const transmission = await ictcoreOk(app, auth, 'POST', '/transmissions', { program_id: program, contact_id: contact, account_id: account }) as number
    const campaign = await ictcoreOk(app, auth, 'POST', '/campaigns', { program_id: program, group_id: group, account_id: account }) as number
    const own: Own = { contact, group, text, program, account, transmission, campaign }
    if (p.role === 'admin') {
      own.role = await ictcoreOk(app, auth, 'POST', '/roles', { name: uniqueName('own-role') }) as number
      own.permission = await ictcoreOk(app, auth, 'POST', '/permissions', { name: 'own_only' }) as number
    }
    if (p.member) {
      const { email, password } = p.member
      own.button = (await packeteraOk(app, { TransactionType: '1303', WebUserName: p.partner.username, WebUserPassword: p.partner.apiKey, UserEmail: email, UserPassword: password })).DefaultButtonGUID!
    }
    p.own = own
  }

  // Packetera: user 1's member gets a second phone and a second button.
  const m = aUser1.member!
  const creds = { WebUserName: A.username, WebUserPassword: A.apiKey, UserEmail: m.email, UserPassword: m.password }
  const phone = '+61291999001'
  await packeteraOk(app, { TransactionType: '4101', ...creds, PhoneNumber: phone, PhoneName: 'Second' })
  const button = (await packeteraOk(app, { TransactionType: '3101', ...creds, ButtonName: 'Second', PhoneNumber: phone })).ButtonGUID!
  const profile = await packeteraOk(app, { TransactionType: '1303', ...creds })
  const { ActivationID } = await packeteraOk(app, { TransactionType: '2304', ...creds })

  // ResellerClub: a login token for user 1's customer, issued to A and not redeemed.
  const rcToken = await resellerclubOk(app, 'GET', 'customers/generate-login-token', A, { 'customer-id': String(m.customerId), ip: '10.0.0.1' }) as string
  // A ResellerClub customer of A that is nobody's principal, signed up through RC.
  const rcCustomerEmail = `${uniqueName('rc')}@example.com`.toLowerCase()
  await resellerclubOk(app, 'POST', 'customers/signup', A, rcSignupParams(rcCustomerEmail))

  // Delacon: a company of reseller A with tracking numbers from the shared inventory.
  await addNumbers(app.core, systemActor, { region: 'Australia', numberType: '1800', count: 4 })
  const prov = await app.http.inject({
    method: 'POST', url: '/delacon/rest/config/provision', headers: { auth: A.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ BusinessName: 'A Co', EmailAddress: 'a@a.example.com', TerminationNumber: '+61291234567', region: 'AU', numberType: '1800', numbers: '1', termsCheck: 'on' }).toString(),
  })
  const provBody = prov.json() as { RESULT: string; OrderId: string; CID: string }
  assert.equal(provBody.RESULT, 'OK', prov.body)

  // Reseller A's catalog, an order of its RC customer and a number of its own stock, made by A's admin
  // through the native API (a reseller's administrator manages its own tenant there).
  const nativeOk = async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ id: number; items?: { id: number }[]; members?: { id: number }[] }> => {
    const res = await app.http.inject({ method, url: `/native${url}`, headers: { authorization: adminAuth }, ...(body === undefined ? {} : { payload: body as object }) })
    assert.ok(res.statusCode === 200 || res.statusCode === 201, `fixture: native ${method} ${url} → ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const rcCustomer = Number((await resellerclubOk(app, 'GET', 'customers/details', A, { username: rcCustomerEmail }) as { customerid: string }).customerid)
  const promo = (await nativeOk('POST', '/promos', {
    productKey: 'domcno', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', resellerPriceOne: '7.99', resellerPriceTwo: '9.99',
    customerPrice: '10.99', resellerPrice: '8.5', actionType: 'addnewdomain',
  })).id
  const gateway = (await nativeOk('POST', '/payment-gateways', { gatewayType: 'paypal', gatewayName: 'A PayPal', postUrl: 'https://pay.a.example.com/', paymentTypes: ['AddFund', 'Payment'] })).id
  const order = (await nativeOk('POST', '/orders', { customerId: rcCustomer, productKey: 'domcno' })).id
  await nativeOk('POST', '/numbers', { region: 'Australia', numberType: '1300', count: 1 })
  const number = (await nativeOk('GET', '/numbers?state=free&resellerId=' + A.id)).items![0]!.id
  const product = (await nativeOk('POST', '/products', { kind: 'main', name: 'A Gold', currency: 'GBP', fee: '9.99' })).id
  const productGroup = (await nativeOk('POST', '/product-groups', { name: 'A Voice' })).id
  const plan = (await nativeOk('POST', '/subscription-plans', { name: 'A Monthly', fee: '5' })).id
  const serviceAccount = (await nativeOk('POST', '/service-accounts', { customerId: m.customerId, kind: 'sip', login: uniqueName('asip'), productId: product })).id
  const addon = (await nativeOk('POST', '/products', { kind: 'addon', name: 'A Intl', currency: 'GBP' })).id
  const addonAssignment = (await nativeOk('POST', `/service-accounts/${serviceAccount}/addons`, { addonProductId: addon })).id
  const huntGroup = (await nativeOk('POST', '/hunt-groups', { customerId: m.customerId, name: 'A Sales', number: '300' })).id
  const huntMember = (await nativeOk('POST', `/hunt-groups/${huntGroup}/members`, { accountId: serviceAccount })).members![0]!.id

  const callbackRequest = (await app.http.inject({
    method: 'POST', url: `/packetera/teleform/${profile.DefaultButtonGUID!}/callback`,
    headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify({ phone: '+61293000999' }),
  })).json<{ requestId: string }>().requestId

  return {
    A, B,
    principals: { aAdmin, aUser1, aUser2, bAdmin, bUser1, bUser2 }, jwts,
    objects: {
      reseller: A.id, user: aUser1.userId, admin: aAdmin.userId, customer: m.customerId, customerEmail: m.email, customerPassword: m.password,
      account, did, extension, setting, contact, group, document, recording, template, text, program, inboundProgram,
      transmission, pendingTransmission, spool, campaign, provider, role, permission,
      memberId: m.memberId, activationId: ActivationID!, defaultButton: profile.DefaultButtonGUID!, button,
      defaultPhone: profile.DefaultPhoneNumber!, phone, rcToken, company: provBody.CID, delaconOrder: Number(provBody.OrderId), jwt, rcCustomerEmail,
      rcCustomer, promo, gateway, order, number, callbackRequest, product, productGroup, plan, serviceAccount, addonAssignment, huntGroup, huntMember,
    },
  }
}
