import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Who = { id: number; username: string; password: string }
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const SAMPLE = '"923330000000","Valid","Contact","email@domain.com","street address","custome 1","custome 2","custome 3","any comments will be here"\n' +
  '"923331111111","First2","Last2","other@domain.com","street address","custome value 1","custome value 2","custome value 3",""\n'

for (const kind of TEST_DATABASES) {
  describe(`ICTCore group CSV import, export, report and sample, spec §8 (${kind})`, () => {
    let app: TestApp
    let alice: Who
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    let upload: (group: number, body: string | Buffer, type?: string | null) => Promise<LightMyRequestResponse>
    const newGroup = async () => (await call('POST', '/api/groups', { name: 'CSV' })).json() as number
    before(async () => {
      // A small CSV limit so the 413 path is cheap to reach.
      app = await startTestApp(kind, { csvMaxBytes: 2_000_000 })
      alice = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      upload = (group, body, type = 'text/csv') => app.http.inject({
        method: 'POST', url: `/api/groups/${group}/csv`, payload: body, headers: { ...basic(alice), ...(type === null ? {} : { 'content-type': type }) },
      })
    })
    after(async () => { await app.stop() })

    test('GET /groups/sample/csv is exactly the two sample lines as an attachment', async () => {
      const res = await call('GET', '/api/groups/sample/csv')
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(res.headers['content-disposition'], 'attachment; filename="contact_sample.csv"')
      assert.equal(res.body, SAMPLE)
    })

    test('the sample imports cleanly and exports back byte for byte', async () => {
      const g = await newGroup()
      const res = await upload(g, SAMPLE)
      assert.equal(res.statusCode, 200)
      assert.equal(res.json(), g)
      const out = await call('GET', `/api/groups/${g}/csv`)
      assert.equal(out.headers['content-type'], 'text/csv; charset=utf-8')
      assert.equal(out.headers['content-disposition'], `attachment; filename="group_${g}.csv"`)
      assert.equal(out.body, SAMPLE.replace(',""\n', ',""\n'))
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 2)
    })

    test('RFC 4180 records with BOM, CRLF, quotes, trimming, 1-9 columns, a phone header and blank lines; invalid records reported by physical line', async () => {
      const g = await newGroup()
      const body = '\uFEFFPhone,First\r\n' + // 1 header
        ' 923001234567 , Ann ,Lee\r\n' + // 2
        '\r\n' + // 3 blank
        '"923007654321","Bo ""B"" Smith","multi\r\nline",bo@example.com\r\n' + // 4-5
        '12\n' + // 6 phone_invalid
        ',Nameless\n' + // 7 phone_missing
        '923000000001,,,not-an-email\n' + // 8 email_invalid
        '923000000002,a,b,c@d.ef,e,f,g,h,i,,,\n' + // 9 ok, trailing empty columns ignored
        '923000000003,a,b,c@d.ef,e,f,g,h,i,extra\n' + // 10 column_count
        '+92 (300) 000-0004\n' + // 11 one column
        '   \n' + // 12 blank
        '923000000005,"unterminated\nstill\n' // 13-15 quote_error
      assert.equal((await upload(g, body)).json(), g)
      const report = (await call('GET', `/api/groups/${g}/csv/report`)).json()
      assert.deepEqual(Object.keys(report).sort(), ['contact_created', 'date_created', 'error_total', 'errors', 'group_id', 'record_total'])
      assert.equal(report.group_id, g)
      assert.equal(typeof report.date_created, 'number')
      assert.deepEqual(report.errors, [
        { line: 6, reason: 'phone_invalid', data: '12' },
        { line: 7, reason: 'phone_missing', data: ',Nameless' },
        { line: 8, reason: 'email_invalid', data: '923000000001,,,not-an-email' },
        { line: 10, reason: 'column_count', data: '923000000002,a,b,c@d.ef,e,f,g,h,i,extra'.replace('02', '03') },
        { line: 13, reason: 'quote_error', data: '923000000005,"unterminated\nstill' },
      ])
      assert.equal(report.record_total, 9)
      assert.equal(report.contact_created, 4)
      assert.equal(report.error_total, 5)
      const contacts = (await call('GET', `/api/groups/${g}/contacts`)).json() as Record<string, unknown>[]
      assert.deepEqual(contacts.map((c) => [c.phone, c.first_name, c.last_name, c.email, c.description]), [
        ['923001234567', 'Ann', 'Lee', null, null],
        ['923007654321', 'Bo "B" Smith', 'multi\r\nline', 'bo@example.com', null],
        ['923000000002', 'a', 'b', 'c@d.ef', 'i'],
        ['+923000000004', null, null, null, null],
      ])
      assert.ok(contacts.every((c) => c.user_id === alice.id))
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 4)
      const out = (await call('GET', `/api/groups/${g}/csv`)).body
      assert.equal(out.split('\n')[1], '"923007654321","Bo ""B"" Smith","multi\r')
      assert.ok(out.startsWith('"923001234567","Ann","Lee","","","","","",""\n'))
      assert.ok(out.endsWith('"+923000000004","","","","","","","",""\n'))
    })

    test('text after a closing quote stays part of the field (relaxed quotes); physical lines stay exact after quoted line breaks', async () => {
      const g = await newGroup()
      assert.equal((await upload(g, '923000000010,ok\n923000000011,"closed" tail,x\r\n"923000000012","two\r\nlines"\nbad\n')).json(), g)
      const report = (await call('GET', `/api/groups/${g}/csv/report`)).json()
      assert.deepEqual(report.errors, [{ line: 5, reason: 'phone_invalid', data: 'bad' }])
      assert.deepEqual([report.record_total, report.contact_created, report.error_total], [4, 3, 1])
      const contacts = (await call('GET', `/api/groups/${g}/contacts`)).json() as { phone: string; first_name: string }[]
      assert.deepEqual(contacts.map((c) => [c.phone, c.first_name]), [['923000000010', 'ok'], ['923000000011', '"closed" tail'], ['923000000012', 'two\r\nlines']])
    })

    test('invalid UTF-8 is read as Windows-1252; valid UTF-8 stays as it is', async () => {
      const g = await newGroup()
      const body = Buffer.concat([Buffer.from('923001112223,Jos'), Buffer.from([0xe9]), Buffer.from(',M'), Buffer.from([0x80]), Buffer.from('ller\n923001112224,Zoë,Ñandú\n')])
      assert.equal((await upload(g, body, 'application/vnd.ms-excel')).json(), g)
      const contacts = (await call('GET', `/api/groups/${g}/contacts`)).json() as { first_name: string; last_name: string }[]
      assert.deepEqual(contacts.map((c) => [c.first_name, c.last_name]), [['José', 'M€ller'], ['Zoë', 'Ñandú']])
    })

    test('a NUL byte in one record makes that record invalid and the rest are imported (#13 finding 6)', async () => {
      const g = await newGroup()
      const res = await upload(g, Buffer.from('923001000011,Ann\n923001000012,B\u0000b\n923001000013,Cy\n'), null)
      assert.equal(res.statusCode, 200, res.body)
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 2)
      const report = (await call('GET', `/api/groups/${g}/csv/report`)).json()
      assert.deepEqual([report.record_total, report.contact_created, report.error_total], [3, 2, 1])
      assert.equal(report.errors[0].line, 2)
      assert.equal(report.errors[0].reason, 'field_invalid')
    })

    test('a second import adds to the group and replaces the report', async () => {
      const g = await newGroup()
      await upload(g, '923001000001\n923001000002\n')
      await upload(g, '923001000003\nbad\n', null)
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 3)
      const report = (await call('GET', `/api/groups/${g}/csv/report`)).json()
      assert.deepEqual([report.record_total, report.contact_created, report.error_total], [2, 1, 1])
    })

    test('multipart/form-data uses its first file part', async () => {
      const g = await newGroup()
      const b = 'XyZboundary'
      const body = `--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\n999999999\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n923005550001,First\r\n923005550002,Second\r\n` +
        `\r\n--${b}\r\nContent-Disposition: form-data; name="other"; filename="d.csv"\r\n\r\n923009999999\r\n--${b}--\r\n`
      assert.equal((await upload(g, body, `multipart/form-data; boundary=${b}`)).json(), g)
      const contacts = (await call('GET', `/api/groups/${g}/contacts`)).json() as { phone: string }[]
      assert.deepEqual(contacts.map((c) => c.phone), ['923005550001', '923005550002'])
      const noFile = `--${b}\r\nContent-Disposition: form-data; name="x"\r\n\r\n923009999999\r\n--${b}--\r\n`
      assert.deepEqual((await upload(g, noFile, `multipart/form-data; boundary=${b}`)).json(), { error: { code: 411, message: 'Empty upload' } })
    })

    test('empty uploads are 411, other types 415, bodies over the limit 413 with nothing written', async () => {
      const g = await newGroup()
      const EMPTY = { error: { code: 411, message: 'Empty upload' } }
      assert.deepEqual((await upload(g, '', 'text/csv')).json(), EMPTY)
      assert.deepEqual((await upload(g, '', null)).json(), EMPTY)
      assert.equal((await upload(g, '', null)).statusCode, 411)
      const unsupported = await upload(g, '{"a":1}', 'application/json')
      assert.equal(unsupported.statusCode, 415)
      assert.deepEqual(unsupported.json(), { error: { code: 415, message: 'Unsupported media type' } })
      assert.equal((await upload(g, '923001234567\n', 'text/plain; charset=utf-8')).statusCode, 200)
      const big = '923001234567,Some Name,Other Name,someone@example.com\n'.repeat(45_000)
      const tooLarge = await upload(g, big, 'text/csv')
      assert.equal(tooLarge.statusCode, 413)
      assert.deepEqual(tooLarge.json(), { error: { code: 413, message: 'Request entity too large' } })
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 1, 'the refused import wrote nothing')
      assert.deepEqual((await call('GET', '/api/groups/999999/csv/report')).json(), { error: { code: 404, message: 'Group not found' } })
      const fresh = await newGroup()
      assert.deepEqual((await call('GET', `/api/groups/${fresh}/csv/report`)).json(), { error: { code: 404, message: 'Import report not found' } })
      assert.equal((await call('GET', `/api/groups/${fresh}/csv`)).body, '')
    })

    test('export defuses cells a spreadsheet would run as formulas; numbers and phone numbers stay as they are (#13 finding 7)', async () => {
      const g = await newGroup()
      await upload(g, '+923001000021,=cmd|\'/c calc\'!A1,@SUM(A1),someone@example.com,"\tTabbed",-2+3,+1 (555) 010,-7.5\n')
      const exported = (await call('GET', `/api/groups/${g}/csv`)).body
      assert.equal(exported, '"+923001000021","\'=cmd|\'/c calc\'!A1","\'@SUM(A1)","someone@example.com","Tabbed","\'-2+3","+1 (555) 010","-7.5",""\n')
    })

    test('20,000 lines import in batches, keep their order and export again', async () => {
      const g = await newGroup()
      const lines: string[] = []
      for (let i = 0; i < 20_000; i++) lines.push(`9230${String(i).padStart(8, '0')},First ${i},Last ${i},u${i}@example.com,Street ${i}`)
      lines[12_345] = 'not a phone'
      const started = Date.now()
      assert.equal((await upload(g, lines.join('\n') + '\n')).json(), g)
      const took = Date.now() - started
      const report = (await call('GET', `/api/groups/${g}/csv/report`)).json()
      assert.deepEqual([report.record_total, report.contact_created, report.error_total], [20_000, 19_999, 1])
      assert.deepEqual(report.errors, [{ line: 12_346, reason: 'phone_invalid', data: 'not a phone' }])
      assert.equal((await call('GET', `/api/groups/${g}`)).json().contact_total, 19_999)
      const out = (await call('GET', `/api/groups/${g}/csv`)).body.split('\n')
      assert.equal(out.length, 20_000)
      assert.equal(out[0], '"923000000000","First 0","Last 0","u0@example.com","Street 0","","","",""')
      assert.equal(out[19_998], '"923000019999","First 19999","Last 19999","u19999@example.com","Street 19999","","","",""')
      assert.ok(took < 30_000, `import took ${took} ms`)
    })
  })
}
