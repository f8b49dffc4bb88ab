import assert from 'node:assert/strict'
import type { HTTPMethods, InjectOptions } from 'fastify'
import { basic, rcSignupParams } from '../../helpers/wire.ts'
import type { Objects, Principal } from './fixture.ts'
import { json, mentions, type Answer, type Kind, type MatrixCase, type MatrixEntry } from './matrix.ts'

// The tenant matrix's entries (issue 13 point 8) for the dialects whose principal is a reseller's API
// key (ResellerClub, Porta, Delacon), for Packetera (partner key + member login) and for the native
// API (platform admins only). Not-found answers are each spec's own: Packetera 1007 (§3.1),
// ResellerClub `Invalid customer-id: <id>` / `Customer <username> not found` / `Invalid token` (§7, §4.2),
// Porta 404 NotFound (§4.1), Delacon `… not found` (§5, §6).

// ── Packetera ──────────────────────────────────────────────────────────────────────────────────

/** The transaction request of `p` (its partner and member credentials) with `fields`, as GET query or POST form. */
function packeteraRequest(p: Principal, method: HTTPMethods, fields: Record<string, string>, member = true): InjectOptions {
  const params = new URLSearchParams({
    WebUserName: p.partner.username, WebUserPassword: p.partner.apiKey,
    ...(member && p.member ? { UserEmail: p.member.email, UserPassword: p.member.password } : {}),
    ...fields, ResponseFormat: 'json',
  }).toString()
  return method === 'GET'
    ? { method: 'GET', url: `/packetera/cbc_APIs.aspx?${params}` }
    : { method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params }
}

type Fields = (o: Objects, p: Principal, method: HTTPMethods) => Record<string, string>

function pk(kind: Kind, code: string, fields: Fields, check: MatrixCase['check'], extra: Partial<MatrixCase> = {}): MatrixCase {
  return { kind, request: (o, p, method) => packeteraRequest(p, method, { TransactionType: code, ...fields(o, p, method) }, !extra.principals), check, ...extra }
}

/** 1007 with the spec's message: A's button or phone is not among the caller's member's (§4 "Another member's button is reported as not found"). */
const pkNotFound = (message: string) => (a: Answer) => {
  assert.deepEqual(json(a), { Status: 'Failure', ErrorCode: '1007', ErrorMessage: message })
}
const pkOk = (a: Answer) => { assert.equal(json<{ Status: string }>(a).Status, 'Success', a.body) }
const pkTarget = (code: string, fields: Fields, message: string, control?: boolean): MatrixEntry =>
  [pk('target', code, fields, pkNotFound(message), control ? { control: { as: 'owner', check: pkOk } } : {})]
const BUTTON = 'Button not found'
const PHONE = 'Phone number not found'

/** Success, and nothing of A's member in the answer: the transaction is about the caller's own member. */
const pkSelf = (code: string, fields: Fields = () => ({})): MatrixEntry => [pk('self', code, fields, (a, o) => {
  const body = json<Record<string, string>>(a)
  assert.equal(body.Status, 'Success', a.body)
  for (const v of [o.defaultButton, o.button, o.activationId, o.phone, o.defaultPhone, o.customerEmail]) assert.ok(!a.body.includes(v), `${v} of A in ${a.body}`)
  if (body.MemberID) assert.notEqual(body.MemberID, o.memberId)
}, { why: "the transaction is about the caller's own member (its credentials name it)" })]

/**
 * Adds to each entry a case that rewrites the request of its first case with `rewrite` (credential
 * mixing: the caller's own secret with A's identity), checked by `check`.
 */
function withMixedCredentials(
  entries: Record<string, MatrixEntry>, skip: string[], label: string, rewrite: (params: URLSearchParams, o: Objects) => void, check: MatrixCase['check'],
  limit: Pick<MatrixCase, 'methods' | 'principals'> = {},
): Record<string, MatrixEntry> {
  return Object.fromEntries(Object.entries(entries).map(([id, cases]) => {
    if (skip.includes(id)) return [id, cases]
    const first = cases[0]!
    const mixedCase: MatrixCase = {
      kind: 'target', label, principals: limit.principals ?? first.principals, methods: limit.methods ?? first.methods, check,
      request: (o, p, method, fx, path) => {
        const req = first.request(o, p, method, fx, path)
        const url = new URL(String(req.url), 'http://x')
        const fromBody = typeof req.payload === 'string'
        const params = new URLSearchParams(fromBody ? req.payload as string : url.search)
        rewrite(params, o)
        return fromBody ? { ...req, payload: params.toString() } : { ...req, url: `${url.pathname}?${params}` }
      },
    }
    return [id, [...cases, mixedCase]]
  }))
}

