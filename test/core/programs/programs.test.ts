import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createAccount } from '../../../src/core/accounts/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { Invalid, NotFound } from '../../../src/core/errors.ts'
import {
  createProgram, getProgram, PROGRAM_TYPES, subscribedProgram, subscribeProgram, unsubscribeProgramType,
} from '../../../src/core/programs/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

describe('PROGRAM_TYPES, spec §7.4', () => {
  test('covers the eleven types of §7.4 and the two-leg callback (issue 14) with their service flag, direction, steps and required parameters', () => {
    assert.equal(Object.keys(PROGRAM_TYPES).length, 12)
    assert.deepEqual(PROGRAM_TYPES.callback, { serviceFlag: 1, direction: 'outbound', steps: ['originate', 'tts', 'dial', 'bridge', 'disconnect'], params: ['text'], required: [], success: ['originate', 'bridge'] })
    assert.deepEqual(PROGRAM_TYPES.sendfax, { serviceFlag: 2, direction: 'outbound', steps: ['originate', 'fax_send', 'disconnect'], params: ['documentId'], required: [['documentId']], success: ['fax_send'] })
    assert.deepEqual(PROGRAM_TYPES.voicetts.required, [['text', 'textId']], 'text or text_id')
    assert.deepEqual(PROGRAM_TYPES.forward.required, [['extensionId']])
    const inbound = Object.entries(PROGRAM_TYPES).filter(([, t]) => t.direction === 'inbound').map(([n]) => n).sort()
    assert.deepEqual(inbound, ['emailtofax', 'faxtoemail', 'forward', 'receiveemail', 'receivefax', 'receivesms'])
    assert.deepEqual(PROGRAM_TYPES.emailtofax.steps, ['email_receive', 'child:sendfax'])
  })
})

for (const kind of TEST_DATABASES) {
  describe(`programs core and subscriptions (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('subscribedProgram returns the account’s program of a service, or null; subscribing replaces per service', async () => {
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const account = await createAccount(app.core, admin, { type: 'did', phone: '15551230000' })
      assert.equal(await subscribedProgram(app.core, account, 2), null)
      const fax = await createProgram(app.core, admin, 'receivefax', { accountId: account })
      assert.equal((await subscribedProgram(app.core, account, 2))!.id, fax)
      const fte = await createProgram(app.core, admin, 'faxtoemail', {})
      await subscribeProgram(app.core, admin, account, fte)
      const now = await subscribedProgram(app.core, account, 2)
      assert.equal(now!.id, fte)
      assert.equal(now!.type, 'faxtoemail')
      assert.equal(await subscribedProgram(app.core, account, 1), null)
      await unsubscribeProgramType(app.core, admin, account, 'faxtoemail')
      assert.equal(await subscribedProgram(app.core, account, 2), null)
      assert.equal(await subscribedProgram(app.core, 0, 2), null)
    })

    test('getProgram hides other users’ and other tenants’ programs; references are Invalid for their field', async () => {
      const alice = await actorForUser(app.core, (await app.user(null)).id)
      const bob = await actorForUser(app.core, (await app.user(null)).id)
      const id = await createProgram(app.core, alice, 'receivesms', { name: 'Inbox' })
      assert.equal((await getProgram(app.core, alice, id)).name, 'Inbox')
      await assert.rejects(getProgram(app.core, bob, id), NotFound)
      const reseller = (await app.reseller()).id
      const radmin = await actorForUser(app.core, (await app.user(reseller, { roles: ['admin', 'user'] })).id)
      await assert.rejects(getProgram(app.core, radmin, id), NotFound)
      await assert.rejects(createProgram(app.core, alice, 'sendsms', { textId: 1 }), (e: unknown) => e instanceof Invalid && e.field === 'textId')
      await assert.rejects(createProgram(app.core, alice, 'nope', {}), (e: unknown) => e instanceof Invalid && e.field === 'type')
    })
  })
}
