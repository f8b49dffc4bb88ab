import assert from 'node:assert/strict'
import type { HTTPMethods, InjectOptions } from 'fastify'
import { basic } from '../../helpers/wire.ts'
import type { Fixture, Objects, Own, Principal } from './fixture.ts'
import { PDF, WAV } from './fixture.ts'
import { json, mentions, type Answer, type Kind, type MatrixCase, type MatrixEntry } from './matrix.ts'

// The ICTCore part of the tenant matrix (issue 13 point 8), spec/ictcore.md §2.4: an id of another
// tenant answers exactly as a missing one (404 `<Entity> not found`); a non-admin sees only what it
// owns (404 for another user's object, 412 naming the field for another user's id in a body);
// lacking the permission (admin-only operations) → 403, checked before any lookup.

/** A value for each path parameter: the object of A's user 1 (or of A) that it names. */
function param(name: string, path: string, o: Objects): string | number {
  switch (name) {
    case 'account_id': return path.startsWith('/dids') ? o.did : path.startsWith('/extensions') ? o.extension : o.account
    case 'user_id': return o.user
    case 'role_id': return o.role
    case 'permission_id': return o.permission
    case 'provider_id': return o.provider
    case 'contact_id': return o.contact
    case 'group_id': return o.group
    case 'document_id': return o.document
    case 'recording_id': return o.recording
    case 'template_id': return o.template
    case 'text_id': return o.text
    case 'program_id': return o.program
    // An inbound type for an account's subscriptions, an outbound one for programs and transmissions.
    case 'type': return path.startsWith('/accounts') ? 'receivesms' : 'sendsms'
    // The attempted transmission for its spools and results, the pending one (still editable by its owner) otherwise.
    case 'transmission_id': return /\/(detail|result|retry|status)$/.test(path) ? o.transmission : o.pendingTransmission
    case 'spool_id': return o.spool
    case 'campaign_id': return o.campaign
    case 'name': return o.setting
  }
  throw new Error(`tenant matrix: no object for ICTCore path parameter :${name} (${path})`)
}

const fill = (path: string, o: Objects) => path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => String(param(name, path, o)))
const auth = (p: Principal) => basic(p.login.username, p.login.password)

interface Opts {
  /** The operation needs a permission the built-in `user` role lacks (spec §2.4, §4.10, §4.11): a non-admin gets 403. */
  admin?: boolean
  body?: (o: Objects, p: Principal) => unknown
  contentType?: string
  query?: (o: Objects) => string
  why?: string
  label?: string
  /** A list of another service than A's transmissions (no control: A's user 1 has none there either). */
  noControl?: boolean
  /** The path (under /api) instead of the operation's pattern filled with A's objects: a mixed relation. */
  url?: (o: Objects, p: Principal, own: Own) => string
}

function request(opts: Opts) {
  return (o: Objects, p: Principal, method: HTTPMethods, _fx: Fixture, path: string): InjectOptions => {
    const body = opts.body?.(o, p)
    return {
      method, url: `/api${opts.url ? opts.url(o, p, p.own!) : fill(path, o)}${opts.query ? `?${opts.query(o)}` : ''}`,
      headers: { authorization: auth(p), 'content-type': opts.contentType ?? 'application/json' },
      payload: body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body),
    }
  }
}

const FORBIDDEN = { error: { code: 403, message: 'User not permitted to perform required action' } }

/** True (and asserted) when `p` lacks the permission: then the answer is the 403. */
function forbidden(a: Answer, p: Principal, opts: Opts): boolean {
  if (!opts.admin || p.role === 'admin') return false
  assert.deepEqual([a.status, json(a)], [403, FORBIDDEN])
  return true
}

function make(kind: Kind, opts: Opts, check: MatrixCase['check'], control?: (a: Answer, o: Objects) => void): MatrixCase {
  return {
    kind, why: opts.why, label: opts.label, request: request(opts), check: async (a, o, p, inject) => { if (!forbidden(a, p, opts)) await check(a, o, p, inject) },
    control: control && { as: opts.admin ? 'admin' : 'owner', check: control },
  }
}

const ok = (a: Answer) => { assert.equal(a.status, 200, a.body) }

/** Names A's object in the path → 404 `<Entity> not found` (not the route's generic `Not Found`). */
const notFound = (a: Answer) => {
  assert.equal(a.status, 404, a.body)
  assert.match((json<{ error: { message: string } }>(a)).error.message, /^[A-Z][A-Za-z ]* not found$/)
}
const target = (opts: Opts = {}, ...more: MatrixCase[]): MatrixEntry => [make('target', opts, notFound, ok), ...more]