const PACKETERA_OWN: Record<string, MatrixEntry> = {
  // AddNewCard authenticates the partner only (§2.1): it is replayed with B's partner key.
  '1101': [pk('create', '1101', (_o, p, method) => ({
    UserEmail: `matrix-${p.n}-${method.toLowerCase()}@example.com`, UserPassword: 'secret12', FirstName: 'F', LastName: 'L', PhoneNumber: `+6129300${String(p.n).padStart(4, '0')}`, Corporate: 'No',
  }), pkOk, { why: "creates a member in the caller's own partner", principals: (p) => p.role === 'admin' && p.tenant === 'B' }),
  // UserEmail is unique per partner only (§4): B may sign up a member with A's member's email; A's member is untouched.
  pk('create', '1101', (o, p) => ({
    UserEmail: o.customerEmail.toUpperCase(), UserPassword: `other-${p.n}-pw`, FirstName: 'F', LastName: 'L', PhoneNumber: '+61291000003', Corporate: 'No',
  }), pkOk, { label: "A's member's email", why: "the email is unique per partner only: a member of the caller's own partner", principals: (p) => p.role === 'admin' && p.tenant === 'B', methods: ['POST'] })],
  '1303': pkSelf('1303'),
  '1201': [pk('self-write', '1201', () => ({ FirstName: 'Changed' }), pkOk, { why: "updates the caller's own member profile" })],
  '1202': [pk('self-write', '1202', () => ({ LastName: 'Changed' }), pkOk, { why: "updates the caller's own member profile" })],
  '2302': pkSelf('2302'),
  '2304': pkSelf('2304'),
  // ActivateMemberAccount carries only the ActivationId (§2.1, §5): the id is the capability. A's
  // member is active already, so the replay changes nothing (the snapshot proves it).
  '2203': [{
    kind: 'capability', why: 'the ActivationId is the credential (spec §2.1: the four credential fields are ignored); idempotent (§5)',
    request: (o, p, method) => packeteraRequest(p, method, { TransactionType: '2203', ActivationId: o.activationId }),
    check: (a, o) => { assert.deepEqual(json(a), { Status: 'Success', MemberID: o.memberId, Active: 'Yes' }) },
  }],
  '3307': pkSelf('3307'),
  '3305': pkSelf('3305'),
  '3306': pkSelf('3306'),
  '3308': pkTarget('3308', (o) => ({ ButtonGUID: o.button }), BUTTON, true),
  '3309': pkTarget('3309', (o) => ({ ButtonGUID: o.defaultButton }), BUTTON, true),
  '3101': [pk('reference', '3101', (o) => ({ ButtonName: 'Mine', PhoneNumber: o.phone }), pkNotFound(PHONE), { why: "names A's phone for the new button" })],
  '3202': [
    ...pkTarget('3202', (o) => ({ ButtonGUID: o.button, ButtonName: 'Hijack' }), BUTTON),
    pk('reference', '3202', (o, p) => ({ ButtonGUID: p.own!.button!, PhoneNumber: o.phone }), pkNotFound(PHONE), { label: "own button, A's phone", why: "points the caller's own button at A's phone" }),
  ],
  '3210': pkTarget('3210', (o) => ({ ButtonGUID: o.button, AttributeName: 'LinkText', AttributeValue: 'Hijack' }), BUTTON),
  '3404': pkTarget('3404', (o) => ({ ButtonGUID: o.button }), BUTTON),
  '4101': [pk('create', '4101', (_o, p, method) => ({ PhoneNumber: `+6129400${method === 'GET' ? 1 : 2}${String(p.n).padStart(3, '0')}`, PhoneName: `Own ${method}` }), pkOk, { why: "adds a phone to the caller's own member" })],
  '4202': pkTarget('4202', (o) => ({ PhoneNumber: o.phone, NewPhoneName: 'Hijack' }), PHONE),
  '4404': pkTarget('4404', (o) => ({ PhoneNumber: o.phone }), PHONE),
  '5202': pkTarget('5202', (o) => ({ ButtonGUID: o.button, AttributeName: 'width', AttributeValue: '500' }), BUTTON),
  '5203': pkTarget('5203', (o) => ({ ButtonGUID: o.button, TemplateID: '2' }), BUTTON),
}

/**
 * Every transaction that logs a member in, also with A's member's email and the caller's own
 * member password: 1002 (spec/packetera.md §3.2 step 5), never A's member. POST only, as B's user 1
 * (across partners) and A's user 2 (inside A): each refused login costs a password hash check.
 */
export const PACKETERA_ENTRIES = withMixedCredentials(PACKETERA_OWN, ['1101', '2203'], "A's UserEmail, own password",
  (params, o) => params.set('UserEmail', o.customerEmail), (a) => {
    assert.deepEqual(json(a), { Status: 'Failure', ErrorCode: '1002', ErrorMessage: 'Invalid member credentials' })
  }, { methods: ['POST'], principals: (p) => p.name === 'B user 1' || p.name === 'A user 2' })

// ── ResellerClub ───────────────────────────────────────────────────────────────────────────────

