import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Actor } from '../../../src/core/actor.ts'
import { createGroup, exportGroupCsv, getCsvImportReport, getGroup, importGroupCsv, spreadsheetSafe } from '../../../src/core/contacts/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

async function* chunks(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size)
}

async function exported(app: TestApp, actor: Actor, group: number): Promise<string> {
  let out = ''
  for await (const part of await exportGroupCsv(app.core, actor, group)) out += part
  return out
}

for (const kind of TEST_DATABASES) {
  describe(`Group CSV import in core: chunking, batches, rollback (${kind})`, () => {
    let app: TestApp
    let alice: Actor
    before(async () => {
      app = await startTestApp(kind)
      alice = await actorForUser(app.core, (await app.user(null)).id)
    })
    after(async () => { await app.stop() })

    test('a body cut into 1- and 7-byte chunks imports exactly as the same body in one chunk', async () => {
      const body = Buffer.concat([
        Buffer.from('\uFEFFphone,first\r\n923001000001, "Ann ""A"" Lee" ,x\r\n\r\n"923001000002","multi\r\nline"\n'),
        Buffer.from('923001000003,Jos'), Buffer.from([0xe9]), Buffer.from(',Zoë 日本 😀\nbad\n,nameless\n923001000004,a,b,not-an-email\n'),
        Buffer.from('923001000005,a,b,c@d.ef,e,f,g,h,i,,\n923001000006,a,b,c@d.ef,e,f,g,h,i,extra\n923001000007,"open\nrest'),
      ])
      const results = []
      for (const size of [body.length, 7, 1]) {
        const g = await createGroup(app.core, alice, { name: `chunks ${size}` })
        const { groupId, createdAt, ...report } = await importGroupCsv(app.core, alice, g, chunks(body, size))
        assert.equal(groupId, g)
        assert.ok(createdAt instanceof Date)
        results.push({ report, csv: await exported(app, alice, g), total: (await getGroup(app.core, alice, g)).contactTotal })
      }
      assert.deepEqual(results[1], results[0])
      assert.deepEqual(results[2], results[0])
      assert.deepEqual(results[0]!.report, {
        recordTotal: 9, contactCreated: 4, errorTotal: 5, errors: [
          { line: 7, reason: 'phone_invalid', data: 'bad' },
          { line: 8, reason: 'phone_missing', data: ',nameless' },
          { line: 9, reason: 'email_invalid', data: '923001000004,a,b,not-an-email' },
          { line: 11, reason: 'column_count', data: '923001000006,a,b,c@d.ef,e,f,g,h,i,extra' },
          { line: 12, reason: 'quote_error', data: '923001000007,"open\nrest' },
        ],
      })
      assert.equal(results[0]!.total, 4)
      assert.equal(results[0]!.csv, [
        '"923001000001","""Ann ""A"" Lee""","x","","","","","",""',
        '"923001000002","multi\r\nline","","","","","","",""',
        '"923001000003","José","Zoë 日本 😀","","","","","",""',
        '"923001000005","a","b","c@d.ef","e","f","g","h","i"',
      ].join('\n') + '\n')
    })

    test('an import larger than one batch (by rows and by text) writes every contact in order, contact_total in step', async () => {
      const g = await createGroup(app.core, alice, { name: 'batches' })
      const long = 'd'.repeat(1000)
      const lines = Array.from({ length: 12_001 }, (_, i) => `92${String(i).padStart(9, '0')},F${i},,,,,,,${i % 2 ? '' : long}`)
      const report = await importGroupCsv(app.core, alice, g, chunks(Buffer.from(lines.join('\n')), 65_536))
      assert.deepEqual([report.recordTotal, report.contactCreated, report.errorTotal], [12_001, 12_001, 0])
      assert.equal((await getGroup(app.core, alice, g)).contactTotal, 12_001)
      const out = (await exported(app, alice, g)).split('\n')
      assert.equal(out.length, 12_002)
      assert.equal(out[0], `"92000000000","F0","","","","","","","${long}"`)
      assert.equal(out[11_999], '"92000011999","F11999","","","","","","",""')
      assert.equal(out[12_000], `"92000012000","F12000","","","","","","","${long}"`)
      assert.deepEqual((await getCsvImportReport(app.core, alice, g)).errors, [])
    })

    test('a source that fails after batches were written rolls the whole import back', async () => {
      const g = await createGroup(app.core, alice, { name: 'aborted' })
      const rows = Buffer.from(Array.from({ length: 12_000 }, (_, i) => `92${String(i).padStart(9, '0')}\n`).join(''))
      async function* failing(): AsyncGenerator<Buffer> {
        yield* chunks(rows, 8192)
        throw new Error('upload aborted')
      }
      await assert.rejects(importGroupCsv(app.core, alice, g, failing()), /upload aborted/)
      assert.equal((await getGroup(app.core, alice, g)).contactTotal, 0)
      assert.equal(await exported(app, alice, g), '')
      await assert.rejects(getCsvImportReport(app.core, alice, g), { kind: 'not_found' })
    })
  })
}

describe('spreadsheet-safe export cells (#13 finding 7)', () => {
  test('a cell starting with = + - @, tab or CR gets a leading quote unless it is a number or phone number', () => {
    for (const v of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) assert.equal(spreadsheetSafe(v), `'${v}`)
    for (const v of ['+15551234567', '+1 (555) 010-0100', '-7.5', '42', 'plain', 'a=b', '']) assert.equal(spreadsheetSafe(v), v)
  })
})
