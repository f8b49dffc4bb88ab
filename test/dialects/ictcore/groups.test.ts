import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { streamGroupContactIds } from '../../../src/core/contacts/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Who = { id: number; username: string; password: string }
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const GROUP_NOT_FOUND = { error: { code: 404, message: 'Group not found' } }
const GROUP_FIELDS = ['group_id', 'name', 'description', 'contact_total', 'user_id', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore contact groups, spec §4.5 and §5.4 (${kind})`, () => {
    let app: TestApp
    let admin: Who
    let alice: Who
    let bob: Who
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null)
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
    })
    after(async () => { await app.stop() })

    test('POST /groups returns the bare id (the guide\'s id is ignored); GET shows every field with contact_total 0', async () => {
      const id = (await call('POST', '/api/groups', { id: 77, name: 'Customers', description: 'All of them' })).json()
      assert.equal(typeof id, 'number')
      const g = (await call('GET', `/api/groups/${id}`)).json()
      assert.deepEqual(Object.keys(g).sort(), [...GROUP_FIELDS].sort())
      assert.deepEqual({ ...g, date_created: 0, last_updated: 0 }, { group_id: id, name: 'Customers', description: 'All of them', contact_total: 0, user_id: alice.id, date_created: 0, last_updated: 0 })
      assert.deepEqual((await call('POST', '/api/groups', {})).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/groups', { name: '  ' })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/groups', { name: 5 })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/groups', { name: 'x'.repeat(256) })).json(), failed('name'))
    })

    test('PUT is partial and returns the group; name cannot be cleared; contact_total is read-only', async () => {
      const id = (await call('POST', '/api/groups', { name: 'Before', description: 'd' })).json()
      const g = (await call('PUT', `/api/groups/${id}`, { name: 'After', contact_total: 50 })).json()
      assert.equal(g.name, 'After')
      assert.equal(g.description, 'd')
      assert.equal(g.contact_total, 0)
      assert.deepEqual((await call('PUT', `/api/groups/${id}`, { name: null })).json(), failed('name'))
      assert.deepEqual((await call('PUT', `/api/groups/${id}`, { name: '' })).json(), failed('name'))
      assert.equal((await call('PUT', `/api/groups/${id}`, { description: null })).json().description, null)
    })

    test('DELETE removes the group and its links but keeps the contacts; GET …/delete works too', async () => {
      const g = (await call('POST', '/api/groups', { name: 'Doomed' })).json()
      const c = (await call('POST', '/api/contacts', { phone: '4440001' })).json()
      await call('PUT', `/api/contacts/${c}/link/${g}`)
      assert.equal((await call('DELETE', `/api/groups/${g}`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/groups/${g}`)).json(), GROUP_NOT_FOUND)
      assert.equal((await call('GET', `/api/contacts/${c}`)).statusCode, 200)
      const g2 = (await call('POST', '/api/groups', { name: 'Doomed too' })).json()
      assert.equal((await call('GET', `/api/groups/${g2}/delete`)).body, 'true')
      assert.deepEqual((await call('GET', `/api/groups/${g2}/delete`)).json(), GROUP_NOT_FOUND)
    })

    test('GET /groups/{id}/contacts lists the members with contact filters and paging', async () => {
      const g = (await call('POST', '/api/groups', { name: 'Members' })).json()
      const ids: number[] = []
      for (const [n, p] of [['Ann', '3330001'], ['Bea', '3330002'], ['Cid', '3330003']] as const) {
        const c = (await call('POST', '/api/contacts', { first_name: n, phone: p })).json()
        ids.push(c)
        await call('PUT', `/api/contacts/${c}/link/${g}`)
      }
      await call('POST', '/api/contacts', { first_name: 'Outsider', phone: '3330004' })
      const get = async (q = '') => (await call('GET', `/api/groups/${g}/contacts${q}`)).json()
      assert.deepEqual((await get()).map((c: { contact_id: number }) => c.contact_id), ids)
      assert.deepEqual((await get('?first_name=b')).map((c: { contact_id: number }) => c.contact_id), [ids[1]])
      assert.deepEqual((await get('?limit=1&offset=2')).map((c: { contact_id: number }) => c.contact_id), [ids[2]])
      assert.deepEqual(await get('?offset=-1'), failed('offset'))
      assert.deepEqual((await call('GET', '/api/groups/999999/contacts')).json(), GROUP_NOT_FOUND)
      assert.deepEqual(await streamGroupContactIds(app.core.db, g, 0, 2), ids.slice(0, 2))
      assert.deepEqual(await streamGroupContactIds(app.core.db, g, ids[1]!, 10), [ids[2]])
    })

    test("groups are scoped to their owner: another user's group is 404 everywhere; admins see all", async () => {
      const bobs = (await call('POST', '/api/groups', { name: 'Bob only' }, bob)).json()
      for (const [m, u] of [['GET', `/api/groups/${bobs}`], ['PUT', `/api/groups/${bobs}`], ['DELETE', `/api/groups/${bobs}`], ['GET', `/api/groups/${bobs}/contacts`],
        ['GET', `/api/groups/${bobs}/csv`], ['GET', `/api/groups/${bobs}/csv/report`]] as const) {
        assert.deepEqual((await call(m, u, m === 'PUT' ? { name: 'x' } : undefined)).json(), GROUP_NOT_FOUND, `${m} ${u}`)
      }
      const upload = await app.http.inject({ method: 'POST', url: `/api/groups/${bobs}/csv`, payload: '123456\n', headers: { ...basic(alice), 'content-type': 'text/csv' } })
      assert.deepEqual(upload.json(), GROUP_NOT_FOUND)
      const mine = (await call('GET', '/api/groups')).json() as { user_id: number }[]
      assert.ok(mine.every((g) => g.user_id === alice.id))
      assert.deepEqual((await call('GET', `/api/groups?user_id=${bob.id}`)).json(), [])
      const all = (await call('GET', `/api/groups?created_by=${bob.id}`, undefined, admin)).json() as { group_id: number }[]
      assert.ok(all.some((g) => g.group_id === bobs))
      assert.deepEqual((await call('GET', `/api/groups?group_id=${bobs}&name=BOB`, undefined, admin)).json().map((g: { group_id: number }) => g.group_id), [bobs])
      assert.deepEqual((await call('GET', '/api/groups?group_id=x')).json(), failed('group_id'))
    })

    test('groups of another tenant are invisible even to its admin', async () => {
      const reseller = await app.reseller()
      const resellerAdmin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      const g = (await call('POST', '/api/groups', { name: 'Platform group' })).json()
      assert.deepEqual((await call('GET', `/api/groups/${g}`, undefined, resellerAdmin)).json(), GROUP_NOT_FOUND)
      assert.ok(!(await call('GET', '/api/groups', undefined, resellerAdmin)).json().some((x: { group_id: number }) => x.group_id === g))
    })
  })
}
