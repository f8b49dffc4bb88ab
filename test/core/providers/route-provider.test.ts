import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { resellerActor, systemActor } from '../../../src/core/actor.ts'
import { createProvider, routeProvider } from '../../../src/core/providers/index.ts'
import { providers } from '../../../src/core/providers/providers.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`routeProvider, spec §7.1 "Routing" (${kind})`, () => {
    let app: TestApp
    let tenant: number
    before(async () => {
      app = await startTestApp(kind)
      tenant = (await app.reseller()).id
    })
    after(async () => { await app.stop() })

    test('null when the tenant has no provider for the service', async () => {
      assert.equal(await routeProvider(app.core, tenant, 1), null)
    })

    test('picks the active provider with the bit, lowest weight then lowest id, with its password decrypted', async () => {
      const actor = resellerActor(tenant)
      const heavy = await createProvider(app.core, actor, { name: 'heavy', type: 'sip', host: 'a.example', username: 'u', weight: 10 })
      const light = await createProvider(app.core, actor, { name: 'light', type: 'sip', host: 'b.example', username: 'u', weight: 1, password: 'pw' })
      const lightTwin = await createProvider(app.core, actor, { name: 'light-2', type: 'sip', host: 'c.example', username: 'u', weight: 1 })
      const off = await createProvider(app.core, actor, { name: 'off', type: 'sip', host: 'd.example', username: 'u', weight: -1, active: false })
      const sms = await createProvider(app.core, actor, { name: 'kannel', type: 'smpp', host: 'e.example', username: 'u' })
      const voice = await routeProvider(app.core, tenant, 1)
      assert.equal(voice!.id, light)
      assert.equal(voice!.password, 'pw')
      assert.equal((await routeProvider(app.core, tenant, 2))!.id, light, 'sip carries fax too')
      assert.equal((await routeProvider(app.core, tenant, 4))!.id, sms)
      await app.core.db.update(providers).set({ active: false }).where(eq(providers.id, light))
      assert.equal((await routeProvider(app.core, tenant, 1))!.id, lightTwin)
      void heavy
      void off
    })

    test('a provider its gateway reports down is skipped for the next by weight; with every one down the first keeps the sends (spec/gateways.md §1, issue 18)', async () => {
      const t4 = (await app.reseller()).id
      const actor = resellerActor(t4)
      const first = await createProvider(app.core, actor, { name: 'first', type: 'smpp', host: 'a.example', username: 'u', weight: 1 })
      const second = await createProvider(app.core, actor, { name: 'second', type: 'smpp', host: 'b.example', username: 'u', weight: 2 })
      const states = new Map<number, 'up' | 'down' | 'connecting'>([[first, 'down'], [second, 'up']])
      const view = (state: 'up' | 'down' | 'connecting') => ({ state, since: new Date(), detail: '', windowInUse: 0, sentPerS: 0, errorsLast5m: 0, totals: { sends: 0, results: 0, errors: 0 } })
      const source = { of: (id: number) => (states.has(id) ? view(states.get(id)!) : undefined), all: () => [] }
      app.core.providerHealth.attach(source)
      try {
        assert.equal((await routeProvider(app.core, t4, 4))!.id, second)
        states.set(first, 'connecting')
        assert.equal((await routeProvider(app.core, t4, 4))!.id, first, 'connecting is not down')
        states.set(first, 'down')
        states.set(second, 'down')
        assert.equal((await routeProvider(app.core, t4, 4))!.id, first)
      } finally {
        app.core.providerHealth.detach(source)
      }
      assert.equal((await routeProvider(app.core, t4, 4))!.id, first, 'no dispatcher: every active provider is usable')
    })

    test('email goes only through smtp, sendmail or sandbox providers', async () => {
      const t2 = (await app.reseller()).id
      const actor = resellerActor(t2)
      await createProvider(app.core, actor, { name: 'sip-all', type: 'sip', host: 'a.example', username: 'u', serviceFlag: 15, weight: -10 })
      assert.equal(await routeProvider(app.core, t2, 8), null)
      const mail = await createProvider(app.core, actor, { name: 'mail', type: 'smtp', host: 'mail.example', weight: 5 })
      assert.equal((await routeProvider(app.core, t2, 8))!.id, mail)
      const sandbox = await createProvider(app.core, actor, { name: 'sb', type: 'sandbox', weight: 0 })
      assert.equal((await routeProvider(app.core, t2, 8))!.id, sandbox)
      assert.equal((await routeProvider(app.core, t2, 4))!.type, 'sip', 'the all-services sip trunk still routes sms')
    })

    test('routing stays inside the tenant (the platform tenant is null)', async () => {
      const t3 = (await app.reseller()).id
      assert.equal(await routeProvider(app.core, t3, 1), null)
      const platform = await createProvider(app.core, systemActor, { name: `platform-${kind}`, type: 'sandbox' })
      const row = await routeProvider(app.core, null, 1)
      assert.equal(row!.id, platform)
      assert.equal(await routeProvider(app.core, t3, 1), null)
    })
  })
}
