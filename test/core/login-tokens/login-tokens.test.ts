import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { setCustomerStatus, signUpCustomer } from '../../../src/core/customers/index.ts'
import { issueLoginToken, loginTokens, purgeLoginTokens, redeemLoginToken } from '../../../src/core/login-tokens/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`login tokens (${kind})`, () => {
    let app: TestApp
    let offsetMs = 0
    before(async () => {
      app = await startTestApp(kind)
      app.core.now = () => new Date(Date.now() + offsetMs)
    })
    after(async () => { await app.stop() })

    async function customerOf(resellerId: number) {
      const { customer } = await signUpCustomer(app.core, resellerActor(resellerId), { profile: { name: 'T' } })
      return customer.id
    }

    test('a token is redeemed once, by its own tenant, within the TTL', async () => {
      const r = await app.reseller()
      const other = await app.reseller()
      const actor = resellerActor(r.id)
      const id = await customerOf(r.id)
      const token = await issueLoginToken(app.core, actor, { customerId: id, kind: 'login', ip: '::1' })
      await assert.rejects(redeemLoginToken(app.core, resellerActor(other.id), token, 120), { kind: 'not_found' })
      assert.deepEqual(await redeemLoginToken(app.core, actor, token, 120), { customerId: id, kind: 'login' })
      await assert.rejects(redeemLoginToken(app.core, actor, token, 120), { kind: 'not_found' })
    })

    test('an old unconsumed token is expired, a failed redemption consumes nothing, and the age bound is inclusive', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const id = await customerOf(r.id)
      const fixed = Date.now()
      try {
        offsetMs = 0
        app.core.now = () => new Date(fixed)
        const token = await issueLoginToken(app.core, actor, { customerId: id, kind: 'token', ip: '1.1.1.1' })
        app.core.now = () => new Date(fixed + 120_001)
        await assert.rejects(redeemLoginToken(app.core, actor, token, 120), { kind: 'locked' })
        app.core.now = () => new Date(fixed + 120_000)
        assert.equal((await redeemLoginToken(app.core, actor, token, 120)).customerId, id)
      } finally {
        app.core.now = () => new Date(Date.now() + offsetMs)
      }
    })

    test('a suspended customer gets no token; another tenant\'s customer is NotFound', async () => {
      const r = await app.reseller()
      const other = await app.reseller()
      const id = await customerOf(r.id)
      await assert.rejects(issueLoginToken(app.core, resellerActor(other.id), { customerId: id, kind: 'login', ip: null }), { kind: 'not_found' })
      await setCustomerStatus(app.core, resellerActor(r.id), id, 'suspended')
      await assert.rejects(issueLoginToken(app.core, resellerActor(r.id), { customerId: id, kind: 'login', ip: null }), { kind: 'locked' })
    })

    test('malformed tokens are simply not found', async () => {
      const r = await app.reseller()
      for (const t of ['', 'x', 'ZZZZZZZZ-ZZZZ-4ZZZ-8ZZZ-ZZZZZZZZZZZZ', '00000000-0000-4000-8000-000000000000']) {
        await assert.rejects(redeemLoginToken(app.core, resellerActor(r.id), t, 120), { kind: 'not_found' })
      }
    })

    test('purging removes only records issued before the cut-off', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const id = await customerOf(r.id)
      offsetMs = -48 * 3_600_000
      const old = await issueLoginToken(app.core, actor, { customerId: id, kind: 'login', ip: null })
      offsetMs = 0
      const fresh = await issueLoginToken(app.core, actor, { customerId: id, kind: 'login', ip: null })
      assert.ok((await purgeLoginTokens(app.core, new Date(Date.now() - 24 * 3_600_000))) >= 1)
      assert.equal((await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, old))).length, 0)
      assert.equal((await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, fresh))).length, 1)
    })
  })
}