/** A relation from the caller's own object to A's (`url`) → 404, as for A's object alone. */
const mixed = (label: string, url: NonNullable<Opts['url']>, opts: Opts = {}): MatrixCase => make('target', { ...opts, label, url }, notFound)

/** Creates in the caller's tenant naming A's objects in the body → 412 for one of those fields. */
const reference = (fields: string[], body: (o: Objects, own: Own) => unknown, opts: Opts = {}): MatrixCase => make('reference', {
  ...opts, body: (o, p) => body(o, p.own!), label: opts.label ?? `A's ${fields.join(', ')}`, why: opts.why ?? `the body names A's ${fields.join(', ')}`,
}, (a) => {
  assert.equal(a.status, 412, a.body)
  const m = /^Data validation failed, for (\w+)$/.exec(json<{ error: { message: string } }>(a).error.message)
  assert.ok(m && fields.includes(m[1]!), a.body)
})

/** Lists the caller's objects: none of A's ids under `field`, plainly and filtered to A's user 1 (`user_id`, spec §6). */
function list(field: string, ids: (o: Objects) => number[], opts: Opts = {}): MatrixEntry {
  const check = (a: Answer, o: Objects) => {
    assert.equal(a.status, 200, a.body)
    const rows = json<Record<string, unknown>[]>(a)
    assert.ok(Array.isArray(rows), a.body)
    for (const id of ids(o)) assert.ok(!rows.some((r) => r[field] === id), `${field} ${id} of A is listed: ${a.body.slice(0, 300)}`)
  }
  const why = opts.why ?? "lists the caller's own objects"
  // Control: A's user 1 (A's admin for admin-only lists) finds them, unless the list is of another service.
  const control = opts.noControl ? undefined : (a: Answer, o: Objects) => {
    assert.equal(a.status, 200, a.body)
    const rows = json<Record<string, unknown>[]>(a)
    assert.ok(ids(o).some((id) => rows.some((r) => r[field] === id)), `no ${field} of ${ids(o).join(', ')} in ${a.body.slice(0, 300)}`)
  }
  return [make('list', { ...opts, why }, check, control), make('list', { ...opts, why, label: 'user_id filter', query: (o) => `user_id=${o.user}` }, check, control)]
}

/** Creates in the caller's own tenant, naming nothing of A → 200 (403 without the permission). */
const create = (body: (o: Objects, p: Principal) => unknown, opts: Opts = {}): MatrixCase => make('create', { ...opts, body, why: opts.why ?? "creates in the caller's own tenant" }, (a) => {
  assert.equal(a.status, 200, a.body)
})

const UPDATE = { name: 'hijack', first_name: 'hijack', title: 'hijack', description: 'hijack' }
const upd = () => UPDATE
const SCHEDULE = () => ({ delay: 3600 })
const ADMIN = { admin: true }

/** The ids of A's messages by kind. */
const M = { document: (o: Objects) => [o.document], recording: (o: Objects) => [o.recording], template: (o: Objects) => [o.template], text: (o: Objects) => [o.text] }
const media = {
  document: { body: () => PDF, contentType: 'application/pdf' },
  recording: { body: () => WAV, contentType: 'audio/wav' },
  template: { body: () => 'x,y\n', contentType: 'text/csv' },
}