function rc(kind: Kind, call: string, params: (o: Objects, p: Principal) => Record<string, string>, check: MatrixCase['check'], why?: string, control?: MatrixCase['control']): MatrixEntry {
  return [{
    kind, why, control,
    request: (o, p, method) => {
      const q = new URLSearchParams({ 'auth-userid': String(p.partner.id), 'api-key': p.partner.apiKey, ...params(o, p) })
      return { method, url: `/resellerclub/api/${call}.json?${q}` }
    },
    check,
  }]
}
/** Every ResellerClub error is HTTP 500 with `status` ERROR (§7). */
const rcError = (message: (o: Objects) => string) => (a: Answer, o: Objects) => {
  assert.deepEqual([a.status, json(a)], [500, { status: 'ERROR', message: message(o) }])
}
const invalidCustomer = rcError((o) => `Invalid customer-id: ${o.customer}`)
/** A's customer is not in a search answer. */
const rcAbsent = (a: Answer, o: Objects) => { assert.equal(a.status, 200, a.body); assert.ok(!a.body.includes(o.customerEmail), a.body) }
/** Control: reseller A reads its customer. */
const rcControl: MatrixCase['control'] = { as: 'admin', check: (a, o) => { assert.equal(a.status, 200, a.body); assert.equal(json<{ customerid: string }>(a).customerid, String(o.customer)) } }
const PROFILE = { name: 'Hi Jack', company: 'Hijack Ltd', 'address-line-1': '1 Main Street', city: 'Sydney', state: 'NSW', country: 'AU', zipcode: '2000', 'phone-cc': '61', phone: '291234567', 'lang-pref': 'en' }

const RESELLERCLUB_OWN: Record<string, MatrixEntry> = {
  'customers/signup': [
    ...rc('create', 'customers/signup', (_o, p) => rcSignupParams(`matrix-rc-${p.n}@example.com`), (a) => {
      assert.equal(a.status, 200, a.body)
    }, "signs a customer up with the caller's own reseller"),
    // Usernames are unique per reseller (§3): A's customer's email is free in B.
    ...rc('create', 'customers/signup', (o) => rcSignupParams(o.rcCustomerEmail, { passwd: 'Otherpw12' }), (a) => {
      assert.equal(a.status, 200, a.body)
    }, "the username is unique per reseller only: a customer of the caller's own reseller").map((c) => ({ ...c, label: "A's RC customer's username" })),
  ],
  'customers/modify': rc('target', 'customers/modify', (o) => ({ 'customer-id': String(o.customer), username: o.customerEmail, ...PROFILE }), invalidCustomer),
  'customers/details': rc('target', 'customers/details', (o) => ({ username: o.customerEmail }), rcError((o) => `Customer ${o.customerEmail} not found`), undefined, rcControl),
  'customers/details-by-id': rc('target', 'customers/details-by-id', (o) => ({ 'customer-id': String(o.customer) }), invalidCustomer, undefined, rcControl),
  'customers/search': [
    ...rc('list', 'customers/search', (o) => ({ 'no-of-records': '10', 'page-no': '1', 'customer-id': String(o.customer) }), rcAbsent, "searches the caller's own customers"),
    ...rc('list', 'customers/search', (o) => ({ 'no-of-records': '500', 'page-no': '1', 'reseller-id': String(o.reseller) }), rcAbsent, "searches the caller's own customers, here filtered by A's reseller id").map((c) => ({ ...c, label: "A's reseller-id" })),
  ],
  'customers/delete': rc('target', 'customers/delete', (o) => ({ 'customer-id': String(o.customer) }), invalidCustomer),
  'customers/change-password': rc('target', 'customers/change-password', (o) => ({ 'customer-id': String(o.customer), 'new-passwd': 'Hijacked1' }), invalidCustomer),
  'customers/generate-token': rc('target', 'customers/generate-token', (o) => ({ username: o.customerEmail, passwd: o.customerPassword, ip: '10.0.0.2' }), rcError(() => 'Invalid username or password')),
  'customers/generate-login-token': rc('target', 'customers/generate-login-token', (o) => ({ 'customer-id': String(o.customer), ip: '10.0.0.2' }), invalidCustomer),
  'customers/authenticate-token': rc('target', 'customers/authenticate-token', (o) => ({ token: o.rcToken }), rcError(() => 'Invalid token')),
  'customers/forgot-password': rc('target', 'customers/forgot-password', (o) => ({ username: o.customerEmail }), rcError((o) => `Customer ${o.customerEmail} not found`)),
  'pg/allowedlist-for-customer': rc('target', 'pg/allowedlist-for-customer', (o) => ({ 'customer-id': String(o.customer) }), invalidCustomer, undefined, {
    as: 'admin', check: (a) => { assert.equal(a.status, 200, a.body); assert.match(a.body, /A PayPal/) },
  }),
  'resellers/promo-details': rc('list', 'resellers/promo-details', () => ({}), (a, o) => {
    assert.equal(a.status, 200, a.body)
    assert.ok(!a.body.includes(`"resellerid":"${o.reseller}"`), a.body)
  }, "lists the caller's own reseller's promos"),
  'mail/activate': rc('target', 'mail/activate', (o) => ({ 'order-id': String(o.order) }), rcError((o) => `Invalid order-id: ${o.order}`)),
}

/** Every call also with A's `auth-userid` and the caller's own api-key: `Invalid credentials` (spec/resellerclub.md §2.3). */
export const RESELLERCLUB_ENTRIES = withMixedCredentials(RESELLERCLUB_OWN, [], "A's auth-userid, own api-key",
  (params, o) => params.set('auth-userid', String(o.reseller)), (a) => {
    assert.deepEqual([a.status, json(a)], [500, { status: 'ERROR', message: 'Invalid credentials' }])
  })

// ── Porta ──────────────────────────────────────────────────────────────────────────────────────

