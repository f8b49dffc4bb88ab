import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { texts } from '../../../src/core/messages/messages.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { id: number; username: string; password: string }
const basic = (u: Login) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const NOT_FOUND = { error: { code: 404, message: 'Not Found' } }

for (const kind of TEST_DATABASES) {
  describe(`ICTCore account program subscriptions, spec §4.9 and §7.4 (${kind})`, () => {
    let app: TestApp
    let admin: Login
    let alice: Login
    let bob: Login
    let call: (method: string, url: string, payload?: unknown, as?: Login) => Promise<LightMyRequestResponse>
    let account = 0
    let textId = 0
    const programsOf = async (id: number, as?: Login): Promise<number[]> => (await call('GET', `/api/accounts/${id}`, undefined, as)).json().programs
    const newAccount = async (owner: Login, body: Record<string, unknown> = {}): Promise<number> => {
      const id = (await call('POST', '/api/accounts', body, admin)).json() as number
      await call('PUT', `/api/accounts/${id}/users/${owner.id}`, undefined, admin)
      return id
    }

    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null)
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      account = await newAccount(alice, { phone: '15550100100' })
      textId = (await app.core.db.insert(texts).values({ tenantId: null, userId: alice.id, name: 't', data: 'hi', type: 'plain' }).returning())[0]!.id
    })
    after(async () => { await app.stop() })

    test('PUT …/programs/{program_id} subscribes an inbound program and replies the account; one program per service', async () => {
      const fax1 = (await call('POST', '/api/programs/receivefax', {})).json()
      const fax2 = (await call('POST', '/api/programs/faxtoemail', {})).json()
      const sms = (await call('POST', '/api/programs/receivesms', {})).json()
      const res = await call('PUT', `/api/accounts/${account}/programs/${fax1}`)
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().account_id, account)
      assert.deepEqual(res.json().programs, [fax1])
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${sms}`)).json().programs, [fax1, sms])
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${fax2}`)).json().programs, [fax2, sms], 'fax2 replaces fax1')
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${fax2}`)).json().programs, [fax2, sms], 'idempotent')
      const list = (await call('GET', '/api/accounts')).json() as { account_id: number; programs: number[] }[]
      assert.deepEqual(list.find((a) => a.account_id === account)!.programs, [fax2, sms], 'lists carry the subscriptions too')
    })

    test('outbound programs cannot be subscribed (412 program_id); unknown or invisible ids are 404', async () => {
      const out = (await call('POST', '/api/programs/sendsms', { text_id: textId })).json()
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${out}`)).json(), failed('program_id'))
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/999999`)).json(), { error: { code: 404, message: 'Program not found' } })
      const bobs = (await call('POST', '/api/programs/receivesms', {}, bob)).json()
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${bobs}`)).json(), { error: { code: 404, message: 'Program not found' } })
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/${bobs}`, undefined, bob)).json(), { error: { code: 404, message: 'Account not found' } })
    })

    test('PUT …/programs/{type} creates an inbound program for the account, subscribes it and replies its id', async () => {
      const res = await call('PUT', `/api/accounts/${account}/programs/receiveemail`, { name: 'Mailbox' })
      assert.equal(res.statusCode, 200)
      const id = res.json()
      assert.equal(typeof id, 'number')
      const p = (await call('GET', `/api/programs/${id}`)).json()
      assert.deepEqual([p.type, p.name, p.account_id, p.direction, p.service_flag], ['receiveemail', 'Mailbox', account, 'inbound', 8])
      assert.ok((await programsOf(account)).includes(id))
      const fte = (await call('PUT', `/api/accounts/${account}/programs/faxtoemail`, {})).json()
      assert.equal((await call('GET', `/api/programs/${fte}`)).json().email, alice.username.includes('@') ? alice.username : null, 'no account or owner email: null')
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/sendfax`, {})).json(), failed('type'))
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/teleport`, {})).json(), NOT_FOUND)
      assert.equal((await call('PUT', `/api/accounts/${account}/programs/ivr`, {})).statusCode, 501)
      assert.deepEqual((await call('PUT', `/api/accounts/${account}/programs/forward`, {})).json(), failed('extension_id'))
    })

    test('faxtoemail defaults its email to the account’s email', async () => {
      const withEmail = await newAccount(alice, { email: 'fax-in@example.com' })
      const id = (await call('PUT', `/api/accounts/${withEmail}/programs/faxtoemail`, {})).json()
      assert.equal((await call('GET', `/api/programs/${id}`)).json().email, 'fax-in@example.com')
    })

    test('DELETE by program id, by type and all unsubscribe and reply the account (also as GET …/delete)', async () => {
      const acct = await newAccount(alice)
      const fax = (await call('PUT', `/api/accounts/${acct}/programs/receivefax`)).json()
      const sms = (await call('PUT', `/api/accounts/${acct}/programs/receivesms`)).json()
      const mail = (await call('PUT', `/api/accounts/${acct}/programs/receiveemail`)).json()
      assert.deepEqual(await programsOf(acct), [fax, sms, mail])
      const r1 = await call('DELETE', `/api/accounts/${acct}/programs/${fax}`)
      assert.equal(r1.statusCode, 200)
      assert.deepEqual(r1.json().programs, [sms, mail])
      assert.deepEqual((await call('DELETE', `/api/accounts/${acct}/programs/${fax}`)).json().programs, [sms, mail], 'idempotent')
      assert.deepEqual((await call('GET', `/api/accounts/${acct}/programs/receivesms/delete`)).json().programs, [mail])
      assert.deepEqual((await call('DELETE', `/api/accounts/${acct}/programs/teleport`)).json(), NOT_FOUND)
      assert.deepEqual((await call('DELETE', `/api/accounts/${acct}/programs`)).json().programs, [])
      await call('PUT', `/api/accounts/${acct}/programs/${sms}`)
      assert.deepEqual((await call('GET', `/api/accounts/${acct}/programs/delete`)).json().programs, [])
      assert.equal((await call('GET', `/api/programs/${sms}`)).statusCode, 200, 'unsubscribing keeps the program')
    })

    test('a new owner, or none, clears the subscriptions; deleting the program removes its subscription', async () => {
      const acct = await newAccount(alice)
      await call('PUT', `/api/accounts/${acct}/programs/receivefax`)
      assert.equal((await programsOf(acct)).length, 1)
      assert.deepEqual((await call('PUT', `/api/accounts/${acct}/users/${bob.id}`, undefined, admin)).json().programs, [])
      const fax = (await call('PUT', `/api/accounts/${acct}/programs/receivefax`, undefined, admin)).json()
      assert.deepEqual(await programsOf(acct, admin), [fax])
      assert.deepEqual((await call('DELETE', `/api/accounts/${acct}/users`, undefined, admin)).json().programs, [])
      await call('PUT', `/api/accounts/${acct}/programs/${fax}`, undefined, admin)
      await call('DELETE', `/api/programs/${fax}`, undefined, admin)
      assert.deepEqual(await programsOf(acct, admin), [])
    })
  })
}
