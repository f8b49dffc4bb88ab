import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import pino from 'pino'
import { buildApp } from '../../../src/app.ts'
import { openDatabase } from '../../../src/db/client.ts'
import { insertUser } from '../../../src/core/users/index.ts'
import { testConfig } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

// Issue 13 finding 3: failures counted by one process lock the credential in every process on the database.

for (const kind of TEST_DATABASES) {
  describe(`login limits are shared by processes on one database (${kind})`, () => {
    test('failures through one server lock the login in the other, even where its right password was cached', async () => {
      const database = await openTestDatabase(kind)
      const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.pool!.options.connectionString!, poolSize: 4 }) : database
      // One secret key for both, as every process on a database must share it (docs/decisions.md).
      const config = testConfig({ limits: { ...testConfig().limits, loginMaxFailures: 3, loginLockBaseSeconds: 30 } })
      const a = await buildApp({ config, database, logger: pino({ level: 'silent' }) })
      const b = await buildApp({ config, database: second, logger: pino({ level: 'silent' }) })
      try {
        await insertUser(a.core.db, null, { username: 'shared', password: 'secret12' })
        const login = (app: typeof a, password: string, remoteAddress: string) =>
          app.http.inject({ method: 'POST', url: '/api/authenticate', remoteAddress, payload: { username: 'shared', password } })
        assert.equal((await login(b, 'secret12', '192.0.2.70')).statusCode, 200, 'b has verified and cached the password')
        for (let i = 0; i < 3; i++) assert.equal((await login(a, `wrong-${i}`, `192.0.2.${71 + i}`)).statusCode, 401)
        await until('the other server to refuse the locked login', async () => (await login(b, 'secret12', '192.0.2.80')).statusCode, (s) => s === 429, { timeoutMs: 5000, intervalMs: 20 })
      } finally {
        await b.stop()
        await a.stop()
        if (second !== database) await second.close()
        await database.close()
      }
    })
  })
}
