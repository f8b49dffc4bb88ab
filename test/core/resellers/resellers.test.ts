import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { Forbidden, Unauthenticated } from '../../../src/core/errors.ts'
import {
  apiKeys, authenticateApiKey, createReseller, issueApiKey, listApiKeys, revokeApiKey, setResellerEnabled, updateResellerSettings,
} from '../../../src/core/resellers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`resellers and API keys (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('a new reseller gets one API key, stored only as hashes', async () => {
      const { reseller, apiKey } = await createReseller(app.core, { name: 'Acme Telecom', username: uniqueName('acme') })
      const rows = await app.core.db.select().from(apiKeys).where(eq(apiKeys.resellerId, reseller.id))
      assert.equal(rows.length, 1)
      assert.ok(!JSON.stringify(rows).includes(apiKey))
      const listed = await listApiKeys(app.core, reseller.id)
      assert.deepEqual(Object.keys(listed[0]!).sort(), ['createdAt', 'id', 'label', 'lastUsedAt', 'revokedAt'])
    })

    test('usernames are unique case-insensitively and at most 20 characters', async () => {
      const username = uniqueName('dup')
      await createReseller(app.core, { name: 'One', username })
      await assert.rejects(createReseller(app.core, { name: 'Two', username: username.toUpperCase() }), { kind: 'conflict', field: 'username' })
      await assert.rejects(createReseller(app.core, { name: 'Three', username: 'x'.repeat(21) }), { kind: 'invalid', field: 'username' })
    })

    test('a key authenticates its reseller alone or with the claimed id or username', async () => {
      const r = await app.reseller()
      assert.equal((await authenticateApiKey(app.core, 'porta', r.apiKey)).id, r.id)
      assert.equal((await authenticateApiKey(app.core, 'resellerclub', r.apiKey, { resellerId: r.id })).id, r.id)
      assert.equal((await authenticateApiKey(app.core, 'packetera', r.apiKey, { username: r.username.toUpperCase() })).id, r.id)
    })

    test('a key claimed for another reseller, a wrong key or an empty one is refused', async () => {
      const a = await app.reseller()
      const b = await app.reseller()
      await assert.rejects(authenticateApiKey(app.core, 'resellerclub', a.apiKey, { resellerId: b.id }), Unauthenticated)
      await assert.rejects(authenticateApiKey(app.core, 'porta', a.apiKey.slice(0, -1) + (a.apiKey.endsWith('x') ? 'y' : 'x')), Unauthenticated)
      await assert.rejects(authenticateApiKey(app.core, 'porta', ''), Unauthenticated)
    })

    test('a revoked key stops working at once, other keys keep working', async () => {
      const r = await app.reseller()
      const second = await issueApiKey(app.core, r.id, 'second')
      await authenticateApiKey(app.core, 'porta', r.apiKey)
      const [first] = await listApiKeys(app.core, r.id)
      await revokeApiKey(app.core, r.id, first!.id)
      await assert.rejects(authenticateApiKey(app.core, 'porta', r.apiKey), Unauthenticated)
      assert.equal((await authenticateApiKey(app.core, 'porta', second.apiKey)).id, r.id)
    })

    test('a disabled reseller, or one not enabled for a dialect, is forbidden', async () => {
      const r = await app.reseller({ dialects: ['porta'] })
      await assert.rejects(authenticateApiKey(app.core, 'delacon', r.apiKey), Forbidden)
      assert.equal((await authenticateApiKey(app.core, 'porta', r.apiKey)).id, r.id)
      await setResellerEnabled(app.core, r.id, false)
      await assert.rejects(authenticateApiKey(app.core, 'porta', r.apiKey), Forbidden)
    })

    test('the last-used time is recorded', async () => {
      const r = await app.reseller()
      await authenticateApiKey(app.core, 'porta', r.apiKey)
      const [k] = await listApiKeys(app.core, r.id)
      assert.ok(k!.lastUsedAt instanceof Date)
    })

    test('settings merge and a null value removes a key', async () => {
      const r = await app.reseller()
      await updateResellerSettings(app.core, r.id, { a: 1, b: 'x' })
      const s = await updateResellerSettings(app.core, r.id, { a: null, c: true })
      assert.deepEqual(s.settings, { b: 'x', c: true })
    })
  })
}
