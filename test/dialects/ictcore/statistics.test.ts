import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { campaigns } from '../../../src/core/campaigns/campaigns.table.ts'
import { contactGroups, contacts } from '../../../src/core/contacts/contacts.table.ts'
import { spools, transmissions } from '../../../src/core/transmissions/transmissions.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Login = { id: number; username: string; password: string }
const basic = (u: Login) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const FIELDS = ['user_total', 'account_total', 'did_total', 'campaign_total', 'campaign_active', 'group_total', 'contact_total', 'transmission_total',
  'transmission_inbound', 'transmission_outbound', 'transmission_active', 'spool_total', 'spool_success', 'spool_failed',
  'callback_total', 'callback_requested', 'callback_calling_member', 'callback_bridging', 'callback_completed', 'callback_failed']

for (const kind of TEST_DATABASES) {
  describe(`ICTCore statistics, spec §10 (${kind})`, () => {
    let app: TestApp
    let admin: Login
    let alice: Login
    let bob: Login
    let stats: (query?: string, as?: Login) => Promise<LightMyRequestResponse>
    const old = new Date('2020-01-01T00:00:00Z')
    const OLD = Math.floor(old.getTime() / 1000)

    before(async () => {
      // A reseller tenant keeps the counts independent of other tests' platform users.
      app = await startTestApp(kind)
      const tenant = (await app.reseller()).id
      admin = await app.user(tenant, { roles: ['admin', 'user'] })
      alice = await app.user(tenant)
      bob = await app.user(tenant)
      stats = (query = '', as = alice) => app.http.inject({ method: 'GET', url: `/api/statistics${query}`, headers: basic(as) })
      const db = app.core.db
      const own = (userId: number) => ({ tenantId: tenant, userId })
      // alice: 2 contacts (one old), 1 group, 2 campaigns (1 running), 1 did, 3 transmissions, 3 spools.
      await db.insert(contacts).values([{ ...own(alice.id), phone: '15550000001' }, { ...own(alice.id), phone: '15550000002', createdAt: old }])
      await db.insert(contactGroups).values({ ...own(alice.id), name: 'g' })
      await db.insert(campaigns).values([{ ...own(alice.id), programId: 1, groupId: 1, status: 'running' }, { ...own(alice.id), programId: 1, groupId: 1 }])
      await db.insert(accounts).values({ ...own(alice.id), type: 'did', phone: '15559990000', username: '15559990000' })
      const [t1, t2] = await db.insert(transmissions).values([
        { ...own(alice.id), serviceFlag: 2, direction: 'outbound', status: 'processing' },
        { ...own(alice.id), serviceFlag: 4, direction: 'inbound', status: 'completed' },
        { ...own(alice.id), serviceFlag: 4, direction: 'outbound', status: 'pending', createdAt: old },
      ]).returning()
      await db.insert(spools).values([
        { tenantId: tenant, transmissionId: t1!.id, serviceFlag: 2, status: 'completed' },
        { tenantId: tenant, transmissionId: t1!.id, serviceFlag: 2, status: 'failed', timeSpool: old },
        { tenantId: tenant, transmissionId: t2!.id, serviceFlag: 4, status: 'queued' },
      ])
      // bob: 1 contact, 1 transmission.
      await db.insert(contacts).values({ ...own(bob.id), phone: '15550000003' })
      await db.insert(transmissions).values({ ...own(bob.id), serviceFlag: 1, direction: 'outbound', status: 'processing' })
    })
    after(async () => { await app.stop() })

    test('a user sees counts over its own objects only, every field a number', async () => {
      const s = (await stats()).json()
      assert.deepEqual(Object.keys(s).sort(), [...FIELDS].sort())
      assert.deepEqual(s, {
        user_total: 1, account_total: 2, did_total: 1, campaign_total: 2, campaign_active: 1, group_total: 1, contact_total: 2,
        transmission_total: 3, transmission_inbound: 1, transmission_outbound: 2, transmission_active: 1, spool_total: 3, spool_success: 1, spool_failed: 1,
        callback_total: 0, callback_requested: 0, callback_calling_member: 0, callback_bridging: 0, callback_completed: 0, callback_failed: 0,
      }, 'alice’s default account plus her did')
    })

    test('an admin sees the tenant, or one owner with user_id / created_by; a user naming another owner counts nothing', async () => {
      const all = (await stats('', admin)).json()
      assert.equal(all.user_total, 3)
      assert.equal(all.contact_total, 3)
      assert.equal(all.transmission_total, 4)
      assert.equal(all.transmission_active, 2)
      const onlyBob = (await stats(`?user_id=${bob.id}`, admin)).json()
      assert.deepEqual([onlyBob.user_total, onlyBob.contact_total, onlyBob.transmission_total, onlyBob.spool_total], [1, 1, 1, 0])
      assert.deepEqual((await stats(`?created_by=${alice.id}`, admin)).json(), (await stats()).json())
      const nothing = (await stats(`?user_id=${bob.id}`)).json()
      assert.ok(Object.values(nothing).every((v) => v === 0))
      assert.equal((await stats(`?user_id=${alice.id}`)).json().contact_total, 2)
    })

    test('since (aliases from, date_created) counts objects created at or after it; spools by time_spool', async () => {
      const s = (await stats(`?since=${OLD + 1}`)).json()
      assert.deepEqual([s.contact_total, s.transmission_total, s.spool_total, s.spool_failed], [1, 2, 2, 0])
      assert.deepEqual((await stats(`?from=${OLD + 1}`)).json(), s)
      assert.deepEqual((await stats(`?date_created=${OLD + 1}`)).json(), s)
      assert.equal((await stats(`?since=${OLD}`)).json().contact_total, 2)
      assert.deepEqual((await stats('?since=yesterday')).json(), failed('since'))
      assert.deepEqual((await stats('?from=x')).json(), failed('from'))
    })

    test('service_flag restricts transmission and spool counts (bitmask); account_type restricts account_total', async () => {
      const fax = (await stats('?service_flag=2')).json()
      assert.deepEqual([fax.transmission_total, fax.spool_total, fax.contact_total], [1, 2, 2])
      const faxSms = (await stats('?service_flag=6')).json()
      assert.deepEqual([faxSms.transmission_total, faxSms.spool_total], [3, 3])
      assert.deepEqual((await stats('?service_flag=abc')).json(), failed('service_flag'))
      const dids = (await stats('?account_type=did')).json()
      assert.deepEqual([dids.account_total, dids.did_total], [1, 1])
      assert.equal((await stats('?account_type=')).json().account_total, 2, 'an empty value disables the filter')
      assert.equal((await stats('?account_type=extension')).json().account_total, 0)
    })

    test('a user without the statistic permission gets 403', async () => {
      const nobody = await app.user(null, { roles: [] })
      assert.deepEqual((await stats('', nobody)).json(), { error: { code: 403, message: 'User not permitted to perform required action' } })
    })
  })
}
