import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { asc, eq, sql } from 'drizzle-orm'
import { campaigns } from '../../../src/core/campaigns/campaigns.table.ts'
import { schedules } from '../../../src/core/schedules/schedules.table.ts'
import { spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

/** Idle poll of the dispatcher loops: on PGlite's one connection a 20 ms poll slows every request several times. */
const IDLE_TICK_MS = 50

type Who = { id: number; username: string; password: string }
type Row = Record<string, unknown>
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const locked = (message: string) => ({ error: { code: 423, message } })
const CAMPAIGN_NOT_FOUND = { error: { code: 404, message: 'Campaign not found' } }
const CAMPAIGN_FIELDS = ['campaign_id', 'program_id', 'group_id', 'account_id', 'cpm', 'try_allowed', 'status', 'contact_total', 'contact_done', 'last_run', 'program_type', 'user_id', 'date_created', 'last_updated']
/** Sandbox script (§5.12): +1999… answers only after ten minutes (the campaign stays running), +1666… fails. */
const SCRIPT = { rules: [{ match: '^\\+1999', delay_ms: 600000 }, { match: '^\\+1666', outcome: 'fail', cause: 'rejected' }] }

let phoneSeq = 0
/** A fresh phone number with a prefix the sandbox script knows. */
const phone = (prefix: '+1555' | '+1999' | '+1666') => `${prefix}${String(++phoneSeq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  describe(`ICTCore campaigns, spec §4.6, §5.9, §7.3 (${kind})`, () => {
    let app: TestApp
    let admin: Who
    let alice: Who
    let bob: Who
    let aliceAccount = 0
    let sms = 0
    let email = 0
    let inbound = 0
    let bobSms = 0
    let bobGroup = 0
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    async function post(url: string, payload?: unknown, as: Who = alice): Promise<number> {
      const res = await call('POST', url, payload, as)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json() as number
    }
    const campaign = async (cid: number, as: Who = alice): Promise<Row> => {
      const res = await call('GET', `/api/campaigns/${cid}`, undefined, as)
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as Row
    }
    /** A group of new contacts, one per entry: a phone, or null for a contact with only an email. */
    async function group(phones: (string | null)[], as: Who = alice): Promise<{ groupId: number; contacts: number[] }> {
      const groupId = await post('/api/groups', { name: 'g' }, as)
      const contacts: number[] = []
      for (const p of phones) {
        const cid = await post('/api/contacts', p === null ? { email: `c${++phoneSeq}@example.com` } : { phone: p }, as)
        assert.equal((await call('PUT', `/api/contacts/${cid}/link/${groupId}`, undefined, as)).statusCode, 200)
        contacts.push(cid)
      }
      return { groupId, contacts }
    }
    const transmissionsOf = (cid: number) => app.core.db.select().from(transmissions).where(eq(transmissions.campaignId, cid)).orderBy(asc(transmissions.id))
    const waitStatus = (cid: number, status: string) => until(`campaign ${cid} to be ${status}`, () => campaign(cid), (c) => c.status === status)
    /** A running campaign whose one contact's attempt stays in progress. */
    async function held(): Promise<{ cid: number; groupId: number }> {
      const { groupId } = await group([phone('+1999')])
      const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
      assert.equal((await call('POST', `/api/campaigns/${cid}/start`)).json(), true)
      await until('the held attempt to be in progress', () => transmissionsOf(cid), (ts) => ts.length === 1 && ts[0]!.status === 'processing')
      return { cid, groupId }
    }
    const newCampaign = async (body: Row = {}) => post('/api/campaigns', { program_id: sms, group_id: (await group([])).groupId, ...body })

    before(async () => {
      app = await startTestApp(kind, { dispatch: { ...TEST_DISPATCH, tickMs: IDLE_TICK_MS } }, { dispatch: true })
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null, { phone: '+15550001111' })
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      await post('/api/providers', { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) }, admin)
      aliceAccount = ((await call('GET', '/api/accounts')).json() as Row[])[0]!.account_id as number
      sms = await post('/api/programs/sendsms', { text_id: await post('/api/messages/texts', { name: 't', data: 'Hello' }) })
      email = await post('/api/programs/sendemail', { template_id: await post('/api/messages/templates', { name: 'm', subject: 's', body: 'b' }) })
      inbound = await post('/api/programs/receivesms', {})
      bobSms = await post('/api/programs/sendsms', { text_id: await post('/api/messages/texts', { name: 't', data: 'x' }, bob) }, bob)
      bobGroup = await post('/api/groups', { name: 'bob' }, bob)
    })
    after(async () => { await app.stop() })

    describe('create, read, list', () => {
      test('POST /campaigns returns the bare id of a new campaign with cpm 2, try_allowed 1 and the caller\'s account', async () => {
        const { groupId } = await group([])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, status: 'running', contact_total: 9 })
        const c = await campaign(cid)
        assert.deepEqual(Object.keys(c).sort(), [...CAMPAIGN_FIELDS].sort())
        assert.deepEqual({ ...c, date_created: 0, last_updated: 0 }, {
          campaign_id: cid, program_id: sms, group_id: groupId, account_id: aliceAccount, cpm: 2, try_allowed: 1, status: 'new',
          contact_total: 0, contact_done: 0, last_run: null, program_type: 'sendsms', user_id: alice.id, date_created: 0, last_updated: 0,
        })
      })

      test('cpm, try_allowed and account_id are taken from the body; the program\'s account is the default', async () => {
        const { groupId } = await group([])
        const c = await campaign(await post('/api/campaigns', { program_id: String(sms), group_id: groupId, cpm: '600', try_allowed: 20, account_id: aliceAccount }))
        assert.deepEqual([c.cpm, c.try_allowed, c.account_id], [600, 20, aliceAccount])
        const second = await post('/api/accounts', { username: 'alice-2' }, admin)
        assert.equal((await call('PUT', `/api/accounts/${second}/users/${alice.id}`, undefined, admin)).statusCode, 200)
        const program = await post('/api/programs/sendsms', { text_id: await post('/api/messages/texts', { name: 't', data: 'x' }), account_id: aliceAccount })
        assert.equal((await campaign(await post('/api/campaigns', { program_id: program, group_id: groupId }))).account_id, aliceAccount)
        assert.equal((await campaign(await post('/api/campaigns', { program_id: sms, group_id: groupId }))).account_id, second, 'the active account with the highest id')
        assert.equal((await call('DELETE', `/api/accounts/${second}`, undefined, admin)).statusCode, 200)
      })

      test('each bad input is 412 naming its field, and nothing is created', async () => {
        const { groupId } = await group([])
        const count = async () => (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(campaigns))[0]!.n
        const before = await count()
        const ok = { program_id: sms, group_id: groupId }
        const cases: [Row, string][] = [
          [{ group_id: groupId }, 'program_id'], [{ ...ok, program_id: inbound }, 'program_id'], [{ ...ok, program_id: bobSms }, 'program_id'],
          [{ ...ok, program_id: 999999 }, 'program_id'], [{ program_id: sms }, 'group_id'], [{ ...ok, group_id: bobGroup }, 'group_id'],
          [{ ...ok, group_id: 'g' }, 'group_id'], [{ ...ok, cpm: 0 }, 'cpm'], [{ ...ok, cpm: 601 }, 'cpm'], [{ ...ok, cpm: 2.5 }, 'cpm'],
          [{ ...ok, try_allowed: 0 }, 'try_allowed'], [{ ...ok, try_allowed: 21 }, 'try_allowed'], [{ ...ok, account_id: 999999 }, 'account_id'],
        ]
        for (const [body, field] of cases) {
          const res = await call('POST', '/api/campaigns', body)
          assert.equal(res.statusCode, 412, JSON.stringify(body))
          assert.deepEqual(res.json(), failed(field), JSON.stringify(body))
        }
        assert.equal(await count(), before)
      })

      test('GET /campaigns lists by id with filters; a non-admin sees only its own; another user\'s campaign is 404', async () => {
        const bobs = await post('/api/campaigns', { program_id: bobSms, group_id: bobGroup }, bob)
        const mine = await newCampaign()
        const mailing = await newCampaign({ program_id: email })
        const list = async (q: string, as: Who = alice) => ((await call('GET', `/api/campaigns${q}`, undefined, as)).json() as Row[]).map((c) => c.campaign_id)
        const all = await list('')
        assert.ok(all.includes(mine) && all.includes(mailing) && !all.includes(bobs))
        assert.deepEqual([...all].sort((a, b) => (a as number) - (b as number)), all)
        assert.deepEqual(await list('?program_type=sendemail'), [mailing])
        assert.deepEqual(await list(`?program_id=${email}&status=new`), [mailing])
        assert.deepEqual(await list('?status=paused&program_type=sendemail'), [])
        assert.deepEqual(await list(`?user_id=${bob.id}`), [])
        assert.deepEqual(await list(`?user_id=${bob.id}`, admin), [bobs])
        assert.deepEqual(await list('?limit=1&offset=1', bob), [])
        assert.deepEqual((await call('GET', '/api/campaigns?group_id=x')).json(), failed('group_id'))
        await app.core.db.update(campaigns).set({ createdAt: new Date(1_900_000_000_500) }).where(eq(campaigns.id, mailing))
        assert.deepEqual(await list('?after=1900000000'), [mailing])
        const earlier = await list('?before=1899999999')
        assert.ok(earlier.includes(mine) && !earlier.includes(mailing))
        assert.deepEqual((await call('GET', '/api/campaigns?after=x')).json(), failed('after'))
        for (const [method, path] of [['GET', ''], ['PUT', ''], ['DELETE', ''], ['POST', '/start'], ['GET', '/stop'], ['POST', '/start/schedule'], ['DELETE', '/schedule']]) {
          assert.deepEqual((await call(method!, `/api/campaigns/${bobs}${path}`, { delay: 5 })).json(), CAMPAIGN_NOT_FOUND, `${method} ${path}`)
        }
      })
    })

    describe('update and delete', () => {
      test('PUT on a new campaign changes any supplied field and returns the full campaign; status is read-only', async () => {
        const cid = await newCampaign()
        const other = await group([])
        const res = await call('PUT', `/api/campaigns/${cid}`, { program_id: email, group_id: other.groupId, cpm: 30, try_allowed: 3, status: 'completed', contact_total: 5 })
        assert.equal(res.statusCode, 200)
        const c = res.json()
        assert.deepEqual([c.program_id, c.program_type, c.group_id, c.cpm, c.try_allowed, c.status, c.contact_total], [email, 'sendemail', other.groupId, 30, 3, 'new', 0])
        assert.deepEqual(await campaign(cid), c)
        assert.deepEqual((await call('PUT', `/api/campaigns/${cid}`, { cpm: 7 })).json().program_id, email, 'partial')
      })

      test('PUT with a bad value is 412 for that field and changes nothing', async () => {
        const cid = await newCampaign()
        const before = await campaign(cid)
        const cases: [Row, string][] = [
          [{ cpm: 601 }, 'cpm'], [{ cpm: 0 }, 'cpm'], [{ try_allowed: 21 }, 'try_allowed'], [{ program_id: null }, 'program_id'],
          [{ program_id: inbound }, 'program_id'], [{ group_id: bobGroup }, 'group_id'], [{ group_id: null }, 'group_id'], [{ account_id: 999999 }, 'account_id'],
        ]
        for (const [body, field] of cases) assert.deepEqual((await call('PUT', `/api/campaigns/${cid}`, body)).json(), failed(field), JSON.stringify(body))
        assert.deepEqual(await campaign(cid), before)
      })

      test('once started, changing program_id, group_id or account_id is 423 Campaign already started; cpm may change', async () => {
        const { cid, groupId } = await held()
        const other = await group([])
        for (const body of [{ program_id: email }, { group_id: other.groupId }, { account_id: 999999 }]) {
          const res = await call('PUT', `/api/campaigns/${cid}`, { ...body, cpm: 5 })
          assert.equal(res.statusCode, 423, JSON.stringify(body))
          assert.deepEqual(res.json(), locked('Campaign already started'))
        }
        assert.equal((await campaign(cid)).cpm, 600)
        const c = (await call('PUT', `/api/campaigns/${cid}`, { cpm: 5 })).json()
        assert.deepEqual([c.cpm, c.status], [5, 'running'])
        // Clients PUT the whole object back: the unchanged values are no change.
        const whole = await call('PUT', `/api/campaigns/${cid}`, { ...c, cpm: 6 })
        assert.equal(whole.statusCode, 200, whole.body)
        assert.deepEqual([whole.json().cpm, whole.json().group_id, whole.json().program_id], [6, groupId, sms])
      })

      test('try_allowed also updates the still-pending transmissions, never below their try_done', async () => {
        // cpm 1: the first contact is sent at once, the others wait their minute.
        const { groupId } = await group([phone('+1666'), phone('+1555'), phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 1, try_allowed: 2 })
        assert.equal((await call('PUT', `/api/campaigns/${cid}/start`)).json(), true)
        const first = await until('the first attempt to fail and wait for its retry', () => transmissionsOf(cid), (ts) => ts.length === 3 && ts[0]!.tryDone === 1 && ts[0]!.status === 'pending')
        assert.deepEqual(first.map((t) => [t.status, t.tryAllowed, t.tryDone]), [['pending', 2, 1], ['pending', 2, 0], ['pending', 2, 0]])
        assert.equal((await call('PUT', `/api/campaigns/${cid}`, { try_allowed: 5 })).json().try_allowed, 5)
        assert.deepEqual((await transmissionsOf(cid)).map((t) => t.tryAllowed), [5, 5, 5])
        await call('PUT', `/api/campaigns/${cid}`, { try_allowed: 1 })
        assert.deepEqual((await transmissionsOf(cid)).map((t) => t.tryAllowed), [1, 1, 1])
        await app.core.db.update(transmissions).set({ status: 'failed' }).where(eq(transmissions.id, first[2]!.id))
        await call('PUT', `/api/campaigns/${cid}`, { try_allowed: 4 })
        assert.deepEqual((await transmissionsOf(cid)).map((t) => t.tryAllowed), [4, 4, 1], 'only pending ones change')
        assert.equal((await call('GET', `/api/campaigns/${cid}/stop`)).json(), true)
      })

      test('DELETE answers true, removes the campaign and its schedules, and keeps its transmissions', async () => {
        const { groupId } = await group([phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${cid}/start`)
        await waitStatus(cid, 'completed')
        await post(`/api/campaigns/${cid}/start/schedule`, { delay: 3600 })
        const res = await call('DELETE', `/api/campaigns/${cid}`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, 'true')
        assert.deepEqual((await call('GET', `/api/campaigns/${cid}`)).json(), CAMPAIGN_NOT_FOUND)
        assert.equal((await transmissionsOf(cid)).length, 1)
        assert.deepEqual(await app.core.db.select().from(schedules).where(eq(schedules.targetId, cid)), [])
        const fresh = await newCampaign()
        assert.equal((await call('GET', `/api/campaigns/${fresh}/delete`)).json(), true)
        assert.deepEqual((await call('GET', `/api/campaigns/${fresh}`)).json(), CAMPAIGN_NOT_FOUND)
      })

      test('DELETE of a running campaign is 423 Campaign already running; once paused it may go', async () => {
        const { cid } = await held()
        for (const [method, url] of [['DELETE', `/api/campaigns/${cid}`], ['GET', `/api/campaigns/${cid}/delete`]]) {
          assert.deepEqual((await call(method!, url!)).json(), locked('Campaign already running'))
        }
        await post(`/api/campaigns/${cid}/stop`)
        assert.equal((await call('DELETE', `/api/campaigns/${cid}`)).json(), true)
      })
    })

    describe('start and stop', () => {
      test('a campaign sends one transmission per contact, in contact order, with its settings, and completes', async () => {
        const { groupId, contacts } = await group([phone('+1555'), phone('+1555'), phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600, try_allowed: 2 })
        const res = await call('POST', `/api/campaigns/${cid}/start`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, 'true')
        const c = await waitStatus(cid, 'completed')
        assert.deepEqual([c.contact_total, c.contact_done, typeof c.last_run], [3, 3, 'number'])
        const ts = await transmissionsOf(cid)
        assert.deepEqual(ts.map((t) => t.contactId), contacts)
        for (const t of ts) {
          assert.deepEqual([t.status, t.programId, t.accountId, t.tryAllowed, t.tryDone, t.direction, t.serviceFlag], ['completed', sms, aliceAccount, 2, 1, 'outbound', 4])
        }
        const wire = ((await call('GET', `/api/transmissions?campaign_id=${cid}`)).json() as Row[]).map((t) => [t.transmission_id, t.campaign_id])
        assert.deepEqual(wire, ts.map((t) => [t.id, cid]).reverse())
      })

      test('sends are paced 60 / cpm seconds apart', async () => {
        const { groupId } = await group([phone('+1555'), phone('+1555'), phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${cid}/start`)
        await waitStatus(cid, 'completed')
        const times = (await app.core.db.select({ at: spools.timeSpool }).from(spools).innerJoin(transmissions, eq(transmissions.id, spools.transmissionId))
          .where(eq(transmissions.campaignId, cid)).orderBy(asc(spools.id))).map((s) => s.at.getTime())
        assert.equal(times.length, 3)
        for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 100, `slots ${times[i - 1]} and ${times[i]} are at least 100 ms apart`)
      })

      test('an empty group completes the campaign at once', async () => {
        const cid = await newCampaign()
        assert.equal((await call('GET', `/api/campaigns/${cid}/start`)).json(), true)
        const c = await campaign(cid)
        assert.deepEqual([c.status, c.contact_total, c.contact_done], ['completed', 0, 0])
      })

      test('contacts without the needed address get invalid transmissions, counted as done', async () => {
        const { groupId, contacts } = await group([null, phone('+1555'), null])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${cid}/start`)
        const c = await waitStatus(cid, 'completed')
        assert.deepEqual([c.contact_total, c.contact_done], [3, 3])
        const ts = await transmissionsOf(cid)
        assert.deepEqual(ts.map((t) => [t.contactId, t.status]), [[contacts[0], 'invalid'], [contacts[1], 'completed'], [contacts[2], 'invalid']])
        assert.equal(typeof ts[0]!.response, 'string')
        const mail = await post('/api/campaigns', { program_id: email, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${mail}/start`)
        await waitStatus(mail, 'completed')
        assert.deepEqual((await transmissionsOf(mail)).map((t) => t.status), ['completed', 'invalid', 'completed'], 'email needs an email address')
      })

      test('failed contacts count as done; the campaign completes when every transmission is final', async () => {
        const { groupId } = await group([phone('+1666'), phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${cid}/start`)
        const c = await waitStatus(cid, 'completed')
        assert.deepEqual([c.contact_total, c.contact_done], [2, 2])
        assert.deepEqual((await transmissionsOf(cid)).map((t) => [t.status, t.response]), [['failed', 'rejected'], ['completed', null]])
      })

      test('contact_done counts the transmissions in a final state while the campaign runs', async () => {
        const { groupId } = await group([phone('+1555'), phone('+1999')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
        await post(`/api/campaigns/${cid}/start`)
        const c = await until('one contact done', () => campaign(cid), (c) => c.contact_done === 1)
        assert.deepEqual([c.status, c.contact_total], ['running', 2])
        await post(`/api/campaigns/${cid}/stop`)
      })

      test('start and stop answer 423 per §7.3', async () => {
        const fresh = await newCampaign()
        const { cid } = await held()
        const done = await newCampaign()
        await post(`/api/campaigns/${done}/start`)
        const expect = async (url: string, message: string) => {
          for (const method of ['GET', 'PUT', 'POST']) {
            const res = await call(method, url)
            assert.equal(res.statusCode, 423, `${method} ${url}`)
            assert.deepEqual(res.json(), locked(message), `${method} ${url}`)
          }
        }
        await expect(`/api/campaigns/${cid}/start`, 'Campaign already running')
        await expect(`/api/campaigns/${done}/start`, 'Campaign already completed')
        await expect(`/api/campaigns/${fresh}/stop`, 'Campaign is not running')
        await expect(`/api/campaigns/${done}/stop`, 'Campaign is not running')
        await post(`/api/campaigns/${cid}/stop`)
        await expect(`/api/campaigns/${cid}/stop`, 'Campaign is not running')
      })

      test('start and stop are served on GET, PUT and POST; a paused campaign resumes without new transmissions', async () => {
        const { cid, groupId } = await held()
        await post('/api/contacts', { phone: phone('+1555') }).then((c) => call('PUT', `/api/contacts/${c}/link/${groupId}`))
        for (const [method, action, status] of [['GET', 'stop', 'paused'], ['PUT', 'start', 'running'], ['PUT', 'stop', 'paused'], ['GET', 'start', 'running'], ['POST', 'stop', 'paused'], ['POST', 'start', 'running']]) {
          const res = await call(method!, `/api/campaigns/${cid}/${action}`)
          assert.equal(res.statusCode, 200, `${method} ${action}: ${res.body}`)
          assert.equal(res.json(), true)
          assert.equal((await campaign(cid)).status, status, `${method} ${action}`)
        }
        assert.equal((await transmissionsOf(cid)).length, 1, 'a contact linked after the start gets nothing')
        assert.equal((await campaign(cid)).contact_total, 1)
        await post(`/api/campaigns/${cid}/stop`)
      })

      test('a paused campaign sends nothing new; manual send of its transmissions is allowed; it completes once resumed', async () => {
        const { groupId } = await group([phone('+1555'), phone('+1555'), phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 1 })
        await post(`/api/campaigns/${cid}/start`)
        await until('the first contact to be sent', () => transmissionsOf(cid), (ts) => ts.length === 3 && ts[0]!.status === 'completed')
        await post(`/api/campaigns/${cid}/stop`)
        await call('PUT', `/api/campaigns/${cid}`, { cpm: 600 })
        // Another campaign starting and completing shows the dispatcher had its turns meanwhile.
        const witness = await post('/api/campaigns', { program_id: sms, group_id: (await group([phone('+1555')])).groupId, cpm: 600 })
        await post(`/api/campaigns/${witness}/start`)
        await waitStatus(witness, 'completed')
        const ts = await transmissionsOf(cid)
        assert.deepEqual(ts.map((t) => t.status), ['completed', 'pending', 'pending'])
        assert.equal(typeof await post(`/api/transmissions/${ts[1]!.id}/send`), 'number')
        await until('the manual send to complete', () => transmissionsOf(cid), (ts) => ts[1]!.status === 'completed')
        assert.equal((await campaign(cid)).status, 'paused')
        await post(`/api/campaigns/${cid}/start`)
        const c = await waitStatus(cid, 'completed')
        assert.deepEqual([c.contact_total, c.contact_done], [3, 3])
      })

      test('start needs the program and the group to exist still: 412 for the missing one', async () => {
        const { groupId } = await group([phone('+1555')])
        const program = await post('/api/programs/sendsms', { text_id: await post('/api/messages/texts', { name: 't', data: 'x' }) })
        const noProgram = await post('/api/campaigns', { program_id: program, group_id: groupId })
        assert.equal((await call('DELETE', `/api/programs/${program}`)).statusCode, 200)
        assert.deepEqual((await call('POST', `/api/campaigns/${noProgram}/start`)).json(), failed('program_id'))
        const other = await group([phone('+1555')])
        const noGroup = await post('/api/campaigns', { program_id: sms, group_id: other.groupId })
        assert.equal((await call('DELETE', `/api/groups/${other.groupId}`)).statusCode, 200)
        assert.deepEqual((await call('POST', `/api/campaigns/${noGroup}/start`)).json(), failed('group_id'))
        assert.deepEqual([(await campaign(noProgram)).status, (await campaign(noGroup)).status], ['new', 'new'])
      })

      test('a clone of a campaign transmission is standalone', async () => {
        const { groupId } = await group([phone('+1555')])
        const cid = await post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600, try_allowed: 3 })
        await post(`/api/campaigns/${cid}/start`)
        await waitStatus(cid, 'completed')
        const [t] = await transmissionsOf(cid)
        const copy = (await call('GET', `/api/transmissions/${await post(`/api/transmissions/${t!.id}/clone`)}`)).json()
        assert.deepEqual([copy.campaign_id, copy.status, copy.try_allowed, copy.contact_id], [null, 'pending', 3, t!.contactId])
      })
    })
  })
}
