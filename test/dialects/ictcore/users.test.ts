import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { campaigns } from '../../../src/core/campaigns/campaigns.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const basic = (u: { username: string; password: string }) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const FORBIDDEN = { error: { code: 403, message: 'User not permitted to perform required action' } }
const USER_FIELDS = ['user_id', 'username', 'first_name', 'last_name', 'phone', 'email', 'address', 'company', 'country_id', 'timezone_id', 'language_id', 'active', 'is_admin', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore users, roles and permissions of users, spec §4.10 (${kind})`, () => {
    let app: TestApp
    let admin: { id: number; username: string; password: string }
    let call: (method: string, url: string, payload?: unknown, as?: { username: string; password: string }) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      call = (method, url, payload, as = admin) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
    })
    after(async () => { await app.stop() })

    test('POST /users creates a user with the user role and a default account; GET shows every field', async () => {
      const res = await call('POST', '/api/users', { username: 'carol.k', passwd: 'secret-1', email: 'Carol@Example.com', phone: '+1 (555) 010-9999', first_name: 'Carol', country_id: '92', active: 1 })
      assert.equal(res.statusCode, 200)
      const id = res.json()
      assert.equal(typeof id, 'number')
      const user = (await call('GET', `/api/users/${id}`)).json()
      assert.deepEqual(Object.keys(user).sort(), [...USER_FIELDS].sort())
      assert.equal(user.phone, '+15550109999')
      assert.equal(user.country_id, 92)
      assert.equal(user.is_admin, 0)
      assert.equal(user.active, 1)
      assert.equal(user.last_name, null)
      assert.equal(typeof user.date_created, 'number')
      const roles = (await call('GET', `/api/users/${id}/roles`)).json()
      assert.deepEqual(roles.map((r: { name: string }) => r.name), ['user'])
      const accounts = (await call('GET', `/api/users/${id}/accounts`)).json()
      assert.equal(accounts.length, 1)
      assert.deepEqual([accounts[0].type, accounts[0].username, accounts[0].email, accounts[0].phone], ['account', 'carol.k', 'Carol@Example.com', '+15550109999'])
      const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: 'carol.k', password: 'secret-1' } })
      assert.equal(login.statusCode, 200)
    })

    test('user validation answers 412 naming the field', async () => {
      const cases: [unknown, string][] = [
        [{ passwd: 'secret-1' }, 'username'], [{ username: 'bad name', passwd: 'secret-1' }, 'username'], [{ username: 'x'.repeat(65), passwd: 'secret-1' }, 'username'],
        [{ username: 'nopass' }, 'passwd'], [{ username: 'shortpw', passwd: '12345' }, 'passwd'], [{ username: 'shortpw', password: '12345' }, 'password'],
        [{ username: 'e1', passwd: 'secret-1', email: 'not-an-email' }, 'email'], [{ username: 'p1', passwd: 'secret-1', phone: '12' }, 'phone'],
        [{ username: 'p2', passwd: 'secret-1', phone: 'abc-def' }, 'phone'], [{ username: 'c1', passwd: 'secret-1', country_id: 'x' }, 'country_id'],
        [{ username: 'a1', passwd: 'secret-1', active: 7 }, 'active'], [{ username: 'f1', passwd: 'secret-1', first_name: 'y'.repeat(256) }, 'first_name'],
        [{ username: 12, passwd: 'secret-1' }, 'username'], [[1], 'body'],
      ]
      for (const [body, field] of cases) {
        const res = await call('POST', '/api/users', body)
        assert.equal(res.statusCode, 412, JSON.stringify(body))
        assert.deepEqual(res.json(), failed(field))
      }
    })

    test('usernames and emails are unique (emails case-insensitively)', async () => {
      await call('POST', '/api/users', { username: 'dup-user', passwd: 'secret-1', email: 'dup@example.com' })
      assert.deepEqual((await call('POST', '/api/users', { username: 'dup-user', passwd: 'secret-1' })).json(), failed('username'))
      assert.deepEqual((await call('POST', '/api/users', { username: 'dup-user2', passwd: 'secret-1', email: 'DUP@example.com' })).json(), failed('email'))
    })

    test('PUT is partial, returns the full user, ignores read-only fields and refuses clearing required ones', async () => {
      const id = (await call('POST', '/api/users', { username: 'putty', passwd: 'secret-1', first_name: 'Old', company: 'Co' })).json()
      const res = await call('PUT', `/api/users/${id}`, { first_name: 'New', company: null, user_id: 999, is_admin: 1, date_created: 5, unknown: true })
      assert.equal(res.statusCode, 200)
      const u = res.json()
      assert.equal(u.user_id, id)
      assert.equal(u.first_name, 'New')
      assert.equal(u.company, null)
      assert.equal(u.is_admin, 0)
      assert.equal(u.username, 'putty')
      assert.deepEqual((await call('PUT', `/api/users/${id}`, { username: '' })).json(), failed('username'))
      assert.deepEqual((await call('PUT', `/api/users/${id}`, { passwd: null })).json(), failed('passwd'))
      assert.deepEqual((await call('PUT', `/api/users/${id}`, { username: admin.username })).json(), failed('username'))
      const pw = await call('PUT', `/api/users/${id}`, { passwd: 'changed-pw' })
      assert.equal(pw.statusCode, 200)
      assert.equal((await app.http.inject({ method: 'GET', url: `/api/users/${id}`, headers: basic({ username: 'putty', password: 'changed-pw' }) })).statusCode, 200)
    })

    test('PUT /users/{id}/password sets the password (6-128 chars)', async () => {
      const u = await app.user(null)
      const res = await call('PUT', `/api/users/${u.id}/password`, { password: 'another-one' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().user_id, u.id)
      assert.deepEqual((await call('PUT', `/api/users/${u.id}/password`, { password: '123' })).json(), failed('password'))
      assert.deepEqual((await call('PUT', `/api/users/${u.id}/password`, {})).json(), failed('password'))
      assert.equal((await call('PUT', '/api/users/999999/password', { password: 'another-one' })).statusCode, 404)
    })

    test('DELETE /users/{id} (and GET …/delete) removes the user; its accounts stay, unowned', async () => {
      const id = (await call('POST', '/api/users', { username: 'gone-soon', passwd: 'secret-1' })).json()
      const [account] = (await call('GET', `/api/users/${id}/accounts`)).json()
      const res = await call('DELETE', `/api/users/${id}`)
      assert.equal(res.body, 'true')
      const missing = await call('GET', `/api/users/${id}`)
      assert.deepEqual(missing.json(), { error: { code: 404, message: 'User not found' } })
      assert.equal((await call('GET', `/api/accounts/${account.account_id}`)).json().user_id, null)
      const id2 = (await call('POST', '/api/users', { username: 'gone-by-get', passwd: 'secret-1' })).json()
      assert.equal((await call('GET', `/api/users/${id2}/delete`)).body, 'true')
      assert.equal((await call('GET', `/api/users/${id2}`)).statusCode, 404)
      assert.equal((await call('DELETE', `/api/users/${id2}`)).statusCode, 404)
    })

    test('an admin cannot delete itself (423)', async () => {
      const res = await call('DELETE', `/api/users/${admin.id}`)
      assert.equal(res.statusCode, 423)
      assert.deepEqual(res.json(), { error: { code: 423, message: 'Cannot delete current user' } })
    })

    test('a user with a running campaign cannot be deleted (423); once it is paused, the user and its campaign go', async () => {
      const owner = await app.user(null)
      const [{ id: campaignId }] = await app.core.db.insert(campaigns).values({ tenantId: null, userId: owner.id, programId: 1, groupId: 1, status: 'running' }).returning()
      const res = await call('DELETE', `/api/users/${owner.id}`)
      assert.equal(res.statusCode, 423)
      assert.deepEqual(res.json(), { error: { code: 423, message: 'User has a running campaign' } })
      await app.core.db.update(campaigns).set({ status: 'paused' }).where(eq(campaigns.id, campaignId))
      assert.equal((await call('DELETE', `/api/users/${owner.id}`)).body, 'true')
      assert.deepEqual(await app.core.db.select().from(campaigns).where(eq(campaigns.id, campaignId)), [])
    })

    test('a non-admin sees only itself, cannot change its active flag, and may not manage users', async () => {
      const me = await app.user(null)
      const other = await app.user(null)
      const list = (await call('GET', '/api/users', undefined, me)).json()
      assert.deepEqual(list.map((u: { user_id: number }) => u.user_id), [me.id])
      assert.deepEqual((await call('GET', `/api/users/${other.id}`, undefined, me)).json(), { error: { code: 404, message: 'User not found' } })
      assert.equal((await call('PUT', `/api/users/${other.id}`, { first_name: 'x' }, me)).statusCode, 404)
      assert.equal((await call('PUT', `/api/users/${other.id}/password`, { password: 'hijacked!' }, me)).statusCode, 404)
      const self = await call('PUT', `/api/users/${me.id}`, { first_name: 'Me', active: 0 }, me)
      assert.equal(self.statusCode, 200)
      assert.equal(self.json().active, 1)
      assert.equal(self.json().first_name, 'Me')
      assert.deepEqual((await call('POST', '/api/users', { username: 'sneaky', passwd: 'secret-1' }, me)).json(), FORBIDDEN)
      assert.deepEqual((await call('DELETE', `/api/users/${other.id}`, undefined, me)).json(), FORBIDDEN)
      assert.deepEqual((await call('PUT', `/api/users/${me.id}/roles/1`, undefined, me)).json(), FORBIDDEN)
      assert.deepEqual((await call('PUT', `/api/users/${me.id}/permissions/1`, undefined, me)).json(), FORBIDDEN)
      assert.equal((await call('GET', `/api/users/${me.id}/roles`, undefined, me)).statusCode, 200)
      assert.equal((await call('GET', `/api/users?user_id=${other.id}`, undefined, me)).body, '[]')
    })

    test('roles and permissions of a user: PUT/DELETE are idempotent, return the user and change what it may do', async () => {
      const u = await app.user(null)
      const roles = (await call('GET', '/api/roles')).json() as { role_id: number; name: string }[]
      const adminRole = roles.find((r) => r.name === 'admin')!
      const put = await call('PUT', `/api/users/${u.id}/roles/${adminRole.role_id}`)
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().user_id, u.id)
      assert.equal(put.json().is_admin, 1)
      assert.equal((await call('PUT', `/api/users/${u.id}/roles/${adminRole.role_id}`)).statusCode, 200)
      assert.equal((await call('GET', '/api/users', undefined, u)).json().length > 1, true, 'now admin: sees every user at once')
      const del = await call('DELETE', `/api/users/${u.id}/roles/${adminRole.role_id}`)
      assert.equal(del.json().is_admin, 0)
      assert.equal((await call('GET', `/api/users/${u.id}/roles/${adminRole.role_id}/delete`)).statusCode, 200)
      assert.equal((await call('GET', '/api/users', undefined, u)).json().length, 1)

      const perms = (await call('GET', '/api/permissions?name=user_create')).json() as { permission_id: number; name: string }[]
      const userCreate = perms.find((p) => p.name === 'user_create')!
      const grant = await call('PUT', `/api/users/${u.id}/permissions/${userCreate.permission_id}`)
      assert.equal(grant.json().is_admin, 1)
      assert.deepEqual((await call('GET', `/api/users/${u.id}/permissions`)).json(), [{ permission_id: userCreate.permission_id, name: 'user_create', description: null }])
      assert.equal((await call('POST', '/api/users', { username: 'made-by-granted', passwd: 'secret-1' }, u)).statusCode, 200)
      assert.equal((await call('DELETE', `/api/users/${u.id}/permissions/${userCreate.permission_id}`)).json().is_admin, 0)
      assert.equal((await call('GET', `/api/users/${u.id}/permissions`)).body, '[]')
      assert.equal((await call('PUT', `/api/users/${u.id}/roles/999999`)).statusCode, 404)
      assert.deepEqual((await call('PUT', `/api/users/${u.id}/permissions/999999`)).json(), { error: { code: 404, message: 'Permission not found' } })
      assert.deepEqual((await call('PUT', `/api/users/999999/roles/${adminRole.role_id}`)).json(), { error: { code: 404, message: 'User not found' } })
    })

    test('GET /users filters by exact and text fields and pages with limit/offset', async () => {
      await call('POST', '/api/users', { username: 'filt-a', passwd: 'secret-1', company: 'Acme Widgets', country_id: 44 })
      await call('POST', '/api/users', { username: 'filt-b', passwd: 'secret-1', company: 'ACME tools', country_id: 44 })
      await call('POST', '/api/users', { username: 'filt-c', passwd: 'secret-1', company: 'Other', active: 0 })
      const acme = (await call('GET', '/api/users?company=acme')).json()
      assert.deepEqual(acme.map((u: { username: string }) => u.username), ['filt-a', 'filt-b'])
      assert.deepEqual((await call('GET', '/api/users?company=acme&country_id=44&limit=1&offset=1')).json().map((u: { username: string }) => u.username), ['filt-b'])
      assert.deepEqual((await call('GET', '/api/users?active=0&username=filt')).json().map((u: { username: string }) => u.username), ['filt-c'])
      assert.deepEqual((await call('GET', '/api/users?username=filt&username=filt-c')).json().map((u: { username: string }) => u.username), ['filt-c'], 'last value wins')
      assert.equal((await call('GET', '/api/users?company=%25')).json().length, 0, 'LIKE wildcards are literal')
      const ids = (await call('GET', '/api/users')).json().map((u: { user_id: number }) => u.user_id)
      assert.deepEqual(ids, [...ids].sort((a: number, b: number) => a - b))
    })
  })
}
