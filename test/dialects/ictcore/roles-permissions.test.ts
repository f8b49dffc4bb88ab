import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const basic = (u: { username: string; password: string }) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const FORBIDDEN = { error: { code: 403, message: 'User not permitted to perform required action' } }

for (const kind of TEST_DATABASES) {
  describe(`ICTCore roles and permissions, spec §4.10 and §5.13 (${kind})`, () => {
    let app: TestApp
    let admin: { id: number; username: string; password: string }
    let call: (method: string, url: string, payload?: unknown, as?: { username: string; password: string }) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      call = (method, url, payload, as = admin) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
    })
    after(async () => { await app.stop() })

    test('role CRUD: POST gives the id, PUT the role, DELETE true; names are unique and required', async () => {
      const id = (await call('POST', '/api/roles', { name: 'operator', description: 'Runs campaigns' })).json()
      assert.deepEqual((await call('GET', `/api/roles/${id}`)).json(), { role_id: id, name: 'operator', description: 'Runs campaigns' })
      assert.deepEqual((await call('PUT', `/api/roles/${id}`, { description: null })).json(), { role_id: id, name: 'operator', description: null })
      assert.deepEqual((await call('POST', '/api/roles', { name: 'operator' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/roles', { name: 'admin' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/roles', {})).json(), failed('name'))
      assert.deepEqual((await call('PUT', `/api/roles/${id}`, { name: '' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/roles', { name: 5 })).json(), failed('name'))
      assert.ok((await call('GET', '/api/roles?name=OPER')).json().some((r: { role_id: number }) => r.role_id === id))
      assert.equal((await call('DELETE', `/api/roles/${id}`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/roles/${id}`)).json(), { error: { code: 404, message: 'Role not found' } })
    })

    test('built-in roles cannot be deleted or renamed (423 Built-in role)', async () => {
      const roles = (await call('GET', '/api/roles')).json() as { role_id: number; name: string }[]
      for (const name of ['admin', 'user']) {
        const r = roles.find((x) => x.name === name)!
        const del = await call('DELETE', `/api/roles/${r.role_id}`)
        assert.equal(del.statusCode, 423)
        assert.deepEqual(del.json(), { error: { code: 423, message: 'Built-in role' } })
        assert.equal((await call('GET', `/api/roles/${r.role_id}/delete`)).statusCode, 423)
        assert.equal((await call('PUT', `/api/roles/${r.role_id}`, { name: `${name}2` })).statusCode, 423)
      }
    })

    test('role permissions: GET lists them, PUT/DELETE are idempotent and return the role', async () => {
      const roleId = (await call('POST', '/api/roles', { name: 'reader' })).json()
      const permId = (await call('POST', '/api/permissions', { name: 'report_read', description: 'Reads reports' })).json()
      const put = await call('PUT', `/api/roles/${roleId}/permissions/${permId}`)
      assert.deepEqual(put.json(), { role_id: roleId, name: 'reader', description: null })
      assert.equal((await call('PUT', `/api/roles/${roleId}/permissions/${permId}`)).statusCode, 200)
      assert.deepEqual((await call('GET', `/api/roles/${roleId}/permissions`)).json(), [{ permission_id: permId, name: 'report_read', description: 'Reads reports' }])
      assert.equal((await call('DELETE', `/api/roles/${roleId}/permissions/${permId}`)).statusCode, 200)
      assert.equal((await call('DELETE', `/api/roles/${roleId}/permissions/${permId}`)).statusCode, 200)
      assert.equal((await call('GET', `/api/roles/${roleId}/permissions`)).body, '[]')
      assert.equal((await call('PUT', `/api/roles/${roleId}/permissions/999999`)).statusCode, 404)
      assert.equal((await call('GET', '/api/roles/999999/permissions')).statusCode, 404)
      const builtin = (await call('GET', '/api/roles?name=user')).json().find((r: { name: string }) => r.name === 'user')
      const names = (await call('GET', `/api/roles/${builtin.role_id}/permissions`)).json().map((p: { name: string }) => p.name)
      assert.ok(names.includes('contact') && names.includes('user_password') && !names.includes('user_create'))
    })

    test('a role granted through a role takes effect for its holders at once', async () => {
      const u = await app.user(null)
      const roleId = (await call('POST', '/api/roles', { name: 'user-makers' })).json()
      await call('PUT', `/api/users/${u.id}/roles/${roleId}`)
      assert.equal((await call('POST', '/api/users', { username: 'by-role', passwd: 'secret-1' }, u)).statusCode, 403)
      const perm = (await call('GET', '/api/permissions?name=user_create')).json()[0]
      await call('PUT', `/api/roles/${roleId}/permissions/${perm.permission_id}`)
      assert.equal((await call('POST', '/api/users', { username: 'by-role', passwd: 'secret-1' }, u)).statusCode, 200)
      await call('DELETE', `/api/roles/${roleId}`)
      assert.equal((await call('POST', '/api/users', { username: 'by-role2', passwd: 'secret-1' }, u)).statusCode, 403)
    })

    test('permission CRUD with the name rule; DELETE removes its grants', async () => {
      const id = (await call('POST', '/api/permissions', { name: 'fax_archive' })).json()
      assert.deepEqual((await call('GET', `/api/permissions/${id}`)).json(), { permission_id: id, name: 'fax_archive', description: null })
      assert.deepEqual((await call('PUT', `/api/permissions/${id}`, { description: 'Archive' })).json(), { permission_id: id, name: 'fax_archive', description: 'Archive' })
      for (const name of ['Fax', '1fax', 'fax-archive', '', 'a'.repeat(65)]) assert.deepEqual((await call('POST', '/api/permissions', { name })).json(), failed('name'), name)
      assert.deepEqual((await call('POST', '/api/permissions', { name: 'fax_archive' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/permissions', { name: 'contact' })).json(), failed('name'))
      const u = await app.user(null)
      await call('PUT', `/api/users/${u.id}/permissions/${id}`)
      assert.equal((await call('GET', `/api/users/${u.id}/permissions`)).json().length, 1)
      assert.equal((await call('DELETE', `/api/permissions/${id}`)).body, 'true')
      assert.equal((await call('GET', `/api/users/${u.id}/permissions`)).body, '[]')
      assert.deepEqual((await call('GET', `/api/permissions/${id}`)).json(), { error: { code: 404, message: 'Permission not found' } })
      const all = (await call('GET', '/api/permissions?limit=3&offset=1')).json()
      assert.equal(all.length, 3)
    })

    test('roles and permissions are admin-only (403 for others)', async () => {
      const me = await app.user(null)
      for (const [m, url] of [['GET', '/api/roles'], ['POST', '/api/roles'], ['GET', '/api/roles/1'], ['PUT', '/api/roles/1'], ['DELETE', '/api/roles/1'],
        ['GET', '/api/roles/1/permissions'], ['PUT', '/api/roles/1/permissions/1'], ['GET', '/api/permissions'], ['POST', '/api/permissions'],
        ['GET', '/api/permissions/1'], ['PUT', '/api/permissions/1'], ['DELETE', '/api/permissions/1']] as const) {
        const res = await call(m, url, { name: 'x' }, me)
        assert.deepEqual(res.json(), FORBIDDEN, `${m} ${url}`)
      }
    })
  })
}
