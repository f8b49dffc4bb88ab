import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { id: number; username: string; password: string }
const basic = (u: { username: string; password: string }) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })

for (const kind of TEST_DATABASES) {
  describe(`ICTCore tenancy between resellers' admins, spec §2.4 (${kind})`, () => {
    let app: TestApp
    let platform: Login
    let adminA: Login
    let adminB: Login
    let userA: Login
    let accountA: number
    let roleA: number
    let permA: number
    let call: (method: string, url: string, payload: unknown, as: Login) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      call = (method, url, payload, as) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      platform = await app.user(null, { roles: ['admin', 'user'] })
      const a = await app.reseller()
      const b = await app.reseller()
      adminA = await app.user(a.id, { roles: ['admin', 'user'] })
      adminB = await app.user(b.id, { roles: ['admin', 'user'] })
      userA = await app.user(a.id)
      accountA = (await call('POST', '/api/accounts', { username: 'a-line' }, adminA)).json()
      roleA = (await call('POST', '/api/roles', { name: 'a-role' }, adminA)).json()
      permA = (await call('POST', '/api/permissions', { name: 'a_only' }, adminA)).json()
    })
    after(async () => { await app.stop() })

    test("a reseller's admin lists only its own tenant's users and accounts", async () => {
      const usersA = (await call('GET', '/api/users', undefined, adminA)).json().map((u: { user_id: number }) => u.user_id)
      assert.deepEqual(usersA.sort(), [adminA.id, userA.id].sort())
      const usersB = (await call('GET', '/api/users', undefined, adminB)).json().map((u: { user_id: number }) => u.user_id)
      assert.deepEqual(usersB, [adminB.id])
      const accountsB = (await call('GET', '/api/accounts', undefined, adminB)).json() as { user_id: number }[]
      assert.ok(accountsB.every((x) => x.user_id === adminB.id))
      assert.equal((await call('GET', '/api/accounts?username=a-line', undefined, adminB)).body, '[]')
    })

    test("another tenant's ids answer exactly as missing ones (404), for reads and writes", async () => {
      const notFound = (entity: string) => ({ error: { code: 404, message: `${entity} not found` } })
      const cases: [string, string, unknown, string][] = [
        ['GET', `/api/users/${userA.id}`, undefined, 'User'], ['PUT', `/api/users/${userA.id}`, { first_name: 'x' }, 'User'],
        ['DELETE', `/api/users/${userA.id}`, undefined, 'User'], ['PUT', `/api/users/${userA.id}/password`, { password: 'taken-over' }, 'User'],
        ['GET', `/api/users/${userA.id}/roles`, undefined, 'User'], ['GET', `/api/users/${userA.id}/accounts`, undefined, 'User'],
        ['PUT', `/api/users/${adminB.id}/roles/${roleA}`, undefined, 'Role'], ['PUT', `/api/users/${adminB.id}/permissions/${permA}`, undefined, 'Permission'],
        ['GET', `/api/accounts/${accountA}`, undefined, 'Account'], ['PUT', `/api/accounts/${accountA}`, { first_name: 'x' }, 'Account'],
        ['DELETE', `/api/accounts/${accountA}`, undefined, 'Account'], ['GET', `/api/accounts/${accountA}/delete`, undefined, 'Account'],
        ['PUT', `/api/accounts/${accountA}/settings/x`, { value: 1 }, 'Account'], ['DELETE', `/api/accounts/${accountA}/users`, undefined, 'Account'],
        ['GET', `/api/roles/${roleA}`, undefined, 'Role'], ['DELETE', `/api/roles/${roleA}`, undefined, 'Role'],
        ['GET', `/api/permissions/${permA}`, undefined, 'Permission'], ['PUT', `/api/permissions/${permA}`, { description: 'x' }, 'Permission'],
      ]
      for (const [m, url, body, entity] of cases) {
        const res = await call(m, url, body, adminB)
        assert.deepEqual(res.json(), notFound(entity), `${m} ${url}`)
      }
      const bAccount = (await call('POST', '/api/accounts', {}, adminB)).json()
      assert.deepEqual((await call('PUT', `/api/accounts/${bAccount}/users/${userA.id}`, undefined, adminB)).json(), notFound('User'))
      assert.equal((await call('GET', `/api/users/${userA.id}`, undefined, adminA)).statusCode, 200, 'untouched')
      assert.equal((await call('GET', `/api/accounts/${accountA}`, undefined, adminA)).json().first_name, null)
    })

    test("resellers see the built-in roles and vocabulary but not each other's, and cannot change shared rows", async () => {
      const rolesB = (await call('GET', '/api/roles', undefined, adminB)).json().map((r: { name: string }) => r.name)
      assert.deepEqual(rolesB.sort(), ['admin', 'user'])
      const permsB = (await call('GET', '/api/permissions?name=a_only', undefined, adminB)).json()
      assert.deepEqual(permsB, [])
      const contact = (await call('GET', '/api/permissions?name=contact_create', undefined, adminB)).json()[0]
      assert.equal((await call('PUT', `/api/permissions/${contact.permission_id}`, { description: 'mine now' }, adminB)).statusCode, 403)
      assert.equal((await call('DELETE', `/api/permissions/${contact.permission_id}`, undefined, adminB)).statusCode, 403)
      const userRole = (await call('GET', '/api/roles?name=user', undefined, adminB)).json()[0]
      assert.equal((await call('PUT', `/api/roles/${userRole.role_id}/permissions/${contact.permission_id}`, undefined, adminB)).statusCode, 403)
      assert.equal((await call('POST', '/api/roles', { name: 'a-role' }, adminB)).statusCode, 200, 'role names are per tenant')
    })

    test("a reseller's admin may manage its own users, and the built-in roles apply to them", async () => {
      const id = (await call('POST', '/api/users', { username: 'a-staff', passwd: 'secret-1' }, adminA)).json()
      const adminRole = (await call('GET', '/api/roles?name=admin', undefined, adminA)).json()[0]
      assert.equal((await call('PUT', `/api/users/${id}/roles/${adminRole.role_id}`, undefined, adminA)).json().is_admin, 1)
      assert.equal((await call('PUT', `/api/users/${id}/roles/${roleA}`, undefined, adminA)).statusCode, 200)
      const staff = { id, username: 'a-staff', password: 'secret-1' }
      const seen = (await call('GET', '/api/users', undefined, staff)).json().map((u: { user_id: number }) => u.user_id)
      assert.ok(!seen.includes(adminB.id) && !seen.includes(platform.id) && seen.includes(userA.id))
      assert.equal((await call('GET', `/api/users/${id}`, undefined, adminB)).statusCode, 404)
    })

    test('a platform admin sees every tenant; an account given to a reseller user moves into that tenant', async () => {
      const all = (await call('GET', '/api/users', undefined, platform)).json().map((u: { user_id: number }) => u.user_id)
      for (const u of [adminA, adminB, userA, platform]) assert.ok(all.includes(u.id))
      const acc = (await call('POST', '/api/accounts', { username: 'platform-line' }, platform)).json()
      assert.equal((await call('GET', `/api/accounts/${acc}`, undefined, adminB)).statusCode, 404)
      const given = await call('PUT', `/api/accounts/${acc}/users/${adminB.id}`, undefined, platform)
      assert.equal(given.json().user_id, adminB.id)
      assert.equal((await call('GET', `/api/accounts/${acc}`, undefined, adminB)).statusCode, 200, 'now in tenant B')
      assert.equal((await call('GET', `/api/accounts/${acc}`, undefined, adminA)).statusCode, 404)
    })
  })
}
