import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'
import { createScratchPostgresDatabase, TEST_DATABASES } from '../helpers/database.ts'

const drizzleDir = fileURLToPath(new URL('../../drizzle', import.meta.url))

/** A copy of the migrations folder holding only the migrations up to `lastTag`. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'))
  mkdirSync(join(dir, 'meta'))
  const journal = JSON.parse(readFileSync(join(drizzleDir, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  const last = journal.entries.findIndex((e) => e.tag === lastTag)
  assert.ok(last >= 0, lastTag)
  journal.entries = journal.entries.slice(0, last + 1)
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal))
  for (const e of journal.entries) copyFileSync(join(drizzleDir, `${e.tag}.sql`), join(dir, `${e.tag}.sql`))
  return dir
}

type Row = Record<string, unknown>

// Issue 12: migration 0008 gives existing accounts of customers' users their customer, and existing
// member phones and allocated tracking numbers their accounts.
for (const kind of TEST_DATABASES) {
  describe(`migration 0008, accounts of customers (${kind})`, () => {
    let database: Database
    let drop = async () => {}
    let folder: string
    before(async () => {
      folder = migrationsUpTo('0007_customer_country_name')
      if (kind === 'pglite') {
        database = await openDatabase({ dataDir: null })
        await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder })
      } else {
        const scratch = await createScratchPostgresDatabase()
        drop = scratch.drop
        database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 })
        await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder })
      }
    })
    after(async () => {
      await database.close()
      await drop()
      rmSync(folder, { recursive: true, force: true })
    })

    const rows = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)) as unknown as { rows: Row[] }).rows

    test('backfills customer_id, member phone accounts and the DIDs of allocated numbers', async () => {
      // Rows as 0007 left them: a member with a login (10), a Delacon company without one (11), a second member with
      // the first one's phone (12), a staff user of no customer (21), one allocated and one free tracking number.
      for (const statement of [
        sql`insert into resellers (id, name, username) values (1, 'R', 'r-0008')`,
        sql`insert into customers (id, tenant_id, name) values (10, 1, 'Member Co'), (11, 1, 'Company Co'), (12, 1, 'Second Member')`,
        sql`insert into users (id, tenant_id, customer_id, username, password_hash) values (20, 1, 10, 'm@example.com', 'x'), (21, 1, null, 'staff', 'x'), (22, 1, 12, 'n@example.com', 'x')`,
        sql`insert into accounts (id, tenant_id, user_id, type, username) values (30, 1, 20, 'account', 'm@example.com'), (31, 1, 21, 'account', 'staff')`,
        sql`insert into click_to_call_members (customer_id, tenant_id, activation_id) values (10, 1, 'A'), (11, 1, 'B'), (12, 1, 'C')`,
        sql`insert into member_phones (id, tenant_id, customer_id, number, name, is_default)
          values (40, 1, 10, '+61290000001', 'Default', true), (41, 1, 11, '+61290000002', 'Default', true), (42, 1, 12, '+61290000001', 'Default', true)`,
        sql`insert into number_pools (id, region, number_type) values (50, 'Australia', '1300')`,
        sql`insert into call_tracking_companies (customer_id, tenant_id, termination_number, pool_id, region, number_type) values (11, 1, '+61290000002', 50, 'Australia', '1300')`,
        sql`insert into tracking_numbers (id, tenant_id, pool_id, number, state, customer_id, allocated_at)
          values (60, null, 50, '1300000001', 'allocated', 11, now()), (61, null, 50, '1300000002', 'free', null, null)`,
      ]) await database.db.execute(statement)

      await migrate(database)

      assert.deepEqual(await rows(sql`select id, customer_id from accounts where id in (30, 31) order by id`), [{ id: 30, customer_id: 10 }, { id: 31, customer_id: null }])
      assert.deepEqual(await rows(sql`select p.id, a.tenant_id, a.customer_id, a.user_id, a.type, a.username, a.phone
          from member_phones p join accounts a on a.id = p.account_id order by p.id`), [
        { id: 40, tenant_id: 1, customer_id: 10, user_id: 20, type: 'account', username: null, phone: '+61290000001' },
        { id: 41, tenant_id: 1, customer_id: 11, user_id: null, type: 'account', username: null, phone: '+61290000002' },
        { id: 42, tenant_id: 1, customer_id: 12, user_id: 22, type: 'account', username: null, phone: '+61290000001' },
      ])
      assert.deepEqual(await rows(sql`select t.id, a.tenant_id, a.customer_id, a.user_id, a.type, a.username, a.phone
          from tracking_numbers t left join accounts a on a.id = t.account_id order by t.id`), [
        { id: 60, tenant_id: 1, customer_id: 11, user_id: null, type: 'did', username: '1300000001', phone: '1300000001' },
        { id: 61, tenant_id: null, customer_id: null, user_id: null, type: null, username: null, phone: null },
      ])
      assert.deepEqual(await rows(sql`select is_nullable from information_schema.columns where table_name = 'member_phones' and column_name = 'account_id'`), [{ is_nullable: 'NO' }])
    })
  })
}
