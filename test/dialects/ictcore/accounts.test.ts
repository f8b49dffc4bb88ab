import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const basic = (u: { username: string; password: string }) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const FORBIDDEN = { error: { code: 403, message: 'User not permitted to perform required action' } }
const ACCOUNT_NOT_FOUND = { error: { code: 404, message: 'Account not found' } }
const ACCOUNT_FIELDS = ['account_id', 'type', 'username', 'first_name', 'last_name', 'phone', 'email', 'address', 'active', 'settings', 'programs', 'user_id', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore accounts, DIDs, extensions and settings, spec §4.9 and §5.2 (${kind})`, () => {
    let app: TestApp
    let admin: { id: number; username: string; password: string }
    let call: (method: string, url: string, payload?: unknown, as?: { username: string; password: string }) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      call = (method, url, payload, as = admin) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
    })
    after(async () => { await app.stop() })

    test('POST /accounts creates an account owned by the caller; GET shows every field and no secret', async () => {
      const id = (await call('POST', '/api/accounts', { username: 'acct-1', passwd: 'sip-secret', passwd_pin: '1234', first_name: 'A', phone: 3001234567, active: '1', settings: { codec: 'g711', lines: 2, vm: true } })).json()
      assert.equal(typeof id, 'number')
      const a = (await call('GET', `/api/accounts/${id}`)).json()
      assert.deepEqual(Object.keys(a).sort(), [...ACCOUNT_FIELDS].sort())
      assert.equal(a.type, 'account')
      assert.equal(a.user_id, admin.id)
      assert.equal(a.phone, '3001234567')
      assert.deepEqual(a.settings, { codec: 'g711', lines: '2', vm: 'true' })
      assert.deepEqual(a.programs, [])
      assert.equal(a.last_name, null)
      assert.ok(!JSON.stringify(a).includes('sip-secret'))
      const [row] = await app.core.db.select().from(accounts).where(eq(accounts.id, id))
      assert.notEqual(row!.passwdEnc, 'sip-secret')
      assert.equal(app.core.keyring.decrypt(row!.passwdEnc!), 'sip-secret', 'stored encrypted for Porta to hand back')
      assert.equal(app.core.keyring.decrypt(row!.passwdPinEnc!), '1234')
      const list = (await call('GET', '/api/accounts')).json()
      assert.ok(!JSON.stringify(list).includes('passwd'))
    })

    test('type rules: did needs a phone (username defaults to it, unique), eaddress an email, extension username and passwd', async () => {
      const did = (await call('POST', '/api/accounts', { type: 'did', phone: '+44 20 7946 0001' })).json()
      assert.equal((await call('GET', `/api/accounts/${did}`)).json().username, '+442079460001')
      assert.deepEqual((await call('POST', '/api/dids', { phone: '+442079460001' })).json(), failed('phone'))
      assert.deepEqual((await call('POST', '/api/dids', {})).json(), failed('phone'))
      const ea = (await call('POST', '/api/accounts', { type: 'eaddress', email: 'fax@example.com' })).json()
      assert.equal((await call('GET', `/api/accounts/${ea}`)).json().username, 'fax@example.com')
      assert.deepEqual((await call('POST', '/api/accounts', { type: 'eaddress' })).json(), failed('email'))
      assert.deepEqual((await call('POST', '/api/extensions', { username: '1001' })).json(), failed('passwd'))
      assert.deepEqual((await call('POST', '/api/extensions', { passwd: 'x' })).json(), failed('username'))
      const ext = (await call('POST', '/api/extensions', { username: '1001', passwd: 'x', type: 'did' })).json()
      assert.equal((await call('GET', `/api/accounts/${ext}`)).json().type, 'extension', 'the collection forces the type')
      assert.deepEqual((await call('POST', '/api/extensions', { username: '1001', passwd: 'y' })).json(), failed('username'))
      assert.deepEqual((await call('POST', '/api/accounts', { type: 'pager' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/accounts', { email: 'nope' })).json(), failed('email'))
      assert.deepEqual((await call('POST', '/api/accounts', { phone: '+1' })).json(), failed('phone'))
      assert.deepEqual((await call('POST', '/api/accounts', { active: 'yes' })).json(), failed('active'))
      assert.deepEqual((await call('POST', '/api/accounts', { settings: ['a'] })).json(), failed('settings'))
      assert.deepEqual((await call('POST', '/api/accounts', { settings: { 'bad name': 'x' } })).json(), failed('settings'))
    })

    test('/dids and /extensions list and address only their type', async () => {
      const did = (await call('POST', '/api/dids', { phone: '15550001111' })).json()
      const ext = (await call('POST', '/api/extensions', { username: '2002', passwd: 'pw' })).json()
      const dids = (await call('GET', '/api/dids')).json() as { account_id: number; type: string }[]
      assert.ok(dids.every((a) => a.type === 'did') && dids.some((a) => a.account_id === did))
      assert.ok((await call('GET', '/api/extensions')).json().every((a: { type: string }) => a.type === 'extension'))
      assert.equal((await call('GET', `/api/dids/${did}`)).statusCode, 200)
      assert.deepEqual((await call('GET', `/api/dids/${ext}`)).json(), ACCOUNT_NOT_FOUND)
      assert.equal((await call('PUT', `/api/extensions/${ext}`, { first_name: 'Desk' })).json().first_name, 'Desk')
      assert.equal((await call('DELETE', `/api/extensions/${did}`)).statusCode, 404)
      assert.equal((await call('GET', `/api/dids/${did}/delete`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/accounts/${did}`)).json(), ACCOUNT_NOT_FOUND)
    })

    test('PUT is partial: type immutable, settings merge (null removes a key), required fields cannot be cleared', async () => {
      const id = (await call('POST', '/api/dids', { phone: '15550002222', settings: { a: '1', b: '2' } })).json()
      const res = await call('PUT', `/api/accounts/${id}`, { type: 'extension', address: 'Main St', settings: { b: null, c: 3 }, user_id: 12345, account_id: 7 })
      assert.equal(res.statusCode, 200)
      const a = res.json()
      assert.equal(a.account_id, id)
      assert.equal(a.type, 'did')
      assert.equal(a.address, 'Main St')
      assert.equal(a.user_id, admin.id)
      assert.deepEqual(a.settings, { a: '1', c: '3' })
      assert.deepEqual((await call('PUT', `/api/accounts/${id}`, { phone: null })).json(), failed('phone'))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}`, { phone: '' })).json(), failed('phone'))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}`, { active: null })).json(), failed('active'))
      assert.equal((await call('PUT', `/api/accounts/${id}`, { active: 0 })).json().active, 0)
      assert.deepEqual((await call('PUT', '/api/accounts/999999', {})).json(), ACCOUNT_NOT_FOUND)
    })

    test('account settings: PUT with value, data or a bare scalar; GET; DELETE is idempotent', async () => {
      const id = (await call('POST', '/api/accounts', {})).json()
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/greeting`, { value: 'hello' })).json(), { name: 'greeting', value: 'hello' })
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/ring.count`, { data: 4 })).json(), { name: 'ring.count', value: '4' })
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/enabled`, 'true', undefined)).json(), { name: 'enabled', value: 'true' })
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/quoted`, '"text"')).json(), { name: 'quoted', value: 'text' })
      assert.deepEqual((await call('GET', `/api/accounts/${id}/settings/greeting`)).json(), { name: 'greeting', value: 'hello' })
      assert.deepEqual((await call('GET', `/api/accounts/${id}`)).json().settings, { greeting: 'hello', 'ring.count': '4', enabled: 'true', quoted: 'text' })
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/x`, {})).json(), failed('value'))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/x`, { value: null })).json(), failed('value'))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/x`, { value: { a: 1 } })).json(), failed('value'))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/settings/${'n'.repeat(65)}`, { value: 1 })).json(), failed('name'))
      assert.equal((await call('DELETE', `/api/accounts/${id}/settings/greeting`)).body, 'true')
      assert.equal((await call('DELETE', `/api/accounts/${id}/settings/greeting`)).body, 'true')
      assert.equal((await call('GET', `/api/accounts/${id}/settings/enabled/delete`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/accounts/${id}/settings/greeting`)).json(), { error: { code: 404, message: 'Setting not found' } })
      assert.deepEqual((await call('GET', `/api/accounts/999999/settings/greeting`)).json(), ACCOUNT_NOT_FOUND)
    })

    test('PUT /accounts/{id}/users/{user_id} gives the account to a user; DELETE …/users leaves it unowned (admin only)', async () => {
      const owner = await app.user(null)
      const id = (await call('POST', '/api/accounts', { username: 'handed-over' })).json()
      const res = await call('PUT', `/api/accounts/${id}/users/${owner.id}`)
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().user_id, owner.id)
      const mine = (await call('GET', '/api/accounts', undefined, owner)).json().map((a: { account_id: number }) => a.account_id)
      assert.ok(mine.includes(id))
      assert.ok((await call('GET', `/api/users/${owner.id}/accounts`)).json().some((a: { account_id: number }) => a.account_id === id))
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/users/${owner.id}`, undefined, owner)).json(), FORBIDDEN)
      assert.deepEqual((await call('PUT', `/api/accounts/${id}/users/999999`)).json(), { error: { code: 404, message: 'User not found' } })
      const cleared = await call('DELETE', `/api/accounts/${id}/users`)
      assert.equal(cleared.json().user_id, null)
      assert.deepEqual((await call('GET', `/api/accounts/${id}`, undefined, owner)).json(), ACCOUNT_NOT_FOUND, 'unowned accounts are admin-only')
      assert.equal((await call('GET', `/api/accounts/${id}/users/delete`)).statusCode, 200)
    })

    test('a non-admin sees and updates only its own accounts, and may not create or delete', async () => {
      const me = await app.user(null)
      const other = await app.user(null)
      const [own] = (await call('GET', '/api/accounts', undefined, me)).json()
      assert.equal(own.user_id, me.id)
      const [theirs] = (await call('GET', `/api/users/${other.id}/accounts`)).json()
      assert.deepEqual((await call('GET', `/api/accounts/${theirs.account_id}`, undefined, me)).json(), ACCOUNT_NOT_FOUND)
      assert.deepEqual((await call('PUT', `/api/accounts/${theirs.account_id}`, { first_name: 'x' }, me)).json(), ACCOUNT_NOT_FOUND)
      assert.deepEqual((await call('PUT', `/api/accounts/${theirs.account_id}/settings/a`, { value: 1 }, me)).json(), ACCOUNT_NOT_FOUND)
      assert.equal((await call('PUT', `/api/accounts/${own.account_id}`, { first_name: 'Mine' }, me)).json().first_name, 'Mine')
      assert.equal((await call('PUT', `/api/accounts/${own.account_id}/settings/a`, { value: 1 }, me)).statusCode, 200)
      assert.deepEqual((await call('POST', '/api/accounts', {}, me)).json(), FORBIDDEN)
      assert.deepEqual((await call('DELETE', `/api/accounts/${own.account_id}`, undefined, me)).json(), FORBIDDEN)
      assert.equal((await call('GET', `/api/accounts?user_id=${other.id}`, undefined, me)).body, '[]')
      assert.equal((await call('GET', `/api/users/${other.id}/accounts`, undefined, me)).statusCode, 404)
    })

    test('GET /accounts filters (type, user_id/created_by, text) and pages', async () => {
      const u = await app.user(null)
      const a1 = (await call('POST', '/api/accounts', { username: 'flt-one', email: 'one@flt.example' })).json()
      const a2 = (await call('POST', '/api/accounts', { username: 'flt-two', email: 'two@FLT.example' })).json()
      await call('PUT', `/api/accounts/${a2}/users/${u.id}`)
      const byText = (await call('GET', '/api/accounts?email=flt.EXAMPLE')).json().map((a: { account_id: number }) => a.account_id)
      assert.deepEqual(byText, [a1, a2])
      assert.deepEqual((await call('GET', `/api/accounts?created_by=${u.id}&email=flt`)).json().map((a: { account_id: number }) => a.account_id), [a2])
      assert.deepEqual((await call('GET', `/api/accounts?user_id=${admin.id}&email=flt`)).json().map((a: { account_id: number }) => a.account_id), [a1])
      assert.deepEqual((await call('GET', '/api/accounts?email=flt&limit=1&offset=1')).json().map((a: { account_id: number }) => a.account_id), [a2])
      assert.deepEqual((await call('GET', `/api/users/${u.id}/accounts?type=account&username=flt`)).json().map((a: { account_id: number }) => a.account_id), [a2])
      assert.deepEqual((await call('GET', '/api/accounts?account_id=x')).json(), failed('account_id'))
      assert.deepEqual((await call('GET', '/api/accounts?created_by=x')).json(), failed('created_by'))
    })
  })
}
