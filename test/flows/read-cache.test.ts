import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { insertUser } from '../../src/core/users/index.ts'
import { testConfig, testLogger } from '../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

// Hot reads are served from a per-process cache; a change made through another process (another
// API server on the same PostgreSQL database) must show in the next reads, within moments.
if (TEST_DATABASES.includes('postgres')) {
  describe('cached reads stay exact across processes (postgres)', () => {
    test('a user renamed through one server reads renamed through the other', async () => {
      const database = await openTestDatabase('postgres')
      const second = await openDatabase({ databaseUrl: database.pool!.options.connectionString!, poolSize: 4 })
      const config = testConfig()
      const a = await buildApp({ config, database, logger: testLogger() })
      const b = await buildApp({ config, database: second, logger: testLogger() })
      try {
        await insertUser(a.core.db, null, { username: 'root2', password: 'secret12', roles: ['admin', 'user'] })
        const target = await insertUser(a.core.db, null, { username: 'reader', password: 'secret12', firstName: 'Before' })
        const auth = basic('root2', 'secret12')
        const read = async () => (await a.http.inject({ method: 'GET', url: `/api/users/${target.id}`, headers: { authorization: auth } })).json().first_name
        assert.equal(await read(), 'Before')
        assert.equal(await read(), 'Before')
        const put = await b.http.inject({ method: 'PUT', url: `/api/users/${target.id}`, headers: { authorization: auth, 'content-type': 'application/json' }, payload: '{"first_name":"After"}' })
        assert.equal(put.statusCode, 200)
        assert.equal(await until('the rename to show through the other server', read, (name) => name === 'After', { timeoutMs: 5000, intervalMs: 10 }), 'After')
      } finally {
        await b.stop()
        await a.stop()
        await second.close()
        await database.close()
      }
    })
  })
}

for (const kind of TEST_DATABASES) {
  describe(`cached reads within one process (${kind})`, () => {
    test('a change is visible to the very next read', async () => {
      const database = await openTestDatabase(kind)
      const app = await buildApp({ config: testConfig(), database, logger: testLogger() })
      try {
        await insertUser(app.core.db, null, { username: 'root3', password: 'secret12', roles: ['admin', 'user'] })
        const auth = basic('root3', 'secret12')
        for (let i = 0; i < 5; i++) {
          const put = await app.http.inject({ method: 'PUT', url: '/api/users/1', headers: { authorization: auth, 'content-type': 'application/json' }, payload: JSON.stringify({ first_name: `N${i}` }) })
          assert.equal(put.statusCode, 200)
          const get = await app.http.inject({ method: 'GET', url: '/api/users/1', headers: { authorization: auth } })
          assert.equal(get.json().first_name, `N${i}`)
        }
      } finally {
        await app.stop()
        await database.close()
      }
    })
  })
}
