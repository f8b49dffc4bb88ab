import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { asc, eq } from 'drizzle-orm'
import { spools } from '../../../src/core/transmissions/index.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

/** Idle poll of the dispatcher loops: on PGlite's one connection a 20 ms poll slows every request several times. */
const IDLE_TICK_MS = 50

type Who = { id: number; username: string; password: string }
type Row = Record<string, unknown>
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(24)])

/**
 * Sandbox scripts (§5.12) keyed on the destination, so one provider plays every outcome:
 * +1555 1… success (3 pages), 2… fail, 3… busy, 4… no answer, 5… DTMF, 6… no pages,
 * 8… the first two attempts fail, 9… an answer after a minute (the watchdog's case).
 */
const SCRIPT = {
  default: { pages: 3 },
  rules: [
    { match: '^\\+15552', outcome: 'fail', cause: 'rejected by peer' },
    { match: '^\\+15553', outcome: 'busy' },
    { match: '^\\+15554', outcome: 'no_answer' },
    { match: '^\\+15555', dtmf: '12#' },
    { match: '^\\+15556', pages: 0 },
    { match: '^\\+15558', fail_first: 2, cause: 'line noise' },
    { match: '^\\+15559', delay_ms: 60000 },
    { match: '^fail@', outcome: 'fail', cause: 'mailbox full' },
  ],
}

/** One app with a dispatcher, a sandbox provider running SCRIPT, and a user with one program of each outbound type. */
async function world(kind: TestApp['kind'], dispatch: typeof TEST_DISPATCH) {
  const app = await startTestApp(kind, { dispatch }, { dispatch: true })
  const admin = await app.user(null, { roles: ['admin', 'user'] })
  const user = await app.user(null, { phone: '+15550001111', email: 'sender@example.com' })
  const call = (method: string, url: string, payload?: unknown, as: Who = user): Promise<LightMyRequestResponse> =>
    app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
  const id = async (url: string, payload: unknown, as: Who = user): Promise<number> => {
    const res = await call('POST', url, payload, as)
    assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
    return res.json() as number
  }
  const upload = async (url: string, body: Buffer, type: string) => {
    const res = await app.http.inject({ method: 'PUT', url, payload: body, headers: { ...basic(user), 'content-type': type } })
    assert.equal(res.statusCode, 200, res.body)
  }
  await id('/api/providers', { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) }, admin)
  const document = await id('/api/messages/documents', { name: 'doc' })
  await upload(`/api/messages/documents/${document}/media`, PDF, 'application/pdf')
  const recording = await id('/api/messages/recordings', { name: 'greeting' })
  await upload(`/api/messages/recordings/${recording}/media`, WAV, 'audio/wav')
  const text = await id('/api/messages/texts', { name: 'sms', data: 'Hello' })
  const template = await id('/api/messages/templates', { name: 'mail', subject: 'Hi', body: '<p>Hi</p>' })
  const programs = {
    fax: await id('/api/programs/sendfax', { document_id: document }),
    voice: await id('/api/programs/voicemessage', { recording_id: recording }),
    tts: await id('/api/programs/voicetts', { text: 'Your code is 1 2 3' }),
    sms: await id('/api/programs/sendsms', { text_id: text }),
    email: await id('/api/programs/sendemail', { template_id: template }),
  }
  const get = async (path: string): Promise<Row> => {
    const res = await call('GET', `/api${path}`)
    assert.equal(res.statusCode, 200, `${path}: ${res.body}`)
    return res.json() as Row
  }
  /** Creates a transmission of `program` to `to` (phone or email), sends it and waits for a final state. */
  async function run(program: keyof typeof programs, to: string, extra: Row = {}, final = ['completed', 'failed', 'invalid']): Promise<{ tid: number; spoolId: number; t: Row }> {
    const tid = await id('/api/transmissions', { program_id: programs[program], ...(to.includes('@') ? { email: to } : { phone: to }), ...extra })
    const spoolId = await id(`/api/transmissions/${tid}/send`, undefined)
    const t = await until(`transmission ${tid} to reach one of ${final.join(', ')}`, () => get(`/transmissions/${tid}`), (t) => final.includes(t.status as string))
    return { tid, spoolId, t }
  }
  const results = async (tid: number) => ((await get(`/transmissions/${tid}/result`)) as unknown as Row[]).map((r) => `${r.type}/${r.name}=${r.data}`)
  const detail = async (tid: number) => (await get(`/transmissions/${tid}/detail`)) as unknown as Row[]
  return { app, admin, user, call, id, get, run, results, detail, programs }
}

