import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import type { Database } from '../../../src/db/client.ts'
import { TextColumns } from '../../../src/core/contacts/csv-batch.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'

/** The rows of two text[] parameters as the database reads them. */
async function unnested(database: Database, a: string, b: string): Promise<[string | null, string | null][]> {
  const res = await database.db.execute(sql`select x, y from unnest(${a}::text[], ${b}::text[]) as r(x, y)`)
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { x: string | null; y: string | null }[]
  return rows.map((r) => [r.x, r.y])
}

const AWKWARD = ['plain', '', 'with "quotes"', 'back\\slash \\n not a newline', 'line\r\nbreak\ttab\u0001\u001f', 'NULL', 'null', '{a,b}', ' spaced ', 'José 日本 😀 \u2028']

for (const kind of TEST_DATABASES) {
  describe(`CSV import batches as text[] literals (${kind})`, () => {
    let database: Database
    before(async () => { database = await openTestDatabase(kind) })
    after(async () => { await database.close() })

    test('every value, NULL and awkward text comes back from unnest exactly, across seals', async () => {
      const columns = new TextColumns(2)
      const expected: [string | null, string | null][] = []
      for (const [i, v] of AWKWARD.entries()) {
        const row: [string | null, string | null] = [v, i % 3 ? null : `#${i}`]
        columns.add(row)
        expected.push(row)
        if (i % 4 === 3) columns.seal()
      }
      assert.equal(columns.rows, AWKWARD.length)
      const [a, b] = columns.take()
      assert.deepEqual(await unnested(database, a!, b!), expected)
      assert.equal(columns.rows, 0)
      assert.equal(columns.bytes, 0)
    })

    test('a batch larger than the buffers it starts with is kept whole, and the next batch starts empty', async () => {
      const columns = new TextColumns(2)
      const long = 'x'.repeat(70_000)
      for (let i = 0; i < 3; i++) { columns.add([`${i}${long}`, String(i)]); columns.seal() }
      assert.ok(columns.bytes > 3 * 70_000)
      const [a, b] = columns.take()
      assert.deepEqual(await unnested(database, a!, b!), [[`0${long}`, '0'], [`1${long}`, '1'], [`2${long}`, '2']])
      columns.add(['again', null])
      const [c, d] = columns.take()
      assert.deepEqual(await unnested(database, c!, d!), [['again', null]])
    })
  })
}