const portaNotFound = (a: Answer) => {
  assert.equal(a.status, 404, a.body)
  assert.equal(json<{ ResponseStatus: { ErrorCode: string } }>(a).ResponseStatus.ErrorCode, 'NotFound')
}
/** Control: reseller A's License reads them. */
const portaControl: MatrixCase['control'] = { as: 'admin', check: (a) => { assert.equal(a.status, 200, a.body) } }
/** A §3 route pattern filled with the caller's License, A's objects for subject ids, and neutral values for the rest. */
function portaUrl(path: string, o: Objects, p: Principal): string {
  const values: Record<string, string> = {
    License: p.partner.apiKey, ICustomer: String(o.customer), IAccount: String(o.account), TenantID: String(o.reseller), ResellerID: String(o.customer),
    AccountID: '+15550100002', IProduct: '0', MultipleProducts: '0', SearchString: '*', Currency: '*', SearchTerm: '*',
    fromDate: '2000-01-01', ToDate: '2100-01-01', PageNumber: '1', PageOffset: '10',
  }
  return `/porta${path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'false'))}`
}
/** A §3 GET route about A's customer or account: the caller's License gets 404 NotFound, A's reads it. */
const portaTarget = (control = true): MatrixEntry => [{
  kind: 'target', request: (o, p, method, _fx, path) => ({ method, url: portaUrl(path, o, p) }), check: portaNotFound, ...(control ? { control: portaControl } : {}),
}]
/** A §3 route listing the caller's own catalogue or accounts: 200, and nothing of A's customer or account. */
const portaList = (why: string, body?: (p: Principal, o: Objects) => object): MatrixEntry => [{
  kind: 'list', why,
  request: (o, p, method, _fx, path) => body ? { method, url: `/porta${path}`, payload: body(p, o) } : { method, url: portaUrl(path, o, p) },
  check: (a, o) => {
    assert.equal(a.status, 200, a.body)
    const rows = json<Record<string, { IAccount?: number; ICustomer?: number; customer_ID?: number }[] | undefined>>(a)
    for (const list of [rows.Accounts, rows.PortaProductInfo, rows.ProductAddonsInfo]) {
      for (const r of list ?? []) assert.ok(r.IAccount !== o.account && r.ICustomer !== o.customer && r.customer_ID !== o.customer, `A's rows in ${a.body.slice(0, 300)}`)
    }
  },
}]
const CATALOGUE = "lists the caller's own catalogue (spec/porta.md §4.2: products owned by the partner or its sub-resellers)"
export const PORTA_ENTRIES: Record<string, MatrixEntry> = {
  GetProductAddons: portaList(CATALOGUE),
  GetPurchasedProductAddons: portaTarget(),
  GetProducts: portaList(CATALOGUE),
  // A's customer is no sub-reseller, so A gets 404 too: no control.
  GetProductsByReseller: portaTarget(false),
  GetProductBySearch: portaTarget(),
  GetProductAddonBySearch: portaTarget(),
  GetProductsList: portaList("the report covers the caller's own accounts (§4.4 REPORT)"),
  getProductsPricebyTenantID: portaTarget(),
  // The AccountId of A's DID (its number); whether A's License reads it depends on its owner: no control.
  GetAccountInfoByAccountId: portaTarget(false),
  GetAccountInfoByIAccount: [{ kind: 'target', request: (o, p, method) => ({ method, url: `/porta/GetAccountInfoByIAccount/${p.partner.apiKey}/${o.account}` }), check: portaNotFound, control: portaControl }],
  GetCustomerProducts: portaTarget(),
  GetProductAccounts: [{
    kind: 'target', request: (o, p, method) => ({ method, url: `/porta/GetProductAccounts/${p.partner.apiKey}/${o.product}` }), check: portaNotFound, control: portaControl,
  }],
  GetAccounts: [{
    kind: 'target', request: (o, p, method) => ({ method, url: `/porta/GetAccounts/${p.partner.apiKey}/${o.customer}` }), check: portaNotFound,
    control: { as: 'admin', check: (a, o) => { assert.equal(a.status, 200, a.body); assert.ok(mentions(a.body, o.account), `account ${o.account} of the customer: ${a.body.slice(0, 300)}`) } },
  }],
  GetAccountsServiceFeatures: portaTarget(),
  GetMultipleProductAccountsServiceFeatures: portaTarget(),
  GetMultipleProductAccountsbyProductSearchString: portaTarget(),
  GetAccountsAliasesForMultipleProducts: portaTarget(),
  GetAccountsForMultipleProducts: portaTarget(),
  GetPagedAccountsForMultipleProducts: portaTarget(),
  GetCustomerAllAccountsByAdvSearchString: portaTarget(),
  GetMultiProductAccountsbyProductSearchterm: portaTarget(),
  GetMultiProductAccountsbyZTProductSearchterm: portaTarget(),
  GetAccountsForMultipleBlockedProducts: portaTarget(),
  GetDIDAccountsForMultipleProducts: portaTarget(),
  GetDIDAccountsForMultipleProductsbySearchTerm: portaTarget(),
  GetCustomerAllDIDAccountsBySearchTerm: portaTarget(),
  GetProductsBySearchString: portaTarget(),
  GetAdminProductsBySearchString: portaList(CATALOGUE, (p) => ({ License: p.partner.apiKey })),
  GetCustomerAllDIDAccountsByIProduct: portaTarget(),
  GetDIDAccounts: portaTarget(),
  GetAssignedProductAddOnstoAccount: portaTarget(),
  // §4.1: LstIAccounts are filter ids; an out-of-scope id matches nothing.
  GetProductAddOnsForMultipleAccounts: portaList("LstIAccounts are filter ids (§4.1): A's account matches nothing", (p, o) => ({ License: p.partner.apiKey, LstIAccounts: [o.account] })),
  GetCurrentActiveProductAddons: portaTarget(),
  GetAllProductAddons: portaList(CATALOGUE),
}