for (const kind of TEST_DATABASES) {
  describe(`ICTCore transmission and spool state machines through the dispatcher, spec §7.1, §7.2, §7.5 (${kind})`, () => {
    let w: Awaited<ReturnType<typeof world>>
    // Short delays keep retries and the watchdog quick; the spec's 60 s retry delay is checked
    // without a dispatcher in transmissions.test.ts.
    before(async () => { w = await world(kind, { ...TEST_DISPATCH, retryDelaySeconds: 1, spoolTimeoutSeconds: 2, leaseSeconds: 3, tickMs: IDLE_TICK_MS }) })
    after(async () => { await w.app.stop() })

    test('a fax that goes through completes: spool completed with its times, result rows of every step and the pages', async () => {
      const { tid, spoolId, t } = await w.run('fax', '+15551000001')
      assert.deepEqual([t.status, t.try_done, t.response, t.next_run], ['completed', 1, null, null])
      const s = await w.get(`/spools/${spoolId}`)
      assert.deepEqual([s.status, s.response, s.transmission_id, s.service_flag], ['completed', null, tid, 2])
      for (const key of ['time_spool', 'time_start', 'time_connect', 'time_end']) assert.equal(typeof s[key], 'number', key)
      assert.ok((s.time_spool as number) <= (s.time_start as number) && (s.time_start as number) <= (s.time_connect as number) && (s.time_connect as number) <= (s.time_end as number))
      assert.equal(s.amount, (s.time_end as number) - (s.time_connect as number))
      assert.deepEqual(await w.results(tid), ['application/originate=success', 'info/pages=3', 'application/fax_send=success', 'application/disconnect=success'])
    })

    test('a failure with a cause and no tries left makes the transmission failed with the cause as its response', async () => {
      const { tid, spoolId, t } = await w.run('fax', '+15552000001')
      assert.deepEqual([t.status, t.try_done, t.response, t.next_run], ['failed', 1, 'rejected by peer', null])
      const s = await w.get(`/spools/${spoolId}`)
      assert.deepEqual([s.status, s.response, s.time_connect, s.amount], ['failed', 'rejected by peer', null, 0])
      assert.equal(typeof s.time_end, 'number')
      assert.deepEqual(await w.results(tid), ['application/originate=error', 'error/error=rejected by peer'])
    })

    test('busy and no answer fail the attempt with their causes', async () => {
      assert.deepEqual((await w.run('voice', '+15553000001')).t.response, 'busy')
      const noAnswer = await w.run('voice', '+15554000001')
      assert.deepEqual([noAnswer.t.status, noAnswer.t.response], ['failed', 'no answer'])
      assert.deepEqual(await w.results(noAnswer.tid), ['application/originate=error', 'error/error=no answer'])
    })

    test('collected DTMF digits are an info/dtmf result row', async () => {
      const { tid, t } = await w.run('voice', '+15555000001')
      assert.equal(t.status, 'completed')
      assert.deepEqual(await w.results(tid), ['info/dtmf=12#', 'application/originate=success', 'application/voice_play=success', 'application/disconnect=success'])
    })

    test('a fax of 0 pages breaks the sendfax success rule: the spool completes, the transmission fails', async () => {
      const { tid, spoolId, t } = await w.run('fax', '+15556000001')
      assert.equal(t.status, 'failed')
      assert.equal(typeof t.response, 'string')
      assert.equal((await w.get(`/spools/${spoolId}`)).status, 'completed')
      assert.ok((await w.results(tid)).includes('info/pages=0'))
    })

    test('voicemessage, voicetts, sendsms and sendemail successes record their steps', async () => {
      const cases: [keyof typeof w.programs, string, string[]][] = [
        ['voice', '+15551000002', ['application/originate=success', 'application/voice_play=success', 'application/disconnect=success']],
        ['tts', '+15551000003', ['application/originate=success', 'application/tts=success', 'application/disconnect=success']],
        ['sms', '+15551000004', ['application/sms_send=success']],
        ['email', 'reader@example.com', ['application/email_send=success']],
      ]
      for (const [program, to, rows] of cases) {
        const { tid, spoolId, t } = await w.run(program, to)
        assert.deepEqual([t.status, t.response], ['completed', null], program)
        assert.deepEqual(await w.results(tid), rows, program)
        const s = await w.get(`/spools/${spoolId}`)
        assert.equal(s.status, 'completed', program)
        assert.equal(typeof s.time_connect, 'number', `${program}: acceptance counts as connected`)
      }
    })

    test('sendsms and sendemail failures record the failed step and the error', async () => {
      const sms = await w.run('sms', '+15552000003')
      assert.deepEqual(await w.results(sms.tid), ['application/sms_send=error', 'error/error=rejected by peer'])
      const email = await w.run('email', 'fail@example.com')
      assert.deepEqual([email.t.status, email.t.response], ['failed', 'mailbox full'])
      assert.deepEqual(await w.results(email.tid), ['application/email_send=error', 'error/error=mailbox full'])
    })

    test('retry of a failed transmission runs a new attempt; the results are the latest spool\'s', async () => {
      const { tid } = await w.run('fax', '+15552000004')
      const res = await w.call('POST', `/api/transmissions/${tid}/retry`)
      assert.equal(res.statusCode, 200)
      const t = await until('the retried transmission to fail again', () => w.get(`/transmissions/${tid}`), (t) => t.status === 'failed')
      assert.equal(t.try_done, 2)
      const spools = await w.detail(tid)
      assert.deepEqual(spools.map((s) => s.status), ['failed', 'failed'])
      assert.equal(spools[1]!.spool_id, res.json())
      assert.deepEqual((await w.get(`/transmissions/${tid}/result`) as unknown as Row[]).map((r) => r.spool_id), [res.json(), res.json()])
    })

    test('an automatic send that finds no provider waits the retry delay and changes nothing else', async () => {
      // A reseller's tenant has no provider of its own.
      const reseller = await w.app.reseller()
      const loner = await w.app.user(reseller.id)
      const doc = await w.id('/api/messages/documents', { name: 'd' }, loner)
      await w.app.http.inject({ method: 'PUT', url: `/api/messages/documents/${doc}/media`, payload: PDF, headers: { ...basic(loner), 'content-type': 'application/pdf' } })
      const program = await w.id('/api/programs/sendfax', { document_id: doc }, loner)
      const tid = await w.id('/api/transmissions', { program_id: program, phone: '+15551000005' }, loner)
      assert.deepEqual((await w.call('POST', `/api/transmissions/${tid}/send`, undefined, loner)).json(), { error: { code: 404, message: 'No provider available' } })
      const scheduled = Math.floor(Date.now() / 1000)
      assert.equal((await w.call('PUT', `/api/transmissions/${tid}/schedule`, { delay: 0 }, loner)).statusCode, 200)
      const t = await until('the due schedule to be put off for want of a provider', async () => (await w.call('GET', `/api/transmissions/${tid}`, undefined, loner)).json() as Row, (t) => (t.next_run as number) >= scheduled + 1)
      assert.deepEqual([t.status, t.try_done, t.last_run, t.response], ['pending', 0, null, null])
      assert.deepEqual((await w.call('GET', `/api/transmissions/${tid}/detail`, undefined, loner)).json(), [])
    })

    test('with the first two attempts failing and try_allowed 3, the transmission completes after 3 spools', async () => {
      const tid = await w.id('/api/transmissions', { program_id: w.programs.fax, phone: '+15558000001', try_allowed: 3 })
      await w.id(`/api/transmissions/${tid}/send`, undefined)
      const t = await until('the transmission to end', () => w.get(`/transmissions/${tid}`), (t) => t.status === 'completed' || t.status === 'failed')
      assert.deepEqual([t.status, t.try_done, t.try_allowed, t.response, t.next_run], ['completed', 3, 3, null, null])
      const spools = await w.detail(tid)
      assert.deepEqual(spools.map((s) => [s.status, s.response]), [['failed', 'line noise'], ['failed', 'line noise'], ['completed', null]])
      assert.ok((spools[0]!.spool_id as number) < (spools[1]!.spool_id as number), 'oldest attempt first')
    })

    test('a failure with tries left is retried automatically after the retry delay; when every try fails the transmission ends failed', async () => {
      const tid = await w.id('/api/transmissions', { program_id: w.programs.sms, phone: '+15552000005', try_allowed: 2 })
      await w.id(`/api/transmissions/${tid}/send`, undefined)
      const t = await until('every try to fail', () => w.get(`/transmissions/${tid}`), (t) => t.status === 'failed')
      assert.deepEqual([t.try_done, t.response, t.next_run], [2, 'rejected by peer', null])
      assert.deepEqual((await w.detail(tid)).map((s) => s.status), ['failed', 'failed'])
      const [first, second] = await w.app.core.db.select().from(spools).where(eq(spools.transmissionId, tid)).orderBy(asc(spools.id))
      const gap = second!.timeSpool.getTime() - first!.timeEnd!.getTime()
      assert.ok(gap >= 990, `the retry waited the retry delay (1 s), got ${gap} ms`)
    })

    test('a spool without a gateway answer for the spool timeout fails with response "timeout", and so does its transmission', async () => {
      const tid = await w.id('/api/transmissions', { program_id: w.programs.voice, phone: '+15559000001' })
      const spoolId = await w.id(`/api/transmissions/${tid}/send`, undefined)
      const t = await until('the watchdog to time the spool out', () => w.get(`/transmissions/${tid}`), (t) => t.status === 'failed')
      assert.equal(t.response, 'timeout')
      const s = await w.get(`/spools/${spoolId}`)
      assert.deepEqual([s.status, s.response], ['failed', 'timeout'])
      assert.equal(typeof s.time_end, 'number')
      assert.deepEqual(await w.results(tid), ['error/error=timeout'])
    })
  })
}