/** Every ICTCore operation, by wire id. */
export const ICTCORE_ENTRIES: Record<string, MatrixEntry> = {
  'POST /authenticate': [
    { kind: 'self', why: 'logs the caller in as itself', label: 'own credentials',
      request: (_o, p) => ({ method: 'POST', url: '/api/authenticate', payload: { email: p.login.username, password: p.login.password } }),
      check: (a, _o, p) => { assert.equal(a.status, 200, a.body); assert.equal(json<{ user_id: number }>(a).user_id, p.userId) } },
    { kind: 'target', label: "A's identifier, own password",
      request: (o, p) => ({ method: 'POST', url: '/api/authenticate', payload: { user_id: o.user, password: p.login.password } }),
      check: (a) => { assert.deepEqual([a.status, json(a)], [401, { error: { code: 401, message: 'Invalid credentials' } }]) } },
  ],
  'POST /authenticate/cancel': [{
    kind: 'self-write', why: "revokes the caller's own token (A's user 1's token still works afterwards)",
    request: (_o, p, _m, fx) => ({ method: 'POST', url: '/api/authenticate/cancel', headers: { authorization: `Bearer ${fx.jwts[p.name]}` } }),
    check: (a) => { assert.deepEqual([a.status, json(a)], [200, true]) },
  }],
  'POST /users': [create((_o, p) => ({ username: `matrix-u${p.n}`, passwd: 'secret-12' }), ADMIN)],
  'GET /users': list('user_id', (o) => [o.user, o.admin]),
  'GET /users/{user_id}': target(),
  'PUT /users/{user_id}': target({ body: upd }),
  'DELETE /users/{user_id}': target(ADMIN),
  'PUT /users/{user_id}/password': target({ body: () => ({ password: 'hijacked-1' }) }),
  'GET /users/{user_id}/roles': target(),
  'PUT /users/{user_id}/roles/{role_id}': target(ADMIN, mixed("own user, A's role", (o, p) => `/users/${p.userId}/roles/${o.role}`, ADMIN)),
  'PUT /users/{user_id}/permissions/{permission_id}': target(ADMIN, mixed("own user, A's permission", (o, p) => `/users/${p.userId}/permissions/${o.permission}`, ADMIN)),
  'DELETE /users/{user_id}/roles/{role_id}': target(ADMIN, mixed("own user, A's role", (o, p) => `/users/${p.userId}/roles/${o.role}`, ADMIN)),
  'DELETE /users/{user_id}/permissions/{permission_id}': target(ADMIN, mixed("own user, A's permission", (o, p) => `/users/${p.userId}/permissions/${o.permission}`, ADMIN)),
  'GET /users/{user_id}/permissions': target(),
  'GET /users/{user_id}/accounts': target(),
  'POST /roles': [create((_o, p) => ({ name: `matrix-role-${p.n}` }), ADMIN)],
  'GET /roles': list('role_id', (o) => [o.role], ADMIN),
  'GET /roles/{role_id}': target(ADMIN),
  'PUT /roles/{role_id}': target({ ...ADMIN, body: upd }),
  'DELETE /roles/{role_id}': target(ADMIN),
  'GET /roles/{role_id}/permissions': target(ADMIN),
  'PUT /roles/{role_id}/permissions/{permission_id}': target(ADMIN, mixed("own role, A's permission", (o, _p, own) => `/roles/${own.role ?? o.role}/permissions/${o.permission}`, ADMIN)),
  'DELETE /roles/{role_id}/permissions/{permission_id}': target(ADMIN, mixed("own role, A's permission", (o, _p, own) => `/roles/${own.role ?? o.role}/permissions/${o.permission}`, ADMIN)),
  'POST /permissions': [create((_o, p) => ({ name: `matrix_perm_${'abcdefghijklmnop'[p.n]}` }), ADMIN)],
  'GET /permissions': list('permission_id', (o) => [o.permission], ADMIN),
  'GET /permissions/{permission_id}': target(ADMIN),
  'PUT /permissions/{permission_id}': target({ ...ADMIN, body: upd }),
  'DELETE /permissions/{permission_id}': target(ADMIN),
  'POST /accounts': [create((_o, p) => ({ username: `matrix-acct-${p.n}` }), ADMIN)],
  'GET /accounts': list('account_id', (o) => [o.account, o.did, o.extension]),
  'GET /accounts/{account_id}': target(),
  'PUT /accounts/{account_id}': target({ body: upd }),
  'DELETE /accounts/{account_id}': target(ADMIN),
  'POST /dids': [create((_o, p) => ({ phone: `+1555090${String(p.n).padStart(4, '0')}` }), ADMIN)],
  'GET /dids': list('account_id', (o) => [o.did]),
  'GET /dids/{account_id}': target(),
  'PUT /dids/{account_id}': target({ body: upd }),
  'DELETE /dids/{account_id}': target(ADMIN),
  'POST /extensions': [create((_o, p) => ({ username: `80${String(p.n).padStart(2, '0')}`, passwd: 'extSecret9' }), ADMIN)],
  'GET /extensions': list('account_id', (o) => [o.extension]),
  'GET /extensions/{account_id}': target(),
  'PUT /extensions/{account_id}': target({ body: upd }),
  'DELETE /extensions/{account_id}': target(ADMIN),
  'PUT /accounts/{account_id}/users/{user_id}': target(ADMIN, mixed("own account, A's user", (o, _p, own) => `/accounts/${own.account}/users/${o.user}`, ADMIN)),
  'DELETE /accounts/{account_id}/users': target(ADMIN),
  'GET /accounts/{account_id}/settings/{name}': target(),
  'PUT /accounts/{account_id}/settings/{name}': target({ body: () => ({ value: 'red' }) }),
  'DELETE /accounts/{account_id}/settings/{name}': target(),
  'GET /programs': list('program_id', (o) => [o.program, o.inboundProgram]),
  'POST /programs': [
    reference(['text_id'], (o) => ({ type: 'sendsms', name: 'x', text_id: o.text })),
    reference(['account_id'], (o, own) => ({ type: 'sendsms', name: 'x', text_id: own.text, account_id: o.account })),
    reference(['document_id'], (o) => ({ type: 'sendfax', name: 'x', document_id: o.document })),
    reference(['recording_id'], (o) => ({ type: 'voicemessage', name: 'x', recording_id: o.recording })),
    reference(['template_id'], (o) => ({ type: 'sendemail', name: 'x', template_id: o.template })),
    reference(['text_id'], (o) => ({ type: 'voicetts', name: 'x', text_id: o.text }), { label: "A's text_id (voicetts)" }),
    reference(['account_id'], (o) => ({ type: 'receivesms', name: 'x', account_id: o.account }), { label: "A's account_id (inbound)" }),
    reference(['extension_id'], (o) => ({ type: 'forward', name: 'x', extension_id: o.extension })),
    create(() => ({ type: 'receivesms', name: 'matrix inbound' })),
  ],
  'GET /programs/{program_id}': target(),
  'PUT /programs/{program_id}': target({ body: upd },
    reference(['text_id'], (o) => ({ text_id: o.text }), { url: (_o, _p, own) => `/programs/${own.program}` }),
    reference(['account_id'], (o) => ({ account_id: o.account }), { url: (_o, _p, own) => `/programs/${own.program}` })),
  'DELETE /programs/{program_id}': target(),
  'GET /programs/{type}': list('program_id', (o) => [o.program], { why: "lists the caller's own programs of a type" }),
  'POST /programs/{type}': [reference(['text_id'], (o) => ({ name: 'x', text_id: o.text }))],
  'PUT /accounts/{account_id}/programs/{program_id}': target({}, mixed("own account, A's program", (o, _p, own) => `/accounts/${own.account}/programs/${o.inboundProgram}`)),
  'PUT /accounts/{account_id}/programs/{type}': target(),
  'DELETE /accounts/{account_id}/programs/{program_id}': target(),
  'DELETE /accounts/{account_id}/programs/{type}': target(),
  'DELETE /accounts/{account_id}/programs': target(),
  'POST /providers': [create((_o, p) => ({ name: `matrix-prov-${p.n}`, type: 'sandbox' }), ADMIN)],
  'GET /providers': list('provider_id', (o) => [o.provider], ADMIN),
  'GET /providers/{provider_id}': target(ADMIN),
  'PUT /providers/{provider_id}': target({ ...ADMIN, body: upd }),
  'DELETE /providers/{provider_id}': target(ADMIN),
  'GET /statistics': [0, 1].map((filtered): MatrixCase => make('aggregate', {
    why: "counts over the caller's scope: its own objects (an admin: its tenant's), never A's user 1's",
    label: filtered ? 'user_id filter' : undefined, query: filtered ? (o) => `user_id=${o.user}` : undefined,
  }, (a, _o, p) => {
    assert.equal(a.status, 200, a.body)
    const s = json<Record<string, number>>(a)
    // Each foreign principal owns one contact, group, campaign and transmission (buildFixture); B's admin
    // sees its tenant's three principals'. Narrowed to A's user 1, nothing.
    const own = filtered ? 0 : p.role === 'admin' ? 3 : 1
    for (const k of ['contact_total', 'group_total', 'campaign_total', 'transmission_total']) assert.equal(s[k], own, `${k}: ${a.body}`)
    assert.equal(s.spool_total, 0, a.body)
  })),
  'POST /contacts': [create((_o, p) => ({ first_name: 'Foreign', phone: `+1555080${String(p.n).padStart(4, '0')}` }))],
  'GET /contacts': list('contact_id', (o) => [o.contact]),
  'GET /contacts/{contact_id}': target(),
  'PUT /contacts/{contact_id}': target({ body: upd }),
  'DELETE /contacts/{contact_id}': target(),
  'PUT /contacts/{contact_id}/link/{group_id}': target({}, mixed("own contact, A's group", (o, _p, own) => `/contacts/${own.contact}/link/${o.group}`)),
  'DELETE /contacts/{contact_id}/link/{group_id}': target({}, mixed("own contact, A's group", (o, _p, own) => `/contacts/${own.contact}/link/${o.group}`)),
  'POST /groups': [create(() => ({ name: 'Foreign group' }))],
  'GET /groups': list('group_id', (o) => [o.group]),
  'GET /groups/{group_id}': target(),
  'PUT /groups/{group_id}': target({ body: upd }),
  'DELETE /groups/{group_id}': target(),
  'GET /groups/{group_id}/contacts': target(),
  'POST /groups/{group_id}/csv': target({ body: () => 'phone\n+15550300001\n', contentType: 'text/csv' }),
  'GET /groups/{group_id}/csv/report': target(),
  'GET /groups/{group_id}/csv': target(),
  'GET /groups/sample/csv': [make('static', { why: 'a fixed sample file' }, (a, o) => {
    assert.equal(a.status, 200, a.body)
    assert.ok(!a.body.includes('+15550200001') && !mentions(a.body, o.customerEmail), a.body)
  })],
  'POST /messages/documents': [create(() => ({ name: 'Foreign doc' }))],
  'GET /messages/documents': list('document_id', M.document),
  'GET /messages/documents/{document_id}': target(),
  'PUT /messages/documents/{document_id}': target({ body: upd }),
  'DELETE /messages/documents/{document_id}': target(),
  'POST /messages/recordings': [create(() => ({ name: 'Foreign rec' }))],
  'GET /messages/recordings': list('recording_id', M.recording),
  'GET /messages/recordings/{recording_id}': target(),
  'PUT /messages/recordings/{recording_id}': target({ body: upd }),
  'DELETE /messages/recordings/{recording_id}': target(),
  'POST /messages/templates': [create(() => ({ name: 'Foreign tpl', subject: 's', body: 'b' }))],
  'GET /messages/templates': list('template_id', M.template),
  'GET /messages/templates/{template_id}': target(),
  'PUT /messages/templates/{template_id}': target({ body: upd }),
  'DELETE /messages/templates/{template_id}': target(),
  'POST /messages/texts': [create(() => ({ name: 'Foreign text', data: 'x' }))],
  'GET /messages/texts': list('text_id', M.text),
  'GET /messages/texts/{text_id}': target(),
  'PUT /messages/texts/{text_id}': target({ body: upd }),
  'DELETE /messages/texts/{text_id}': target(),
  'PUT /messages/documents/{document_id}/media': target(media.document),
  'POST /messages/documents/{document_id}/media': target(media.document),
  'GET /messages/documents/{document_id}/media': target(),
  'PUT, POST /messages/recordings/{recording_id}/media': target(media.recording),
  'GET /messages/recordings/{recording_id}/media': target(),
  'PUT, POST /messages/templates/{template_id}/media': target(media.template),
  'GET /messages/templates/{template_id}/media': target(),
  'POST /transmissions': [
    reference(['program_id'], (o, own) => ({ program_id: o.program, contact_id: own.contact, account_id: own.account })),
    reference(['contact_id'], (o, own) => ({ program_id: own.program, contact_id: o.contact, account_id: own.account })),
    reference(['account_id'], (o, own) => ({ program_id: own.program, contact_id: own.contact, account_id: o.account })),
    // Without contact_id the caller's own contact with that phone or email is used, else a new one is made (§5.8): never A's.
    ...(['phone', 'email'] as const).map((by): MatrixCase => make('create', {
      label: `A's contact's ${by}`, why: `names a contact by ${by}: the caller's own contact of that ${by} is used, or a new one made`,
      body: (_o, p) => ({ program_id: p.own!.program, account_id: p.own!.account, [by]: by === 'phone' ? '+15550200001' : 'c@a.example.com' }),
    }, async (a, o, p, inject) => {
      assert.equal(a.status, 200, a.body)
      const made = await inject({ method: 'GET', url: `/api/transmissions/${json<number>(a)}`, headers: { authorization: auth(p) } })
      assert.notEqual(json<{ contact_id: number }>(made).contact_id, o.contact, made.body)
    })),
  ],
  'GET /transmissions': list('transmission_id', (o) => [o.transmission, o.pendingTransmission]),
  'GET /calls': list('transmission_id', (o) => [o.transmission, o.pendingTransmission], { noControl: true }),
  'GET /faxes': list('transmission_id', (o) => [o.transmission, o.pendingTransmission], { noControl: true }),
  'GET /smses': list('transmission_id', (o) => [o.transmission, o.pendingTransmission]),
  'GET /emails': list('transmission_id', (o) => [o.transmission, o.pendingTransmission], { noControl: true }),
  'GET /transmissions/{transmission_id}': target(),
  'PUT /transmissions/{transmission_id}': target({ body: upd }, ...(['program_id', 'contact_id', 'account_id'] as const).map((field) =>
    reference([field], (o) => ({ [field]: field === 'program_id' ? o.program : field === 'contact_id' ? o.contact : o.account }), { url: (_o, _p, own) => `/transmissions/${own.transmission}` }))),
  'DELETE /transmissions/{transmission_id}': target(),
  'POST /transmissions/{transmission_id}/send': target({}, {
    ...make('reference', {
      label: 'own transmission', why: "sending the caller's own transmission routes only to its own tenant's providers, never A's (§7.1)",
      url: (_o, _p, own) => `/transmissions/${own.transmission}/send`,
    }, (a) => { assert.deepEqual([a.status, json(a)], [404, { error: { code: 404, message: 'No provider available' } }]) }),
    // A's provider is tenant A's (admin-managed, shared by the tenant's users): only B has none.
    principals: (p) => p.tenant === 'B',
  }),
  'POST /transmissions/{transmission_id}/retry': target(),
  'PUT, POST /transmissions/{transmission_id}/schedule': target({ body: SCHEDULE }),
  'DELETE /transmissions/{transmission_id}/schedule': target(),
  'GET, POST /transmissions/{transmission_id}/clone': target(),
  'GET /programs/{program_id}/transmissions': target(),
  'PUT, POST /programs/{program_id}/transmissions': target({ body: (o) => ({ contact_id: o.contact }) },
    reference(['contact_id'], (o, own) => ({ contact_id: o.contact, account_id: own.account }), { url: (_o, _p, own) => `/programs/${own.program}/transmissions` }),
    reference(['account_id'], (o, own) => ({ contact_id: own.contact, account_id: o.account }), { url: (_o, _p, own) => `/programs/${own.program}/transmissions` })),
  'PUT, POST /programs/{type}/transmissions': [
    reference(['text_id'], (o, own) => ({ program_data: { name: 'x', text_id: o.text }, transmission_data: { contact_id: own.contact, account_id: own.account } })),
    reference(['contact_id'], (o, own) => ({ program_data: { name: 'x', text_id: own.text }, transmission_data: { contact_id: o.contact, account_id: own.account } })),
    reference(['account_id'], (o, own) => ({ program_data: { name: 'x', text_id: own.text }, transmission_data: { contact_id: own.contact, account_id: o.account } })),
  ],
  'GET /transmissions/{transmission_id}/status': target(),
  'GET /transmissions/{transmission_id}/detail': target(),
  'GET /transmissions/{transmission_id}/result': target(),
  'GET /spools': list('spool_id', (o) => [o.spool]),
  'GET /spools/{spool_id}': target(),
  'GET /spools/{spool_id}/status': target(),
  'GET /spools/{spool_id}/result': target(),
  'POST /campaigns': [
    reference(['program_id'], (o, own) => ({ program_id: o.program, group_id: own.group, account_id: own.account })),
    reference(['group_id'], (o, own) => ({ program_id: own.program, group_id: o.group, account_id: own.account })),
    reference(['account_id'], (o, own) => ({ program_id: own.program, group_id: own.group, account_id: o.account })),
  ],
  'GET /campaigns': list('campaign_id', (o) => [o.campaign]),
  'GET /campaigns/{campaign_id}': target(),
  'PUT /campaigns/{campaign_id}': target({ body: () => ({ cpm: 5 }) }, ...(['program_id', 'group_id', 'account_id'] as const).map((field) =>
    reference([field], (o) => ({ [field]: field === 'program_id' ? o.program : field === 'group_id' ? o.group : o.account }), { url: (_o, _p, own) => `/campaigns/${own.campaign}` }))),
  'DELETE /campaigns/{campaign_id}': target(),
  'GET, PUT, POST /campaigns/{campaign_id}/start': target(),
  'GET, PUT, POST /campaigns/{campaign_id}/stop': target(),
  'POST, PUT /campaigns/{campaign_id}/start/schedule': target({ body: SCHEDULE }),
  'POST, PUT /campaigns/{campaign_id}/stop/schedule': target({ body: SCHEDULE }),
  'DELETE, POST /campaigns/{campaign_id}/schedule': target(),
  'DELETE /campaigns/{campaign_id}/schedule/cancel': target(),
}