// ── Delacon ────────────────────────────────────────────────────────────────────────────────────

function delacon(path: (o: Objects) => string, form: (o: Objects, p: Principal) => Record<string, string>) {
  return (o: Objects, p: Principal, method: HTTPMethods): InjectOptions => ({
    method, url: `/delacon/rest/config/${path(o)}`, headers: { auth: p.partner.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
    payload: method === 'GET' ? undefined : new URLSearchParams(form(o, p)).toString(),
  })
}
export const DELACON_ENTRIES: Record<string, MatrixEntry> = {
  provision: [
    {
      kind: 'target', label: "A's companyID",
      request: delacon(() => 'provision', (o) => ({ companyID: o.company, numbers: '1' })),
      check: (a) => { const b = json<{ RESULT: string; MESSAGE: string }>(a); assert.equal(b.RESULT, 'INVALID', a.body); assert.match(b.MESSAGE, /companyID not found/) },
    },
    {
      kind: 'create', label: 'new company', why: "provisions a new company of the caller's own partner",
      request: delacon(() => 'provision', (_o, p) => ({ BusinessName: `B Co ${p.n}`, EmailAddress: 'b@b.example.com', TerminationNumber: '+61291234568', region: 'AU', numberType: '1800', numbers: '1', termsCheck: 'on' })),
      check: (a) => { assert.equal(json<{ RESULT: string }>(a).RESULT, 'OK', a.body) },
    },
  ],
  updatecustomer: [{
    kind: 'target',
    request: delacon((o) => `updatecustomer/${o.company}`, () => ({ BusinessName: 'Hijack' })),
    check: (a, o) => { assert.deepEqual(json(a), { RESULT: 'FAIL', MESSAGE: `Customer ${o.company} not found` }) },
  }],
  getnumbertypes: [{
    kind: 'static', why: 'the number types of a region: a catalogue, no tenant data',
    request: delacon(() => 'getnumbertypes/Australia', () => ({})),
    check: (a, o) => { assert.equal(a.status, 200, a.body); assert.ok(!mentions(a.body, o.company), a.body) },
  }],
}

// ── Native ─────────────────────────────────────────────────────────────────────────────────────

// The native API (README "Native", docs/decisions/platform.md): platform admins act on every tenant,
// a reseller's administrator on its own only (another reseller's objects look unknown, 404); a
// tenant user who is no administrator is refused (403); a reseller's API key is no admin token (401).

type NativeBody = (o: Objects, p: Principal) => unknown
function nativeRequest(path: (o: Objects, p: Principal) => string, body?: NativeBody, bearer = false) {
  return (o: Objects, p: Principal, method: HTTPMethods): InjectOptions => ({
    method, url: `/native${path(o, p)}`,
    headers: {
      authorization: bearer ? `Bearer ${p.partner.apiKey}` : basic(p.login.username, p.login.password),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body(o, p)) : undefined,
  })
}
const isAdmin = (p: Principal) => p.role === 'admin'
const forbidden = (a: Answer) => { assert.deepEqual([a.status, json(a)], [403, { error: 'forbidden' }]) }
const nativeNotFound = (entity: string) => (a: Answer) => { assert.deepEqual([a.status, json(a)], [404, { error: `${entity} not found` }]) }

/** The cases every native operation shares: tenant users who are no administrators (403) and reseller keys as bearer (401). */
function refusedPrincipals(path: (o: Objects, p: Principal) => string, body?: NativeBody): MatrixCase[] {
  return [
    { kind: 'platform-only', why: 'a tenant user who is no administrator may not use the native API', label: 'tenant user', principals: (p) => !isAdmin(p), request: nativeRequest(path, body), check: forbidden },
    {
      kind: 'platform-only', why: "a reseller's API key is no native credential", label: "reseller's API key as bearer", principals: isAdmin, request: nativeRequest(path, body, true),
      check: (a) => { assert.deepEqual([a.status, json(a)], [401, { error: 'unauthenticated' }]) },
    },
  ]
}

/** Platform admins only: a reseller's administrator is refused too. */
function platformOnly(path: (o: Objects, p: Principal) => string, body?: NativeBody): MatrixEntry {
  return [
    { kind: 'platform-only', why: 'platform admins only', label: "reseller's admin", principals: isAdmin, request: nativeRequest(path, body), check: forbidden },
    ...refusedPrincipals(path, body),
  ]
}

/** Names one of A's objects: a foreign reseller administrator gets the not-found. */
function nativeTarget(path: (o: Objects) => string, entity: string, body?: NativeBody, control?: (a: Answer, o: Objects) => void): MatrixEntry {
  return [
    {
      kind: 'target', label: "reseller's admin", principals: isAdmin, request: nativeRequest(path, body), check: nativeNotFound(entity),
      ...(control ? { control: { as: 'admin' as const, check: control } } : {}),
    },
    ...refusedPrincipals(path, body),
  ]
}

/** Lists the caller's own tenant: A's object is absent; naming A's reseller is not-found. */
function nativeList(path: string, absent: (o: Objects) => number, control: (a: Answer, o: Objects) => void, byReseller = true): MatrixEntry {
  return [
    {
      kind: 'list', why: "lists the caller's own tenant only", label: "reseller's admin", principals: isAdmin, request: nativeRequest(() => path),
      check: (a, o) => { assert.equal(a.status, 200, a.body); assert.ok(!json<{ items: { id: number }[] }>(a).items.some((i) => i.id === absent(o)), a.body) },
      control: { as: 'admin', check: control },
    },
    ...(byReseller ? [{
      kind: 'target' as const, label: "A's resellerId", principals: isAdmin, request: nativeRequest((o) => `${path}${path.includes('?') ? '&' : '?'}resellerId=${o.reseller}`), check: nativeNotFound('Reseller'),
    }] : []),
    ...refusedPrincipals(() => path),
  ]
}

/** Creates in the caller's own tenant: works for its administrator; naming A's reseller is not-found. */
function nativeCreate(path: string, body: NativeBody, why: string): MatrixEntry {
  return [
    {
      kind: 'create', why, label: "reseller's admin", principals: isAdmin, request: nativeRequest(() => path, body),
      check: (a) => { assert.ok(a.status === 201, a.body) },
    },
    {
      kind: 'target', label: "A's resellerId", principals: isAdmin, request: nativeRequest(() => path, (o, p) => ({ ...(body(o, p) as object), resellerId: o.reseller })), check: nativeNotFound('Reseller'),
    },
    ...refusedPrincipals(() => path, body),
  ]
}

const idIs = (id: (o: Objects) => number) => (a: Answer, o: Objects) => { assert.equal(a.status, 200, a.body); assert.equal(json<{ id: number }>(a).id, id(o)) }
const listed = (id: (o: Objects) => number) => (a: Answer, o: Objects) => {
  assert.equal(a.status, 200, a.body)
  assert.ok(json<{ items: { id: number }[] }>(a).items.some((i) => i.id === id(o)), a.body)
}
const PROMO = { productKey: 'domcno', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', resellerPriceOne: '1', resellerPriceTwo: '2', customerPrice: '3', resellerPrice: '2', actionType: 'addnewdomain' }
const GATEWAY = { gatewayType: 'card', gatewayName: 'Card', postUrl: 'https://pay.b.example.com/', paymentTypes: ['Payment'] }

/** A's Delacon order through the native order routes: B's admin gets 404 `Order not found`, plain users 403. */
function delaconOrderTarget(method: HTTPMethods, suffix: string): MatrixEntry {
  return [{
    kind: 'target', methods: [method],
    request: (o, p) => ({ method, url: `/native/delacon/orders/${o.delaconOrder}${suffix}`, headers: { authorization: basic(p.login.username, p.login.password) } }),
    check: (a, _o, p) => {
      if (p.tenant === 'A' || p.role === 'user') assert.deepEqual([a.status, json(a)], [403, { error: 'forbidden' }])
      else assert.deepEqual([a.status, json(a)], [404, { error: 'Order not found' }])
    },
    ...(method === 'GET' ? { control: { as: 'admin' as const, check: (a: Answer, o: Objects) => { assert.equal(a.status, 200, a.body); assert.equal(json<{ id: number }>(a).id, o.delaconOrder) } } } : {}),
  }]
}

export const NATIVE_ENTRIES: Record<string, MatrixEntry> = {
  'POST /resellers': platformOnly(() => '/resellers', () => ({ name: 'Hijack', username: 'hijack' })),
  'GET /resellers': nativeList('/resellers', (o) => o.reseller, listed((o) => o.reseller), false),
  'GET /resellers/:id': nativeTarget((o) => `/resellers/${o.reseller}`, 'Reseller', undefined, idIs((o) => o.reseller)),
  'PATCH /resellers/:id': nativeTarget((o) => `/resellers/${o.reseller}`, 'Reseller', () => ({ name: 'Hijacked' })),
  'GET /resellers/:id/sub-resellers': nativeTarget((o) => `/resellers/${o.reseller}/sub-resellers`, 'Reseller', undefined, (a) => { assert.equal(a.status, 200, a.body) }),
  'GET /resellers/:id/api-keys': nativeTarget((o) => `/resellers/${o.reseller}/api-keys`, 'Reseller', undefined, (a) => { assert.equal(a.status, 200, a.body) }),
  'POST /resellers/:id/api-keys': nativeTarget((o) => `/resellers/${o.reseller}/api-keys`, 'Reseller', () => ({ label: 'hijack' })),
  'DELETE /resellers/:id/api-keys/:keyId': nativeTarget((o) => `/resellers/${o.reseller}/api-keys/1`, 'Reseller'),
  'GET /resellers/:id/settings': nativeTarget((o) => `/resellers/${o.reseller}/settings`, 'Reseller', undefined, (a, o) => {
    assert.equal(a.status, 200, a.body)
    assert.equal(json<{ resellerId: number }>(a).resellerId, o.reseller)
  }),
  'PUT /resellers/:id/settings': nativeTarget((o) => `/resellers/${o.reseller}/settings`, 'Reseller', () => ({ 'delacon.callbackUrl': 'https://hijack.example/cb' })),
  'POST /users': platformOnly(() => '/users', () => ({ username: 'hijack', password: 'hijack-12' })),
  'POST /users/password': platformOnly(() => '/users/password', () => ({ username: 'admin', password: 'hijacked-1' })),
  'GET /customers': nativeList('/customers', (o) => o.customer, listed((o) => o.customer)),
  'GET /customers/:id': nativeTarget((o) => `/customers/${o.customer}`, 'Customer', undefined, idIs((o) => o.customer)),
  'POST /customers/:id/suspend': nativeTarget((o) => `/customers/${o.customer}/suspend`, 'Customer'),
  'POST /customers/:id/reactivate': nativeTarget((o) => `/customers/${o.customer}/reactivate`, 'Customer'),
  'POST /customers/:id/receipts': nativeTarget((o) => `/customers/${o.customer}/receipts`, 'Customer', () => ({ amount: '1' })),
  'GET /customers/:id/orders': nativeTarget((o) => `/customers/${o.rcCustomer}/orders`, 'Customer', undefined, listed((o) => o.order)),
  'GET /products': nativeList('/products', (o) => o.product, listed((o) => o.product)),
  'POST /products': nativeCreate('/products', () => ({ kind: 'main', name: 'Hijack', currency: 'GBP' }), "creates a product of the caller's own reseller"),
  'PUT /products/:id/addons': nativeTarget((o) => `/products/${o.product}/addons`, 'Product', () => ({ addonIds: [] })),
  'GET /products/:id/features': nativeTarget((o) => `/products/${o.product}/features`, 'Product', undefined, (a, o) => { assert.equal(json<{ productId: number }>(a).productId, o.product) }),
  'PUT /products/:id/features/:name': nativeTarget((o) => `/products/${o.product}/features/clir`, 'Product', () => ({ enabled: true })),
  'GET /product-groups': nativeList('/product-groups', (o) => o.productGroup, listed((o) => o.productGroup)),
  'POST /product-groups': nativeCreate('/product-groups', () => ({ name: 'Hijack' }), "creates a product group of the caller's own reseller"),
  'GET /subscription-plans': nativeList('/subscription-plans', (o) => o.plan, listed((o) => o.plan)),
  'POST /subscription-plans': nativeCreate('/subscription-plans', () => ({ name: 'Hijack', fee: '1' }), "creates a subscription plan of the caller's own reseller"),
  'GET /service-accounts': nativeList('/service-accounts', (o) => o.serviceAccount, listed((o) => o.serviceAccount)),
  'POST /service-accounts': nativeTarget(() => '/service-accounts', 'Customer', (o) => ({ customerId: o.customer, kind: 'sip', login: 'hijack-sip' })),
  'GET /service-accounts/:id': nativeTarget((o) => `/service-accounts/${o.serviceAccount}`, 'Account', undefined, idIs((o) => o.serviceAccount)),
  'PATCH /service-accounts/:id': nativeTarget((o) => `/service-accounts/${o.serviceAccount}`, 'Account', () => ({ balance: '1000' })),
  'POST /service-accounts/:id/block': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/block`, 'Account'),
  'POST /service-accounts/:id/unblock': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/unblock`, 'Account'),
  'POST /service-accounts/:id/close': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/close`, 'Account'),
  'GET /service-accounts/:id/features': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/features`, 'Account', undefined,
    (a, o) => { assert.equal(json<{ accountId: number }>(a).accountId, o.serviceAccount) }),
  'PUT /service-accounts/:id/features/:name': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/features/clir`, 'Account', () => ({ enabled: true })),
  'GET /service-accounts/:id/addons': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/addons`, 'Account', undefined, (a) => { assert.equal(a.status, 200, a.body) }),
  'POST /service-accounts/:id/addons': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/addons`, 'Account', (o) => ({ addonProductId: o.product })),
  'PATCH /service-accounts/:id/addons/:assignmentId': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/addons/${o.addonAssignment}`, 'Account', () => ({ to: null })),
  'PUT /service-accounts/:id/device': nativeTarget((o) => `/service-accounts/${o.serviceAccount}/device`, 'Account', () => ({ modelId: 1 })),
  'GET /hunt-groups': nativeList('/hunt-groups', (o) => o.huntGroup, listed((o) => o.huntGroup)),
  'POST /hunt-groups': nativeTarget(() => '/hunt-groups', 'Customer', (o) => ({ customerId: o.customer, name: 'Hijack', number: '999' })),
  'GET /hunt-groups/:id': nativeTarget((o) => `/hunt-groups/${o.huntGroup}`, 'Hunt group', undefined, idIs((o) => o.huntGroup)),
  'PATCH /hunt-groups/:id': nativeTarget((o) => `/hunt-groups/${o.huntGroup}`, 'Hunt group', () => ({ active: false })),
  'POST /hunt-groups/:id/members': nativeTarget((o) => `/hunt-groups/${o.huntGroup}/members`, 'Hunt group', (o) => ({ accountId: o.serviceAccount })),
  'DELETE /hunt-groups/:id/members/:memberId': nativeTarget((o) => `/hunt-groups/${o.huntGroup}/members/${o.huntMember}`, 'Hunt group'),
  'GET /promos': nativeList('/promos', (o) => o.promo, listed((o) => o.promo)),
  'POST /promos': nativeCreate('/promos', () => PROMO, "creates a promo of the caller's own reseller"),
  'GET /promos/:id': nativeTarget((o) => `/promos/${o.promo}`, 'Promo', undefined, idIs((o) => o.promo)),
  'PATCH /promos/:id': nativeTarget((o) => `/promos/${o.promo}`, 'Promo', () => ({ active: false })),
  'DELETE /promos/:id': nativeTarget((o) => `/promos/${o.promo}`, 'Promo'),
  'GET /payment-gateways': nativeList('/payment-gateways', (o) => o.gateway, listed((o) => o.gateway)),
  'POST /payment-gateways': nativeCreate('/payment-gateways', () => GATEWAY, "adds a gateway of the caller's own reseller"),
  'GET /payment-gateways/:id': nativeTarget((o) => `/payment-gateways/${o.gateway}`, 'Payment gateway', undefined, idIs((o) => o.gateway)),
  'PATCH /payment-gateways/:id': nativeTarget((o) => `/payment-gateways/${o.gateway}`, 'Payment gateway', () => ({ displayPosition: 9 })),
  'DELETE /payment-gateways/:id': nativeTarget((o) => `/payment-gateways/${o.gateway}`, 'Payment gateway'),
  'GET /orders': nativeList('/orders', (o) => o.order, listed((o) => o.order)),
  'POST /orders': [
    {
      kind: 'reference', label: "A's customer", why: "orders for a customer, and names A's", principals: isAdmin, request: nativeRequest(() => '/orders', (o) => ({ customerId: o.rcCustomer, productKey: 'domcno' })),
      check: (a) => { assert.deepEqual([a.status, json(a)], [400, { error: 'customerId names no customer', field: 'customerId' }]) },
    },
    ...refusedPrincipals(() => '/orders', (o) => ({ customerId: o.rcCustomer, productKey: 'domcno' })),
  ],
  'GET /orders/:id': nativeTarget((o) => `/orders/${o.order}`, 'Order', undefined, idIs((o) => o.order)),
  'PATCH /orders/:id': nativeTarget((o) => `/orders/${o.order}`, 'Order', () => ({ status: 'suspended' })),
  'DELETE /orders/:id': nativeTarget((o) => `/orders/${o.order}`, 'Order'),
  'GET /delacon/orders': [{
    kind: 'list', why: "lists the orders of the caller's tenant (platform admins: every tenant); A's orders are absent",
    request: (_o, p, method) => ({ method, url: `/native/delacon/orders?resellerId=${_o.reseller}`, headers: { authorization: basic(p.login.username, p.login.password) } }),
    check: (a, _o, p) => {
      if (p.role === 'user') assert.deepEqual([a.status, json(a)], [403, { error: 'forbidden' }])
      else assert.deepEqual([a.status, json(a)], [200, { items: [], total: 0 }])
    },
  }],
  'GET /delacon/orders/:id': delaconOrderTarget('GET', ''),
  'POST /delacon/orders/:id/callback': delaconOrderTarget('POST', '/callback'),
  'POST /delacon/orders/:id/fail': delaconOrderTarget('POST', '/fail'),
  'GET /packetera/members/:id/callbacks': nativeTarget((o) => `/packetera/members/${o.customer}/callbacks`, 'Member', undefined,
    (a, o) => { assert.equal(a.status, 200, a.body); assert.ok(json<{ items: { requestId: string }[] }>(a).items.some((r) => r.requestId === o.callbackRequest), a.body) }),
  'GET /packetera/callbacks/:id': nativeTarget((o) => `/packetera/callbacks/${o.callbackRequest}`, 'Callback request', undefined,
    (a, o) => { assert.equal(a.status, 200, a.body); assert.equal(json<{ requestId: string }>(a).requestId, o.callbackRequest) }),
  'POST /numbers': nativeCreate('/numbers', () => ({ region: 'Australia', numberType: '1800', count: 1 }), "adds numbers to the caller's own stock"),
  'GET /numbers': nativeList('/numbers?state=free', (o) => o.number, listed((o) => o.number)),
  'DELETE /numbers/:id': nativeTarget((o) => `/numbers/${o.number}`, 'Number'),
  'GET /sandbox/sends': platformOnly(() => '/sandbox/sends'),
  'POST /sandbox/inbound': platformOnly(() => '/sandbox/inbound', () => ({ service: 'sms', from: '+15550001111', to: '+15550100001', text: 'hi' })),
  'GET /campaigns/:id': nativeTarget((o) => `/campaigns/${o.campaign}`, 'Campaign', undefined, idIs((o) => o.campaign)),
  'POST /groups/:id/contacts.csv': nativeTarget((o) => `/groups/${o.group}/contacts.csv`, 'Group'),
  'PUT /campaigns/:id/cpm': platformOnly((o) => `/campaigns/${o.campaign}/cpm`, () => ({ cpm: 1 })),
  'GET /providers/:id/health': platformOnly((o) => `/providers/${o.provider}/health`),
  'POST /demo': platformOnly(() => '/demo', () => ({})),
  'POST /jwt/rotate': platformOnly(() => '/jwt/rotate'),
}
