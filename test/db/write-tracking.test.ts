import assert from 'node:assert/strict'
import { eq, sql } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { ChangeListener } from '../../src/db/change-notify.ts'
import { tableWrittenBy } from '../../src/db/write-feed.ts'
import { resellers } from '../../src/db/schema.ts'
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'

describe('which table a statement writes', () => {
  test('drizzle inserts, updates and deletes name their table; reads name none', () => {
    assert.equal(tableWrittenBy('insert into "users" ("a") values ($1)'), 'users')
    assert.equal(tableWrittenBy('update "api_keys" set "last_used_at" = $1 where "id" = $2'), 'api_keys')
    assert.equal(tableWrittenBy('delete from "contacts" where "id" = $1'), 'contacts')
    assert.equal(tableWrittenBy('select "id" from "users" where "id" = $1'), null)
    assert.equal(tableWrittenBy('begin'), null)
    assert.equal(tableWrittenBy("select pg_advisory_lock(1)"), null)
  })

  test('a select that locks rows (for update, for share, skip locked) writes nothing', () => {
    assert.equal(tableWrittenBy(`select id from transmissions where status = 'pending' order by id limit $1 for update skip locked`), null)
    assert.equal(tableWrittenBy('select c.id from campaigns c where c.status = $1 limit 20 for update of c skip locked'), null)
    assert.equal(tableWrittenBy('select "id" from "users" where "id" = $1 for no key update'), null)
    assert.equal(tableWrittenBy('select "id" from "users" for share nowait'), null)
    assert.equal(tableWrittenBy('select "id" from "users" for key share'), null)
  })

  test('statements it cannot name count as writes of anything', () => {
    assert.equal(tableWrittenBy('alter table "users" add column x int'), '*')
    assert.equal(tableWrittenBy('with x as (delete from "a" returning *) select * from x'), '*')
  })
})

for (const kind of TEST_DATABASES) {
  describe(`committed writes are reported (${kind})`, () => {
    let database: Database
    const seen: string[][] = []
    before(async () => {
      database = await openTestDatabase(kind)
      database.writes.subscribe((t) => seen.push([...t]))
    })
    after(async () => { await database.close() })

    test('an autocommit write is reported when it returns', async () => {
      seen.length = 0
      await database.db.insert(resellers).values({ name: 'W', username: `w${Date.now() % 1e6}` })
      assert.deepEqual(seen, [['resellers']])
    })

    test('a transaction reports its tables at commit, a rolled-back one reports nothing', async () => {
      seen.length = 0
      await database.db.transaction(async (tx) => {
        await tx.insert(resellers).values({ name: 'T', username: `t${Date.now() % 1e6}` })
        assert.deepEqual(seen, [], 'nothing before commit')
      })
      assert.deepEqual(seen, [['resellers']])
      seen.length = 0
      await assert.rejects(database.db.transaction(async (tx) => {
        await tx.update(resellers).set({ name: 'X' }).where(eq(resellers.id, -1))
        throw new Error('abort')
      }))
      assert.deepEqual(seen, [])
    })
  })
}

if (TEST_DATABASES.includes('postgres')) {
  describe('change notices between processes (postgres)', () => {
    test('a write through another connection pool is announced to listeners', async () => {
      const database = await openTestDatabase('postgres')
      const url = database.pool!.options.connectionString!
      const other = await openDatabase({ databaseUrl: url, poolSize: 2 })
      const heard: string[] = []
      let up = false
      const listener = new ChangeListener(url, (t) => heard.push(t), (u) => { up = u })
      try {
        await listener.start()
        assert.equal(up, true)
        await other.db.execute(sql`insert into resellers (name, username) values ('N', ${`n${Date.now() % 1e6}`})`)
        await until('the listener to hear of the write to resellers', () => [...heard], (tables) => tables.includes('resellers'), { timeoutMs: 5000, intervalMs: 10 })
      } finally {
        await listener.stop()
        await other.close()
        await database.close()
      }
    })
  })
}

describe('cascading foreign keys', () => {
  test('a write to a parent table counts for the tables its deletes cascade to', async () => {
    const { withCascades } = await import('../../src/db/cascades.ts')
    const roles = withCascades(['roles'])
    assert.ok(roles.includes('user_roles') && roles.includes('role_permissions'))
    assert.ok(withCascades(['resellers']).includes('users'))
    assert.deepEqual(withCascades(['revoked_tokens']), ['revoked_tokens'])
  })
})
