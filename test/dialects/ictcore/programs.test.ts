import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { campaigns } from '../../../src/core/campaigns/campaigns.table.ts'
import { documents, recordings, templates, texts } from '../../../src/core/messages/messages.table.ts'
import { accountPrograms } from '../../../src/core/programs/programs.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { id: number; username: string; password: string }
const basic = (u: Login) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const NOT_FOUND = { error: { code: 404, message: 'Not Found' } }
const PROGRAM_NOT_FOUND = { error: { code: 404, message: 'Program not found' } }
const NOT_IMPLEMENTED = { error: { code: 501, message: 'Not implemented' } }
const COMMON = ['program_id', 'name', 'type', 'parent_id', 'service_flag', 'direction', 'account_id', 'user_id', 'date_created', 'last_updated']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore programs, spec §4.1, §4.2, §5.7 and §7.4 (${kind})`, () => {
    let app: TestApp
    let admin: Login
    let alice: Login
    let bob: Login
    let call: (method: string, url: string, payload?: unknown, as?: Login) => Promise<LightMyRequestResponse>
    /** Message rows owned by alice, and one owned by bob. */
    const msg = { document: 0, recording: 0, template: 0, text: 0, bobDocument: 0 }
    let aliceAccount = 0
    let aliceExtension = 0
    let bobExtension = 0

    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null)
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      const own = { tenantId: null, userId: alice.id, name: 'm' }
      msg.document = (await app.core.db.insert(documents).values(own).returning())[0]!.id
      msg.recording = (await app.core.db.insert(recordings).values(own).returning())[0]!.id
      msg.template = (await app.core.db.insert(templates).values({ ...own, subject: 's', body: '<p>b</p>' }).returning())[0]!.id
      msg.text = (await app.core.db.insert(texts).values({ ...own, data: 'hello', type: 'plain' }).returning())[0]!.id
      msg.bobDocument = (await app.core.db.insert(documents).values({ ...own, userId: bob.id }).returning())[0]!.id
      // Users may not create accounts (§2.4): the admin creates them and hands them over.
      const account = async (owner: Login, body: Record<string, unknown>, path = '/api/accounts'): Promise<number> => {
        const id = (await call('POST', path, body, admin)).json() as number
        assert.equal((await call('PUT', `/api/accounts/${id}/users/${owner.id}`, undefined, admin)).statusCode, 200)
        return id
      }
      aliceAccount = await account(alice, { username: 'alice-main', email: 'alice@example.com' })
      aliceExtension = await account(alice, { username: '7001', passwd: 'pw' }, '/api/extensions')
      bobExtension = await account(bob, { username: '7002', passwd: 'pw' }, '/api/extensions')
    })
    after(async () => { await app.stop() })

    test('POST /programs/{type} creates every type of §4.2 with its flags, direction and parameters', async () => {
      const cases: [string, Record<string, unknown>, number, string, Record<string, unknown>][] = [
        ['sendfax', { document_id: msg.document }, 2, 'outbound', { document_id: msg.document }],
        ['voicemessage', { recording_id: String(msg.recording) }, 1, 'outbound', { recording_id: msg.recording }],
        ['voicetts', { text: 'Hello there' }, 1, 'outbound', { text: 'Hello there', text_id: null }],
        ['sendsms', { text_id: msg.text }, 4, 'outbound', { text_id: msg.text }],
        ['sendemail', { template_id: msg.template, account_id: aliceAccount }, 8, 'outbound', { template_id: msg.template }],
        ['receivefax', {}, 2, 'inbound', {}],
        ['faxtoemail', { email: 'dest@example.com' }, 2, 'inbound', { email: 'dest@example.com' }],
        ['receivesms', {}, 4, 'inbound', {}],
        ['receiveemail', {}, 8, 'inbound', {}],
        ['emailtofax', {}, 8, 'inbound', {}],
        ['forward', { extension_id: aliceExtension }, 1, 'inbound', { extension_id: aliceExtension }],
      ]
      for (const [type, body, flag, direction, params] of cases) {
        const res = await call('POST', `/api/programs/${type}`, body)
        assert.equal(res.statusCode, 200, `${type}: ${res.body}`)
        const id = res.json()
        assert.equal(typeof id, 'number')
        const p = (await call('GET', `/api/programs/${id}`)).json()
        assert.deepEqual(Object.keys(p).sort(), [...COMMON, ...Object.keys(params)].sort(), type)
        assert.equal(p.type, type)
        assert.equal(p.name, type, 'name defaults to the type name')
        assert.equal(p.service_flag, flag)
        assert.equal(p.direction, direction)
        assert.equal(p.user_id, alice.id)
        assert.equal(p.account_id, body.account_id ?? null)
        for (const [k, v] of Object.entries(params)) assert.deepEqual(p[k], v, `${type}.${k}`)
        assert.equal(typeof p.date_created, 'number')
      }
    })

    test('the stored steps are compiled from §7.4', async () => {
      const id = (await call('POST', '/api/programs/faxtoemail', {})).json()
      const { programs } = await import('../../../src/core/programs/programs.table.ts')
      const { eq } = await import('drizzle-orm')
      const [row] = await app.core.db.select().from(programs).where(eq(programs.id, id))
      assert.deepEqual(row!.steps, ['inbound', 'connect', 'fax_receive', 'disconnect', 'child:sendemail'])
    })

    test('required and referenced parameters are validated: 412 naming the field', async () => {
      assert.deepEqual((await call('POST', '/api/programs/sendfax', {})).json(), failed('document_id'))
      assert.deepEqual((await call('POST', '/api/programs/sendfax', { document_id: 999999 })).json(), failed('document_id'))
      assert.deepEqual((await call('POST', '/api/programs/sendfax', { document_id: msg.bobDocument })).json(), failed('document_id'), 'another user’s document')
      assert.deepEqual((await call('POST', '/api/programs/sendfax', { document_id: 'x' })).json(), failed('document_id'))
      assert.deepEqual((await call('POST', '/api/programs/voicemessage', { recording_id: msg.document + 100000 })).json(), failed('recording_id'))
      assert.deepEqual((await call('POST', '/api/programs/voicetts', {})).json(), failed('text'))
      assert.deepEqual((await call('POST', '/api/programs/voicetts', { text: 'x'.repeat(4001) })).json(), failed('text'))
      assert.equal((await call('POST', '/api/programs/voicetts', { text_id: msg.text })).statusCode, 200)
      assert.deepEqual((await call('POST', '/api/programs/sendsms', { text_id: 0 })).json(), failed('text_id'))
      assert.deepEqual((await call('POST', '/api/programs/sendemail', { template_id: 99999999999 })).json(), failed('template_id'))
      assert.deepEqual((await call('POST', '/api/programs/forward', { extension_id: aliceAccount })).json(), failed('extension_id'), 'not an extension')
      assert.deepEqual((await call('POST', '/api/programs/forward', { extension_id: bobExtension })).json(), failed('extension_id'))
      assert.deepEqual((await call('POST', '/api/programs/receivefax', { account_id: bobExtension })).json(), failed('account_id'))
      assert.deepEqual((await call('POST', '/api/programs/faxtoemail', { email: 'nope' })).json(), failed('email'))
      assert.deepEqual((await call('POST', '/api/programs/receivefax', { parent_id: 99999 })).json(), failed('parent_id'))
      assert.deepEqual((await call('POST', '/api/programs/receivefax', { name: 5 })).statusCode, 200, 'a number is accepted as name')
      assert.deepEqual((await call('POST', '/api/programs/receivefax', { name: ['x'] })).json(), failed('name'))
      assert.deepEqual((await call('POST', '/api/programs/receivefax', '[1]')).json(), failed('body'))
      // The admin sees every user's objects, so alice's document is a valid reference for it.
      assert.equal((await call('POST', '/api/programs/sendfax', { document_id: msg.bobDocument }, admin)).statusCode, 200)
    })

    test('POST /programs takes the type from the body; unknown → 412 type, agent/ivr → 501', async () => {
      const id = (await call('POST', '/api/programs', { type: 'sendsms', text_id: msg.text, name: 'SMS blast' })).json()
      const p = (await call('GET', `/api/programs/${id}`)).json()
      assert.equal(p.type, 'sendsms')
      assert.equal(p.name, 'SMS blast')
      assert.deepEqual((await call('POST', '/api/programs', { type: 'teleport' })).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/programs', {})).json(), failed('type'))
      assert.deepEqual((await call('POST', '/api/programs', { type: 'ivr' })).json(), NOT_IMPLEMENTED)
      const agent = await call('POST', '/api/programs', { type: 'agent' })
      assert.equal(agent.statusCode, 501)
    })

    test('/programs/{type}: unknown type → 404 envelope, agent and ivr → 501', async () => {
      assert.deepEqual((await call('POST', '/api/programs/teleport', {})).json(), NOT_FOUND)
      assert.deepEqual((await call('GET', '/api/programs/teleport')).json(), NOT_FOUND)
      for (const t of ['agent', 'ivr']) {
        const r1 = await call('POST', `/api/programs/${t}`, {})
        assert.equal(r1.statusCode, 501)
        assert.deepEqual(r1.json(), NOT_IMPLEMENTED)
        assert.deepEqual((await call('GET', `/api/programs/${t}`)).json(), NOT_IMPLEMENTED)
      }
      assert.deepEqual((await call('GET', '/api/programs/999999')).json(), PROGRAM_NOT_FOUND)
    })

    test('lists: own programs only for non-admins, /programs/{type} narrows to a type, filters and paging work', async () => {
      const bobs = (await call('POST', '/api/programs/receivesms', { name: 'Bob inbox' }, bob)).json()
      const mine = (await call('GET', '/api/programs')).json() as { program_id: number; user_id: number; type: string }[]
      assert.ok(mine.length > 0 && mine.every((p) => p.user_id === alice.id))
      assert.ok(mine.every((p, i) => i === 0 || mine[i - 1]!.program_id < p.program_id), 'by id')
      assert.deepEqual((await call('GET', `/api/programs/${bobs}`)).json(), PROGRAM_NOT_FOUND)
      const all = (await call('GET', '/api/programs', undefined, admin)).json() as { program_id: number }[]
      assert.ok(all.some((p) => p.program_id === bobs))
      const sms = (await call('GET', '/api/programs/receivesms', undefined, admin)).json() as { type: string }[]
      assert.ok(sms.length >= 2 && sms.every((p) => p.type === 'receivesms'))
      const byType = (await call('GET', '/api/programs?type=sendfax')).json() as { type: string }[]
      assert.ok(byType.length >= 1 && byType.every((p) => p.type === 'sendfax'))
      assert.deepEqual((await call('GET', '/api/programs?name=bob%20INBOX', undefined, admin)).json().map((p: { program_id: number }) => p.program_id), [bobs])
      assert.deepEqual((await call('GET', `/api/programs?user_id=${bob.id}`)).json(), [], 'a non-admin asking for another owner gets []')
      assert.deepEqual((await call('GET', `/api/programs?created_by=${bob.id}`, undefined, admin)).json().map((p: { program_id: number }) => p.program_id), [bobs])
      assert.equal((await call('GET', '/api/programs?limit=2&offset=1')).json().length, 2)
      assert.deepEqual((await call('GET', '/api/programs?limit=0')).json(), failed('limit'))
      assert.deepEqual((await call('GET', '/api/programs?program_id=x')).json(), failed('program_id'))
    })

    test('PUT updates name, parent and parameters partially; type is immutable; required parameters cannot be cleared', async () => {
      const parent = (await call('POST', '/api/programs/receivefax', {})).json()
      const id = (await call('POST', '/api/programs/sendfax', { document_id: msg.document, name: 'Fax' })).json()
      const res = await call('PUT', `/api/programs/${id}`, { name: 'Renamed', type: 'sendsms', parent_id: parent, account_id: aliceAccount })
      assert.equal(res.statusCode, 200)
      const p = res.json()
      assert.equal(p.name, 'Renamed')
      assert.equal(p.type, 'sendfax')
      assert.equal(p.service_flag, 2)
      assert.equal(p.parent_id, parent)
      assert.equal(p.account_id, aliceAccount)
      assert.equal(p.document_id, msg.document)
      assert.deepEqual((await call('PUT', `/api/programs/${id}`, { document_id: null })).json(), failed('document_id'))
      assert.deepEqual((await call('PUT', `/api/programs/${id}`, { document_id: msg.bobDocument })).json(), failed('document_id'))
      assert.deepEqual((await call('PUT', `/api/programs/${id}`, { parent_id: id })).json(), failed('parent_id'))
      assert.deepEqual((await call('PUT', `/api/programs/${parent}`, { parent_id: id })).json(), failed('parent_id'), 'no cycles')
      const cleared = (await call('PUT', `/api/programs/${id}`, { parent_id: null, account_id: null, name: null })).json()
      assert.equal(cleared.parent_id, null)
      assert.equal(cleared.account_id, null)
      assert.equal(cleared.name, 'sendfax')
      assert.deepEqual((await call('PUT', `/api/programs/${id}`, { name: 'x' }, bob)).json(), PROGRAM_NOT_FOUND)
      assert.ok(cleared.last_updated >= cleared.date_created)
    })

    test('an inbound program created with account_id is subscribed to that account at once', async () => {
      const id = (await call('POST', '/api/programs/receivefax', { account_id: aliceAccount })).json()
      assert.ok((await call('GET', `/api/accounts/${aliceAccount}`)).json().programs.includes(id))
      const out = (await call('POST', '/api/programs/sendfax', { document_id: msg.document, account_id: aliceAccount })).json()
      assert.ok(!(await call('GET', `/api/accounts/${aliceAccount}`)).json().programs.includes(out), 'outbound programs are not subscribed')
    })

    test('DELETE removes the program and its subscriptions; a running campaign locks it (423); GET …/delete is an alias', async () => {
      const id = (await call('POST', '/api/programs/receivesms', { account_id: aliceAccount })).json()
      const [c] = await app.core.db.insert(campaigns).values({ tenantId: null, userId: alice.id, programId: id, groupId: 1, status: 'running' }).returning()
      assert.deepEqual((await call('DELETE', `/api/programs/${id}`)).json(), { error: { code: 423, message: 'Program is in use' } })
      const { eq } = await import('drizzle-orm')
      await app.core.db.update(campaigns).set({ status: 'paused' }).where(eq(campaigns.id, c!.id))
      assert.deepEqual((await call('DELETE', `/api/programs/${id}`, undefined, bob)).json(), PROGRAM_NOT_FOUND)
      const del = await call('GET', `/api/programs/${id}/delete`)
      assert.equal(del.statusCode, 200)
      assert.equal(del.body, 'true')
      assert.deepEqual((await call('GET', `/api/programs/${id}`)).json(), PROGRAM_NOT_FOUND)
      assert.equal((await app.core.db.select().from(accountPrograms).where(eq(accountPrograms.programId, id))).length, 0)
      assert.deepEqual((await call('DELETE', `/api/programs/${id}`)).json(), PROGRAM_NOT_FOUND)
    })

    test('GET /programs/{id}/transmissions lists the program\'s transmissions; another user\'s program is 404', async () => {
      const id = (await call('POST', '/api/programs/receivesms', {})).json()
      assert.deepEqual((await call('GET', `/api/programs/${id}/transmissions`)).json(), [])
      assert.deepEqual((await call('GET', `/api/programs/${id}/transmissions`, undefined, bob)).json(), PROGRAM_NOT_FOUND)
    })

    test('permissions: a user without program rights gets 403', async () => {
      const nobody = await app.user(null, { roles: [] })
      const res = await call('GET', '/api/programs', undefined, nobody)
      assert.deepEqual(res.json(), { error: { code: 403, message: 'User not permitted to perform required action' } })
    })
  })
}
