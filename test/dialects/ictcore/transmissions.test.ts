import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { programs } from '../../../src/core/programs/programs.table.ts'
import { schedules } from '../../../src/core/schedules/schedules.table.ts'
import { recordGatewayEvents, type DeliveryEvent } from '../../../src/core/delivery/index.ts'
import { spoolResults, spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { contacts } from '../../../src/core/contacts/contacts.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Who = { id: number; username: string; password: string }
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const locked = (message: string) => ({ error: { code: 423, message } })
const TRANSMISSION_NOT_FOUND = { error: { code: 404, message: 'Transmission not found' } }
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(24)])
/** Every field of a Transmission (§5.8 plus audit). */
const TRANSMISSION_FIELDS = [
  'transmission_id', 'title', 'origin', 'contact_id', 'account_id', 'program_id', 'service_flag', 'direction', 'try_allowed', 'status', 'response',
  'try_done', 'last_run', 'next_run', 'campaign_id', 'program_type', 'contact_phone', 'contact_email', 'account_phone', 'account_email', 'contact',
  'user_id', 'date_created', 'last_updated',
]
/** A fax attempt as the gateway reports a success (§7.4 sendfax success rule: fax_send success, pages > 0). */
const FAX_SUCCESS: DeliveryEvent[] = [
  { kind: 'connected' }, { kind: 'step', step: 'originate', ok: true }, { kind: 'pages', pages: 2 },
  { kind: 'step', step: 'fax_send', ok: true }, { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
]

for (const kind of TEST_DATABASES) {
  describe(`ICTCore transmissions, spec §4.1, §4.3, §5.8, §6 and §7.1 (${kind})`, () => {
    let app: TestApp
    let admin: Who
    let alice: Who
    let bob: Who
    let aliceAccount = 0
    let providerId = 0
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    /** Alice's messages, programs and contacts; bob's program and contact. */
    const ids = {
      document: 0, bareDocument: 0, text: 0, template: 0, recording: 0,
      fax: 0, sms: 0, email: 0, voice: 0, bareFax: 0, inbound: 0, bobFax: 0,
      contact: 0, emailOnly: 0, bobContact: 0,
    }

    /** A POST that must succeed with a bare id. */
    async function id(url: string, payload: unknown, as: Who = alice): Promise<number> {
      const res = await call('POST', url, payload, as)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      const value = res.json()
      assert.equal(typeof value, 'number')
      return value as number
    }
    /** A user made through POST /users, so it owns its default account (§4.10). */
    async function newUser(name: string, extra: Record<string, unknown> = {}): Promise<Who & { account: number }> {
      const userId = await id('/api/users', { username: name, passwd: 'secret-pw', ...extra }, admin)
      const who = { id: userId, username: name, password: 'secret-pw' }
      const [account] = (await call('GET', '/api/accounts', undefined, who)).json() as { account_id: number }[]
      return { ...who, account: account!.account_id }
    }
    const get = async (tid: number, as: Who = alice) => (await call('GET', `/api/transmissions/${tid}`, undefined, as)).json() as Record<string, unknown>
    const faxTo = (contactId = ids.contact, extra: Record<string, unknown> = {}) => id('/api/transmissions', { program_id: ids.fax, contact_id: contactId, ...extra })
    async function send(tid: number, as: Who = alice): Promise<number> {
      const res = await call('POST', `/api/transmissions/${tid}/send`, undefined, as)
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as number
    }
    /** Ends an attempt as a gateway would report it (no dispatcher runs in this app). */
    async function finish(spoolId: number, events: DeliveryEvent[]): Promise<void> {
      assert.deepEqual(await recordGatewayEvents(app.core, [{ spoolId, events }]), [spoolId])
    }
    async function inState(state: 'pending' | 'processing' | 'completed' | 'failed' | 'invalid'): Promise<number> {
      if (state === 'invalid') {
        const tid = await id('/api/transmissions', { program_id: ids.bareFax, contact_id: ids.contact })
        assert.equal((await call('POST', `/api/transmissions/${tid}/send`)).statusCode, 412)
        return tid
      }
      const tid = await faxTo()
      if (state === 'pending') return tid
      const spoolId = await send(tid)
      if (state === 'completed') await finish(spoolId, FAX_SUCCESS)
      if (state === 'failed') await finish(spoolId, [{ kind: 'failed', cause: 'rejected' }])
      assert.equal((await get(tid)).status, state)
      return tid
    }

    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      const a = await newUser('alice', { phone: '+15550001111', email: 'alice@example.com' })
      alice = a
      aliceAccount = a.account
      bob = await newUser('bob', { phone: '+15550002222' })
      providerId = await id('/api/providers', { name: 'sandbox', type: 'sandbox' }, admin)
      const upload = async (path: string, body: Buffer, type: string) => {
        const res = await app.http.inject({ method: 'PUT', url: path, payload: body, headers: { ...basic(alice), 'content-type': type } })
        assert.equal(res.statusCode, 200, res.body)
      }
      ids.document = await id('/api/messages/documents', { name: 'invoice' })
      await upload(`/api/messages/documents/${ids.document}/media`, PDF, 'application/pdf')
      ids.bareDocument = await id('/api/messages/documents', { name: 'no media yet' })
      ids.text = await id('/api/messages/texts', { name: 'hello', data: 'Hello there' })
      ids.template = await id('/api/messages/templates', { name: 'mail', subject: 'Hi', body: '<p>Hi</p>' })
      ids.recording = await id('/api/messages/recordings', { name: 'greeting' })
      await upload(`/api/messages/recordings/${ids.recording}/media`, WAV, 'audio/wav')
      ids.fax = await id('/api/programs/sendfax', { document_id: ids.document })
      ids.sms = await id('/api/programs/sendsms', { text_id: ids.text })
      ids.email = await id('/api/programs/sendemail', { template_id: ids.template })
      ids.voice = await id('/api/programs/voicemessage', { recording_id: ids.recording })
      ids.bareFax = await id('/api/programs/sendfax', { document_id: ids.bareDocument })
      ids.inbound = await id('/api/programs/receivefax', {})
      ids.contact = await id('/api/contacts', { first_name: 'Fax', phone: '+15551234567', email: 'fax@example.com' })
      ids.emailOnly = await id('/api/contacts', { email: 'only@example.com' })
      const bobDocument = await id('/api/messages/documents', { name: 'bob' }, bob)
      ids.bobFax = await id('/api/programs/sendfax', { document_id: bobDocument }, bob)
      ids.bobContact = await id('/api/contacts', { phone: '+15559990000' }, bob)
    })
    after(async () => { await app.stop() })

    describe('create', () => {
      test('POST /transmissions returns the bare id of a pending transmission with the §5.8 defaults', async () => {
        const tid = await id('/api/transmissions', { program_id: ids.fax, contact_id: ids.contact, service_flag: 8, status: 'completed', try_done: 5 })
        const t = await get(tid)
        assert.equal(t.transmission_id, tid)
        assert.equal(t.status, 'pending')
        assert.equal(t.origin, 'sendfax', 'origin defaults to the program type')
        assert.equal(t.try_allowed, 1)
        assert.equal(t.try_done, 0)
        assert.equal(t.service_flag, 2, 'the program service_flag; a supplied one is ignored')
        assert.equal(t.direction, 'outbound')
        assert.equal(t.account_id, aliceAccount)
        assert.equal(t.user_id, alice.id)
        for (const key of ['title', 'response', 'last_run', 'next_run', 'campaign_id']) assert.equal(t[key], null, key)
      })

      test('title, origin, direction outbound and try_allowed are taken from the body; numbers may be digit strings', async () => {
        const tid = await id('/api/transmissions', { program_id: String(ids.fax), contact_id: String(ids.contact), title: 'Invoice 7', origin: 'web', direction: 'outbound', try_allowed: '20' })
        const t = await get(tid)
        assert.deepEqual([t.title, t.origin, t.direction, t.try_allowed, t.program_id, t.contact_id], ['Invoice 7', 'web', 'outbound', 20, ids.fax, ids.contact])
      })

      test('the account is the supplied one, else the program\'s, else the caller\'s active account with the highest id', async () => {
        const erin = await newUser('erin', { phone: '+15550003333' })
        const erinDoc = await id('/api/messages/documents', { name: 'd' }, erin)
        const plain = await id('/api/programs/sendfax', { document_id: erinDoc }, erin)
        const contact = await id('/api/contacts', { phone: '+15557000001' }, erin)
        // The admin hands erin a second account: now it has the highest id.
        const second = await id('/api/accounts', { username: 'erin-2', phone: '+15550003334' }, admin)
        assert.equal((await call('PUT', `/api/accounts/${second}/users/${erin.id}`, undefined, admin)).statusCode, 200)
        const withAccount = await id('/api/programs/sendfax', { document_id: erinDoc, account_id: erin.account }, erin)
        const accountOf = async (body: Record<string, unknown>) => (await get(await id('/api/transmissions', { contact_id: contact, ...body }, erin), erin)).account_id
        assert.equal(await accountOf({ program_id: plain }), second, 'highest id')
        assert.equal(await accountOf({ program_id: withAccount }), erin.account, 'the program account')
        assert.equal(await accountOf({ program_id: withAccount, account_id: second }), second, 'the supplied account')
        assert.equal((await call('PUT', `/api/accounts/${second}`, { active: 0 }, admin)).statusCode, 200)
        assert.equal(await accountOf({ program_id: plain }), erin.account, 'inactive accounts are skipped')
      })

      test('a caller without an active account gets 412 for account_id, and the contact its phone named is not created', async () => {
        const frank = await app.user(null)
        // Its default account (made with the user) is switched off: no active account is left.
        const [own] = (await call('GET', '/api/accounts', undefined, frank)).json() as { account_id: number }[]
        assert.equal((await call('PUT', `/api/accounts/${own!.account_id}`, { active: 0 }, admin)).statusCode, 200)
        const doc = await id('/api/messages/documents', { name: 'd' }, frank)
        const program = await id('/api/programs/sendfax', { document_id: doc }, frank)
        const res = await call('POST', '/api/transmissions', { program_id: program, phone: '+15557000002' }, frank)
        assert.equal(res.statusCode, 412)
        assert.deepEqual(res.json(), failed('account_id'))
        assert.deepEqual((await call('GET', '/api/contacts', undefined, frank)).json(), [])
      })

      test('phone instead of contact_id uses the caller\'s contact with that normalised phone (lowest id), else creates one', async () => {
        const first = await id('/api/contacts', { phone: '+15557770001' })
        await id('/api/contacts', { phone: '+15557770001' })
        await id('/api/contacts', { phone: '+15557770002' }, bob)
        const reused = await get(await id('/api/transmissions', { program_id: ids.fax, phone: '+1 (555) 777-0001' }))
        assert.equal(reused.contact_id, first)
        const made = await get(await id('/api/transmissions', { program_id: ids.fax, phone: 15557770002 }))
        assert.notEqual(made.contact_id, first)
        const contact = (await call('GET', `/api/contacts/${made.contact_id}`)).json()
        assert.equal(contact.phone, '15557770002')
        assert.equal(contact.user_id, alice.id, 'bob\'s contact with that phone is not used: a new one is alice\'s')
        assert.equal((await get(await id('/api/transmissions', { program_id: ids.fax, phone: '15557770002' }))).contact_id, made.contact_id)
      })

      test('email instead of contact_id matches case-insensitively, else creates a contact; contact_id wins over both', async () => {
        const existing = await id('/api/contacts', { email: 'mixed.case@example.com' })
        assert.equal((await get(await id('/api/transmissions', { program_id: ids.email, email: 'Mixed.Case@EXAMPLE.com' }))).contact_id, existing)
        const made = (await get(await id('/api/transmissions', { program_id: ids.email, email: 'brand.new@example.com' }))).contact_id as number
        assert.ok(made > existing)
        assert.equal((await call('GET', `/api/contacts/${made}`)).json().email, 'brand.new@example.com')
        assert.equal((await get(await id('/api/transmissions', { program_id: ids.email, contact_id: ids.contact, email: 'other@example.com' }))).contact_id, ids.contact)
      })

      test('each bad input is 412 naming its field, and nothing is created', async () => {
        const before = (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(transmissions))[0]!.n
        const contactsBefore = (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(contacts))[0]!.n
        const ok = { program_id: ids.fax, contact_id: ids.contact }
        const cases: [Record<string, unknown>, string][] = [
          [{ contact_id: ids.contact }, 'program_id'],
          [{ ...ok, program_id: 999999 }, 'program_id'],
          [{ ...ok, program_id: ids.inbound }, 'program_id'],
          [{ ...ok, program_id: ids.bobFax }, 'program_id'],
          [{ ...ok, program_id: 'fax' }, 'program_id'],
          [{ program_id: ids.fax }, 'contact_id'],
          [{ ...ok, contact_id: ids.bobContact }, 'contact_id'],
          [{ ...ok, contact_id: 999999 }, 'contact_id'],
          [{ ...ok, contact_id: -1 }, 'contact_id'],
          [{ program_id: ids.fax, phone: '12' }, 'phone'],
          [{ program_id: ids.fax, email: 'not-an-email' }, 'email'],
          [{ ...ok, direction: 'inbound' }, 'direction'],
          [{ ...ok, direction: 'sideways' }, 'direction'],
          [{ ...ok, try_allowed: 0 }, 'try_allowed'],
          [{ ...ok, try_allowed: 21 }, 'try_allowed'],
          [{ ...ok, try_allowed: 1.5 }, 'try_allowed'],
          [{ ...ok, try_allowed: 'two' }, 'try_allowed'],
          [{ ...ok, account_id: 999999 }, 'account_id'],
          [{ ...ok, title: 'x'.repeat(256) }, 'title'],
          [{ ...ok, origin: { text: 'web' } }, 'origin'],
        ]
        for (const [body, field] of cases) {
          const res = await call('POST', '/api/transmissions', body)
          assert.equal(res.statusCode, 412, `${JSON.stringify(body)}: ${res.body}`)
          assert.deepEqual(res.json(), failed(field), JSON.stringify(body))
        }
        const bobAccount = ((await call('GET', '/api/accounts', undefined, bob)).json() as { account_id: number }[])[0]!.account_id
        assert.deepEqual((await call('POST', '/api/transmissions', { ...ok, account_id: bobAccount })).json(), failed('account_id'), 'another user\'s account')
        assert.deepEqual((await call('POST', '/api/transmissions', '[1]')).json(), failed('body'))
        assert.equal((await app.core.db.select({ n: sql<number>`count(*)::int` }).from(transmissions))[0]!.n, before)
        assert.equal((await app.core.db.select({ n: sql<number>`count(*)::int` }).from(contacts))[0]!.n, contactsBefore)
      })
    })

    describe('read', () => {
      test('GET /transmissions/{id} shows every §5.8 field, the derived addresses and the embedded contact', async () => {
        const tid = await faxTo(ids.contact, { title: 'Fields' })
        const t = await get(tid)
        assert.deepEqual(Object.keys(t).sort(), [...TRANSMISSION_FIELDS].sort())
        assert.equal(t.program_type, 'sendfax')
        assert.equal(t.contact_phone, '+15551234567')
        assert.equal(t.contact_email, 'fax@example.com')
        assert.equal(t.account_phone, '+15550001111')
        assert.equal(t.account_email, 'alice@example.com')
        assert.deepEqual(t.contact, (await call('GET', `/api/contacts/${ids.contact}`)).json())
        assert.equal(typeof t.date_created, 'number')
        assert.equal(typeof t.last_updated, 'number')
      })

      test('derived fields are null once the contact and program are gone; the ids stay', async () => {
        const contact = await id('/api/contacts', { phone: '+15557000003' })
        const tid = await id('/api/transmissions', { program_id: ids.sms, contact_id: contact })
        assert.equal((await call('DELETE', `/api/contacts/${contact}`)).statusCode, 200)
        const t = await get(tid)
        assert.equal(t.contact_id, contact)
        assert.equal(t.contact, null)
        assert.equal(t.contact_phone, null)
        assert.equal(t.contact_email, null)
      })

      test('another user\'s transmission, an unknown id and a non-numeric id are 404', async () => {
        const tid = await faxTo()
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND)
        assert.deepEqual((await call('GET', '/api/transmissions/999999')).json(), TRANSMISSION_NOT_FOUND)
        const res = await call('GET', '/api/transmissions/abc')
        assert.equal(res.statusCode, 404)
        assert.equal((await call('GET', `/api/transmissions/${tid}`, undefined, admin)).json().transmission_id, tid, 'admins see every transmission')
      })

      test('GET …/status is the bare status string', async () => {
        const tid = await faxTo()
        const res = await call('GET', `/api/transmissions/${tid}/status`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, '"pending"')
        assert.match(String(res.headers['content-type']), /^application\/json/)
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}/status`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND)
      })
    })

    describe('lists', () => {
      let gina: Who & { account: number }
      const made: Record<string, number> = {}
      const list = async (query: string, as: Who = gina) => {
        const res = await call('GET', `/api/transmissions${query}`, undefined, as)
        assert.equal(res.statusCode, 200, res.body)
        return (res.json() as { transmission_id: number }[]).map((t) => t.transmission_id)
      }
      before(async () => {
        gina = await newUser('gina', { phone: '+15556660000', email: 'gina@example.com' })
        const doc = await id('/api/messages/documents', { name: 'd' }, gina)
        const text = await id('/api/messages/texts', { name: 't', data: 'x' }, gina)
        const template = await id('/api/messages/templates', { name: 'm', subject: 's', body: 'b' }, gina)
        const recording = await id('/api/messages/recordings', { name: 'r' }, gina)
        const fax = await id('/api/programs/sendfax', { document_id: doc }, gina)
        const sms = await id('/api/programs/sendsms', { text_id: text }, gina)
        const email = await id('/api/programs/sendemail', { template_id: template }, gina)
        const voice = await id('/api/programs/voicemessage', { recording_id: recording }, gina)
        const phoneContact = await id('/api/contacts', { phone: '+15556661234' }, gina)
        const mailContact = await id('/api/contacts', { email: 'Reader@Mail.example' }, gina)
        made.fax = await id('/api/transmissions', { program_id: fax, contact_id: phoneContact, title: 'Quarterly Report' }, gina)
        made.sms = await id('/api/transmissions', { program_id: sms, contact_id: phoneContact }, gina)
        made.email = await id('/api/transmissions', { program_id: email, contact_id: mailContact }, gina)
        made.voice = await id('/api/transmissions', { program_id: voice, contact_id: phoneContact, title: 'quarterly call' }, gina)
        made.sent = await id('/api/transmissions', { program_id: sms, contact_id: phoneContact }, gina)
        await send(made.sent, gina)
      })

      test('GET /transmissions lists the caller\'s transmissions newest first', async () => {
        assert.deepEqual(await list(''), [made.sent, made.voice, made.email, made.sms, made.fax])
        const [first] = (await call('GET', '/api/transmissions', undefined, gina)).json() as Record<string, unknown>[]
        assert.deepEqual(Object.keys(first!).sort(), [...TRANSMISSION_FIELDS].sort())
      })

      test('exact filters: status, program_id, contact_id, direction, transmission_id; an empty value disables a filter', async () => {
        assert.deepEqual(await list('?status=processing'), [made.sent])
        assert.deepEqual(await list('?status=pending&status='), [made.sent, made.voice, made.email, made.sms, made.fax], 'the last repeated value wins')
        const t = await get(made.fax, gina)
        assert.deepEqual(await list(`?program_id=${t.program_id}`), [made.fax])
        assert.deepEqual(await list(`?contact_id=${t.contact_id}`), [made.sent, made.voice, made.sms, made.fax])
        assert.deepEqual(await list(`?transmission_id=${made.email}`), [made.email])
        assert.deepEqual(await list('?direction=inbound'), [])
        assert.deepEqual(await list('?status='), [made.sent, made.voice, made.email, made.sms, made.fax])
        assert.deepEqual((await call('GET', '/api/transmissions?program_id=abc', undefined, gina)).json(), failed('program_id'))
      })

      test('service_flag matches as a bitmask', async () => {
        assert.deepEqual(await list('?service_flag=2'), [made.fax])
        assert.deepEqual(await list('?service_flag=3'), [made.voice, made.fax])
        assert.deepEqual(await list('?service_flag=12'), [made.sent, made.email, made.sms])
        assert.deepEqual((await call('GET', '/api/transmissions?service_flag=fax', undefined, gina)).json(), failed('service_flag'))
      })

      test('text filters are case-insensitive substrings; phone and email match the contact\'s or the account\'s', async () => {
        assert.deepEqual(await list('?title=QUARTERLY'), [made.voice, made.fax])
        assert.deepEqual(await list('?origin=sms'), [made.sent, made.sms])
        assert.deepEqual(await list('?contact_phone=6661234'), [made.sent, made.voice, made.sms, made.fax])
        assert.deepEqual(await list('?contact_email=reader@mail'), [made.email])
        assert.deepEqual(await list('?phone=6661234'), [made.sent, made.voice, made.sms, made.fax], 'the contact phone')
        assert.deepEqual(await list('?phone=5556660000'), [made.sent, made.voice, made.email, made.sms, made.fax], 'the account phone')
        assert.deepEqual(await list('?email=READER'), [made.email], 'the contact email')
        assert.deepEqual(await list('?email=gina@'), [made.sent, made.voice, made.email, made.sms, made.fax], 'the account email')
        assert.deepEqual(await list('?account_email=gina@&title=report'), [made.fax])
        assert.deepEqual(await list('?title=100%25'), [], '% is literal')
      })

      test('limit and offset page the list; bad values are 412', async () => {
        assert.deepEqual(await list('?limit=2'), [made.sent, made.voice])
        assert.deepEqual(await list('?limit=2&offset=2'), [made.email, made.sms])
        assert.deepEqual(await list('?offset=4'), [made.fax])
        for (const [q, field] of [['limit=0', 'limit'], ['limit=x', 'limit'], ['offset=-1', 'offset'], ['offset=1.5', 'offset']]) {
          const res = await call('GET', `/api/transmissions?${q}`, undefined, gina)
          assert.equal(res.statusCode, 412)
          assert.deepEqual(res.json(), failed(field!))
        }
      })

      test('/calls, /faxes, /smses and /emails preset service_flag 1, 2, 4 and 8, and take the other filters', async () => {
        const alias = async (path: string) => ((await call('GET', `/api/${path}`, undefined, gina)).json() as { transmission_id: number }[]).map((t) => t.transmission_id)
        assert.deepEqual(await alias('calls'), [made.voice])
        assert.deepEqual(await alias('faxes'), [made.fax])
        assert.deepEqual(await alias('smses'), [made.sent, made.sms])
        assert.deepEqual(await alias('emails'), [made.email])
        assert.deepEqual(await alias('smses?status=pending'), [made.sms])
        assert.deepEqual(await alias('smses?limit=1&offset=1'), [made.sms])
        assert.deepEqual(await alias('faxes?service_flag=4'), [], 'both bits must match')
      })

      test('a non-admin sees only its own; user_id narrows an admin\'s list and gives a non-admin [] for someone else', async () => {
        const mine = await list('', alice)
        for (const t of Object.values(made)) assert.ok(!mine.includes(t))
        assert.deepEqual(await list(`?user_id=${gina.id}`, alice), [])
        assert.deepEqual(await list(`?user_id=${gina.id}`), [made.sent, made.voice, made.email, made.sms, made.fax])
        assert.deepEqual(await list(`?user_id=${gina.id}`, admin), [made.sent, made.voice, made.email, made.sms, made.fax])
        assert.deepEqual(await list(`?created_by=${gina.id}`, admin), [made.sent, made.voice, made.email, made.sms, made.fax])
        const all = await list('', admin)
        assert.ok(all.includes(made.fax) && mine.every((t) => all.includes(t)))
      })

      test('after and before (unix seconds) bound date_created', async () => {
        const ivan = await app.user(null)
        const text = await id('/api/messages/texts', { name: 't', data: 'x' }, ivan)
        const program = await id('/api/programs/sendsms', { text_id: text }, ivan)
        const base = 1_900_000_000
        const made: number[] = []
        for (const offset of [0, 10, 20]) {
          const tid = await id('/api/transmissions', { program_id: program, phone: '+15550004444' }, ivan)
          await app.core.db.update(transmissions).set({ createdAt: new Date((base + offset) * 1000 + 500) }).where(eq(transmissions.id, tid))
          made.push(tid)
        }
        const q = async (query: string) => ((await call('GET', `/api/transmissions${query}`, undefined, ivan)).json() as { transmission_id: number }[]).map((t) => t.transmission_id)
        assert.deepEqual(await q(`?after=${base + 10}`), [made[2], made[1]])
        assert.deepEqual(await q(`?before=${base + 10}`), [made[1], made[0]])
        assert.deepEqual(await q(`?after=${base + 1}&before=${base + 19}`), [made[1]])
        assert.equal((await get(made[0]!, ivan)).date_created, base)
        assert.deepEqual((await call('GET', '/api/transmissions?after=yesterday', undefined, ivan)).json(), failed('after'))
      })

      test('the default and maximum limit is 5000', async () => {
        const hank = await app.user(null)
        await app.core.db.execute(sql`insert into transmissions (user_id, service_flag, program_id, contact_id, account_id)
          select ${hank.id}, 4, null, null, null from generate_series(1, 5001)`)
        const rows = (await call('GET', `/api/transmissions?user_id=${hank.id}`, undefined, admin)).json() as { transmission_id: number }[]
        assert.equal(rows.length, 5000)
        assert.ok(rows[0]!.transmission_id > rows[4999]!.transmission_id)
        assert.equal(((await call('GET', `/api/transmissions?user_id=${hank.id}&limit=6000`, undefined, admin)).json() as unknown[]).length, 5000)
        assert.equal(((await call('GET', `/api/transmissions?user_id=${hank.id}&offset=5000`, undefined, admin)).json() as unknown[]).length, 1)
        assert.equal(((await call('GET', `/api/transmissions?limit=3`, undefined, hank)).json() as unknown[]).length, 3)
      })
    })

    describe('update', () => {
      test('PUT is partial and returns the full transmission', async () => {
        const tid = await faxTo(ids.contact, { title: 'Before', origin: 'api', try_allowed: 2 })
        const before = await get(tid)
        const res = await call('PUT', `/api/transmissions/${tid}`, { title: 'After' })
        assert.equal(res.statusCode, 200)
        const t = res.json()
        assert.deepEqual(t, { ...before, title: 'After', last_updated: t.last_updated })
        assert.deepEqual(await get(tid), t)
      })

      test('PUT changes contact, account, try_allowed and program (with its service_flag); read-only fields are ignored', async () => {
        const tid = await faxTo()
        const other = await id('/api/contacts', { phone: '+15557000004' })
        const t = (await call('PUT', `/api/transmissions/${tid}`, { program_id: ids.sms, contact_id: other, account_id: aliceAccount, try_allowed: 3, status: 'completed', try_done: 9, service_flag: 8, user_id: bob.id })).json()
        assert.deepEqual([t.program_id, t.service_flag, t.program_type, t.contact_id, t.contact_phone, t.try_allowed], [ids.sms, 4, 'sendsms', other, '+15557000004', 3])
        assert.deepEqual([t.status, t.try_done, t.user_id, t.origin], ['pending', 0, alice.id, 'sendfax'])
        const cleared = (await call('PUT', `/api/transmissions/${tid}`, { title: null, origin: '' })).json()
        assert.deepEqual([cleared.title, cleared.origin], [null, null])
      })

      test('PUT with a bad value is 412 for that field and changes nothing', async () => {
        const tid = await faxTo(ids.contact, { title: 'Keep' })
        const before = await get(tid)
        const cases: [Record<string, unknown>, string][] = [
          [{ program_id: ids.inbound }, 'program_id'], [{ program_id: ids.bobFax }, 'program_id'], [{ program_id: null }, 'program_id'],
          [{ contact_id: ids.bobContact }, 'contact_id'], [{ contact_id: null }, 'contact_id'], [{ account_id: 999999 }, 'account_id'],
          [{ account_id: null }, 'account_id'], [{ try_allowed: 0 }, 'try_allowed'], [{ try_allowed: 21 }, 'try_allowed'],
          [{ direction: 'inbound' }, 'direction'], [{ title: 'x'.repeat(256), try_allowed: 2 }, 'title'],
        ]
        for (const [body, field] of cases) assert.deepEqual((await call('PUT', `/api/transmissions/${tid}`, body)).json(), failed(field), JSON.stringify(body))
        assert.deepEqual(await get(tid), before)
      })

      test('PUT answers 423 while processing, completed or invalid, and is allowed on failed', async () => {
        for (const [state, message] of [['processing', 'Transmission already in process'], ['completed', 'Transmission already completed'], ['invalid', 'Invalid transmission']] as const) {
          const tid = await inState(state)
          const res = await call('PUT', `/api/transmissions/${tid}`, { title: 'x' })
          assert.equal(res.statusCode, 423)
          assert.deepEqual(res.json(), locked(message))
          assert.equal((await get(tid)).title, null)
        }
        const tid = await inState('failed')
        const t = (await call('PUT', `/api/transmissions/${tid}`, { title: 'again', try_allowed: 2 })).json()
        assert.deepEqual([t.title, t.status, t.try_allowed], ['again', 'failed', 2])
      })

      test('PUT on another user\'s transmission is 404', async () => {
        const tid = await faxTo()
        assert.deepEqual((await call('PUT', `/api/transmissions/${tid}`, { title: 'x' }, bob)).json(), TRANSMISSION_NOT_FOUND)
      })
    })

    describe('delete', () => {
      test('DELETE answers true and the transmission is gone', async () => {
        const tid = await faxTo()
        const res = await call('DELETE', `/api/transmissions/${tid}`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, 'true')
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}`)).json(), TRANSMISSION_NOT_FOUND)
        assert.deepEqual((await call('DELETE', `/api/transmissions/${tid}`)).json(), TRANSMISSION_NOT_FOUND)
      })

      test('GET …/delete has the same effect and reply', async () => {
        const tid = await faxTo()
        const res = await call('GET', `/api/transmissions/${tid}/delete`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.json(), true)
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}`)).json(), TRANSMISSION_NOT_FOUND)
      })

      test('DELETE of a processing transmission is 423 and keeps it', async () => {
        const tid = await inState('processing')
        for (const [method, url] of [['DELETE', `/api/transmissions/${tid}`], ['GET', `/api/transmissions/${tid}/delete`]]) {
          const res = await call(method!, url!)
          assert.equal(res.statusCode, 423)
          assert.deepEqual(res.json(), locked('Transmission already in process'))
        }
        assert.equal((await get(tid)).status, 'processing')
      })

      test('DELETE removes the spools, their results and the schedule', async () => {
        const tid = await faxTo()
        const spoolId = await send(tid)
        await finish(spoolId, [{ kind: 'failed', cause: 'busy' }])
        assert.equal((await call('PUT', `/api/transmissions/${tid}/schedule`, { delay: 3600 })).statusCode, 200)
        assert.equal((await call('DELETE', `/api/transmissions/${tid}`)).json(), true)
        assert.deepEqual((await call('GET', `/api/spools/${spoolId}`)).json(), { error: { code: 404, message: 'Spool not found' } })
        assert.deepEqual(await app.core.db.select().from(spools).where(eq(spools.transmissionId, tid)), [])
        assert.deepEqual(await app.core.db.select().from(spoolResults).where(eq(spoolResults.spoolId, spoolId)), [])
        assert.deepEqual(await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid)), [])
      })

      test('DELETE of another user\'s transmission is 404 and keeps it', async () => {
        const tid = await faxTo()
        assert.deepEqual((await call('DELETE', `/api/transmissions/${tid}`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND)
        assert.equal((await get(tid)).status, 'pending')
      })
    })

    describe('send and retry', () => {
      test('send answers the new spool id; the transmission is processing with try_done 1, last_run set and a queued spool', async () => {
        const tid = await faxTo()
        const spoolId = await send(tid)
        const t = await get(tid)
        assert.deepEqual([t.status, t.try_done, t.next_run, t.response], ['processing', 1, null, null])
        assert.equal(typeof t.last_run, 'number')
        const detail = (await call('GET', `/api/transmissions/${tid}/detail`)).json()
        assert.equal(detail.length, 1)
        assert.deepEqual(
          [detail[0].spool_id, detail[0].status, detail[0].provider_id, detail[0].account_id, detail[0].service_flag, detail[0].transmission_id],
          [spoolId, 'queued', providerId, aliceAccount, 2, tid],
        )
      })

      test('a send body is ignored', async () => {
        const tid = await faxTo()
        const res = await call('POST', `/api/transmissions/${tid}/send`, { contact_id: 'nonsense', delay: 60 })
        assert.equal(res.statusCode, 200)
        assert.equal(typeof res.json(), 'number')
      })

      test('data checks run in §7.1 order; a failure makes the transmission invalid with the reason and answers 412 for the field', async () => {
        const check = async (body: Record<string, unknown>, field: string, prepare?: (tid: number) => Promise<void>) => {
          const tid = await id('/api/transmissions', body)
          await prepare?.(tid)
          const res = await call('POST', `/api/transmissions/${tid}/send`)
          assert.equal(res.statusCode, 412, `${field}: ${res.body}`)
          assert.deepEqual(res.json(), failed(field))
          const t = await get(tid)
          assert.equal(t.status, 'invalid', field)
          assert.equal(typeof t.response, 'string', field)
          assert.ok((t.response as string).length > 0)
          assert.equal(t.try_done, 0)
          assert.deepEqual((await call('GET', `/api/transmissions/${tid}/detail`)).json(), [], 'no spool')
        }
        const contact = await id('/api/contacts', { phone: '+15557000005' })
        // A document without media, even when the contact also fails: the message is checked first.
        await check({ program_id: ids.bareFax, contact_id: ids.emailOnly }, 'document_id')
        const deletedText = await id('/api/messages/texts', { name: 'gone', data: 'x' })
        const smsProgram = await id('/api/programs/sendsms', { text_id: deletedText })
        assert.equal((await call('DELETE', `/api/messages/texts/${deletedText}`)).statusCode, 200)
        await check({ program_id: smsProgram, contact_id: contact }, 'text_id')
        const template = await id('/api/messages/templates', { name: 'gone', subject: 's', body: 'b' })
        const mailProgram = await id('/api/programs/sendemail', { template_id: template })
        assert.equal((await call('DELETE', `/api/messages/templates/${template}`)).statusCode, 200)
        await check({ program_id: mailProgram, contact_id: ids.contact }, 'template_id')
        const recording = await id('/api/messages/recordings', { name: 'silent' })
        await check({ program_id: await id('/api/programs/voicemessage', { recording_id: recording }), contact_id: contact }, 'recording_id')
        await check({ program_id: ids.fax, contact_id: ids.emailOnly }, 'contact_id')
        await check({ program_id: ids.email, contact_id: contact }, 'contact_id')
        const doomed = await id('/api/contacts', { phone: '+15557000006' })
        await check({ program_id: ids.fax, contact_id: doomed }, 'contact_id', async () => {
          assert.equal((await call('DELETE', `/api/contacts/${doomed}`)).statusCode, 200)
        })
        const account = await id('/api/accounts', { username: 'short-lived' }, admin)
        assert.equal((await call('PUT', `/api/accounts/${account}/users/${alice.id}`, undefined, admin)).statusCode, 200)
        await check({ program_id: ids.fax, contact_id: contact, account_id: account }, 'account_id', async () => {
          assert.equal((await call('DELETE', `/api/accounts/${account}`, undefined, admin)).statusCode, 200)
        })
        const program = await id('/api/programs/sendfax', { document_id: ids.document })
        await check({ program_id: program, contact_id: contact }, 'program_id', async () => {
          assert.equal((await call('DELETE', `/api/programs/${program}`)).statusCode, 200)
        })
      })

      test('send without a usable provider is 404 No provider available and changes nothing', async () => {
        const tid = await faxTo()
        await call('PUT', `/api/transmissions/${tid}/schedule`, { delay: 3600 })
        const before = await get(tid)
        assert.equal((await call('PUT', `/api/providers/${providerId}`, { active: 0 }, admin)).statusCode, 200)
        try {
          for (const action of ['send', 'retry']) {
            const res = await call('POST', `/api/transmissions/${tid}/${action}`)
            if (action === 'retry') {
              assert.deepEqual(res.json(), locked('Transmission is not failed'))
              continue
            }
            assert.equal(res.statusCode, 404)
            assert.deepEqual(res.json(), { error: { code: 404, message: 'No provider available' } })
          }
        } finally {
          assert.equal((await call('PUT', `/api/providers/${providerId}`, { active: 1 }, admin)).statusCode, 200)
        }
        assert.deepEqual(await get(tid), before)
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}/detail`)).json(), [])
        assert.equal((await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid))).length, 1, 'the schedule stays')
      })

      test('send answers 423 on processing, completed and invalid transmissions', async () => {
        for (const [state, message] of [['processing', 'Transmission already in process'], ['completed', 'Transmission already completed'], ['invalid', 'Invalid transmission']] as const) {
          const tid = await inState(state)
          const before = await get(tid)
          const res = await call('POST', `/api/transmissions/${tid}/send`)
          assert.equal(res.statusCode, 423)
          assert.deepEqual(res.json(), locked(message))
          assert.deepEqual(await get(tid), before)
        }
      })

      test('send on a failed transmission starts another attempt and raises try_allowed to try_done', async () => {
        const tid = await inState('failed')
        const spoolId = await send(tid)
        const t = await get(tid)
        assert.deepEqual([t.status, t.try_done, t.try_allowed, t.response], ['processing', 2, 2, null])
        const detail = (await call('GET', `/api/transmissions/${tid}/detail`)).json() as { spool_id: number }[]
        assert.deepEqual(detail.map((s) => s.spool_id).at(-1), spoolId)
        assert.equal(detail.length, 2)
      })

      test('send cancels a pending schedule', async () => {
        const tid = await faxTo()
        assert.equal((await call('PUT', `/api/transmissions/${tid}/schedule`, { delay: 3600 })).statusCode, 200)
        assert.equal(typeof (await get(tid)).next_run, 'number')
        await send(tid)
        assert.equal((await get(tid)).next_run, null)
        assert.deepEqual(await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid)), [])
      })

      test('retry answers 423 Transmission is not failed unless failed, or pending after an attempt', async () => {
        for (const state of ['pending', 'processing', 'completed', 'invalid'] as const) {
          const tid = await inState(state)
          const res = await call('POST', `/api/transmissions/${tid}/retry`)
          assert.equal(res.statusCode, 423, state)
          assert.deepEqual(res.json(), locked('Transmission is not failed'), state)
        }
      })

      test('retry of a failed transmission answers a new spool id', async () => {
        const tid = await inState('failed')
        const res = await call('POST', `/api/transmissions/${tid}/retry`)
        assert.equal(res.statusCode, 200)
        const t = await get(tid)
        assert.deepEqual([t.status, t.try_done], ['processing', 2])
        assert.equal(((await call('GET', `/api/transmissions/${tid}/detail`)).json() as { spool_id: number }[]).at(-1)!.spool_id, res.json())
      })

      test('retry replaces the automatic retry of a pending transmission that has tries left', async () => {
        const tid = await faxTo(ids.contact, { try_allowed: 3 })
        await finish(await send(tid), [{ kind: 'failed', cause: 'no answer' }])
        const waiting = await get(tid)
        assert.deepEqual([waiting.status, waiting.try_done, waiting.response], ['pending', 1, 'no answer'])
        // next_run = the failure's time + 60 s; the failure came right after the attempt started.
        const wait = (waiting.next_run as number) - (waiting.last_run as number)
        assert.ok(wait >= 60 && wait <= 62, `automatic retry after 60 s, got ${wait}`)
        const res = await call('POST', `/api/transmissions/${tid}/retry`)
        assert.equal(res.statusCode, 200)
        const t = await get(tid)
        assert.deepEqual([t.status, t.try_done, t.next_run], ['processing', 2, null])
      })

      test('send and retry of another user\'s transmission are 404', async () => {
        const tid = await inState('failed')
        for (const action of ['send', 'retry']) assert.deepEqual((await call('POST', `/api/transmissions/${tid}/${action}`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND)
      })
    })

    describe('clone', () => {
      test('GET and POST …/clone copy the transmission into a new pending one, from any status', async () => {
        for (const state of ['pending', 'processing', 'completed', 'failed', 'invalid'] as const) {
          const source = await inState(state)
          await call('PUT', `/api/transmissions/${source}`, { title: `from ${state}` })
          const method = state === 'completed' ? 'GET' : 'POST'
          const res = await call(method, `/api/transmissions/${source}/clone`)
          assert.equal(res.statusCode, 200, `${state}: ${res.body}`)
          const copy = res.json()
          assert.equal(typeof copy, 'number')
          assert.ok(copy > source)
          const s = await get(source)
          const c = await get(copy)
          for (const key of ['title', 'origin', 'account_id', 'contact_id', 'program_id', 'service_flag', 'direction', 'try_allowed', 'user_id']) assert.deepEqual(c[key], s[key], `${state} ${key}`)
          assert.deepEqual([c.status, c.try_done, c.response, c.last_run, c.next_run, c.campaign_id], ['pending', 0, null, null, null, null], state)
          assert.deepEqual((await call('GET', `/api/transmissions/${copy}/detail`)).json(), [])
        }
      })

      test('a clone of a campaign transmission is standalone', async () => {
        const source = await faxTo(ids.contact, { try_allowed: 4 })
        await app.core.db.update(transmissions).set({ campaignId: 424242 }).where(eq(transmissions.id, source))
        const c = await get((await call('POST', `/api/transmissions/${source}/clone`)).json())
        assert.deepEqual([c.campaign_id, c.try_allowed], [null, 4])
      })

      test('clone of another user\'s transmission is 404', async () => {
        const source = await faxTo()
        assert.deepEqual((await call('POST', `/api/transmissions/${source}/clone`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND)
      })
    })

    describe('program transmissions', () => {
      test('GET /programs/{id}/transmissions lists that program\'s transmissions, newest first, with filters', async () => {
        const program = await id('/api/programs/sendsms', { text_id: ids.text })
        const a = await id('/api/transmissions', { program_id: program, contact_id: ids.contact })
        const b = await id('/api/transmissions', { program_id: program, contact_id: ids.contact })
        await faxTo()
        await send(b)
        const list = async (q = '') => ((await call('GET', `/api/programs/${program}/transmissions${q}`)).json() as { transmission_id: number }[]).map((t) => t.transmission_id)
        assert.deepEqual(await list(), [b, a])
        assert.deepEqual(await list('?status=pending'), [a])
        assert.deepEqual(await list('?limit=1'), [b])
        assert.deepEqual((await call('GET', `/api/programs/${ids.bobFax}/transmissions`)).json(), { error: { code: 404, message: 'Program not found' } })
      })

      test('PUT and POST /programs/{id}/transmissions create a transmission of the path\'s program', async () => {
        for (const method of ['POST', 'PUT']) {
          const res = await call(method, `/api/programs/${ids.sms}/transmissions`, { program_id: ids.fax, contact_id: ids.contact })
          assert.equal(res.statusCode, 200, res.body)
          const t = await get(res.json())
          assert.deepEqual([t.program_id, t.origin, t.service_flag, t.status], [ids.sms, 'sendsms', 4, 'pending'])
        }
        assert.deepEqual((await call('POST', `/api/programs/${ids.inbound}/transmissions`, { contact_id: ids.contact })).json(), failed('program_id'))
        assert.deepEqual((await call('POST', `/api/programs/${ids.sms}/transmissions`, { contact_id: ids.bobContact })).json(), failed('contact_id'))
        assert.deepEqual((await call('POST', `/api/programs/${ids.bobFax}/transmissions`, { contact_id: ids.contact })).json(), { error: { code: 404, message: 'Program not found' } })
      })

      test('POST and PUT /programs/{type}/transmissions create the program, then the transmission of it', async () => {
        for (const method of ['POST', 'PUT']) {
          const res = await call(method, '/api/programs/sendsms/transmissions', {
            program_data: { name: 'one-off', text_id: ids.text }, transmission_data: { phone: '+15557000007', title: 'Hi' },
          })
          assert.equal(res.statusCode, 200, res.body)
          const t = await get(res.json())
          assert.deepEqual([t.program_type, t.title, t.contact_phone, t.status, t.account_id], ['sendsms', 'Hi', '+15557000007', 'pending', aliceAccount])
          const program = (await call('GET', `/api/programs/${t.program_id}`)).json()
          assert.deepEqual([program.name, program.type, program.text_id, program.user_id], ['one-off', 'sendsms', ids.text, alice.id])
        }
      })

      test('POST /programs/{type}/transmissions creates nothing when either part is invalid', async () => {
        const count = async () => ({
          programs: (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(programs))[0]!.n,
          transmissions: (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(transmissions))[0]!.n,
          contacts: (await app.core.db.select({ n: sql<number>`count(*)::int` }).from(contacts))[0]!.n,
        })
        const before = await count()
        const cases: [Record<string, unknown>, string][] = [
          [{ program_data: { text_id: ids.text }, transmission_data: { phone: '+15557000008', try_allowed: 0 } }, 'try_allowed'],
          [{ program_data: { text_id: ids.text }, transmission_data: { phone: '+15557000008', direction: 'inbound' } }, 'direction'],
          [{ program_data: { text_id: ids.text }, transmission_data: { contact_id: ids.bobContact } }, 'contact_id'],
          [{ program_data: { text_id: ids.text }, transmission_data: {} }, 'contact_id'],
          [{ program_data: {}, transmission_data: { phone: '+15557000008' } }, 'text_id'],
          [{ program_data: { text_id: 999999 }, transmission_data: { phone: '+15557000008' } }, 'text_id'],
        ]
        for (const [body, field] of cases) {
          const res = await call('POST', '/api/programs/sendsms/transmissions', body)
          assert.equal(res.statusCode, 412, JSON.stringify(body))
          assert.deepEqual(res.json(), failed(field), JSON.stringify(body))
        }
        assert.deepEqual(await count(), before)
      })

      test('POST /programs/{type}/transmissions: an unknown type is 404, agent and ivr are 501', async () => {
        const body = { program_data: {}, transmission_data: { contact_id: ids.contact } }
        assert.deepEqual((await call('POST', '/api/programs/telegram/transmissions', body)).json(), { error: { code: 404, message: 'Not Found' } })
        assert.deepEqual((await call('POST', '/api/programs/ivr/transmissions', body)).json(), { error: { code: 501, message: 'Not implemented' } })
      })
    })
  })
}
