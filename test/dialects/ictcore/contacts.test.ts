import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Who = { id: number; username: string; password: string }
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const CONTACT_NOT_FOUND = { error: { code: 404, message: 'Contact not found' } }
const GROUP_NOT_FOUND = { error: { code: 404, message: 'Group not found' } }
const CONTACT_FIELDS = ['contact_id', 'first_name', 'last_name', 'phone', 'email', 'address', 'custom1', 'custom2', 'custom3', 'description', 'user_id', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore contacts, spec §4.4 and §5.3 (${kind})`, () => {
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

    test('after and before (unix seconds) bound date_created; a non-integer value is 412 for that key (§6)', async () => {
      const id = (await call('POST', '/api/contacts', { phone: '+15557770001', description: 'dated' })).json() as number
      const created = ((await call('GET', `/api/contacts/${id}`)).json() as { date_created: number }).date_created
      const ids = async (q: string) => ((await call('GET', `/api/contacts?description=dated&${q}`)).json() as { contact_id: number }[]).map((c) => c.contact_id)
      assert.deepEqual(await ids(`after=${created}`), [id])
      assert.deepEqual(await ids(`after=${created + 1}`), [])
      assert.deepEqual(await ids(`before=${created}`), [id])
      assert.deepEqual(await ids(`before=${created - 1}`), [])
      const bad = await call('GET', '/api/contacts?after=yesterday')
      assert.equal(bad.statusCode, 412)
      assert.deepEqual(bad.json(), { error: { code: 412, message: 'Data validation failed, for after' } })
    })

    test('POST /contacts returns the bare id; GET shows every field with the phone normalised and unset fields null', async () => {
      const res = await call('POST', '/api/contacts', { first_name: 'Ann', phone: '+92 (333) 000-0000', email: 'ann@example.com', id: 99 })
      assert.equal(res.statusCode, 200)
      const id = res.json()
      assert.equal(typeof id, 'number')
      const c = (await call('GET', `/api/contacts/${id}`)).json()
      assert.deepEqual(Object.keys(c).sort(), [...CONTACT_FIELDS].sort())
      assert.equal(c.contact_id, id)
      assert.equal(c.phone, '+923330000000')
      assert.equal(c.user_id, alice.id)
      assert.equal(c.last_name, null)
      assert.equal(typeof c.date_created, 'number')
      assert.equal((await call('GET', `/api/contacts/${id}.json`)).json().contact_id, id)
    })

    test('a phone may arrive as a JSON number; phone or email is required; bad values are 412 for their field', async () => {
      const id = (await call('POST', '/api/contacts', { phone: 3001234567 })).json()
      assert.equal((await call('GET', `/api/contacts/${id}`)).json().phone, '3001234567')
      assert.ok((await call('POST', '/api/contacts', { email: 'only@example.com' })).json() > 0)
      assert.deepEqual((await call('POST', '/api/contacts', { first_name: 'Nobody' })).json(), failed('phone'))
      assert.deepEqual((await call('POST', '/api/contacts', { phone: '12' })).json(), failed('phone'))
      assert.deepEqual((await call('POST', '/api/contacts', { phone: '123', email: 'not-an-email' })).json(), failed('email'))
      assert.deepEqual((await call('POST', '/api/contacts', { phone: '123', first_name: 5 })).json(), failed('first_name'))
      assert.deepEqual((await call('POST', '/api/contacts', { phone: '123', custom1: 'x'.repeat(256) })).json(), failed('custom1'))
      assert.deepEqual((await call('POST', '/api/contacts', { phone: '123', last_name: 'a\u0000b' })).json(), failed('last_name'))
      assert.deepEqual((await call('POST', '/api/contacts', '[1]')).json(), failed('body'))
      assert.deepEqual((await call('POST', '/api/contacts', '{bad')).json(), failed('body'))
    })

    test('PUT is partial and returns the full contact; clearing both phone and email is refused', async () => {
      const id = (await call('POST', '/api/contacts', { phone: '111222333', first_name: 'Old', address: 'Street 1' })).json()
      const c = (await call('PUT', `/api/contacts/${id}`, { first_name: 'New', custom2: 'c2' })).json()
      assert.equal(c.first_name, 'New')
      assert.equal(c.address, 'Street 1')
      assert.equal(c.custom2, 'c2')
      assert.deepEqual(Object.keys(c).sort(), [...CONTACT_FIELDS].sort())
      assert.deepEqual((await call('PUT', `/api/contacts/${id}`, { phone: null })).json(), failed('phone'))
      assert.equal((await call('PUT', `/api/contacts/${id}`, { email: 'e@example.org' })).json().email, 'e@example.org')
      assert.equal((await call('PUT', `/api/contacts/${id}`, { phone: null })).json().phone, null)
      assert.equal((await call('PATCH', `/api/contacts/${id}`, { address: null })).json().address, null)
    })

    test('DELETE and GET …/delete return true and unlink the contact from its groups', async () => {
      const g = (await call('POST', '/api/groups', { name: 'G' })).json()
      const a = (await call('POST', '/api/contacts', { phone: '5550001' })).json()
      const b = (await call('POST', '/api/contacts', { phone: '5550002' })).json()
      await call('PUT', `/api/contacts/${a}/link/${g}`)
      await call('PUT', `/api/contacts/${b}/link/${g}`)
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 2)
      assert.equal((await call('DELETE', `/api/contacts/${a}`)).body, 'true')
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 1)
      assert.equal((await call('GET', `/api/contacts/${b}/delete`)).body, 'true')
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 0)
      assert.deepEqual((await call('GET', `/api/contacts/${a}`)).json(), CONTACT_NOT_FOUND)
      assert.deepEqual((await call('DELETE', `/api/contacts/${a}`)).json(), CONTACT_NOT_FOUND)
    })

    test('PUT and DELETE /contacts/{id}/link/{group_id} are idempotent, return the contact and keep contact_total in step', async () => {
      const g = (await call('POST', '/api/groups', { name: 'Linked' })).json()
      const c = (await call('POST', '/api/contacts', { phone: '5551234' })).json()
      const linked = (await call('PUT', `/api/contacts/${c}/link/${g}`)).json()
      assert.equal(linked.contact_id, c)
      assert.deepEqual(Object.keys(linked).sort(), [...CONTACT_FIELDS].sort())
      await call('PUT', `/api/contacts/${c}/link/${g}`)
      await call('POST', `/api/contacts/${c}/link/${g}`, undefined).then((r) => assert.equal(r.statusCode, 404, 'POST is not a link route'))
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 1)
      assert.deepEqual((await call('GET', `/api/groups/${g}/contacts`)).json().map((x: { contact_id: number }) => x.contact_id), [c])
      assert.equal((await call('DELETE', `/api/contacts/${c}/link/${g}`)).json().contact_id, c)
      assert.equal((await call('DELETE', `/api/contacts/${c}/link/${g}`)).statusCode, 200)
      assert.equal((await call('GET', `/api/contacts/${c}/link/${g}/delete`)).statusCode, 200)
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 0)
      assert.deepEqual((await call('PUT', `/api/contacts/${c}/link/999999`)).json(), GROUP_NOT_FOUND)
      assert.deepEqual((await call('PUT', `/api/contacts/999999/link/${g}`)).json(), CONTACT_NOT_FOUND)
    })

    test("a non-admin sees only its own contacts; another user's ids are 404; an admin sees all and narrows with user_id", async () => {
      const mine = (await call('POST', '/api/contacts', { phone: '7770001', first_name: 'Mine' })).json()
      const theirs = (await call('POST', '/api/contacts', { phone: '7770002', first_name: 'Theirs' }, bob)).json()
      const bobGroup = (await call('POST', '/api/groups', { name: 'Bob group' }, bob)).json()
      assert.deepEqual((await call('GET', `/api/contacts/${theirs}`)).json(), CONTACT_NOT_FOUND)
      assert.deepEqual((await call('PUT', `/api/contacts/${theirs}`, { first_name: 'x' })).json(), CONTACT_NOT_FOUND)
      assert.deepEqual((await call('DELETE', `/api/contacts/${theirs}`)).json(), CONTACT_NOT_FOUND)
      assert.deepEqual((await call('PUT', `/api/contacts/${mine}/link/${bobGroup}`)).json(), GROUP_NOT_FOUND)
      const list = (await call('GET', '/api/contacts')).json() as { user_id: number; contact_id: number }[]
      assert.ok(list.every((c) => c.user_id === alice.id))
      assert.deepEqual((await call('GET', `/api/contacts?user_id=${bob.id}`)).json(), [])
      const all = (await call('GET', '/api/contacts', undefined, admin)).json() as { contact_id: number }[]
      assert.ok(all.some((c) => c.contact_id === mine) && all.some((c) => c.contact_id === theirs))
      const bobs = (await call('GET', `/api/contacts?user_id=${bob.id}`, undefined, admin)).json() as { user_id: number }[]
      assert.ok(bobs.length >= 1 && bobs.every((c) => c.user_id === bob.id))
      assert.equal((await call('PUT', `/api/contacts/${theirs}`, { last_name: 'ByAdmin' }, admin)).json().last_name, 'ByAdmin')
    })

    test('list filters: exact ids and group_id, case-insensitive substrings, paging by id, bad values 412', async () => {
      const who = await app.user(null)
      const ids: number[] = []
      for (const [fn, phone] of [['Zed', '8880001'], ['zelda', '8880002'], ['Amy', '8880003']] as const) ids.push((await call('POST', '/api/contacts', { first_name: fn, phone }, who)).json())
      const g = (await call('POST', '/api/groups', { name: 'F' }, who)).json()
      await call('PUT', `/api/contacts/${ids[2]}/link/${g}`, undefined, who)
      const get = async (q: string) => (await call('GET', `/api/contacts${q}`, undefined, who)).json()
      assert.deepEqual((await get('?first_name=ZE')).map((c: { contact_id: number }) => c.contact_id), [ids[0], ids[1]])
      assert.deepEqual((await get(`?contact_id=${ids[1]}`)).map((c: { contact_id: number }) => c.contact_id), [ids[1]])
      assert.deepEqual((await get(`?group_id=${g}`)).map((c: { contact_id: number }) => c.contact_id), [ids[2]])
      assert.deepEqual((await get('?phone=888&limit=2&offset=1')).map((c: { contact_id: number }) => c.contact_id), [ids[1], ids[2]])
      assert.deepEqual((await get('?first_name=')).length, 3)
      assert.deepEqual(await get('?first_name=%25'), [])
      assert.deepEqual(await get('?contact_id=abc'), failed('contact_id'))
      assert.deepEqual(await get('?group_id=x'), failed('group_id'))
      assert.deepEqual(await get('?limit=0'), failed('limit'))
    })

    test('a user without contact permissions gets 403', async () => {
      const nobody = await app.user(null, { roles: [] })
      assert.deepEqual((await call('GET', '/api/contacts', undefined, nobody)).json(), { error: { code: 403, message: 'User not permitted to perform required action' } })
      assert.equal((await call('POST', '/api/contacts', { phone: '123' }, nobody)).statusCode, 403)
    })
  })
}
